// Chinese numerals and full-width forms, for reading typed Simplified Chinese.

const DIGITS: Record<string, number> = { 零: 0, 〇: 0, 一: 1, 二: 2, 两: 2, 三: 3, 四: 4, 五: 5, 六: 6, 七: 7, 八: 8, 九: 9 };

/** Digits or Chinese numerals ("45", "1.5", "二十", "十五", "两", "一百二十") as a number; undefined if neither. */
export function chineseNumber(raw: string): number | undefined {
  if (/^\d+(?:\.\d+)?$/.test(raw)) return Number(raw);
  if (raw === '') return undefined;
  let total = 0;
  let current = 0;
  for (const ch of raw) {
    if (ch in DIGITS) current = DIGITS[ch];
    else if (ch === '十') {
      total += (current || 1) * 10;
      current = 0;
    } else if (ch === '百') {
      total += (current || 1) * 100;
      current = 0;
    } else return undefined;
  }
  return total + current;
}

/** One Chinese numeral or a run of them, for use inside a regular expression. */
export const CHINESE_NUMERAL = '[零〇一二两三四五六七八九十百]';

/**
 * Full-width ASCII (０-９, Ａ-Ｚ, ：, －, …) and the ideographic space as their ASCII forms. Every
 * character maps to exactly one, so indexes into the result are indexes into the original.
 */
export function halfWidth(text: string): string {
  return text.replace(/[\uff01-\uff5e\u3000]/g, (ch) =>
    ch === '\u3000' ? ' ' : String.fromCharCode(ch.charCodeAt(0) - 0xfee0));
}
