// The ES module build's .wasm: next to dist/index.mjs, written so that bundlers (Vite, Rollup,
// webpack 5, esbuild) see `new URL('./…', import.meta.url)`, copy the file into the app and
// rewrite the URL. scripts/bundle.mjs puts this file in place of ./wasm-url.js for dist/index.mjs.

/** The URL of shopkeeper.wasm beside this module. */
export function defaultWasmUrl() {
  return new URL('./shopkeeper.wasm', import.meta.url).href;
}
