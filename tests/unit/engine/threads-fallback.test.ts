/**
 * Where threads are not allowed, startThreads resolves to 1 and the engine carries on alone: a page's
 * main thread (Atomics.wait is forbidden there; a `document` stands for it here) and a page that is
 * not cross-origin isolated. Each case gets a fresh copy of the module (the pool is per realm).
 */
import { afterEach, describe, expect, it, vi } from 'vitest';

afterEach(() => {
  vi.unstubAllGlobals();
  vi.resetModules();
});

async function freshThreads() {
  vi.resetModules();
  return import('../../../src/lib/engine/threads');
}

describe('startThreads falls back to one thread', () => {
  it('on a page\'s main thread', async () => {
    vi.stubGlobal('document', {});
    const { startThreads, threadCount } = await freshThreads();
    expect(await startThreads(2)).toBe(1);
    expect(threadCount()).toBe(1);
  });

  it('without cross-origin isolation', async () => {
    vi.stubGlobal('crossOriginIsolated', false);
    const { startThreads, threadCount } = await freshThreads();
    expect(await startThreads(2)).toBe(1);
    expect(threadCount()).toBe(1);
  });

  it('when asked for one', async () => {
    const { startThreads } = await freshThreads();
    expect(await startThreads(1)).toBe(1);
  });

  it('and otherwise starts what it was asked for (the check above can fail)', async () => {
    const { startThreads, threadCount } = await freshThreads();
    expect(await startThreads(2)).toBe(2);
    expect(threadCount()).toBe(2);
  });
});
