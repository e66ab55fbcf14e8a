/**
 * How the code model's symbols and characters are shown to the reader. The model reads and writes
 * bytes, and much of code is white space, so nothing it weighs may be shown as blank:
 *
 *  - newline "↵", tab "⇥", space "␣"; other control characters as their Unicode control picture
 *    (U+2400 + code, "␀" … "␟"; DEL "␡");
 *  - a byte of 0x80 or more, which is only part of a character (a leading byte such as 0xE2 of
 *    "→", or a continuation byte), as its hex value, "0xE2";
 *  - FILE_START, the mark the model reads before a file's first byte, as "␂" (start of text).
 */
import { FILE_START } from './code-bytes';

/** What FILE_START looks like wherever the page shows the symbols the model read. */
export const FILE_START_LABEL = '␂';

const NAMED: Record<number, string> = { 0x0a: '↵', 0x09: '⇥', 0x20: '␣', 0x7f: '␡' };

/** A character (one code point) made visible: white space and control characters get their picture. */
export function visibleChar(char: string): string {
  const code = char.codePointAt(0) ?? 0;
  if (code in NAMED) return NAMED[code];
  if (code < 0x20) return String.fromCodePoint(0x2400 + code);
  return char;
}

/** One byte as the model weighed it: ASCII visibly, any other byte as hex. */
export function byteLabel(byte: number): string {
  if (byte < 0x80) return visibleChar(String.fromCharCode(byte));
  return `0x${byte.toString(16).toUpperCase().padStart(2, '0')}`;
}

/** One symbol the model read: a byte, or the file-start mark. */
export function symbolLabel(symbol: number): string {
  return symbol === FILE_START ? FILE_START_LABEL : byteLabel(symbol);
}
