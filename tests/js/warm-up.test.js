// The idle-time warm-up (js/warm-up.js): the page view's engine calls replayed on a scratch
// engine, once per tab, without touching the page's engine.

import { test } from 'node:test';
import assert from 'node:assert/strict';
import { loadEngine } from 'shopkeeper';
import { scheduleWarmUp, WARM_KEY, WARM_ROUNDS } from '../../js/warm-up.js';

const T0 = 1700000000000;
const RULES = JSON.stringify({ version: 1, campaigns: [{ id: 'hello', audience: { 'visitor.isNew': true },
  action: { type: 'banner', text: 'Hello' } }] });
const PRODUCTS = [{ id: 'h', category: 'hats', tags: 'wool winter' }, { id: 'b', category: 'boots', tags: ['leather'] }];

/** An idle queue run by hand, and a sessionStorage stand-in. */
function tab() {
  const queue = [];
  const items = new Map();
  return {
    queue,
    items,
    idle: (fn) => queue.push(fn),
    session: () => ({ getItem: (k) => (items.has(k) ? items.get(k) : null), setItem: (k, v) => items.set(k, String(v)) }),
    drain() {
      let n = 0;
      while (queue.length) { queue.shift()(); n += 1; }
      return n;
    },
  };
}

/** A page's engine after one page view of a boots fan. */
async function pageEngine() {
  const engine = await loadEngine();
  assert.equal(engine.load(RULES).ok, true);
  let profile = engine.decide({ now: T0, page: { url: 'https://shop.test/' } }).profile;
  profile = engine.track({ now: T0 + 1, profile, name: 'Product Viewed', properties: { product_id: 'b', category: 'boots' } }).profile;
  engine.decide({ now: T0 + 2, profile, page: { url: 'https://shop.test/all' } });
  return { engine, profile };
}

const calls = (profile) => () => ({ rules: RULES, profile, products: PRODUCTS,
  request: { now: T0 + 3, page: { url: 'https://shop.test/all' }, newId: 'x' } });

test('the rounds run one per idle callback on a scratch engine, which is freed after; the page engine is untouched', async () => {
  const { engine, profile } = await pageEngine();
  const before = engine.rankTiles(engine.encodeTiles(PRODUCTS));
  const siblings = [];
  const sibling = engine.sibling.bind(engine);
  engine.sibling = () => {
    const scratch = sibling();
    const destroy = scratch.destroy.bind(scratch);
    const seen = { rounds: 0, destroyed: false };
    const decide = scratch.decide.bind(scratch);
    scratch.decide = (request) => { seen.rounds += 1; return decide(request); };
    scratch.destroy = () => { seen.destroyed = true; destroy(); };
    siblings.push(seen);
    return scratch;
  };
  const t = tab();
  const warnings = [];
  scheduleWarmUp(engine, calls(profile), { session: t.session, idle: t.idle, warn: (code) => warnings.push(code) });
  assert.equal(t.queue.length, 1, 'nothing runs before the first idle callback');
  assert.equal(t.drain(), WARM_ROUNDS);
  assert.deepEqual(siblings, [{ rounds: WARM_ROUNDS, destroyed: true }]);
  assert.equal(t.items.get(WARM_KEY), engine.version);
  assert.deepEqual(warnings, []);
  const after = engine.rankTiles(engine.encodeTiles(PRODUCTS));
  assert.deepEqual([Array.from(after.order), Array.from(after.scores)], [Array.from(before.order), Array.from(before.scores)]);
  assert.equal(engine.decide({ now: T0 + 4, profile, page: { url: 'https://shop.test/all' } }).ok, true);
  engine.destroy();
});

test('once per tab and engine version; nothing without idle callbacks or without working sessionStorage', async () => {
  const { engine, profile } = await pageEngine();
  const t = tab();
  const options = { session: t.session, idle: t.idle, warn: () => assert.fail('no warning expected') };
  scheduleWarmUp(engine, calls(profile), options);
  assert.equal(t.drain(), WARM_ROUNDS);
  scheduleWarmUp(engine, () => assert.fail('not read again in this tab'), options);
  assert.equal(t.drain(), 1, 'the second page only looks at the mark');
  t.items.set(WARM_KEY, 'an older version');
  scheduleWarmUp(engine, calls(profile), options);
  assert.equal(t.drain(), WARM_ROUNDS, 'an SDK update warms up again');

  scheduleWarmUp(engine, () => assert.fail('never read'), { ...options, idle: undefined });
  const blocked = tab();
  scheduleWarmUp(engine, () => assert.fail('never read'), { ...options, idle: blocked.idle,
    session: () => { throw new Error('SecurityError: sessionStorage is disabled'); } });
  assert.equal(blocked.drain(), 1);
  engine.destroy();
});

test('a failing round is one warning and ends the warm-up, its scratch engine freed', async () => {
  const { engine, profile } = await pageEngine();
  const t = tab();
  const warnings = [];
  let destroyed = 0;
  const sibling = engine.sibling.bind(engine);
  engine.sibling = () => {
    const scratch = sibling();
    scratch.rankTiles = () => { throw new Error('wasm abort'); };
    const destroy = scratch.destroy.bind(scratch);
    scratch.destroy = () => { destroyed += 1; destroy(); };
    return scratch;
  };
  scheduleWarmUp(engine, calls(profile), { session: t.session, idle: t.idle, warn: (code, error) => warnings.push(`${code}: ${error.message}`) });
  assert.equal(t.drain(), 1);
  assert.deepEqual(warnings, ['warm_up_failed: wasm abort']);
  assert.equal(destroyed, 1);
  engine.destroy();
});
