// rank() in node: the public API around the shared cases (tests/cases/ranking.json): input that
// is odd or large, the string table the JS layer shares with the engine, typed arrays out.

import { test } from 'node:test';
import assert from 'node:assert/strict';
import { createShopkeeper, loadEngine, memoryStorage } from 'shopkeeper';
import { encodeTiles, StringTable, TILE_WORDS } from '../../js/ranking.js';

const T0 = 1700000000000;

/** A returning visitor who looked at boots. */
async function bootsFan(rules = { version: 1, campaigns: [] }) {
  let clock = T0;
  const warnings = [];
  const sk = await createShopkeeper({ rules, storage: memoryStorage(), now: () => clock, onWarning: (code) => warnings.push(code) });
  sk.decide({ url: 'https://shop.test/' });
  for (const id of ['x1', 'x2']) {
    clock += 1000;
    sk.track('Product Viewed', { product_id: id, category: 'boots', brand: 'Nordkapp', tags: ['winter'] });
  }
  clock += 1000;
  sk.decide({ url: 'https://shop.test/all' });
  return { sk, warnings };
}

test('before any decide() the products keep their order, with score 0 and no reasons', async () => {
  const sk = await createShopkeeper({ rules: { version: 1, campaigns: [] }, storage: memoryStorage() });
  assert.deepEqual(sk.rank([{ id: 'b', category: 'boots' }, { id: 7 }]), [
    { id: 'b', score: 0, reasons: [] },
    { id: '7', score: 0, reasons: [] },
  ]);
  sk.destroy();
});

test('after forget() the products keep their order until the next decide(), which ranks for the new visitor', async () => {
  const { sk, warnings } = await bootsFan();
  const products = [{ id: 'h', category: 'hats' }, { id: 'b', category: 'boots', brand: 'Nordkapp' }];
  assert.equal(sk.rank(products)[0].id, 'b');
  sk.forget();
  assert.deepEqual(sk.rank(products), [{ id: 'h', score: 0, reasons: [] }, { id: 'b', score: 0, reasons: [] }]);
  assert.equal(sk.decide({ url: 'https://shop.test/' }).visitor.isNew, true);
  assert.deepEqual(sk.rank(products).map((r) => r.reasons), [[], []], 'nothing of the forgotten visitor');
  assert.deepEqual(warnings, []);
  sk.destroy();
});

test('tags as a space-separated string, numeric ids and odd values rank without throwing', async () => {
  const { sk, warnings } = await bootsFan();
  const ranked = sk.rank([
    null,
    { id: 12, category: 'hats', tags: 'wool  winter', popularity: 'lots' },
    { id: 'b1', category: 'boots', brand: { not: 'a string' }, tags: [3, null, 'city'], popularity: -1 },
    { id: 'h2', category: 'hats', tags: 'summer', popularity: Infinity },
  ]);
  assert.deepEqual(ranked.map((r) => r.id), ['b1', '12', '', 'h2']);
  assert.deepEqual(ranked[1].reasons, ['tag']);
  assert.ok(ranked.every((r) => Number.isFinite(r.score)));
  assert.deepEqual(sk.rank('boots'), []);
  assert.deepEqual(warnings, ['rank_invalid']);
  sk.destroy();
});

test('a grid beyond the engine\'s limits keeps its order instead of failing, with a warning', async () => {
  const { sk, warnings } = await bootsFan();
  const tooMany = Array.from({ length: 20001 }, (_, i) => ({ id: `p${i}`, category: i === 5 ? 'boots' : 'hats' }));
  // Fewer tiles, but more different texts than the string table holds (6,000 x 11 > 65,536).
  const tooVaried = Array.from({ length: 6000 }, (_, i) => ({ id: `q${i}`, category: i === 5 ? 'boots' : `c${i}`,
    brand: `b${i}`, tags: Array.from({ length: 8 }, (_, k) => `t${i}-${k}`) }));
  for (const products of [tooMany, tooVaried]) {
    const ranked = sk.rank(products);
    assert.deepEqual(ranked.map((r) => r.id), products.map((p) => p.id));
    assert.ok(ranked.every((r) => r.score === 0));
  }
  assert.deepEqual(warnings, ['rank_too_large', 'rank_too_large']);
  // Within the limits again, the same engine ranks.
  assert.equal(sk.rank([{ id: 'h', category: 'hats' }, { id: 'b', category: 'boots' }])[0].id, 'b');
  sk.destroy();
});

