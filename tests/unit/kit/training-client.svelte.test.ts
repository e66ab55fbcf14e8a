import { afterEach, describe, expect, it, vi } from 'vitest';
import { TrainingLoop } from '$lib/workers/loop';
import type { Trainer } from '$lib/models/trainer';
import type { FromWorker, ToWorker } from '$lib/workers/protocol';
import type { TrainingWorker } from '$lib/workers/factories';

interface Config {
  start: number;
}
interface Snap {
  x: number;
}

/** Halves x each step and calls the run finished after one step, as a fit that converges at once. */
function halving(): Trainer<Config, Snap> {
  let x = 0;
  let steps = 0;
  return {
    reset(c) {
      x = c.start;
      steps = 0;
    },
    configure() {},
    step() {
      steps++;
      x /= 2;
      return x * x;
    },
    snapshot: () => ({ x }),
    finished: () => steps >= 1
  };
}

/**
 * A stand-in worker that runs the real TrainingLoop, with each reply delivered a task later, as a
 * worker's are: replies to commands sent before a reset are still on their way after it.
 */
class LoopWorker {
  onmessage: ((e: { data: FromWorker<Snap> }) => void) | null = null;
  onerror: unknown = null;
  onmessageerror: unknown = null;
  private readonly loop = new TrainingLoop(halving(), (m) => setTimeout(() => this.onmessage?.({ data: m }), 0), {
    defer: (fn) => setTimeout(fn, 0)
  });
  postMessage(msg: ToWorker<Config>) {
    this.loop.handle(structuredClone(msg));
  }
  terminate() {}
}

const settle = () => new Promise((r) => setTimeout(r, 5));

afterEach(() => vi.unstubAllGlobals());

describe('the training client', () => {
  it('drops what an earlier run sends after a reset: an old "finished" never ends the new run', async () => {
    const { TrainingClient } = await import('$lib/workers/client.svelte');
    const reports: number[] = []; // the snapshot's x at each report the client passes on
    const client = new TrainingClient<Config, Snap>(() => new LoopWorker() as unknown as TrainingWorker<Config, Snap>, { start: 8 }, () =>
      reports.push(client.snapshot?.x ?? NaN)
    );
    await settle();
    expect(client.snapshot?.x).toBe(8);

    client.stepBy(1); // the worker finishes this run and says so …
    client.reset({ start: 100 }); // … but the reader started another before the replies came back
    await settle();
    expect(client.snapshot?.x).toBe(100);
    expect(client.step).toBe(0);
    expect(client.message).toBe('');
    // Only the new run's reports reached the figure: the first run's reset, then the second's.
    expect(reports).toEqual([8, 100]);

    // The new run's own end is still heard.
    client.stepBy(1);
    await settle();
    expect(client.snapshot?.x).toBe(50);
    expect(client.message).toBe('Training finished.');
    expect(reports).toEqual([8, 100, 50, 50, 50]); // progress, stopped, progress (the loop's order)
    client.destroy();
  });
});
