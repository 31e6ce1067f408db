// The wasm engine behind an idiomatic surface: JSON text crosses the boundary,
// objects come out. Raw Embind names keep their underscore (src/wasm/bindings.cpp).

import createShopkeeperModule from '../build/wasm/dist/shopkeeper.js';
import { encodeTiles, StringTable, TILE_WORDS } from './ranking.js';

/**
 * Loads the WebAssembly engine. Resolves when it is fully ready; rejects with one Error
 * naming the first problem when the .wasm cannot be fetched, compiled or instantiated.
 * @param {{ wasmUrl?: string, wasmBinary?: ArrayBuffer | Uint8Array | Promise<ArrayBuffer | Uint8Array | null> }} [options]
 * @param {StringTable} [strings] the string table tiles were encoded with before the engine came (js/shopkeeper.js)
 */
export async function loadEngine(options = {}, strings) {
  // The glue logs each failed step (streaming, fallback, abort) on the console: kept here
  // instead, so that a page hears of a failure once, from the caller, with the first cause.
  const log = [];
  // A fresh options object per instance: Emscripten 3.1.6 turns it into the Module.
  const moduleOptions = { print: (text) => log.push(String(text)), printErr: (text) => log.push(String(text)) };
  if (options.wasmUrl) {
    const wasmUrl = String(options.wasmUrl);
    moduleOptions.locateFile = (file, prefix) => (file.endsWith('.wasm') ? wasmUrl : prefix + file);
  }
  let module;
  try {
    // The bytes may still be on their way (the single-file build decodes them meanwhile), or not come.
    const wasmBinary = await options.wasmBinary;
    if (wasmBinary) moduleOptions.wasmBinary = wasmBinary;
    module = await createShopkeeperModule(moduleOptions);
  } catch (error) {
    const cause = log[0] || (error && error.message) || String(error);
    throw new Error(`the WebAssembly engine could not be loaded: ${cause}`);
  }
  return new Engine(module, strings);
}

/**
 * JSON text the core can read. JS strings may hold lone surrogates (a truncated emoji in a
 * stored value, a title cut mid-character), which JSON.stringify writes as \udXXX escapes
 * and the core's strict JSON parser refuses: one of them would fail the whole call, on
 * every page. They become U+FFFD, as TextEncoder does. Matching escaped backslashes first
 * keeps the scan aligned, so text like "\\ud800" (a backslash, then letters) is left alone.
 */
function toJson(value) {
  const text = JSON.stringify(value);
  return text === undefined ? text : text.replace(/\\\\|\\ud[89a-f][0-9a-f]{2}/g, (m) => (m === '\\\\' ? m : '\\ufffd'));
}

const encoder = new TextEncoder();
const decoder = new TextDecoder();

/** One engine instance: the rules it holds, and the calls of a page view. */
export class Engine {
  /**
   * @param {any} module the Emscripten module
   * @param {StringTable} [strings] a table no engine has used yet
   */
  constructor(module, strings = new StringTable()) {
    this._module = module;
    this._handle = module._engineNew();
    this._strings = strings;
    /** The library version compiled into the wasm core. */
    this.version = module._version();
  }

  /** Loads a rules document (object or JSON text). Returns { ok, campaigns, timeZone, refParam } or { ok: false, errors }. */
  load(rules) {
    return this._call('_load', typeof rules === 'string' ? rules : toJson(rules));
  }

  /** A page view: see Engine::decide in src/core/engine.hpp for the request and response. */
  decide(request) {
    return this._profileCall('_decide', request);
  }

  /** An event: see Engine::track in src/core/engine.hpp. Returns the decisions of the campaigns it triggers. */
  track(request) {
    return this._profileCall('_track', request);
  }

  /**
   * Reads a stored profile (the text) ahead of the call that brings it, e.g. while the page
   * is still loading: the next decide(), track() or explain() whose `profile` is this same
   * text takes it as read. One is held, until that call; a call with another text drops it.
   */
  preloadProfile(stored) {
    if (this._handle >= 0 && typeof stored === 'string') this._module._preloadProfile(this._handle, this._write(stored)[0]);
  }

  /**
   * Why a campaign would or would not show on this page view (decide's request plus `campaign`),
   * recording nothing: { ok, campaign, wouldShow, checks: [{ check, passed, detail }], audience: [{ path, matched }] }.
   */
  explain(request) {
    return this._profileCall('_explain', request);
  }

