// The script-tag entry: <script src="/shopkeeper/shopkeeper.js" data-rules="/rules.json" defer>,
// plus data-endpoint (the collector's batch URL), data-consent (pending, granted, denied) and
// data-grid (the selector of product grids to order; then load it early in <head>, without
// defer, so that the grid is hidden before the first paint) with data-grid-timeout (ms).
// Reads its options from data-* attributes, decides once the DOM is ready, and
// never lets an error escape into the page beyond one console warning.

import { createShopkeeper } from './shopkeeper.js';

const script = document.currentScript;
const data = (script && script.dataset) || {};
// Calls the page queued before the engine was ready: window.shopkeeper = window.shopkeeper || [].
const queued = Array.isArray(window.shopkeeper) ? window.shopkeeper.slice() : [];

function whenDomReady() {
  if (document.readyState !== 'loading') return Promise.resolve();
  return new Promise((resolve) => document.addEventListener('DOMContentLoaded', resolve, { once: true }));
}

async function start() {
  const options = { rules: data.rules };
  if (data.wasm) options.wasmUrl = data.wasm;
  if (data.endpoint) options.endpoint = data.endpoint;
  if (data.consent) options.consent = data.consent;
  if (data.grid) options.grid = data.grid;
  if (data.gridTimeout) options.gridTimeout = Number(data.gridTimeout);
  const shopkeeper = await createShopkeeper(options);
  await whenDomReady();
  const result = shopkeeper.decide();
  const pushedMeanwhile = Array.isArray(window.shopkeeper) ? window.shopkeeper.slice(queued.length) : [];
  window.shopkeeper = shopkeeper;
  for (const call of [...queued, ...pushedMeanwhile]) shopkeeper.push(call);
  document.dispatchEvent(new CustomEvent('shopkeeper:decided', { detail: result }));
}

start().catch((error) => {
  console.warn('[shopkeeper] disabled on this page:', error && error.message ? error.message : error);
  document.dispatchEvent(new CustomEvent('shopkeeper:failed', { detail: { message: String(error && error.message) } }));
});
