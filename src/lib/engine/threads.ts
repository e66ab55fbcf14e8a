/**
 * The engine's thread pool: helper threads that run the WebAssembly kernels on the same shared
 * memory as the calling thread, so that large products and convolutions use every core.
 *
 * `startThreads()` makes the module's memory a shared WebAssembly.Memory and starts helpers
 * (Web Workers in browsers, worker_threads in Node) that instantiate the same module on it
 * (thread-helper.worker.js). A kernel split across threads (kernels/parallel.ts) writes each
 * helper's share as a list of kernel calls into a shared control array, wakes the helpers, does
 * its own share and waits for them with Atomics. The kernels stay synchronous functions.
 *
 * Where there is no SharedArrayBuffer (a page that is not cross-origin isolated) or the caller may
 * not block (a page's main thread, where Atomics.wait is forbidden), everything stays on one
 * thread. Splits give every output element to exactly one thread, computed in the same order as
 * on one thread, so results are bit-identical whatever the thread count.
 */
import { SHARED_MAX_PAGES, bind, simd, simdModuleBytes, useSharedMemory, type Simd, type SimdExports } from './kernels/simd';

/** The control array's layout (thread-helper.worker.js reads the same). */
const GENERATION = 0, DONE = 1, FAILED = 2, HEADER = 4;
/** Ints of the control array per helper: room for hundreds of calls (a gemm's k-slices). */
const SLOT_INTS = 1 << 16;
/** More threads than this would split the lecture's batches into slivers. */
const MAX_THREADS = 8;

interface Helper {
  terminate(): void;
}

interface Pool {
  helpers: Helper[];
  control: Int32Array;
  /** One recorder per helper: the kernels' calls written into its slot instead of run. */
  recorders: Simd[];
  /** Threads the kernels may use (1 + helpers at most). */
  active: number;
}

let pool: Pool | null = null;
let starting: Promise<number> | null = null;
let splits = 0;

/** Threads the engine's kernels use now (1 until startThreads succeeds). */
export function threadCount(): number {
  return pool ? pool.active : 1;
}

/** The cores this device reports, which is how many threads are worth starting. */
function cores(): number {
  const os = globalThis.process?.getBuiltinModule?.('node:os') as typeof import('node:os') | undefined;
  if (os) return os.availableParallelism();
  return globalThis.navigator?.hardwareConcurrency ?? 1;
}

/** Whether this thread may share memory and block in Atomics.wait. */
function canShareAndWait(): boolean {
  if (typeof SharedArrayBuffer === 'undefined' || typeof Atomics === 'undefined') return false;
  if (globalThis.crossOriginIsolated === false) return false;
  // A page's main thread may not block; workers and Node's threads may.
  return typeof (globalThis as { document?: unknown }).document === 'undefined';
}

/**
 * Starts the pool with `n` threads in all (the caller included; default: one per core) and
 * resolves to the number of threads in use, 1 where threads are unavailable (see above). Called
 * again, it uses up to `n` of the pool's threads (no more than it first started).
 */
export function startThreads(n: number = cores()): Promise<number> {
  if (pool) return Promise.resolve(limitThreads(n));
  starting ??= start(Math.min(Math.floor(n), MAX_THREADS)).finally(() => { starting = null; });
  return starting;
}

async function start(n: number): Promise<number> {
  if (n <= 1 || !canShareAndWait() || !simd()) return 1;
  const helpers: Helper[] = [];
  try {
    const memory = new WebAssembly.Memory({ initial: 1, maximum: SHARED_MAX_PAGES, shared: true });
    const control = new Int32Array(new SharedArrayBuffer(4 * (HEADER + (n - 1) * SLOT_INTS)));
    const bytes = simdModuleBytes(true);
    const names = WebAssembly.Module.exports(new WebAssembly.Module(bytes)).filter((e) => e.kind === 'function').map((e) => e.name);
    const ready: Promise<void>[] = [];
    for (let h = 0; h < n - 1; h++) {
      const { helper, started } = spawn({ bytes, memory, control: control.buffer, names, slot: slotOf(h) });
      helpers.push(helper);
      ready.push(started);
    }
    await Promise.all(ready);
    useSharedMemory(memory);
    pool = { helpers, control, recorders: helpers.map((_, h) => recorder(memory, names, control, slotOf(h))), active: n };
    return n;
  } catch {
    for (const helper of helpers) helper.terminate();
    return 1;
  }
}

