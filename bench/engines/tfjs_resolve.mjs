// An ESM resolve hook for tfjs-core's ES module build, whose imports omit file extensions
// (`import { Mean } from '../kernel_names'`), which Node's ESM loader does not resolve. The bench
// needs that build for one file: register_all_gradients.js, which the tfjs umbrella package
// imports and tfjs-core's Node bundle lacks. Both builds share tfjs's engine and registries
// (they live on globalThis), so gradients registered here serve the Node bundle's ops.
export async function resolve(specifier, context, next) {
  try {
    return await next(specifier, context);
  } catch (e) {
    const inTfjs = context.parentURL?.includes('/@tensorflow/tfjs-core/dist/');
    if (!inTfjs || !specifier.startsWith('.')) throw e;
    for (const suffix of ['.js', '/index.js']) {
      try {
        return await next(specifier + suffix, context);
      } catch {
        // try the next suffix
      }
    }
    throw e;
  }
}
