/**
 * One helper thread of the engine's thread pool (threads.ts): it instantiates the engine's
 * WebAssembly module on the pool's shared memory, then sleeps on the control array until the
 * calling thread hands it a list of kernel calls, runs them and reports done.
 *
 * Plain JavaScript without imports, so that Node's worker_threads run this file as it is (unit
 * tests, `npm run bench`) and Vite bundles it unchanged for browsers.
 *
 * Control array (Int32Array over a SharedArrayBuffer; the layout is CONTROL in threads.ts):
 *   [0] generation: bumped by the caller for each batch of work
 *   [1] done: helpers finished with the current batch
 *   [2] failed: helpers whose calls threw
 *   from `slot`: this helper's calls, [length, then per call: kernel index, argument count, arguments…]
 */

/**
 * @typedef {object} Init
 * @property {Uint8Array<ArrayBuffer>} bytes the module's bytes, built with an imported shared memory
 * @property {WebAssembly.Memory} memory the shared memory
 * @property {SharedArrayBuffer} control the control array's buffer
 * @property {string[]} names the kernels' export names; a call refers to a kernel by its index here
 * @property {number} slot where this helper's calls start in the control array
 */

/** @param {Init} init */
function serve(init) {
  const { exports } = new WebAssembly.Instance(new WebAssembly.Module(init.bytes), { env: { memory: init.memory } });
  const kernels = init.names.map((name) => /** @type {(...args: number[]) => void} */ (exports[name]));
  const control = new Int32Array(init.control);
  let generation = Atomics.load(control, 0);
  reply('ready');
  for (;;) {
    Atomics.wait(control, 0, generation);
    generation = Atomics.load(control, 0);
    try {
      const end = init.slot + 1 + control[init.slot];
      for (let i = init.slot + 1; i < end;) {
        const kernel = kernels[control[i]];
        const count = control[i + 1];
        const args = [];
        for (let a = 0; a < count; a++) args.push(control[i + 2 + a]);
        kernel(...args);
        i += 2 + count;
      }
    } catch {
      Atomics.add(control, 2, 1);
    }
    Atomics.add(control, 1, 1);
    Atomics.notify(control, 1);
  }
}

// Node's worker_threads or a browser's dedicated worker: the same messages either way.
/** @type {{ parentPort: { once(event: 'message', fn: (data: Init) => void): void, postMessage(data: unknown): void } }} */
const node = /** @type {any} */ (globalThis).process?.getBuiltinModule?.('node:worker_threads');
/** @param {string} message */
function reply(message) {
  if (node) node.parentPort.postMessage(message);
  else self.postMessage(message);
}
/** @param {Init} init */
function start(init) {
  try {
    serve(init);
  } catch (error) {
    reply(`failed: ${error}`);
  }
}
if (node) node.parentPort.once('message', start);
else self.addEventListener('message', (event) => start(event.data), { once: true });
