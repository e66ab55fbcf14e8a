import { describe, expect, it } from 'vitest';
import { MAX_FILE_BYTES, looksBinary, pastedTextProblem, readTextFile } from '$lib/data/file-check';

describe('the file gate', () => {
  it('refuses a 50 MB file from its size alone, without reading it', async () => {
    let sliced = false;
    const huge = {
      size: 50 * 1024 * 1024,
      slice() {
        sliced = true;
        throw new Error('read');
      },
      text() {
        throw new Error('read');
      }
    } as unknown as Blob;
    const r = await readTextFile(huge);
    expect(r).toMatchObject({ ok: false, message: expect.stringMatching(/50 MB; the limit is 10 MB/) });
    expect(sliced).toBe(false);
  });

  it('refuses binary content (a PNG header, NUL bytes, invalid UTF-8) and an empty file', async () => {
    const png = new Uint8Array([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 13, 73, 72, 68, 82]);
    expect(await readTextFile(new Blob([png]))).toMatchObject({ ok: false, message: expect.stringMatching(/not text/) });
    expect(looksBinary(new Uint8Array([0xff, 0xfe, 0x41, 0x42, 0x43, 0x44]))).toBe(true);
    expect(await readTextFile(new Blob([]))).toMatchObject({ ok: false, message: 'The file is empty.' });
  });

  it('passes UTF-8 text through, accents included', async () => {
    const text = 'date,cas confirmés\n2020-03-01,4\n';
    expect(looksBinary(new TextEncoder().encode(text))).toBe(false);
    expect(await readTextFile(new Blob([text]))).toEqual({ ok: true, text });
  });

  it("reads a spreadsheet's UTF-16 text export (byte-order mark first)", async () => {
    const text = 'date\tcases\n2020-03-01\t4\n';
    const bytes = new Uint8Array(2 + text.length * 2);
    bytes.set([0xff, 0xfe]);
    for (let i = 0; i < text.length; i++) bytes[2 + 2 * i] = text.charCodeAt(i);
    const r = await readTextFile(new Blob([bytes]));
    expect(r.ok && r.text.replace(/^\uFEFF/, '')).toBe(text);
  });

  it('applies the same limits to pasted text', () => {
    expect(pastedTextProblem('   ')).toMatch(/empty/);
    expect(pastedTextProblem('x'.repeat(MAX_FILE_BYTES + 1))).toMatch(/limit/);
    expect(pastedTextProblem('date,cases\n')).toBeNull();
  });
});
