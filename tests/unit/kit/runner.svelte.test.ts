import { afterEach, describe, expect, it, vi } from 'vitest';
import { Runner, inSteps, type Clock } from '$lib/ui/runner.svelte';

/** A clock the test turns by hand: `tick(ms)` runs the one waiting frame at now + ms. */
function manualClock() {
  let now = 1000;
  let waiting: ((t: number) => void) | null = null;
  const clock: Clock = {
    request: (f) => {
      waiting = f;
      return 1;
    },
    cancel: () => {
      waiting = null;
    }
  };
  return {
    clock,
    tick(ms: number) {
      now += ms;
      const f = waiting;
      waiting = null;
      f?.(now);
    },
    get waiting() {
      return waiting !== null;
    }
  };
}

afterEach(() => vi.unstubAllGlobals());

describe('Runner', () => {
  it('hands the step the seconds between frames, times the speed, capped after a long gap', () => {
    const m = manualClock();
    const seen: number[] = [];
    const r = new Runner({ step: (s) => void seen.push(s), clock: m.clock, maxFrameSeconds: 0.1 });
    r.play();
    expect(r.running).toBe(true);
    m.tick(16); // the first frame only sets the time
    m.tick(20);
    r.speed = 2;
    m.tick(30);
    m.tick(60_000); // the tab was hidden for a minute
    expect(seen.map((s) => +s.toFixed(6))).toEqual([0.02, 0.06, 0.2]);
  });

  it('pauses, steps once while paused, stops when the step says the run is over, and resets', () => {
    const m = manualClock();
    let t = 0;
    let resets = 0;
    const r = new Runner({ step: (s) => (t += s) < 0.05, clock: m.clock, reset: () => ((t = 0), resets++) });
    r.play();
    m.tick(0);
    m.tick(20);
    r.pause();
    expect(m.waiting).toBe(false);
    m.tick(20);
    expect(t).toBeCloseTo(0.02);
    r.stepOnce();
    expect(t).toBeCloseTo(0.02 + 1 / 60);
    r.play();
    m.tick(0);
    m.tick(40); // passes 0.05: the run is over
    expect(r.running).toBe(false);
    expect(m.waiting).toBe(false);
    r.reset();
    expect([t, resets]).toEqual([0, 1]);
  });

  it('under reduced motion jumps to the end instead of animating, and never autoplays', () => {
    vi.stubGlobal('matchMedia', (q: string) => ({ matches: q.includes('reduce') }));
    const m = manualClock();
    let finished = 0;
    const r = new Runner({ step: () => {}, finish: () => void finished++, clock: m.clock });
    r.autoplay();
    expect([r.running, finished]).toEqual([false, 0]);
    r.play();
    expect([r.running, finished, m.waiting]).toEqual([false, 1, false]);
  });
});

describe('inSteps', () => {
  it('makes `rate` whole steps per second of figure time, carrying the remainder', () => {
    let n = 0;
    const step = inSteps(5, () => void n++);
    for (let i = 0; i < 60; i++) step(1 / 60);
    expect(n).toBe(5);
    step(0.3);
    expect(n).toBe(6); // 1.5 owed: one step now, half carried
    step(0.1);
    expect(n).toBe(7);
  });

  it('stops as soon as one step says so', () => {
    let n = 0;
    const step = inSteps(100, () => ++n < 3);
    expect(step(1)).toBe(false);
    expect(n).toBe(3);
  });
});
