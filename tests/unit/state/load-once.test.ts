import { describe, expect, it } from 'vitest';
import { loadOnce } from '$lib/state/load-once';

describe('a file loaded once per page', () => {
  it('shares the first load, and forgets a failed one so the next call tries again', async () => {
    let calls = 0;
    const load = loadOnce(async () => {
      calls++;
      if (calls === 1) throw new Error('offline');
      return calls;
    });
    await expect(load()).rejects.toThrow('offline');
    const [a, b] = await Promise.all([load(), load()]);
    expect([a, b, calls]).toEqual([2, 2, 2]);
    expect(await load()).toBe(2);
  });
});
