// The first page of a tab compiles the engine on the main thread: V8 compiles each wasm
// function on its first call, and a page view calls about 750 of them. V8 shares a module's
// compiled code, optimized code included, between all instances of the same bytes in a
// renderer process, workers included. So on the first page of a tab, the script-tag build
// starts a worker that runs this same script: it fetches the engine and the rules itself and
// makes the page view's engine calls (rules, profile, decide, rank) on the visitor's profile,
// a few rounds, while the page is still parsing and the main thread cannot yet start. The
// page's engine then finds those functions compiled. The worker touches no storage and no
// DOM, and ends when done; the page never waits for it. bench/page-view.mjs shows the effect.

import { loadEngine } from './engine.js';
import { inlinedWasm } from './inline-wasm.js';
import { browserTimeZone } from './location.js';
import { readRules } from './rules-source.js';
import { shopTime } from './shop-time.js';
import { KEYS } from './storage.js';
import { measure, measureStart } from './timing.js';
import { WARM_KEY, WARM_ROUNDS } from './warm-up.js';

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
 * The worker's side. One message in: { wasmUrl, rulesUrl, profile, page }; then the page
 * view's engine calls, WARM_ROUNDS times, on a scratch engine; one message out, { rounds }
 * or { error }; and the worker closes.
 */
export function serveWorker(scope) {
  scope.onmessage = async ({ data }) => {
    let report;
    try {
      const [engine, rules] = await Promise.all([loadEngine({ wasmBinary: inlinedWasm(), wasmUrl: data.wasmUrl }),
        readRules(data.rulesUrl)]);
      if (rules.error) throw new Error(rules.error);
      const products = sampleProducts(data.profile);
      for (let round = 0; round < WARM_ROUNDS; round++) {
        const loaded = engine.load(rules.text);
        engine.preloadProfile(data.profile);
        const now = Date.now();
        const decided = engine.decide({ page: data.page, profile: data.profile, now, shopTime: shopTime(now, loaded.timeZone),
          timeZone: browserTimeZone(), storage: true, newId: 'warm-up' });
        if (!decided.ok) throw new Error(decided.error.message);
        engine.rankTiles(engine.encodeTiles(products));
      }
      report = { rounds: WARM_ROUNDS };
    } catch (error) {
      report = { error: String(error && error.message) }; // the page compiles what it needs itself
    }
    scope.postMessage(report);
    scope.close();
  };
}

/**
 * The page's side, at script start: the worker from `scriptUrl`, on the first page of a tab
 * (see WARM_KEY). None for a script from another origin (a worker must be same-origin);
 * a Content-Security-Policy whose worker-src (else script-src) refuses the script's URL
 * blocks it, and the browser reports that once per tab (data-warm-up="false" avoids it).
 * The worker's report becomes the measure shopkeeper:precompile (js/timing.js).
 */
export function startPrecompile(scriptUrl, wasmUrl, rulesUrl) {
  try {
    if (typeof Worker !== 'function' || !rulesUrl || new URL(scriptUrl).origin !== location.origin
      || window.sessionStorage.getItem(WARM_KEY) !== null) return;
    const start = measureStart();
    const worker = new Worker(scriptUrl);
    worker.onmessage = ({ data }) => measure('precompile', start, data);
    worker.onerror = (event) => {
      event.preventDefault(); // the worker's failure is its own: the page goes on
      worker.terminate();
      measure('precompile', start, { error: 'the worker did not run' });
    };
    worker.postMessage({ wasmUrl, rulesUrl: new URL(rulesUrl, location.href).href,
      profile: window.localStorage.getItem(KEYS.profile), page: { url: location.href, referrer: document.referrer } });
  } catch {
    // No worker: the page compiles what it needs itself.
  }
}
