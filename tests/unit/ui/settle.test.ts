import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { settler } from '../../../src/lib/ui/settle';

const SETTLE = 1200;
const MAX_WAIT = 8000;

describe('settler (the figure frame’s polite description)', () => {
  beforeEach(() => vi.useFakeTimers());
  afterEach(() => vi.useRealTimers());

  it('commits only the newest value, once pushes have rested for the settle time', () => {
    const commits: string[] = [];
    const push = settler<string>(SETTLE, MAX_WAIT, (v) => commits.push(v));
    push('a');
    vi.advanceTimersByTime(500);
    push('b');
    vi.advanceTimersByTime(SETTLE - 1);
    expect(commits).toEqual([]);
    vi.advanceTimersByTime(1);
    expect(commits).toEqual(['b']);
    vi.advanceTimersByTime(60_000);
    expect(commits).toEqual(['b']);
  });

  it('still commits, about once per max wait, when pushes never rest', () => {
    const commits: number[] = [];
    const push = settler<number>(SETTLE, MAX_WAIT, (v) => commits.push(v));
    // A training figure describing itself every 50 ms for 30 s.
    for (let t = 0; t < 30_000; t += 50) {
      push(t);
      vi.advanceTimersByTime(50);
    }
    expect(commits.length).toBe(Math.floor(30_000 / MAX_WAIT));
    // Each commit is the value pushed at that moment, not a stale one; the wait restarts with the
    // first push after a commit, so commits drift by at most one push interval each.
    commits.forEach((t, i) => {
      expect(t).toBeGreaterThanOrEqual((i + 1) * MAX_WAIT);
      expect(t).toBeLessThanOrEqual((i + 1) * (MAX_WAIT + 50));
    });
    // When the run stops, the last value follows after the settle time.
    vi.advanceTimersByTime(SETTLE);
    expect(commits.at(-1)).toBe(30_000 - 50);
  });
});
