/**
 * Figure 10's two learners as they play: one PerceptronVsLogistic run (the compute, in
 * $lib/models/perceptron), stepped one example at a time by hand or by the page's one Runner, and
 * what the page draws of it: the lines as shown (tweened at slow speeds unless motion is reduced),
 * a thinned error history for the chart, and a counter that tells the page the run has moved.
 */
import { Tween } from 'svelte/motion';
import { Runner, type RunControl } from '$lib/ui/runner.svelte';
import { prefersReducedMotion } from '$lib/ui/motion';
import type { LabelledPoint, Weights } from '$lib/models/perceptron/perceptron';
import { PerceptronVsLogistic, type HistoryPoint } from '$lib/models/perceptron/perceptron-vs-logistic';
import { snapshotOf, type RunSnapshot } from '$lib/models/perceptron/run-snapshot';

const ZERO: Weights = [0, 0, 0];

export class LearnersPlay implements RunControl {
  /** The run itself is a plain object; `tick` tells the page when it has moved. */
  run: PerceptronVsLogistic = $state.raw(null as unknown as PerceptronVsLogistic);
  tick = $state(0);
  /** The run as the page shows it, read again whenever it moves. */
  readonly view: RunSnapshot = $derived.by(() => {
    void this.tick;
    return snapshotOf(this.run);
  });
  /** What the error chart draws: at most ~400 points, refreshed a few times a second while playing. */
  chartHistory: HistoryPoint[] = $state.raw([]);
  readonly perceptronShown = new Tween<number[]>([...ZERO]);
  readonly logisticShown = new Tween<number[]>([...ZERO]);
  readonly runner: Runner;
  readonly running: boolean = $derived.by(() => this.runner.running);

  private readonly speed: () => number;
  private readonly reduced = prefersReducedMotion();
  private chartDrawnAt = 0;
  private drawnAt = 0;
  /** Examples owed to the clock while playing. */
  private budget = 0;

  constructor(points: LabelledPoint[], eta: number, speed: () => number) {
    this.speed = speed;
    this.run = new PerceptronVsLogistic(points, eta);
    this.chartHistory = this.run.history.slice();
    this.runner = new Runner({ step: (seconds) => this.playFor(seconds), once: () => this.stepOnce() });
  }

  /** Both learners from w = 0 on these points (after any change of points or of η). */
  restart(points: LabelledPoint[], eta: number): void {
    this.pause();
    this.run = new PerceptronVsLogistic(points, eta);
    this.perceptronShown.set([...ZERO], { duration: 0 });
    this.logisticShown.set([...ZERO], { duration: 0 });
    this.tick++;
    this.refreshChart(true);
  }

  stepOnce(): void {
    this.run.step();
    this.afterSteps();
  }

  /** The rest of the current epoch, at once. */
  stepEpoch(): void {
    const n = this.run.points.length;
    if (n === 0) return;
    const left = n - (this.run.perceptron.seen % n);
    for (let i = 0; i < left; i++) this.run.step();
    this.afterSteps();
  }

  play(): void {
    if (this.running || this.run.points.length === 0) return;
    this.budget = 1; // the first example shows at once
    this.runner.play();
  }

  pause(): void {
    const was = this.running;
    this.runner.pause();
    if (was) this.afterSteps();
  }

  private refreshChart(now = false): void {
    const t = performance.now();
    if (!now && t - this.chartDrawnAt < 250) return;
    this.chartDrawnAt = t;
    const h = this.run.history;
    const every = Math.ceil(h.length / 400);
    this.chartHistory = every <= 1 ? h.slice() : h.filter((_, i) => i % every === 0 || i === h.length - 1);
  }

  /**
   * After steps: move the drawn lines (animated at slow speeds unless motion is reduced) and let the
   * page redraw. At high speeds the page redraws about 20 times a second, not on every frame: the
   * eye cannot follow more, and painting two planes each frame would crowd the main thread.
   */
  private afterSteps(force = true): void {
    const now = performance.now();
    const speed = this.speed();
    if (!force && speed > 20 && now - this.drawnAt < 50) return;
    this.drawnAt = now;
    const duration = this.reduced || speed > 20 ? 0 : Math.min(260, 700 / speed);
    this.perceptronShown.set([...this.run.perceptron.w], { duration });
    this.logisticShown.set([...this.run.logistic.weights], { duration });
    this.tick++;
    this.refreshChart(!this.running);
  }

  /** Steps owed for `seconds` of play, at most 6 ms of them per frame; false once the perceptron converges. */
  private playFor(seconds: number): boolean {
    const run = this.run;
    this.budget += seconds * this.speed();
    const wasConverged = run.perceptron.converged;
    const started = performance.now();
    let stepped = false;
    while (this.budget >= 1 && performance.now() - started < 6) {
      run.step();
      this.budget -= 1;
      stepped = true;
      if (!wasConverged && run.perceptron.converged) break;
    }
    if (this.budget > 5) this.budget = 0; // a slow frame does not queue a burst
    if (!wasConverged && run.perceptron.converged) {
      this.afterSteps();
      return false;
    }
    if (stepped) this.afterSteps(false);
    return true;
  }
}
