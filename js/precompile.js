// The first page of a visit compiles the engine on the main thread: V8 compiles each wasm
// function on its first call, and a page view calls hundreds of them. V8 shares a module's
// compiled code between all instances of the same bytes in a renderer process, workers
// included. So when the script has just been downloaded (a first visit, or the first page
// after an update), the script-tag build starts a worker that runs this same script: it
// fetches the engine and the rules itself and makes the page view's engine calls on the
// visitor's stored profile while the page is still parsing, before the main thread can start.
// The page's engine then finds those functions compiled. The worker touches no storage and no
// DOM, the page never waits for it, and it ends when done. bench/page-view.mjs has the figures.

import { loadEngine } from './engine.js';
import { inlinedWasm } from './inline-wasm.js';
import { browserTimeZone } from './location.js';
import { isJsonText, readRules } from './rules-source.js';
import { shopTime } from './shop-time.js';
import { KEYS } from './storage.js';
import { measure, measureStart } from './timing.js';
import { WARM_KEY } from './warm-up.js';

/** ProfileLimits::kReadBytes (src/core/profile.hpp). */
const PROFILE_READ_LIMIT = 64 * 1024;

/** Tiles for the worker's ranking calls: their categories, brands and tags are the profile's own. */
function sampleProducts(profile) {
  let interests = {};
  try {
    interests = JSON.parse(profile || '{}').interests || {};
  } catch {
    // A corrupt profile still has the ranking compiled: its affinity lookups find nothing.
  }
  const keys = (kind) => Object.keys(interests[kind] || {}).concat(`-${kind}`).slice(0, 4);
  const [categories, brands, tags] = [keys('categories'), keys('brands'), keys('tags')];
  return Array.from({ length: 16 }, (_, i) => ({
    id: `w${i}`, category: categories[i % categories.length], brand: brands[i % brands.length],
    tags: [tags[i % tags.length]], price: 10 + i, popularity: i / 16,
  }));
}

/**
 * The worker's side. Its URL's fragment holds { wasmUrl, rules, page } (rules: the document's URL or its
 * JSON text, as readRules() takes them), so that it can start
 * at once: a message from a page that is parsing takes a while to arrive. The message brings
 * { profile }, the stored text or null; not in the URL, which the page's resource timing
 * entries show to every script on the page. Meanwhile the worker decides for a new visitor.
 * The page view's engine calls run once: that compiles them (more rounds would have V8
 * optimize them too, on background threads that compete with the page's main thread). One
 * message out, { ok: true, profile } (whether a stored profile was read) or { error }; and the
 * worker closes.
 */
export async function serveWorker(scope) {
  const stored = new Promise((resolve) => {
    scope.onmessage = ({ data }) => resolve(data && typeof data.profile === 'string' ? data.profile : null);
  });
  let report;
  try {
    const { wasmUrl, rules: source, page } = JSON.parse(decodeURIComponent(scope.location.hash.slice(1)));
    const [engine, rules] = await Promise.all([loadEngine({ wasmBinary: inlinedWasm(), wasmUrl }), readRules(source)]);
    if (rules.error) throw new Error(rules.error);
    const { timeZone } = engine.load(rules.text);
    const decide = (profile) => {
      const now = Date.now();
      const decided = engine.decide({ page, profile, now, shopTime: shopTime(now, timeZone), timeZone: browserTimeZone(),
        storage: true, newId: 'warm-up' });
      if (!decided.ok) throw new Error(decided.error.message);
    };
    decide(null);
    const profile = await stored;
    engine.preloadProfile(profile);
    decide(profile);
    engine.rankTiles(engine.encodeTiles(sampleProducts(profile)));
    report = { ok: true, profile: profile !== null };
  } catch (error) {
    report = { error: String(error && error.message) }; // the page compiles what it needs itself
  }
  scope.postMessage(report);
  scope.close();
}

/**
 * Whether the script's body came over the network (not from the HTTP cache, not revalidated):
 * the first visit, or the first page after an update. Then the engine comes over the network
 * too and the worker has it compiled in time. From the cache the page's own engine is ready
 * sooner, and on two cores the worker only competed with it (bench/page-view.mjs, new tab).
 */
function downloaded(scriptUrl) {
  const [entry] = performance.getEntriesByName(scriptUrl, 'resource');
  return Boolean(entry) && entry.transferSize > entry.encodedBodySize;
}

/**
 * The page's side, at script start: the worker from `scriptUrl`, on the first page of a tab
 * (see WARM_KEY) when the script was downloaded (see downloaded()). None for a script from
 * another origin (a worker must be same-origin); a Content-Security-Policy whose worker-src
 * (else script-src) refuses the script's URL blocks it, and the browser reports that
 * (data-warm-up="false" avoids it). The worker's report becomes the measure
 * shopkeeper:precompile (js/timing.js). URLs go to the worker absolute: it resolves them
 * against the script's URL, not the page's.
 */
export function startPrecompile(scriptUrl, wasmUrl, rules) {
  try {
    if (typeof Worker !== 'function' || !rules || new URL(scriptUrl).origin !== location.origin
      || window.sessionStorage.getItem(WARM_KEY) !== null || !downloaded(scriptUrl)) return;
    const start = measureStart();
    const profile = window.localStorage.getItem(KEYS.profile); // before the worker: it waits for this
    // data-rules may hold the rules document itself, which goes as it is.
    const inputs = { wasmUrl: new URL(wasmUrl, location.href).href,
      rules: isJsonText(rules) ? rules : new URL(rules, location.href).href,
      page: { url: location.href, referrer: document.referrer } };
    const worker = new Worker(`${scriptUrl.split('#')[0]}#${encodeURIComponent(JSON.stringify(inputs))}`);
    worker.onmessage = ({ data }) => measure('precompile', start, data);
    worker.onerror = (event) => {
      event.preventDefault(); // the worker's failure is its own: the page goes on
      worker.terminate();
      measure('precompile', start, { error: 'the worker did not run' });
    };
    // The engine reads no more than that from storage either.
    worker.postMessage({ profile: profile && profile.length <= PROFILE_READ_LIMIT ? profile : null });
  } catch {
    // No worker: the page compiles what it needs itself.
  }
}
