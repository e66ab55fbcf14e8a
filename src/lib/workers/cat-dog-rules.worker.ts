/**
 * Figure 7a's worker: runs every hand-written detector on every test photo (about a second of
 * work, too long for the main thread) and sends back the measurements. Re-weighting the votes is
 * cheap, so the figure does that itself when a slider moves.
 */
import { PIXELS_PER_IMAGE } from '$lib/data/cats-dogs';
import { RULES } from '$lib/models/rules/cat-dog-rules';
import type { RulesReply, RulesRequest } from './cat-dog-rules-protocol';

const scope = globalThis as unknown as { postMessage(m: RulesReply, transfer?: Transferable[]): void; onmessage: ((e: MessageEvent) => void) | null };

scope.onmessage = (e: MessageEvent<RulesRequest>) => {
  const { images, count } = e.data;
  const measurements = new Float32Array(count * RULES.length);
  for (let i = 0; i < count; i++) {
    const pixels = images.subarray(i * PIXELS_PER_IMAGE, (i + 1) * PIXELS_PER_IMAGE);
    RULES.forEach((rule, k) => (measurements[i * RULES.length + k] = rule.detector(pixels)));
  }
  scope.postMessage({ measurements }, [measurements.buffer]);
};
