// Access to the parts a page needs only after its first decision (./parts.js). Where they are
// bundled they are here at once, and everything behaves as if they had always been; the
// script-tag build fetches them when load() is first called. Until they arrive, what needs them
// waits: events stay in the persisted queue, a flush() resolves once they have gone.

import { bundledParts, loadParts } from './load.js';

/**
 * `use(fn)` calls fn(parts) at once when the parts are here, else once they have arrived, in
 * the order asked; fn(null) when they could not be loaded. `load()` fetches them (once).
 * `warn(code, error)` hears of a failed load or a failing fn. `source` says where the parts
 * are: { bundled } (or null) and load(), a promise of them; by default ./load.js.
 */
export function createLater(warn, source = { bundled: bundledParts, load: loadParts }) {
  let parts = source.bundled;
  let settled = Boolean(parts);
  let loading = false;
  const waiting = [];

  // The same whether the parts came late or were here at once: a failing fn never reaches the caller of use().
  function run(fn) {
    try {
      fn(parts);
    } catch (error) {
      warn('later_failed', error);
    }
  }

  function settle(value) {
    parts = value;
    settled = true;
    waiting.splice(0).forEach(run);
  }

  return {
    use(fn) {
      if (settled) run(fn);
      else waiting.push(fn);
    },
    load() {
      if (settled || loading) return;
      loading = true;
      source.load().then(settle, (error) => {
        warn('later_unavailable', new Error(`${error && error.message}: events stay queued for the next page; ` +
          'route changes and geolocation are off on this page'));
        settle(null);
      });
    },
  };
}
