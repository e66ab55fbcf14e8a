/**
 * Figure 2c's fitting session: the dials' two paths over the loss landscape, gradient descent in
 * the worker, and the record of completed fits. The component draws; this decides what happens.
 *
 * The pace of a fit is set here, by the worker's own replies: each progress message asks, a moment
 * later, for the next few steps, so the worker never runs ahead of what the page can draw. That is
 * plain code listening to the worker, not an effect: no clock of the figure's own.
 */
import { TrainingClient } from '$lib/workers/client.svelte';
import { Runner, inSteps } from '$lib/ui/runner.svelte';
import type { TrainingWorker } from '$lib/workers/factories';
import { formatCount, formatFixed } from '$lib/ui/format';
import type { Controls } from '$lib/ui/controls.svelte';
import type { DailySeries } from '$lib/data/daily-series';
import type { FitWindow, LossSurface, SirFitParams } from '$lib/models/sir/sir-fit';
import type { SirFitConfig, SirFitSnapshot } from '$lib/models/sir/sir-fit-trainer';
import { windowOf, type FitControlSpecs } from './fit-controls';
import { fitted } from '$lib/state/fitted-sir.svelte';

/**
 * Adam steps per request, and requests a second (each sent only once the worker has answered the
 * last): about 240 steps and 20 redraws a second, slow enough to watch and light on the main thread.
 */
export const STEPS_PER_REQUEST = 12;
export const REQUESTS_PER_SECOND = 20;

/** One completed fit in this window: the record of what different ρ lead to. */
export interface FitRecord {
  rho: number;
  held: boolean;
  loss: number;
  r0: number;
}

type Path = [number, number][];

export class FitSession {
  client = $state<TrainingClient<SirFitConfig, SirFitSnapshot> | null>(null);
  handPath = $state.raw<Path>([]);
  gdPath = $state.raw<Path>([]);
  fitting = $state(false);
  status = $state('');
  /** Steps the last gradient-descent run took (kept when the reader takes the dials back). */
  fitSteps = $state(0);
  fits = $state.raw<FitRecord[]>([]);
  /** The worker sends the landscape only when it changes; this is the latest. */
  surface = $state.raw<LossSurface | null>(null);
  /** Set while a fit runs with ρ held at the surveys' value, so its end can say what it found. */
  private surveyRun = false;

  /** The dials as the model takes them (the sliders hold i0 and ρ as log10). */
  get params(): SirFitParams {
    const v = this.controls.values;
    return { beta: v.beta, gamma: v.gamma, i0: Math.pow(10, v.i0), rho: Math.pow(10, v.rho) };
  }
  /** The fit window the two window sliders name. */
  get window(): FitWindow {
    return windowOf(this.controls.values.from, this.controls.values.to);
  }

  private refresh: ReturnType<typeof setTimeout> | undefined;
  /**
   * The fit's pace, on the page's one runner: at most REQUESTS_PER_SECOND requests of a few steps,
   * each only once the worker has answered the last (so a slow worker is never flooded, and the
   * reader sees the dials move rather than jump to the end).
   */
  private readonly pacer = new Runner({ step: inSteps(REQUESTS_PER_SECOND, () => this.ask()) });
  /** A step request has gone to the worker and its report has not come back yet. */
  private asked = false;

  constructor(
    private readonly controls: Controls<FitControlSpecs>,
    private readonly series: DailySeries
  ) {
    this.handPath = [[controls.values.beta, controls.values.gamma]];
  }

  private config(): SirFitConfig {
    // New York's worker already holds New York's data; a reader's series travels with the run.
    const own = this.series.custom ? { series: { values: this.series.values, population: this.series.population } } : {};
    return { start: { ...this.params }, window: { ...this.window }, holdRho: this.controls.values.hold, ...own };
  }

  /** Start the worker (once the figure is on the page). Returns the function that ends it. */
  connect(makeWorker: () => TrainingWorker<SirFitConfig, SirFitSnapshot>): () => void {
    this.client = new TrainingClient<SirFitConfig, SirFitSnapshot>(makeWorker, this.config(), () => this.heard());
    return () => {
      // A step request or a landscape redraw still waiting would otherwise talk to a closed worker.
      this.pacer.dispose();
      clearTimeout(this.refresh);
      this.client?.destroy();
    };
  }

