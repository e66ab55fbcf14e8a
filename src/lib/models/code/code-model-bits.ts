/**
 * Bits per character of the code transformer, measured as the baselines are (code-baselines.ts):
 * a file is read from FILE_START, every byte's bits are −log₂ of the probability the model gave it,
 * and the sum is divided by the file's characters.
 *
 * A file longer than the context is read in overlapping windows: the first window scores its
 * every byte; each later window starts `stride` bytes after the previous one ended minus the
 * context, and scores only the bytes the previous windows did not, so every byte after the first
 * window is predicted from at least context − stride symbols before it.
 */
import { FILE_START } from './code-bytes';
import { read, type CodeTransformer } from './code-transformer';

/** −log₂ P of byte `target` from one row of logits (log-sum-exp, stable). */
export function rowBits(logits: Float32Array, offset: number, n: number, target: number): number {
  let m = -Infinity;
  for (let j = 0; j < n; j++) m = Math.max(m, logits[offset + j]);
  let s = 0;
  for (let j = 0; j < n; j++) s += Math.exp(logits[offset + j] - m);
  return (m + Math.log(s) - logits[offset + target]) / Math.LN2;
}

/** The bits of every byte of a file, summed. */
export function fileBits(m: CodeTransformer, bytes: Uint8Array, stride = m.config.context >> 1): number {
  const T = m.config.context, n = bytes.length;
  if (!(stride >= 1 && stride <= T)) throw new Error(`stride ${stride} not in 1…${T}`);
  let bits = 0;
  // Symbol k of the file is FILE_START for k = 0, else byte k − 1; byte k is predicted at symbol k.
  for (let counted = 0, start = 0; counted < n; start = Math.max(0, counted + stride - T)) {
    const end = Math.min(start + T, n);
    const inputs = new Int32Array(end - start);
    for (let k = start; k < end; k++) inputs[k - start] = k === 0 ? FILE_START : bytes[k - 1];
    const logits = read(m, inputs).logits.data;
    for (let k = counted; k < end; k++) bits += rowBits(logits, (k - start) * 256, 256, bytes[k]);
    counted = end;
  }
  return bits;
}
