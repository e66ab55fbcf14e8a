/**
 * UTF-8 read one byte at a time, as the code writer needs it: the model writes a byte, and the
 * writer must know whether a character is complete, needs more bytes, or can never be one.
 * The rules are those of the Unicode standard (§3.9, table 3-7) and of the WHATWG decoder that
 * TextDecoder follows: no overlong forms, no surrogates, nothing above U+10FFFF.
 */

/** How many continuation bytes follow this leading byte, or null when it cannot start a character. */
export function continuationCount(lead: number): number | null {
  if (lead < 0x80) return 0;
  if (lead >= 0xc2 && lead <= 0xdf) return 1;
  if (lead >= 0xe0 && lead <= 0xef) return 2;
  if (lead >= 0xf0 && lead <= 0xf4) return 3;
  return null; // a continuation byte, an overlong lead (0xC0, 0xC1), or beyond U+10FFFF (0xF5 …)
}

/**
 * Whether `byte` may stand at place `index` (1, 2 or 3) of a character that `lead` began. The
 * second byte's range is narrower after four leads, which would otherwise spell overlong forms
 * (E0, F0), surrogates (ED) or code points above U+10FFFF (F4).
 */
export function acceptsContinuation(lead: number, index: number, byte: number): boolean {
  let lo = 0x80, hi = 0xbf;
  if (index === 1) {
    if (lead === 0xe0) lo = 0xa0;
    else if (lead === 0xed) hi = 0x9f;
    else if (lead === 0xf0) lo = 0x90;
    else if (lead === 0xf4) hi = 0x8f;
  }
  return byte >= lo && byte <= hi;
}

/** The code point of a complete, valid sequence (as the two functions above accepted it). */
export function codePointOf(bytes: readonly number[]): number {
  if (bytes.length === 1) return bytes[0];
  let cp = bytes[0] & (0x7f >> bytes.length);
  for (let i = 1; i < bytes.length; i++) cp = (cp << 6) | (bytes[i] & 0x3f);
  return cp;
}

/** What an invalid sequence is written as. */
export const REPLACEMENT_CHARACTER = '\uFFFD';
