/**
 * The /bench page's worker: the engine's three benchmark workloads on the reader's device, and,
 * when asked, the same workloads in TF.js and jax-js (loaded here, on demand, never by the lecture).
 * Every side is built from the same data and initial weights (workloads.ts); their losses at those
 * weights must agree before anything is timed, then they run alternating rounds of the same
 * number of steps (measure.ts). One request per worker: the page starts a fresh worker per run.
 */
import { engineTrainer } from '$lib/models/bench/engine';
import { WORK, type Trainer } from '$lib/models/bench/workloads';
import { alternatingRounds, fmt, startMismatch } from '$lib/models/bench/measure';
import { workspace } from '$lib/engine/kernels/workspace';
import { startThreads } from '$lib/engine/threads';
import type { BenchReply, BenchRequest, SideName, SideSetup } from './bench-protocol';
import type { StartedPeer } from './bench-peers';

const post = (reply: BenchReply) => postMessage(reply);

/** Starts the engine's threads (as many as asked, by default one per core) and says what it got. */
async function engineSetup(threads: number | undefined): Promise<SideSetup> {
  const started = await startThreads(threads);
  return { side: 'engine', library: 'this lecture’s engine', backend: workspace().simd ? 'wasm' : 'typescript', simd: workspace().simd, threads: started };
}

const NAMES: Record<SideName, string> = { engine: 'the engine', tfjs: 'TF.js', jax: 'jax-js' };

async function run(req: BenchRequest): Promise<void> {
  const engine = await engineSetup(req.engineThreads);
  const peers: { name: SideName; started: StartedPeer }[] = [];
  if (req.peers.length) {
    const { startPeer } = await import('./bench-peers');
    for (const p of req.peers) peers.push({ name: p, started: await startPeer(p) });
  }
  post({
    type: 'setup',
    setups: [engine, ...peers.map((p) => p.started.setup)],
    crossOriginIsolated: self.crossOriginIsolated === true,
    cores: navigator.hardwareConcurrency || 1
  });
  for (const workload of req.workloads) {
    const work = WORK[workload];
    const sides: { name: SideName; trainer: Trainer }[] = [
      { name: 'engine', trainer: engineTrainer(workload) },
      ...peers.map((p) => ({ name: p.name, trainer: p.started.trainer(workload) }))
    ];
    try {
      const losses: { side: SideName; loss: number }[] = [];
      for (const s of sides) losses.push({ side: s.name, loss: await s.trainer.loss() });
      post({ type: 'losses', workload, losses });
      const mismatch = startMismatch(workload, losses.map((l) => ({ name: NAMES[l.side], loss: l.loss })));
      if (mismatch) throw new Error(mismatch);
      const rounds = await alternatingRounds(sides.map((s) => s.trainer), {
        rounds: req.rounds,
        roundSeconds: req.roundSeconds,
        steps: req.steps,
        onRound: (round) => post({ type: 'round', workload, round: round + 1, rounds: req.rounds })
      });
      const perItemFlops = work.flopsPerStep / work.itemsPerStep;
      const engineMedian = rounds.medians[0] * work.itemsPerStep;
      post({
        type: 'result',
        result: {
          workload,
          unit: work.unit as 'steps' | 'images',
          warmupSteps: rounds.warmupSteps,
          stepsPerRound: rounds.stepsPerRound,
          rounds: req.rounds,
          sides: sides.map((s, i) => {
            const median = rounds.medians[i] * work.itemsPerStep;
            return {
              side: s.name,
              firstLoss: losses[i].loss,
              rates: rounds.stepRates[i].map((r) => Number(fmt(r * work.itemsPerStep))),
              median,
              gflops: (median * perItemFlops) / 1e9,
              engineRatio: engineMedian / median
            };
          })
        }
      });
    } finally {
      for (const s of sides) s.trainer.dispose();
    }
  }
}

self.onmessage = (e: MessageEvent<BenchRequest>) => {
  run(e.data).then(
    () => post({ type: 'done' }),
    (err: unknown) => post({ type: 'error', message: err instanceof Error ? err.message : String(err) })
  );
};
