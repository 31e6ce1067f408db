// The script-tag entry: <script src="/shopkeeper/shopkeeper.js" data-rules="/rules.json" defer>,
// plus data-endpoint (the collector's batch URL), data-consent (pending, granted, denied),
// data-context (the context feed's URL), data-coupon-endpoint, data-currency (ISO 4217),
// data-geolocation ("true" or "manual"), data-route-changes ("false": the app decides its routes),
// data-warm-up ("false" turns js/warm-up.js and
// js/precompile.js off), data-wasm (the .wasm when it is not next to the script),
// and data-grid (the selector of product grids to order; then load it early in <head>, without
// defer, so that the grid is hidden before the first paint) with data-grid-timeout (ms).
// Reads its options from data-* attributes, decides once the DOM is ready, and
// never lets an error escape into the page beyond one console warning.

import { loadOverlay } from './debug/load.js';
import { createFacade } from './facade.js';
import { inlinedWasm } from './inline-wasm.js';
import { serveWorker, startPrecompile } from './precompile.js';
import { createShopkeeper } from './shopkeeper.js';

const inWorker = typeof document === 'undefined';
const script = inWorker ? null : document.currentScript;
const data = (script && script.dataset) || {};
const warn = (code, error) => console.warn(`[shopkeeper] ${code}: ${error && error.message}`);

function whenDomReady() {
  if (document.readyState !== 'loading') return Promise.resolve();
  return new Promise((resolve) => document.addEventListener('DOMContentLoaded', resolve, { once: true }));
}

/**
 * The wasm inlined in this build (bytes still decoding), else the .wasm next to the script.
 * Synchronous, so that createShopkeeper hides the grid before the first paint.
 */
function wasmSource() {
  const wasmBinary = inlinedWasm();
  return script && script.src ? { wasmBinary, wasmUrl: new URL('shopkeeper.wasm', script.src).href } : { wasmBinary };
}

// The latest decision, for the debug overlay.
let latest = null;

/** shopkeeper.debug(on = true): the debug overlay, loaded when first asked for. */
function debugOverlay() {
  let wanted = false;
  let overlay = null;
  return async (shopkeeper, on = true) => {
    wanted = Boolean(on);
    if (!wanted && overlay) {
      overlay.close();
      overlay = null;
    }
    if (!wanted || overlay) return;
    try {
      const { openDebugOverlay } = await loadOverlay();
      if (wanted && !overlay) overlay = openDebugOverlay(latest, { onClose: () => (overlay = null) });
    } catch (error) {
      warn('debug_unavailable', error);
    }
  };
}

async function start(control) {
  if (typeof WebAssembly !== 'object') throw new Error('WebAssembly is not available in this browser');
  const options = { rules: data.rules, ...wasmSource() };
  if (data.wasm) options.wasmUrl = data.wasm;
  if (data.endpoint) options.endpoint = data.endpoint;
  if (data.consent) options.consent = data.consent;
  if (data.grid) options.grid = data.grid;
  if (data.gridTimeout) options.gridTimeout = Number(data.gridTimeout);
  if (data.geolocation === 'true' || data.geolocation === 'manual') options.geolocation = data.geolocation === 'true' || 'manual';
  if (data.context) options.context = data.context;
  if (data.couponEndpoint) options.couponEndpoint = data.couponEndpoint;
  if (data.currency) options.currency = data.currency;
  if (data.routeChanges === 'false') options.routeChanges = false;
  if (data.warmUp === 'false') options.warmUp = false;
  else if (script && script.src && document.readyState === 'loading') startPrecompile(script.src, options.wasmUrl, data.rules);
  const shopkeeper = await createShopkeeper(options);
  await whenDomReady();
  // A decide() the page queued (with facts the attributes lack) is the first decision, not a second page view.
  // shopkeeper:decided follows in a microtask, once the queued calls ran.
  control.start(shopkeeper, control.queued('decide') ? null : () => shopkeeper.decide());
  if (new URLSearchParams(location.search).get('shopkeeper_debug') === '1') control.facade.debug(true);
}

function main() {
  document.addEventListener('shopkeeper:decided', (event) => {
    latest = event.detail;
  });
  const existing = window.shopkeeper;
  if (existing && !Array.isArray(existing) && typeof existing.then === 'function') {
    warn('loaded_twice', new Error('shopkeeper.js is on this page more than once; the first one runs'));
    return;
  }
  const control = createFacade(existing, { warn, local: { debug: debugOverlay() } });
  window.shopkeeper = control.facade;
  start(control).catch((error) => {
    control.disable();
    console.warn('[shopkeeper] disabled on this page:', error && error.message ? error.message : error);
    document.dispatchEvent(new CustomEvent('shopkeeper:failed', { detail: { message: String(error && error.message) } }));
  });
}

if (inWorker) serveWorker(self);
else main();
