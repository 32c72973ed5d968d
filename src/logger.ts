// Structured JSON logs. Secrets and tokens are redacted by path; never log raw activities' auth data.
import pino, { type Logger } from 'pino';
import type { LogLevel } from './config';

export type { Logger };

export function createLogger(level: LogLevel): Logger {
  return pino({
    level,
    base: { service: 'meeting-bot' },
    redact: {
      paths: ['*.authorization', '*.Authorization', 'headers.authorization', 'token', '*.token', 'accessToken', '*.accessToken', 'password', '*.password'],
      censor: '[redacted]',
    },
  });
}
