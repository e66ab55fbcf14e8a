/**
 * The one runner for everything on the page that animates or trains on the main thread (issue 16):
 * play, pause, one step, speed and reset over a step function, so no figure owns a clock. Training
 * in a worker has the same controls (`RunControl`): there the step function runs in the worker's
 * TrainingLoop (workers/loop.ts, its clock a time slice) and TrainingClient is its control here, so
 * one set of buttons (PlayControls.svelte) drives either.
 *
 * The step function is given the seconds since the last frame (times the speed, and never more
 * than `maxFrameSeconds`, so a tab that was hidden for a minute does not jump a minute ahead) and
 * returns false when the run is over. A figure whose steps are discrete wraps its step in
 * `inSteps(rate, step)`. The clock is injectable: tests drive it by hand, never by waiting.
 */
import { prefersReducedMotion } from './motion';

export interface Clock {
  /** Ask for `frame(now)` on the next frame; returns a handle for cancel. */
  request(frame: (now: number) => void): number;
  cancel(handle: number): void;
}

export const animationFrames: Clock = {
  request: (frame) => requestAnimationFrame(frame),
  cancel: (handle) => cancelAnimationFrame(handle)
};

/** What a step function says after a frame: `false` ends the run (it reached its end, or it failed). */
export type StepResult = boolean | void;

export interface RunnerOptions {
  /** Advance by `seconds` of figure time. */
  step: (seconds: number) => StepResult;
  /** Back to the start (the Reset button). */
  reset?: () => void;
  /** For reduced motion: jump straight to where the run would end instead of animating there. */
  finish?: () => void;
  clock?: Clock;
  maxFrameSeconds?: number;
  /** One press of "Step"; by default one 60 Hz frame of `step`. A figure of whole steps makes one. */
  once?: () => void;
}

/** What the Play / Pause / Step / Reset buttons drive: a Runner here, or a TrainingClient's worker. */
export interface RunControl {
  readonly running: boolean;
  play(): void;
  pause(): void;
  /** One step while paused. */
  stepOnce(): void;
}

export class Runner implements RunControl {
  running = $state(false);
  /** Multiplies figure time: 2 plays twice as fast. */
  speed = $state(1);

  private readonly opts: Required<Omit<RunnerOptions, 'reset' | 'finish'>> & Pick<RunnerOptions, 'reset' | 'finish'>;
  private handle = 0;
  private last: number | null = null;

  constructor(opts: RunnerOptions) {
    this.opts = { clock: animationFrames, maxFrameSeconds: 0.1, once: () => void opts.step(1 / 60), ...opts };
  }

  play(): void {
    if (this.running) return;
    if (this.opts.finish && prefersReducedMotion()) {
      this.opts.finish();
      return;
    }
    this.running = true;
    this.last = null;
    this.handle = this.opts.clock.request(this.frame);
  }

  /** Play when the reader has not asked for less motion (a figure that animates itself into view). */
  autoplay(): void {
    if (!prefersReducedMotion()) this.play();
  }

  pause(): void {
    this.running = false;
    this.opts.clock.cancel(this.handle);
  }

  toggle(): void {
    if (this.running) this.pause();
    else this.play();
  }

  /** One step while paused (the Step button). */
  stepOnce(): void {
    this.pause();
    this.opts.once();
  }

  reset(): void {
    this.pause();
    this.opts.reset?.();
  }

  /** Stop for good (the figure is leaving the page). */
  dispose(): void {
    this.pause();
  }

  private frame = (now: number): void => {
    if (!this.running) return;
    const seconds = this.last === null ? 0 : Math.min(this.opts.maxFrameSeconds, (now - this.last) / 1000) * this.speed;
    this.last = now;
    if (seconds > 0 && this.opts.step(seconds) === false) {
      this.running = false;
      return;
    }
    if (this.running) this.handle = this.opts.clock.request(this.frame);
  };
}

/**
 * A step function for figures that move in whole steps: `rate` steps per second of figure time,
 * the remainder carried to the next frame. Stops (returns false) as soon as one step does.
 */
export function inSteps(rate: number, step: () => StepResult): (seconds: number) => StepResult {
  let owed = 0;
  return (seconds) => {
    owed += seconds * rate;
    const n = Math.floor(owed);
    owed -= n;
    for (let i = 0; i < n; i++) if (step() === false) return false;
  };
}