test('values of the wrong type count as absent: ids as the ranker saw them, data-pinned strings as in the grid', async () => {
  const { sk, warnings } = await bootsFan();
  const ranked = sk.rank([
    { id: { toString: () => 'obj' }, category: 'hats', popularity: Symbol('x') },
    { id: 'h1', category: 'hats', popularity: { valueOf() { throw new Error('no'); } } },
    { id: 'b1', category: 'boots', pinned: 'false' },
    { id: 'h2', category: 'hats', pinned: '' },
  ]);
  assert.deepEqual(ranked.map((r) => r.id), ['b1', '', 'h1', 'h2']); // h2 pinned at its place
  assert.deepEqual(ranked[3].reasons, ['pinned']);
  assert.deepEqual(warnings, []);
  sk.destroy();
});

test('a tile\'s dataset ranks as the grid does: its data-product-id is productId', async () => {
  const { sk } = await bootsFan();
  const tiles = [{ id: 'h1', category: 'hats' }, { id: 'x1', category: 'boots', tags: 'winter' }, { id: 'h2', category: 'hats' }];
  const datasets = tiles.map(({ id, ...rest }) => ({ productId: id, ...rest, popularity: '0.5', pinned: 'false' }));
  const asGiven = sk.rank(tiles.map((t) => ({ ...t, popularity: 0.5 })));
  assert.deepEqual(sk.rank(datasets), asGiven);
  assert.deepEqual(asGiven.map((r) => r.id).slice(0, 1), ['x1']);
  assert.ok(asGiven[0].reasons.includes('viewed'));
  sk.destroy();
});

test('the string table starts over when it grows large, and ranking stays right', async () => {
  const { sk } = await bootsFan();
  const grid = (n, prefix) => Array.from({ length: n }, (_, i) => ({ id: `${prefix}${i}`, category: i % 1000 === 999 ? 'boots' : 'hats' }));
  for (let round = 0; round < 4; round++) {
    const products = grid(15000, `r${round}-`);
    const ranked = sk.rank(products);
    assert.deepEqual(ranked.slice(0, 4).map((r) => r.id), [`r${round}-999`, `r${round}-1999`, `r${round}-2999`, `r${round}-3999`]);
  }
  assert.ok(sk._engine._strings.strings.length < 50000 + 15000);
  sk.destroy();
});

test('the engine ranks encoded tiles into typed arrays; an encoding from before a table reset is redone', async () => {
  const engine = await loadEngine();
  engine.load({ version: 1, campaigns: [] });
  let profile = engine.decide({ now: T0, page: { url: '/' } }).profile;
  profile = engine.track({ now: T0 + 1, profile, name: 'Product Viewed', properties: { product_id: 'x', category: 'boots' } }).profile;
  engine.decide({ now: T0 + 2, profile, page: { url: '/all' } });
  const tiles = engine.encodeTiles([{ id: 'h', category: 'hats' }, { id: 'b', category: 'boots', pinned: false }]);
  const ranked = engine.rankTiles(tiles);
  assert.ok(ranked.order instanceof Uint32Array && ranked.scores instanceof Float64Array && ranked.reasons instanceof Uint32Array);
  assert.deepEqual(Array.from(ranked.order), [1, 0]);
  engine._strings.reset();
  assert.deepEqual(Array.from(engine.rankTiles(tiles).order), [1, 0]);
  assert.deepEqual(Array.from(engine.rankTiles(engine.encodeTiles([])).order), []);
  engine.destroy();
  assert.equal(engine.rankTiles(tiles), null);
});

