// The domain answers with message codes; tests that hold the English wording read them through the en-US catalog.
import type { Message } from '../../src/meetings/message';
import { translator } from '../../src/i18n/translate';

export const en = translator('en-US');

export type English<T> = T extends Message
  ? string
  : T extends readonly (infer U)[]
    ? English<U>[]
    : T extends object
      ? { [K in keyof T]: English<T[K]> }
      : T;

function isMessage(value: unknown): value is Message {
  return typeof value === 'object' && value !== null && typeof (value as { key?: unknown }).key === 'string' && Object.keys(value).every((k) => k === 'key' || k === 'params');
}

/** `value` with every message in it (however deep) replaced by its English text. */
export function english<T>(value: T): English<T> {
  if (isMessage(value)) return en(value) as English<T>;
  if (Array.isArray(value)) return value.map(english) as English<T>;
  if (typeof value === 'object' && value !== null && Object.getPrototypeOf(value) === Object.prototype) {
    return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, english(v)])) as English<T>;
  }
  return value as English<T>;
}
