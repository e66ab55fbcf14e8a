/**
 * The gate a reader's file passes before it is parsed: a size limit checked on the file's stated
 * size (so a 50 MB file is refused without reading it) and a look at its first bytes (so a photo
 * or a spreadsheet in binary form gets a sentence, not a page of garbage in a column menu).
 * Works on any Blob, so it runs the same in the browser and in Node's tests.
 */

/** 5,000 days of even a wide CSV fit in far less; anything bigger is not a daily series. */
export const MAX_FILE_BYTES = 10 * 1024 * 1024;
/** How much of the file is looked at for binary content. */
const SNIFF_BYTES = 64 * 1024;

export type TextResult = { ok: true; text: string } | { ok: false; message: string };

function megabytes(bytes: number): string {
  return (bytes / (1024 * 1024)).toFixed(bytes < 10 * 1024 * 1024 ? 1 : 0);
}

export function sizeProblem(bytes: number): string | null {
  if (bytes === 0) return 'The file is empty.';
  if (bytes > MAX_FILE_BYTES) {
    return `The file is ${megabytes(bytes)} MB; the limit is ${megabytes(MAX_FILE_BYTES)} MB. A daily series of up to 5,000 days is far smaller: export just the date and count columns.`;
  }
  return null;
}

/**
 * True when the bytes are not text: a NUL byte, bytes that are not UTF-8, or many control
 * characters. The last three bytes are left out of the UTF-8 check: the sample may cut a character.
 */
export function looksBinary(sample: Uint8Array): boolean {
  if (sample.includes(0)) return true;
  try {
    new TextDecoder('utf-8', { fatal: true }).decode(sample.subarray(0, Math.max(0, sample.length - 3)));
  } catch {
    return true;
  }
  let control = 0;
  for (const b of sample) if (b < 32 && b !== 9 && b !== 10 && b !== 13 && b !== 12) control++;
  return control > sample.length * 0.01;
}

const BINARY_MESSAGE =
  'This file is not text (it looks like an image, a spreadsheet workbook or another binary format). Save it as CSV or TSV and try again.';

/** The file's text, or a message saying why it was not read. */
export async function readTextFile(file: Blob): Promise<TextResult> {
  const tooBig = sizeProblem(file.size);
  if (tooBig) return { ok: false, message: tooBig };
  const head = new Uint8Array(await file.slice(0, SNIFF_BYTES).arrayBuffer());
  // Spreadsheets' "Unicode text" export is UTF-16 with a byte-order mark: text, though full of NUL bytes.
  const utf16 = head[0] === 0xff && head[1] === 0xfe ? 'utf-16le' : head[0] === 0xfe && head[1] === 0xff ? 'utf-16be' : null;
  if (utf16) return { ok: true, text: new TextDecoder(utf16).decode(await file.arrayBuffer()) };
  if (looksBinary(head)) return { ok: false, message: BINARY_MESSAGE };
  return { ok: true, text: await file.text() };
}

/** The same checks for pasted text (the paste box has no file size, but the same limit). */
export function pastedTextProblem(text: string): string | null {
  if (text.trim() === '') return 'Nothing was pasted: the box is empty.';
  if (text.length > MAX_FILE_BYTES) return sizeProblem(text.length);
  if (text.includes('\0')) return BINARY_MESSAGE;
  return null;
}
