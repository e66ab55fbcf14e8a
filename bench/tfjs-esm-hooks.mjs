/**
 * Node module hook for the benchmark: lets Node load @tensorflow/tfjs-core's ES-module build
 * (dist/register_all_gradients.js and what it imports). That build was written for bundlers: it
 * imports './gradients', which is both a file (gradients.js) and a folder, and Node refuses it as a
 * directory import. A bundler picks the file; so does this hook. The package's CommonJS bundle,
 * which Node loads by default, leaves the gradients out (they ship only in the full
 * @tensorflow/tfjs package), and training needs them.
 */
export async function resolve(specifier, context, next) {
  try {
    return await next(specifier, context);
  } catch (error) {
    const fromTfjs = context.parentURL?.includes('/@tensorflow/tfjs-core/dist/');
    if (fromTfjs && specifier.startsWith('.') && error?.code === 'ERR_UNSUPPORTED_DIR_IMPORT') {
      return next(`${specifier}.js`, context);
    }
    throw error;
  }
}