const slotOf = (helper: number): number => HEADER + helper * SLOT_INTS;

interface Init {
  bytes: Uint8Array<ArrayBuffer>;
  memory: WebAssembly.Memory;
  control: ArrayBufferLike;
  names: string[];
  slot: number;
}

/** Starts one helper; `started` resolves once it has instantiated the module and waits for work. */
function spawn(init: Init): { helper: Helper; started: Promise<void> } {
  const node = globalThis.process?.getBuiltinModule?.('node:worker_threads') as typeof import('node:worker_threads') | undefined;
  if (node) {
    // A variable, not a literal: Vite must not take this Node-only path for a browser asset.
    const file = './thread-helper.worker.js';
    const worker = new node.Worker(new URL(file, import.meta.url));
    worker.unref(); // helpers never keep a Node process alive
    const started = new Promise<void>((resolve, reject) => {
      worker.once('message', (m: string) => (m === 'ready' ? resolve() : reject(new Error(m))));
      worker.once('error', reject);
    });
    worker.postMessage(init);
    return { helper: worker, started };
  }
  const worker = new Worker(new URL('./thread-helper.worker.js', import.meta.url), { type: 'module' });
  const started = new Promise<void>((resolve, reject) => {
    worker.addEventListener('message', (e) => (e.data === 'ready' ? resolve() : reject(new Error(String(e.data)))), { once: true });
    worker.addEventListener('error', () => reject(new Error('thread helper failed to load')), { once: true });
  });
  worker.postMessage(init);
  return { helper: worker, started };
}

/**
 * The kernels bound to stand-ins for the module's exports that append each call to a helper's
 * slot, [length, (kernel index in `names`, argument count, arguments…)…], instead of running it.
 */
function recorder(memory: WebAssembly.Memory, names: string[], control: Int32Array, slot: number): Simd {
  const record = (kernel: number, args: number[]): void => {
    const at = slot + 1 + control[slot];
    if (at + 2 + args.length > slot + SLOT_INTS) throw new Error('threads: too many kernel calls for one helper');
    control[at] = kernel;
    control[at + 1] = args.length;
    for (let a = 0; a < args.length; a++) control[at + 2 + a] = args[a];
    control[slot] += 2 + args.length;
  };
  const exports: Record<string, unknown> = { memory };
  names.forEach((name, kernel) => { exports[name] = (...args: number[]) => record(kernel, args); });
  return bind(exports as unknown as SimdExports);
}

/**
 * Runs `work(kernels, part)` for part = 0 … parts − 1, part 0 on this thread and the others on
 * helpers, and returns when all are done. `work` only issues kernel calls on the kernels it is
 * given (for a helper, they are recorded and run there), so it must not read their results.
 * parts ≤ threadCount().
 */
export function parallel(parts: number, work: (kernels: Simd, part: number) => void): void {
  const local = simd()!;
  if (!pool || parts <= 1) {
    work(local, 0);
    return;
  }
  const { control, recorders, helpers } = pool;
  splits++;
  for (let h = 0; h < helpers.length; h++) {
    control[slotOf(h)] = 0;
    if (h + 1 < parts) work(recorders[h], h + 1);
  }
  Atomics.store(control, DONE, 0);
  Atomics.store(control, FAILED, 0);
  Atomics.add(control, GENERATION, 1);
  Atomics.notify(control, GENERATION);
  try {
    work(local, 0);
  } finally {
    for (let done = Atomics.load(control, DONE); done < helpers.length; done = Atomics.load(control, DONE)) {
      Atomics.wait(control, DONE, done);
    }
  }
  if (Atomics.load(control, FAILED) > 0) throw new Error('threads: a kernel failed on a helper thread');
}

/**
 * Uses at most `n` of the started threads from now on (at least 1): for tests and benchmarks that
 * compare thread counts in one process. Returns the count now in use.
 */
export function limitThreads(n: number): number {
  if (pool) pool.active = Math.max(1, Math.min(Math.floor(n), pool.helpers.length + 1));
  return threadCount();
}

/** How many kernel calls have been split across threads so far (tests check that splits happen). */
export function splitCount(): number {
  return splits;
}
