/**
 * Frame rate from requestAnimationFrame: each interval between two frames is one frame's rate
 * (1000 / interval ms). Reported as the median and the 5th percentile (the slow frames).
 */
import type { Page } from 'playwright-core';

export interface Fps {
  median: number;
  p5: number;
  frames: number;
  /** The longest gap between two frames, ms. */
  worstMs: number;
}

export function fpsOf(intervals: number[]): Fps {
  const rates = intervals.filter((d) => d > 0).map((d) => 1000 / d).sort((a, b) => a - b);
  const at = (q: number) => rates[Math.min(rates.length - 1, Math.floor(q * rates.length))] ?? 0;
  return { median: at(0.5), p5: at(0.05), frames: rates.length, worstMs: Math.max(0, ...intervals) };
}

/** Frame intervals for `ms` milliseconds while the page does whatever it is doing. */
export async function watchFrames(page: Page, ms: number): Promise<Fps> {
  const intervals = await page.evaluate(
    (duration) =>
      new Promise<number[]>((resolve) => {
        const out: number[] = [];
        let last = -1;
        let t0 = -1;
        const tick = (t: number) => {
          if (t0 < 0) t0 = t;
          if (last >= 0) out.push(t - last);
          last = t;
          if (t - t0 < duration) requestAnimationFrame(tick);
          else resolve(out);
        };
        requestAnimationFrame(tick);
      }),
    ms
  );
  return fpsOf(intervals);
}

/**
 * Scroll the whole page top to bottom at a steady `speed` (px/s), as a reader flicking through,
 * and record every frame's interval on the way.
 */
export async function scrollFrames(page: Page, speed = 1500): Promise<Fps & { seconds: number }> {
  const { intervals, seconds } = await page.evaluate(
    (pxPerSecond) =>
      new Promise<{ intervals: number[]; seconds: number }>((resolve) => {
        window.scrollTo(0, 0);
        const out: number[] = [];
        let last = -1;
        let t0 = -1;
        const tick = (t: number) => {
          if (t0 < 0) t0 = t;
          if (last >= 0) out.push(t - last);
          last = t;
          const end = document.documentElement.scrollHeight - innerHeight;
          const y = Math.min(end, ((t - t0) / 1000) * pxPerSecond);
          window.scrollTo(0, y);
          if (y < end) requestAnimationFrame(tick);
          else resolve({ intervals: out, seconds: (t - t0) / 1000 });
        };
        requestAnimationFrame(tick);
      }),
    speed
  );
  return { ...fpsOf(intervals), seconds };
}
