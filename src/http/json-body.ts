// Reads the JSON body of a request to /api/messages: its bytes up to a limit, then JSON.parse, nothing else.
//
// In place of restify's bodyReader and jsonBodyParser, which together do more than an activity needs (gzip, MD5
// digests, multipart hand-offs) and start every request with the deprecated `new Buffer(0)`: Node answers that by
// walking the stack to see who called it, for each of a process's first 10,000 requests, which cost more CPU than
// parsing a Teams activity.
import type { Next, Request, RequestHandler, Response } from 'restify';

/** How a request is refused before its turn: an answer with this status and error text (the caller logs it). */
export type RefuseBody = (req: Request, res: Response, next: Next, status: 400 | 413 | 415, error: string) => void;

/** The refusal of a body over the limit, whether its Content-Length says so or its bytes do. */
export function bodyTooLarge(maxBytes: number): string {
  return `Request body is larger than ${maxBytes} bytes`;
}

/**
 * A restify handler that sets `req.body` to the parsed JSON (left undefined for an empty body). A body larger than
 * `maxBytes` is refused with 413 once it has arrived, without keeping more than `maxBytes` of it; one that isn't
 * JSON with 400. Content-Type and Content-Encoding were checked before (server.ts).
 */
export function readJsonBody(maxBytes: number, refuse: RefuseBody): RequestHandler {
  return (req: Request, res: Response, next: Next): void => {
    if (req.method !== 'POST') return next();
    const chunks: Buffer[] = [];
    let size = 0;
    req.on('data', (chunk: Buffer) => {
      size += chunk.length;
      if (size <= maxBytes) chunks.push(chunk);
    });
    // A sender that goes away mid-body gets no answer: nobody is left to read it.
    req.once('error', () => next(false));
    req.once('end', () => {
      if (size > maxBytes) return refuse(req, res, next, 413, bodyTooLarge(maxBytes));
      if (size === 0) return next();
      try {
        req.body = JSON.parse(Buffer.concat(chunks, size).toString('utf8'));
      } catch {
        return refuse(req, res, next, 400, 'The request body is not valid JSON');
      }
      return next();
    });
  };
}
