// SHA-256 of ids and keys derived from other ids (never of secrets kept for checking): Node's one-shot
// crypto.hash, which costs about half of createHash().update().digest() and is called several times a turn.
import { hash } from 'node:crypto';

export function sha256(text: string): Buffer {
  return hash('sha256', text, 'buffer');
}

export function sha256Base64Url(text: string): string {
  return hash('sha256', text, 'base64url');
}
