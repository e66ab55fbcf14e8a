/**
 * The weakest baseline: every byte drawn on its own from the training bytes' frequencies, with
 * add-one (Laplace) smoothing over the 256 byte values, P(b) = (c(b) + 1) / (N + 256), so a byte the
 * training text never used still has a chance and the distribution sums to one.
 */
import { BYTE_VOCAB } from './code-bytes';

export class Unigram {
  readonly probabilities = new Float64Array(BYTE_VOCAB);
  private readonly bits = new Float64Array(BYTE_VOCAB);

  constructor(files: Uint8Array[]) {
    const counts = new Float64Array(BYTE_VOCAB);
    let total = 0;
    for (const bytes of files) {
      for (let i = 0; i < bytes.length; i++) counts[bytes[i]]++;
      total += bytes.length;
    }
    for (let b = 0; b < BYTE_VOCAB; b++) {
      this.probabilities[b] = (counts[b] + 1) / (total + BYTE_VOCAB);
      this.bits[b] = -Math.log2(this.probabilities[b]);
    }
  }

  /** Bits (−log₂ P) of every byte of a file, summed. */
  fileBits(bytes: Uint8Array): number {
    let sum = 0;
    for (let i = 0; i < bytes.length; i++) sum += this.bits[bytes[i]];
    return sum;
  }
}
