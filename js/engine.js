// The wasm engine behind an idiomatic surface: JSON text crosses the boundary,
// objects come out. Raw Embind names keep their underscore (src/wasm/bindings.cpp).

import createShopkeeperModule from '../build/wasm/dist/shopkeeper.js';

/**
 * Loads the WebAssembly engine. Resolves when it is fully ready.
 * @param {{ wasmUrl?: string, wasmBinary?: ArrayBuffer | Uint8Array }} [options]
 */
export async function loadEngine(options = {}) {
  // A fresh options object per instance: Emscripten 3.1.6 turns it into the Module.
  const moduleOptions = {};
  if (options.wasmBinary) moduleOptions.wasmBinary = options.wasmBinary;
  if (options.wasmUrl) {
    const wasmUrl = String(options.wasmUrl);
    moduleOptions.locateFile = (file, prefix) => (file.endsWith('.wasm') ? wasmUrl : prefix + file);
  }
  const module = await createShopkeeperModule(moduleOptions);
  return new Engine(module);
}

/** One engine instance: the rules it holds, and the calls of a page view. */
export class Engine {
  /** @param {any} module the Emscripten module */
  constructor(module) {
    this._module = module;
    this._raw = new module.Engine();
    /** The library version compiled into the wasm core. */
    this.version = module._version();
  }

  /** Loads a rules document (object or JSON text). Returns { ok, campaigns } or { ok: false, errors }. */
  load(rules) {
    return this._call('_load', typeof rules === 'string' ? rules : JSON.stringify(rules));
  }

  /** A page view: see Engine::decide in src/core/engine.hpp for the request and response. */
  decide(request) {
    return this._call('_decide', JSON.stringify(request));
  }

  /** An event: see Engine::track in src/core/engine.hpp. */
  track(request) {
    return this._call('_track', JSON.stringify(request));
  }

  /** Joins two stored profiles that two tabs wrote concurrently: { ok, profile }. */
  merge(ours, theirs) {
    return this._call('_merge', JSON.stringify({ ours, theirs }));
  }

  /**
   * How a page view arrived: { ok, medium, source, term, campaign, content, clickId, refCode }
   * from { url, referrer, refParam?, internalDomains? }. A pure function of its input.
   */
  classifyAcquisition(input) {
    return JSON.parse(this._module._classifyAcquisition(JSON.stringify(input)));
  }

  /** Frees the wasm memory of this instance. */
  destroy() {
    if (this._raw) this._raw.delete();
    this._raw = null;
  }

  _call(name, text) {
    if (!this._raw) return { ok: false, error: { code: 'destroyed', message: 'the engine was destroyed', path: '' } };
    return JSON.parse(this._raw[name](text));
  }
}
