/** Messages between the /bench page and its worker (bench.worker.ts). */
import type { WorkloadName } from '$lib/models/bench/workloads';

/** The two libraries the page can compare the engine with. */
export type Peer = 'tfjs' | 'jax';
export type SideName = 'engine' | Peer;

export interface BenchRequest {
  workloads: WorkloadName[];
  /** Empty: the engine alone. */
  peers: Peer[];
  rounds: number;
  /** Target length of one round of the slowest side, in seconds, when `steps` is not set. */
  roundSeconds: number;
  /** Steps per round (and of warm-up), fixed: for a quick check; otherwise found by warming up. */
  steps?: number;
  /**
   * Threads the engine may use (src/lib/engine/threads.ts); unset: its default, one per core where
   * the page is cross-origin isolated, as the lecture's training workers start it. It gets fewer
   * where threads cannot start (no isolation: one).
   */
  engineThreads?: number;
}

/** What a side was given, written down beside its numbers. */
export interface SideSetup {
  side: SideName;
  library: string;
  backend: string;
  simd: boolean;
  threads: number;
  /** jax-js: its training step runs under `jit`. */
  jit?: boolean;
}

export interface SideResult {
  side: SideName;
  /** The loss at the shared initial weights, computed by this side's own library. */
  firstLoss: number;
  /** Items (steps, or images for the cnn) per second, one per round. */
  rates: number[];
  median: number;
  gflops: number;
  /** The engine's median over this side's: above 1, the engine is faster. */
  engineRatio: number;
}

export interface WorkloadResult {
  workload: WorkloadName;
  unit: 'steps' | 'images';
  warmupSteps: number;
  stepsPerRound: number;
  rounds: number;
  sides: SideResult[];
}

export type BenchReply =
  | { type: 'setup'; setups: SideSetup[]; crossOriginIsolated: boolean; cores: number }
  | { type: 'losses'; workload: WorkloadName; losses: { side: SideName; loss: number }[] }
  | { type: 'round'; workload: WorkloadName; round: number; rounds: number }
  | { type: 'result'; result: WorkloadResult }
  | { type: 'done' }
  | { type: 'error'; message: string };