  /**
   * Sets the shop's context feed (object or JSON text): { ok, warnings } or { ok: false, errors }.
   * A rejected feed also drops the previous one, so rules never see stale or malformed data.
   */
  setFeed(feed) {
    return this._call('_setFeed', typeof feed === 'string' ? feed : toJson(feed));
  }

  /**
   * GrowthBook's hash of `value` with `seed` (FNV-1a 32 over UTF-16 code units): a number in [0, 1),
   * or null for a hash version other than 1 and 2.
   */
  hash(seed, value, version) {
    if (version !== 1 && version !== 2) return null;
    const n = this._module._hash(String(seed), String(value), version);
    return n < 0 ? null : n;
  }

  /** Joins two stored profiles that two tabs wrote concurrently: { ok, profile }. */
  merge(ours, theirs) {
    return this._call('_merge', toJson({ ours, theirs }));
  }

  /**
   * Compacts a stored profile when storage is full: history is shed, oldest first, until it
   * fits `maxBytes` (default 4096). Returns { ok, profile, bytes } or { ok: false, error }.
   */
  compact(profile, maxBytes) {
    return this._call('_compact', JSON.stringify(maxBytes === undefined ? { profile } : { profile, maxBytes }));
  }

  /** Encodes products ({ id, category, brand, tags, popularity, pinned }) for rankTiles. */
  encodeTiles(products) {
    return encodeTiles(products, this._strings);
  }

  /**
   * Ranks encoded tiles for the visitor of the latest decide(): { order, scores, reasons }
   * (order[k] = index of the tile placed k-th; scores and reason bits by tile index), or null
   * when the grid is beyond the engine's limits. Typed arrays in and out, no JSON per tile.
   */
  rankTiles(grid) {
    if (this._handle < 0) return null;
    if (grid.generation !== this._strings.generation) grid = encodeTiles(grid.products, this._strings);
    if (!this._syncStrings()) {
      this._strings.reset();
      grid = encodeTiles(grid.products, this._strings);
      if (!this._syncStrings()) return null;
    }
    const { count, tagCount } = grid;
    if (count === 0) return { order: new Uint32Array(0), scores: new Float64Array(0), reasons: new Uint32Array(0) };
    const words = this._module._rankPrepare(this._handle, count, tagCount);
    if (!words) return null;
    const reals = this._module._rankReals(this._handle);
    // The views are read after each call: a call that grows the memory replaces them.
    this._module.HEAPU32.set(grid.words, words >>> 2);
    this._module.HEAPF64.set(grid.popularity, reals >>> 3);
    this._module._rank(this._handle);
    const out = (words >>> 2) + count * TILE_WORDS + tagCount;
    return {
      order: this._module.HEAPU32.slice(out, out + count),
      reasons: this._module.HEAPU32.slice(out + count, out + 2 * count),
      scores: this._module.HEAPF64.slice((reals >>> 3) + count, (reals >>> 3) + 2 * count),
    };
  }

  /** Sends the engine the strings it has not seen; false when it refused them. */
  _syncStrings() {
    const table = this._strings;
    if (table.sent === table.strings.length) return true;
    const size = this._module._internStrings(this._handle, this._write(`${table.strings.slice(table.sent).join('\0')}\0`)[0], table.sent);
    if (size !== table.strings.length) return false;
    table.sent = size;
    return true;
  }

  /**
   * How a page view arrived: { ok, medium, source, term, campaign, content, clickId, refCode }
   * from { url, referrer, refParam?, internalDomains? }. A pure function of its input.
   */
  classifyAcquisition(input) {
    return JSON.parse(this._module._classifyAcquisition(toJson(input)));
  }

  /**
   * Where the visitor is, from { location?, timeZone? }: `location` is the shop's hint
   * ({ country, region, city }) and/or coordinates from browser geolocation ({ latitude,
   * longitude, accuracy }), `timeZone` the browser's IANA zone. Returns { ok, country, region,
   * city, timeZone, source: 'hint' | 'timezone' | 'geolocation' | 'unknown', latitude,
   * longitude, accuracy, warnings }. A pure function of its input.
   */
  resolveLocation(input) {
    return JSON.parse(this._module._resolveLocation(JSON.stringify(input ?? {})));
  }

