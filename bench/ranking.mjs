// Ranks 1,000 products for a visitor with 200 product views: the wasm engine, boundary crossing
// included, against the same formula in plain JS (bench/ranking-plain.js). Checks first that
// both give the same order, then prints ns per rank side by side. Run: npm run bench:ranking

import { performance } from 'node:perf_hooks';
import { loadEngine } from 'shopkeeper';
import { rankingSettings, rankPlain, snapshotFromProfile } from './ranking-plain.js';

const PRODUCTS = 1000;
const VIEWS = 200;
const T0 = Date.parse('2026-11-01T10:00:00Z');
const HOUR = 3600 * 1000;

// A deterministic catalog: 12 categories, 20 brands, 1 to 4 of 40 tags, a few pinned tiles.
let seed = 42;
const random = () => ((seed = (seed * 1103515245 + 12345) % 2147483648) / 2147483648);
const pick = (list) => list[Math.floor(random() * list.length)];
const categories = Array.from({ length: 12 }, (_, i) => `category-${i}`);
const brands = Array.from({ length: 20 }, (_, i) => `brand-${i}`);
const tags = Array.from({ length: 40 }, (_, i) => `tag-${i}`);
const products = Array.from({ length: PRODUCTS }, (_, i) => ({
  id: `sku-${String(i).padStart(5, '0')}`,
  category: pick(categories),
  brand: pick(brands),
  tags: [...new Set(Array.from({ length: 1 + Math.floor(random() * 4) }, () => pick(tags)))],
  popularity: Math.round(random() * 1e6) / 1e6,
  pinned: i % 97 === 5,
}));

const ranking = { complements: { 'category-1': { 'category-2': 1, 'category-3': 0.5 } } };
const settings = rankingSettings(ranking);
const engine = await loadEngine();
engine.load({ version: 1, settings: { ranking }, campaigns: [] });

// 200 views over ten days, weighted towards a few categories; one order and a cart line.
let now = T0;
let profile = engine.decide({ now, page: { url: 'https://shop.test/' } }).profile;
const send = (name, properties) => {
  now += HOUR;
  profile = engine.track({ now, profile, name, properties }).profile;
};
const favourites = products.filter((p) => ['category-1', 'category-4', 'category-7'].includes(p.category));
for (let i = 0; i < VIEWS; i++) {
  const p = random() < 0.7 ? pick(favourites) : pick(products);
  send('Product Viewed', { product_id: p.id, category: p.category, brand: p.brand, tags: p.tags, price: 50 });
}
send('Product Added', { product_id: favourites[0].id, category: favourites[0].category, price: 50 });
send('Order Completed', { order_id: 'o1' });
send('Product Added', { product_id: favourites[1].id, category: favourites[1].category, price: 50 });
now += HOUR;
const decided = engine.decide({ now, profile, page: { url: 'https://shop.test/category/all' } });

const snapshot = snapshotFromProfile(decided.profile, { now, settings, boosts: decided.boosts });
const plain = rankPlain(products, snapshot, settings);
const wasm = engine.rankTiles(engine.encodeTiles(products));
const same = plain.order.every((index, k) => index === wasm.order[k]);
const maxScoreDiff = Math.max(...plain.scores.map((s, i) => Math.abs(s - wasm.scores[i])));
if (!same || maxScoreDiff > 1e-12) {
  console.error(`The two implementations disagree (same order: ${same}, largest score difference ${maxScoreDiff}).`);
  process.exit(1);
}

/**
 * ns per call of each function: the median of 9 rounds after a warm-up. The rounds take turns,
 * so a busy machine slows every implementation alike and the ratios stay fair.
 */
function measure(fns, calls = 200) {
  const rounds = fns.map(() => []);
  for (const fn of fns) for (let i = 0; i < calls; i++) fn();
  for (let r = 0; r < 9; r++) {
    fns.forEach((fn, f) => {
      const start = performance.now();
      for (let i = 0; i < calls; i++) fn();
      rounds[f].push(((performance.now() - start) * 1e6) / calls);
    });
  }
  return rounds.map((times) => times.sort((a, b) => a - b)[4]);
}

const encoded = engine.encodeTiles(products);
// After each decide() the engine works out its per-string scores again, at the first rank;
// that rank is timed alone, call by call.
const afterDecide = [];
const [plainNs, coldNs, warmNs] = measure([
  () => rankPlain(products, snapshot, settings),
  () => engine.rankTiles(engine.encodeTiles(products)),
  () => engine.rankTiles(encoded),
  () => {
    engine.decide({ now, profile: decided.profile, page: { url: 'https://shop.test/category/all' } });
    const start = performance.now();
    engine.rankTiles(engine.encodeTiles(products));
    afterDecide.push((performance.now() - start) * 1e6);
  },
]);
afterDecide.sort((a, b) => a - b);
const rows = [
  ['plain JS: objects and Maps', plainNs],
  ['wasm: encode (string ids) + copy in + rank + copy out', coldNs],
  ['wasm: grid encoded once, copy in + rank + copy out', warmNs],
  ['wasm: first rank after a decide() (per-string scores rebuilt)', afterDecide[afterDecide.length >> 1]],
];

console.log(`Ranking ${PRODUCTS} products, profile built from ${VIEWS} product views (node ${process.version}); same order checked.`);
console.log(`${'implementation'.padEnd(64)} ${'ns/rank'.padStart(10)} ${'vs plain JS'.padStart(12)}`);
for (const [name, ns] of rows) {
  console.log(`${name.padEnd(64)} ${Math.round(ns).toString().padStart(10)} ${`${(plainNs / ns).toFixed(2)}x`.padStart(12)}`);
}
engine.destroy();
