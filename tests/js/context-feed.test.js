// The JS layer's own small modules, headless: the coupon endpoint, and the context feed's source
// and cache.

import { mock, test } from 'node:test';
import assert from 'node:assert/strict';
import { loadContextFeed } from '../../js/context-feed.js';
import { couponClient, couponEndpointOf } from '../../js/coupon-client.js';
import { readRules } from '../../js/rules-source.js';
import { createStore, KEYS, memoryStorage } from '../../js/storage.js';

test('the coupon endpoint: as given, else next to the collector, else /v1/coupons', () => {
  assert.equal(couponEndpointOf({ couponEndpoint: 'https://api.shop.test/coupons', endpoint: '/v1/batch' }), 'https://api.shop.test/coupons');
  assert.equal(couponEndpointOf({ endpoint: '/v1/batch' }), '/v1/coupons');
  assert.equal(couponEndpointOf({ endpoint: 'https://collect.shop.test/api/v2/batch?key=1' }), 'https://collect.shop.test/api/v2/coupons');
  assert.equal(couponEndpointOf({}), '/v1/coupons');
});

/** A fetch that answers `body` and records the URLs asked for. */
function fakeFetch(body, status = 200) {
  const urls = [];
  const fetchImpl = async (url) => {
    urls.push(url);
    return new Response(body, { status });
  };
  return { urls, fetchImpl };
}

test('a context URL is fetched once and reused until its time to live runs out', async () => {
  const store = createStore(memoryStorage(), () => {});
  let t = 1_000_000;
  const now = () => t;
  const feed = JSON.stringify({ generatedAt: '2026-11-24T10:00:00Z', ttlSeconds: 60, regions: {} });
  const { urls, fetchImpl } = fakeFetch(feed);
  const options = { store, fetchImpl, now, visitorId: 'v-1' };
  const first = await loadContextFeed('/v1/context?visitor={visitorId}', options);
  assert.equal(first.text, feed);
  assert.deepEqual(urls, ['/v1/context?visitor=v-1']);
  assert.equal(store.get(KEYS.context), null, 'cached only once the engine took it');
  first.save();
  assert.equal((await loadContextFeed('/v1/context?visitor={visitorId}', options)).text, feed);
  assert.equal(urls.length, 1, 'served from the cache');
  t += 61_000;
  await loadContextFeed('/v1/context?visitor={visitorId}', options);
  assert.equal(urls.length, 2, 'refetched after the feed\'s ttlSeconds');
  await loadContextFeed('/v1/context?visitor={visitorId}', { ...options, visitorId: '' });
  assert.deepEqual(urls.at(-1), '/v1/context?visitor=', 'another URL is another feed; no id when it may not be shared');
});

test('a feed without ttlSeconds lives for the option (or 10 minutes); a cache entry that is garbage is a miss', async () => {
  const storage = memoryStorage();
  const store = createStore(storage, () => {});
  let t = 5_000_000;
  const { urls, fetchImpl } = fakeFetch('{"regions":{}}');
  (await loadContextFeed('/feed.json', { store, fetchImpl, now: () => t, ttlSeconds: 30 })).save();
  t += 29_000;
  await loadContextFeed('/feed.json', { store, fetchImpl, now: () => t });
  assert.equal(urls.length, 1);
  t += 2_000;
  (await loadContextFeed('/feed.json', { store, fetchImpl, now: () => t })).save();
  assert.equal(urls.length, 2);
  t += 599_000;
  await loadContextFeed('/feed.json', { store, fetchImpl, now: () => t });
  assert.equal(urls.length, 2, 'the default time to live is 600 s');
  storage.setItem(KEYS.context, '{"url":');
  await loadContextFeed('/feed.json', { store, fetchImpl, now: () => t });
  assert.equal(urls.length, 3);
});

test('objects and JSON text are the feed itself; failures are reported, not thrown', async () => {
  const store = createStore(memoryStorage(), () => {});
  const now = () => 1;
  assert.equal(await loadContextFeed(undefined, { store, now }), null);
  assert.equal((await loadContextFeed({ regions: {} }, { store, now })).text, '{"regions":{}}');
  assert.equal((await loadContextFeed(' {"regions":{}}', { store, now })).text, ' {"regions":{}}');
  assert.match((await loadContextFeed('/feed', { store, now, fetchImpl: fakeFetch('no', 503).fetchImpl })).error, /HTTP 503/);
  const offline = async () => { throw new TypeError('Failed to fetch'); };
  assert.match((await loadContextFeed('/feed', { store, now, fetchImpl: offline })).error, /Failed to fetch/);
  const cyclic = {};
  cyclic.self = cyclic;
  assert.match((await loadContextFeed(cyclic, { store, now })).error, /cannot be serialized/);
});