test('tags encode alike as a text or an array: blanks skipped, numbers as text, at most ten, and right after a table reset', () => {
  const table = new StringTable();
  const tagsOf = (grid, i) => Array.from(grid.words.subarray(grid.count * TILE_WORDS + grid.words[i * TILE_WORDS + 3],
    grid.count * TILE_WORDS + grid.words[i * TILE_WORDS + 3] + grid.words[i * TILE_WORDS + 4]), (id) => table.strings[id]);
  const many = Array.from({ length: 12 }, (_, i) => `t${i}`);
  const products = [{ id: 'a', tags: '  winter\twool  5 ' }, { id: 'b', tags: ['winter', '', 'wool', 5, null] },
    { id: 'c', tags: many.join(' ') }, { id: 'd', tags: many }, { id: 'e' }, { id: 'f', tags: '  winter\twool  5 ' }];
  const grid = encodeTiles(products, table);
  assert.deepEqual(tagsOf(grid, 0), ['winter', 'wool', '5']);
  assert.deepEqual(tagsOf(grid, 1), ['winter', 'wool', '5']);
  assert.deepEqual(tagsOf(grid, 2), many.slice(0, 10));
  assert.deepEqual(tagsOf(grid, 3), many.slice(0, 10));
  assert.deepEqual(tagsOf(grid, 4), []);
  assert.deepEqual(tagsOf(grid, 5), ['winter', 'wool', '5']);
  assert.equal(grid.tagCount, 3 + 3 + 10 + 10 + 0 + 3);
  table.reset();
  table.id('other'); // the ids of the texts seen before the reset are taken by other strings now
  const again = encodeTiles(products.slice(0, 1), table);
  assert.deepEqual(tagsOf(again, 0), ['winter', 'wool', '5']);
});

test('strings with a NUL or non-ASCII text keep the table in step: such a string matches nothing, the others still do', async () => {
  const engine = await loadEngine();
  engine.load({ version: 1, campaigns: [] });
  let profile = engine.decide({ now: T0, page: { url: '/' } }).profile;
  for (const category of ['bo\0ots', 'chaussures d\u2019été']) {
    profile = engine.track({ now: T0 + 1, profile, name: 'Product Viewed', properties: { product_id: 'x', category } }).profile;
  }
  engine.decide({ now: T0 + 2, profile, page: { url: '/all' } });
  const ranked = engine.rankTiles(engine.encodeTiles([{ id: 'a', category: 'hats' }, { id: 'b', category: 'bo\0ots' },
    { id: 'c', category: 'chaussures d\u2019été' }, { id: 'd', category: 'hats' }]));
  assert.deepEqual(Array.from(ranked.order), [2, 0, 1, 3], 'the non-ASCII category counts; the one with a NUL matches nothing');
  engine.destroy();
});

test('the context feed option and boostTiles campaigns reach rank(): a first-time visitor in the snow', async () => {
  const rules = { version: 1, campaigns: [{ id: 'snow-boost', audience: { 'context.weather.snowExpected': true },
    action: { type: 'boostTiles', boost: { categories: { sweaters: 1 }, tags: { winter: 1 } } } }] };
  const context = { generatedAt: new Date(T0).toISOString(), ttlSeconds: 600, regions: {
    'IE-DL': { weather: { name: 'Donegal', condition: 'snow', temperatureC: -1, snowExpected: true }, trending: [{ product_id: 'w2', units: 3 }] },
    'IE-D': { weather: { name: 'Dublin', condition: 'rain', temperatureC: 7 }, trending: [{ product_id: 'w2', units: 3 }] },
  } };
  const products = [
    { id: 'cap', category: 'hats', tags: ['summer'], popularity: 0.9 },
    { id: 'w1', category: 'sweaters', tags: ['winter'], popularity: 0.5 },
    { id: 'w2', category: 'sweaters', tags: ['winter'], popularity: 0.1 },
    { id: 'boot', category: 'boots', tags: ['winter', 'waterproof'], popularity: 0.3 },
  ];
  const visitorIn = async (region) => {
    const sk = await createShopkeeper({ rules, context, storage: memoryStorage(), now: () => T0 + 1000 });
    const res = sk.decide({ url: 'https://shop.test/all', location: { country: 'IE', region } });
    return { sk, res, ranked: sk.rank(products) };
  };

  const donegal = await visitorIn('IE-DL');
  assert.equal(donegal.res.visitor.isNew, true);
  assert.deepEqual(donegal.res.boosts, { categories: { sweaters: 1 }, brands: {}, tags: { winter: 1 }, products: {} });
  // Only the boosts count for a newcomer: trends and popularity wait for some history.
  assert.deepEqual(donegal.ranked.map((r) => r.id), ['w1', 'w2', 'boot', 'cap']);
  assert.deepEqual(donegal.ranked.map((r) => r.reasons), [['boost'], ['boost'], ['boost'], []]);
  donegal.sk.destroy();

  // Dublin: the same trends and no snow, so no boost; with no history the shop's order stands.
  const dublin = await visitorIn('IE-D');
  assert.deepEqual(dublin.res.boosts, { categories: {}, brands: {}, tags: {}, products: {} });
  assert.deepEqual(dublin.ranked.map((r) => r.id), products.map((p) => p.id));
  dublin.sk.destroy();
});
