import { afterEach, describe, expect, it, vi } from 'vitest';
import type { InspectReply, InspectRequest } from '$lib/workers/cnn-inspect-protocol';

/**
 * A stand-in for cnn-inspect.worker.ts: it answers `start` with ready and then the accuracy, and
 * `inspect` with probabilities, asynchronously, as a worker does. Every one made is kept.
 */
class FakeWorker {
  static made: FakeWorker[] = [];
  onmessage: ((e: { data: InspectReply }) => void) | null = null;
  onerror: unknown = null;
  onmessageerror: unknown = null;
  terminated = false;
  constructor() {
    FakeWorker.made.push(this);
  }
  private reply(data: InspectReply) {
    queueMicrotask(() => !this.terminated && this.onmessage?.({ data }));
  }
  postMessage(msg: InspectRequest) {
    if (msg.type === 'start') {
      this.reply({ type: 'ready', filters: new Float32Array(3) });
      this.reply({ type: 'accuracy', correct: 301, count: 400, predicted: new Uint8Array(400), rulesCorrect: 222 });
    } else if (msg.type === 'inspect') {
      this.reply({ type: 'inspection', id: msg.id, probabilities: new Float32Array([msg.pixels[0] / 255, 1 - msg.pixels[0] / 255]), maps: [], saliencyClass: 0, saliency: new Float32Array() });
    }
  }
  terminate() {
    this.terminated = true;
  }
}

const settle = () => new Promise((r) => setTimeout(r, 0));

/** The page's globals a worker's URL is made from (Vite writes it as new URL(…, self.location)). */
function stubPage() {
  vi.stubGlobal('Worker', FakeWorker);
  vi.stubGlobal('location', new URL('http://localhost/'));
  vi.stubGlobal('self', globalThis);
}

afterEach(() => {
  vi.unstubAllGlobals();
  vi.resetModules();
  FakeWorker.made = [];
});

describe('the one CNN inspector client', () => {
  it('keeps only the newest inspection, and a figure’s measurement answers the predictions without a second worker', async () => {
    stubPage();
    const { CnnInspector, testPhotoCounts } = await import('$lib/workers/cnn-inspector.svelte');
    const seen: number[] = [];
    const figure = new CnnInspector({ onInspection: (m) => seen.push(m.probabilities[0]) });
    expect(figure.start()).toBe(true);
    await settle();
    expect(figure.ready).toBe(true);
    expect(figure.accuracy?.correct).toBe(301);
    figure.inspect(new Uint8Array([51]), null);
    figure.inspect(new Uint8Array([102]), null); // the reader moved on: only this one is drawn
    await settle();
    expect(seen).toEqual([Math.fround(0.4)]);
    const counts = await testPhotoCounts();
    expect([counts.correct, counts.rulesCorrect, counts.count]).toEqual([301, 222, 400]);
    expect(FakeWorker.made.length).toBe(1);
  });

  it('with no figure yet, measures in a worker of its own and ends it once answered', async () => {
    stubPage();
    const { testPhotoCounts } = await import('$lib/workers/cnn-inspector.svelte');
    const counts = await testPhotoCounts();
    expect(counts.rulesCorrect).toBe(222);
    expect(FakeWorker.made.map((w) => w.terminated)).toEqual([true]);
  });
});
