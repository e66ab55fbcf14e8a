// A build step for the /bench page's TF.js peer (its worker only). TF.js's threaded wasm backend
// starts its threads by sending its Emscripten factory function to each thread as source text
// (`factory.toString()` in a Blob). That function reads a variable of the module around it,
// `_scriptDir`, guarded by `typeof _scriptDir !== "undefined"` for exactly this case, where the
// thread sees the function without its module. A minifier sees `_scriptDir` declared and drops
// the guard (and renames the variable), so every thread fails with "<name> is not defined". Here
// the variable becomes a property of the global object: a global is neither renamed nor
// assumed to exist, so the guard survives minification and the threads start.
const FACTORY = /@tensorflow\/tfjs-backend-wasm\/wasm-out\/tfjs-backend-wasm-threaded-simd\.js$/;
const DECLARATION = 'var _scriptDir = typeof document';

/** @returns {import('vite').Plugin} */
export function tfjsThreadedFactory() {
  return {
    name: 'tfjs-threaded-factory',
    transform(code, id) {
      if (!FACTORY.test(id.split('?')[0])) return null;
      if (!code.includes(DECLARATION)) this.error(`tfjs-threaded-factory: "${DECLARATION}" not found in ${id}; TF.js changed, see this plugin`);
      return { code: code.replace(DECLARATION, 'globalThis._scriptDir = typeof document'), map: null };
    }
  };
}