  /**
   * Whether `attributes` satisfy `condition` (GrowthBook's MongoDB-style syntax).
   * An invalid condition is false, as in GrowthBook. `savedGroups` is { groupId: [values] }.
   */
  evaluateCondition(condition, attributes, savedGroups) {
    return this._module._evaluateCondition(toJson(condition), toJson(attributes ?? {}),
      savedGroups ? toJson(savedGroups) : '');
  }

  /** The problems of a condition, each { code, message, path }; [] when it is valid. */
  validateCondition(condition) {
    return JSON.parse(this._module._validateCondition(toJson(condition)));
  }

  /**
   * Compiles conditions once for evaluating them together, many times: the fast path,
   * with one boundary crossing per evaluation of the whole set.
   */
  compileConditions(conditions) {
    return new ConditionSet(this._module, conditions);
  }

  /**
   * Another engine in the same wasm module: its own rules, profile read ahead and string table,
   * the same compiled code. Cheaper than loadEngine(), which instantiates the module again.
   */
  sibling() {
    return new Engine(this._module);
  }

  /** Frees the wasm memory of this instance. */
  destroy() {
    if (this._handle >= 0) this._module._engineDelete(this._handle);
    this._handle = -1; // no engine has it: a call after destroy() answers "destroyed"
  }

  /** An engine call: `text` in, the JSON answer parsed (both cross as UTF-8 in the module's buffers). */
  _call(name, text) {
    return this._answer(this._module[name](this._handle, this._write(text)[0]));
  }

  /**
   * A call whose request brings the stored profile. A stored string crosses beside the JSON,
   * unescaped: it is most of the request, and the engine's parser would copy it out of a JSON
   * string one escape at a time.
   */
  _profileCall(name, request) {
    if (!request || typeof request.profile !== 'string') {
      return this._answer(this._module[name](this._handle, this._write(toJson(request))[0], -1));
    }
    const { profile, ...rest } = request;
    const [length, stored] = this._write(toJson(rest), profile);
    return this._answer(this._module[name](this._handle, length, stored));
  }

  /** The engine's answer: its `length` bytes of JSON parsed, with the profile to store that follows them. */
  _answer(length) {
    const at = this._module._textResult();
    const end = at + this._module._textResultLength();
    const answer = JSON.parse(decoder.decode(this._module.HEAPU8.subarray(at, at + length)));
    if (end > at + length) answer.profile = decoder.decode(this._module.HEAPU8.subarray(at + length, end));
    return answer;
  }

  /**
   * Writes the texts one after the other as UTF-8 into the module's text buffer, which the
   * next call reads; returns their lengths in bytes. TextEncoder is native, where Embind's own
   * conversion of a string argument is a loop in JS. Lone surrogates become U+FFFD, as in toJson().
   */
  _write(...texts) {
    const values = texts.map((text) => (typeof text === 'string' ? text : ''));
    const room = values.reduce((sum, value) => sum + value.length * 3, 0);
    let at = this._module._textBuffer(room);
    const end = at + room;
    // The view is read after the call: a buffer that grows the memory replaces it.
    return values.map((value) => {
      const { written } = encoder.encodeInto(value, this._module.HEAPU8.subarray(at, end));
      at += written;
      return written;
    });
  }
}

/** Conditions compiled once; see Engine#compileConditions. */
export class ConditionSet {
  constructor(module, conditions) {
    this._module = module;
    this._handle = module._setNew();
    const res = JSON.parse(module._setCompile(this._handle, toJson(conditions)));
    /** Compile problems, with paths starting at the condition's index ("/3/..."). */
    this.errors = res.errors;
    this.size = res.count;
  }

  /** One boolean per condition, in order. The engine keeps the attributes for evaluateHeld(). */
  evaluate(attributes, savedGroups) {
    return JSON.parse(this._module._setEvaluate(this._handle, toJson(attributes ?? {}), savedGroups ? toJson(savedGroups) : ''));
  }

  /**
   * Evaluates again against the attributes of the last evaluate(), which the engine holds
   * already parsed: nothing crosses the boundary but the answers. [] before any evaluate().
   */
  evaluateHeld() {
    return JSON.parse(this._module._setEvaluateHeld(this._handle));
  }

  /** Frees the wasm memory; later evaluations answer []. */
  destroy() {
    if (this._handle >= 0) this._module._setDelete(this._handle);
    this._handle = -1;
  }
}
