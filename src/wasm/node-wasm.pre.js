// Emscripten 3.1.6's glue calls fetch() on a file path when Node 18+ provides fetch(); read the bytes instead.
if (typeof process == 'object' && typeof process.versions == 'object' && typeof process.versions.node == 'string' &&
    !Module['wasmBinary'] && !Module['instantiateWasm']) {
  var nodeWasmDir = __dirname + '/';
  Module['wasmBinary'] = require('fs').readFileSync(
      Module['locateFile'] ? Module['locateFile']('shopkeeper.wasm', nodeWasmDir) : nodeWasmDir + 'shopkeeper.wasm');
}