  /** The worker reported on the current run (or died): follow a running fit, ask for its next steps, or end it. */
  private heard() {
    const client = this.client;
    if (!client) return;
    this.asked = false;
    const snap = client.snapshot;
    if (snap?.surface) this.surface = snap.surface;
    if (client.crashed) {
      // A worker that died mid-fit sends nothing more: stop waiting for it (WorkerFault says why).
      if (this.fitting) {
        this.halt();
        this.status = '';
      }
      return;
    }
    if (!snap || !this.fitting) return; // the client reports only the current run: never the last run's snapshot
    this.follow(snap, client.step);
    if (!client.message && !client.failed) {
      this.pacer.play(); // the runner asks for the next steps (it is playing already after the first report)
      return;
    }
    this.halt();
    if (!client.failed) this.record(snap);
    this.status = client.failed
      ? client.message
      : snap.converged
        ? `Converged after ${formatCount(client.step)} steps: the loss fell by less than 0.01% over the last 200.`
        : `Stopped after ${formatCount(client.step)} steps.`;
    if (this.surveyRun && !client.failed) this.status += ` With ρ held at the surveys’ value, R₀ is ${formatFixed(snap.params.beta / snap.params.gamma, 2)}.`;
    this.surveyRun = false;
  }

  /** The dials and the descent's path follow the worker. */
  private follow(snap: SirFitSnapshot, step: number) {
    const v = this.controls.values;
    v.beta = snap.params.beta;
    v.gamma = snap.params.gamma;
    v.i0 = Math.log10(snap.params.i0);
    v.rho = Math.log10(snap.params.rho);
    this.gdPath = Array.from({ length: snap.path.length / 2 }, (_, i) => [snap.path[2 * i], snap.path[2 * i + 1]] as [number, number]);
    this.fitSteps = step;
  }

  /** A completed fit: other figures take it up, and the table keeps it. */
  private record(snap: SirFitSnapshot) {
    fitted.params = { ...snap.params };
    fitted.window = { ...this.window };
    fitted.seriesId = this.series.id;
    fitted.population = this.series.population;
    const r0 = snap.params.beta / snap.params.gamma;
    this.fits = [...this.fits, { rho: snap.params.rho, held: this.controls.values.hold, loss: snap.loss, r0 }].slice(-6);
  }

  /** One request of the paced fit, unless the last one is still unanswered. */
  private ask() {
    if (this.asked || !this.fitting || !this.client) return;
    this.asked = true;
    this.client.stepBy(STEPS_PER_REQUEST);
  }

  private halt() {
    this.fitting = false;
    this.pacer.pause();
  }

  /** Redraw the landscape for the dials once they rest. */
  private redrawSoon(ms: number) {
    clearTimeout(this.refresh);
    this.refresh = setTimeout(() => this.client?.reset(this.config()), ms);
  }

  /** A dial moved by the reader: gradient descent (if running) stops, the hand path grows. */
  handMoved() {
    if (this.fitting) this.stopFit();
    const { beta, gamma } = this.controls.values;
    const last = this.handPath.at(-1);
    if (!last || last[0] !== beta || last[1] !== gamma) this.handPath = [...this.handPath, [beta, gamma] as [number, number]].slice(-600);
    this.status = '';
    this.redrawSoon(200);
  }

  startFit() {
    if (!this.client) return;
    clearTimeout(this.refresh);
    this.fitSteps = 0;
    this.gdPath = [[this.params.beta, this.params.gamma]];
    this.status = 'Gradient descent is running from your setting…';
    this.fitting = true;
    this.asked = false;
    this.client.reset(this.config()); // its progress message starts the stepping
  }

  stopFit() {
    this.halt();
    this.surveyRun = false;
    if (this.status.startsWith('Gradient descent is running')) this.status = 'Paused. Press Fit to go on from here, or move a dial.';
  }

  /** Fit again with ρ held at `rho` (where the model meets the antibody surveys). */
  holdAt(rho: number) {
    if (this.fitting) return;
    this.controls.values.rho = Math.log10(rho);
    this.controls.values.hold = true;
    this.surveyRun = true;
    this.startFit();
  }

  /** The window moved (a slider or the chart's brush): a new landscape, so both paths start again. */
  windowMoved() {
    if (this.fitting) this.stopFit();
    this.handPath = [[this.params.beta, this.params.gamma]];
    this.gdPath = [];
    this.fitSteps = 0;
    this.fits = [];
    this.status = '';
    this.redrawSoon(150);
  }

  /** Everything but the chart's scale back to where the figure opened. */
  reset() {
    this.stopFit();
    const v = this.controls.values;
    const log = v.log;
    this.controls.reset();
    v.log = log;
    this.handPath = [[v.beta, v.gamma]];
    this.gdPath = [];
    this.fitSteps = 0;
    this.fits = [];
    this.status = '';
    this.client?.reset(this.config());
  }
}
