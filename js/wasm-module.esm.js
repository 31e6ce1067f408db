// The ES module build's engine module: the Emscripten glue, told that the .wasm sits next to
// dist/index.mjs in a way bundlers (Vite, Rollup, webpack 5, esbuild) see: they copy the file
// into the app and rewrite `new URL('./shopkeeper.wasm', import.meta.url)`. scripts/bundle.mjs
// puts this module in place of the glue for js/engine.js in dist/index.mjs.

import createShopkeeperModule from '../build/wasm/dist/shopkeeper.js';

/** The glue's factory; a `locateFile` of the caller (an explicit wasmUrl) still wins. */
export default function createModule(options) {
  const beside = new URL('./shopkeeper.wasm', import.meta.url).href;
  return createShopkeeperModule({ locateFile: (file, prefix) => (file.endsWith('.wasm') ? beside : prefix + file), ...options });
}
