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

/**
 * Record every frame's interval: for `ms` milliseconds while the page does whatever it is doing, or,
 * with `scrollSpeed` (px/s), while scrolling the whole page top to bottom at that steady speed, as a
 * reader flicking through. One loop in the page for both, so the two measures count frames alike.
 */
async function recordFrames(page: Page, opts: { ms: number } | { scrollSpeed: number }): Promise<Fps & { seconds: number }> {
  const { intervals, seconds } = await page.evaluate(
    ({ ms, scrollSpeed }) =>
      new Promise<{ intervals: number[]; seconds: number }>((resolve) => {
        if (scrollSpeed) window.scrollTo(0, 0);
        const out: number[] = [];
        let last = -1;
        let t0 = -1;
        const tick = (t: number) => {
          if (t0 < 0) t0 = t;
          if (last >= 0) out.push(t - last);
          last = t;
          let more = t - t0 < ms;
          if (scrollSpeed) {
            const end = document.documentElement.scrollHeight - innerHeight;
            const y = Math.min(end, ((t - t0) / 1000) * scrollSpeed);
            window.scrollTo(0, y);
            more = y < end;
          }
          if (more) requestAnimationFrame(tick);
          else resolve({ intervals: out, seconds: (t - t0) / 1000 });
        };
        requestAnimationFrame(tick);
      }),
    { ms: 'ms' in opts ? opts.ms : 0, scrollSpeed: 'scrollSpeed' in opts ? opts.scrollSpeed : 0 }
  );
  return { ...fpsOf(intervals), seconds };
}

/** Frame intervals for `ms` milliseconds while the page does whatever it is doing. */
export async function watchFrames(page: Page, ms: number): Promise<Fps> {
  const { seconds: _seconds, ...fps } = await recordFrames(page, { ms });
  return fps;
}

/** Scroll the whole page top to bottom at a steady `speed` (px/s) and record every frame on the way. */
export function scrollFrames(page: Page, speed = 1500): Promise<Fps & { seconds: number }> {
  return recordFrames(page, { scrollSpeed: speed });
}
