// Where the .wasm is when the caller does not say: the glue's own guess (next to the script
// in a browser, next to the module in node). The ES module build uses ./wasm-url.esm.js.

/** No URL: let the Emscripten glue find the .wasm. */
export function defaultWasmUrl() {
  return undefined;
}
