// One whole page view in headless Chromium: the demo shop's "All products" page with 1,000 tiles,
// the script tag early in <head> with data-grid and data-context (the demo's feed),
// rules/demo-shop.json, and a returning visitor whose stored profile holds 200 product views.
// Prints the time from script start to the grid ordered, split by the SDK's User Timing measures
// (js/timing.js); medians of fresh page loads.
// Prints figures; asserts nothing. Run: npm run bench:ranking (after ranking.mjs).

import { readFileSync } from 'node:fs';
import { loadEngine } from 'shopkeeper';
import { startShop } from '../tests/e2e/harness.js';
import { median, printTable, seeded } from './measure.mjs';

const TILES = 1000;
const VIEWS = 200;
const LOADS = 15;
const HOUR = 3600 * 1000;
const PROFILE_KEY = 'shopkeeper:v1:profile';
const RULES = '/rules/demo-shop.json';

/** The demo catalog grown to TILES products: its categories, brands and tags, new ids. */
function bigCatalog() {
  const demo = JSON.parse(readFileSync(new URL('../demo_site/catalog.json', import.meta.url), 'utf8'));
  const rand = seeded(6);
  const products = Array.from({ length: TILES }, (_, i) => {
    const model = demo.products[rand(demo.products.length)];
    return { ...model, id: `b${String(i).padStart(4, '0')}`, name: `${model.name} ${i}`, popularity: rand(1000) / 1000 };
  });
  return { ...demo, products };
}

/** The stored profile of a visitor who viewed VIEWS of the products, mostly boots and hats. */
async function storedProfile(catalog) {
  const engine = await loadEngine();
  engine.load(readFileSync(new URL(`..${RULES}`, import.meta.url), 'utf8'));
  const rand = seeded(7);
  const liked = catalog.products.filter((p) => p.category === 'boots' || p.category === 'hats');
  let now = Date.now() - (VIEWS + 24) * HOUR;
  let profile = engine.decide({ now, page: { url: 'https://shop.test/' } }).profile;
  for (let i = 0; i < VIEWS; i++) {
    const list = rand(10) < 7 ? liked : catalog.products;
    const p = list[rand(list.length)];
    now += HOUR;
    profile = engine.track({ now, profile, name: 'Product Viewed',
      properties: { product_id: p.id, category: p.category, brand: p.brand, tags: p.tags, price: p.price } }).profile;
  }
  engine.destroy();
  return profile;
}

/** Loads the page once in a fresh context: the SDK's measures and the resource timings that split them. */
async function pageView(shop, profile) {
  const context = await shop.browser.newContext();
  await context.addInitScript(([key, value]) => localStorage.setItem(key, value), [PROFILE_KEY, profile]);
  const page = await context.newPage();
  await page.goto(`${shop.base}/category/all`);
  await page.waitForFunction(() => performance.getEntriesByName('shopkeeper:dom-write').length > 0, null, { timeout: 30000 });
  const entries = await page.evaluate(() => ({
    measures: Object.fromEntries(performance.getEntriesByType('measure')
      .filter((m) => m.name.startsWith('shopkeeper:'))
      .map((m) => [m.name.slice('shopkeeper:'.length), { start: m.startTime, end: m.startTime + m.duration }])),
    wasmFetched: performance.getEntriesByType('resource').find((r) => r.name.endsWith('/shopkeeper.wasm'))?.responseEnd,
    tiles: document.querySelectorAll('#products > [data-product-id]').length,
  }));
  await context.close();
  return entries;
}

/** The phases of one page view, in ms; `ready` is when the engine, the rules, the feed and the DOM all are. */
function phases({ measures: m, wasmFetched }) {
  const start = m.wasm.start;
  const ready = m['profile-load'].start;
  const ordered = m['dom-write'].end;
  const span = (name) => m[name].end - m[name].start;
  return [
    ['wasm fetch (from script start)', wasmFetched - start],
    ['wasm compile + instantiate', m.wasm.end - Math.max(start, wasmFetched)],
    ['rules fetched (from script start, in parallel)', span('rules')],
    ['context feed fetched (likewise)', span('context')],
    ['then waiting for the DOM (1,000 tiles parsed)', ready - Math.max(m.wasm.end, m.rules.end, m.context.end)],
    ['profile load (localStorage)', span('profile-load')],
    ['decide (engine: profile parse, page view, campaigns)', span('decide')],
    ['profile save (localStorage)', span('profile-save')],
    ['read tiles (data- attributes)', span('read-tiles')],
    ['rank (encode + rankTiles)', span('rank')],
    ['DOM write (one replaceChildren)', span('dom-write')],
    ['decide() start to grid ordered', ordered - ready],
    ['script start to grid ordered', ordered - start],
  ];
}

const catalog = bigCatalog();
const profile = await storedProfile(catalog);
const shop = await startShop({ catalog, rules: RULES });
try {
  await pageView(shop, profile); // warm-up: the server's first responses, Chromium's caches
  const runs = [];
  for (let i = 0; i < LOADS; i++) {
    const entries = await pageView(shop, profile);
    if (entries.tiles !== TILES) throw new Error(`expected ${TILES} tiles, found ${entries.tiles}`);
    runs.push(phases(entries));
  }
  const rows = runs[0].map(([name], k) => {
    const values = runs.map((r) => r[k][1]);
    return [name, median(values).toFixed(2), Math.max(...values).toFixed(2)];
  });
  console.log(`\nOne page view in headless Chromium: the demo's All products page with ${TILES} tiles, a returning`);
  console.log(`visitor with ${VIEWS} product views, rules/demo-shop.json; medians of ${LOADS} fresh page loads (ms).`);
  printTable([['phase', 'median', 'max'], ...rows]);
  const afterReady = Number(rows[rows.length - 2][1]);
  console.log(`\nAfter the module is ready: ${afterReady.toFixed(2)} ms from decide() to the grid ordered (target ≤ 16 ms).`);
} finally {
  await shop.close();
}