test('a rules or feed URL that does not answer, or whose body does not finish, is given up after 5 s by default', async () => {
  const store = createStore(memoryStorage(), () => {});
  const signals = [];
  const silent = (url, init) => {
    signals.push(init.signal);
    return new Promise(() => {});
  };
  const stalled = async () => ({ ok: true, status: 200, text: () => new Promise(() => {}) });
  mock.timers.enable({ apis: ['setTimeout'] });
  try {
    const pending = [readRules('/rules.json', silent), loadContextFeed('/feed', { store, now: () => 1, fetchImpl: stalled }),
      loadContextFeed('/feed', { store, now: () => 1, fetchImpl: silent, timeout: 20 })];
    const settled = pending.map(() => false);
    pending.forEach((p, i) => p.then(() => { settled[i] = true; }));
    const flush = () => new Promise((resolve) => setImmediate(resolve));
    await flush();
    mock.timers.tick(20);
    await flush();
    assert.deepEqual(settled, [false, false, true], 'the time-out given');
    mock.timers.tick(4979);
    await flush();
    assert.deepEqual(settled, [false, false, true]);
    mock.timers.tick(1);
    const [rules, stalledFeed, silentFeed] = await Promise.all(pending);
    assert.equal(rules.error, 'fetching /rules.json failed: no answer in 5000 ms');
    assert.equal(stalledFeed.error, 'fetching /feed failed: no answer in 5000 ms');
    assert.equal(silentFeed.error, 'fetching /feed failed: no answer in 20 ms');
    assert.deepEqual(signals.map((s) => s.aborted), [true, true], 'the requests are aborted');
  } finally {
    mock.timers.reset();
  }
});

test('a URL object is an address to fetch, for the rules as for the feed', async () => {
  const rules = JSON.stringify({ version: 1, campaigns: [] });
  const { urls, fetchImpl } = fakeFetch(rules);
  assert.deepEqual(await readRules(new URL('https://shop.test/rules.json'), fetchImpl), { text: rules });
  const store = createStore(memoryStorage(), () => {});
  const feed = await loadContextFeed(new URL('https://shop.test/v1/context'), { store, fetchImpl, now: () => 0 });
  assert.equal(feed.text, rules);
  assert.deepEqual(urls, ['https://shop.test/rules.json', 'https://shop.test/v1/context']);
});

test('a coupon backend that does not answer in 10 s is reported as unreachable, and the popup stops waiting', async () => {
  mock.timers.enable({ apis: ['setTimeout'] });
  try {
    const silent = couponClient('/v1/coupons', () => new Promise(() => {}));
    const stalled = couponClient('/v1/coupons', async () => ({ ok: true, status: 200, json: () => new Promise(() => {}) }));
    const answers = [silent({ kind: 'welcome' }), stalled({ kind: 'welcome' })];
    await new Promise((resolve) => setImmediate(resolve));
    mock.timers.tick(10000);
    for (const answer of await Promise.all(answers)) {
      assert.deepEqual(answer, { ok: false, message: 'The shop could not be reached. Please try again.' });
    }
  } finally {
    mock.timers.reset();
  }
});

test('a feed served already aged (a CDN\'s copy) is reused only until it expires by its generatedAt', async () => {
  const store = createStore(memoryStorage(), () => {});
  let t = Date.parse('2026-11-24T10:04:10Z'); // 250 s after the feed was made
  const { urls, fetchImpl } = fakeFetch(JSON.stringify({ generatedAt: '2026-11-24T10:00:00Z', ttlSeconds: 300, regions: {} }));
  const options = { store, fetchImpl, now: () => t };
  (await loadContextFeed('/v1/context', options)).save();
  t += 49_000;
  await loadContextFeed('/v1/context', options);
  assert.equal(urls.length, 1);
  t += 2_000;
  await loadContextFeed('/v1/context', options);
  assert.equal(urls.length, 2, 'fetched again once the engine no longer uses it, not 300 s after it came');
});
