// createShopkeeper headless in node: rules sources, storage failures, profile(), forget().

import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync, readdirSync } from 'node:fs';
import { createShopkeeper, loadEngine, memoryStorage } from 'shopkeeper';

const root = new URL('../../', import.meta.url);
const welcome = JSON.parse(readFileSync(new URL('rules/welcome.json', root), 'utf8'));
const T0 = 1700000000000;

function collectWarnings() {
  const seen = [];
  return { seen, onWarning: (code, error) => seen.push({ code, message: error.message }) };
}

test('every rules file in rules/ loads without errors', async () => {
  const engine = await loadEngine();
  const files = readdirSync(new URL('rules/', root)).filter((f) => f.endsWith('.json') && f !== 'schema.json');
  assert.ok(files.length >= 1);
  for (const file of files) {
    const res = engine.load(readFileSync(new URL(`rules/${file}`, root), 'utf8'));
    assert.deepEqual(res.ok, true, `${file}: ${JSON.stringify(res.errors)}`);
  }
  engine.destroy();
});

test('the engine reports its version', async () => {
  const engine = await loadEngine();
  const pkg = JSON.parse(readFileSync(new URL('package.json', root), 'utf8'));
  assert.equal(engine.version, pkg.version);
  engine.destroy();
});

test('rules given as a URL are fetched', async () => {
  const requested = [];
  const fetch = async (url) => {
    requested.push(url);
    return new Response(JSON.stringify(welcome), { status: 200 });
  };
  const sk = await createShopkeeper({ rules: '/rules/welcome.json', fetch, now: () => T0 });
  assert.deepEqual(requested, ['/rules/welcome.json']);
  assert.deepEqual(sk.rules, { ok: true, campaigns: 1, timeZone: 'UTC', refParam: 'ref' });
  assert.deepEqual(sk.decide({ url: 'https://shop.test/' }).decisions.map((d) => d.campaign), ['welcome']);
});

test('a rules URL that fails or returns HTML is a warning, and visits are still recorded', async () => {
  for (const fetch of [
    async () => new Response('<!doctype html><h1>Not found</h1>', { status: 404 }),
    async () => new Response('<!doctype html><p>Login</p>', { status: 200 }),
    async () => { throw new TypeError('Failed to fetch'); },
  ]) {
    const w = collectWarnings();
    const sk = await createShopkeeper({ rules: '/rules.json', fetch, now: () => T0, onWarning: w.onWarning });
    assert.equal(sk.rules.ok, false);
    assert.equal(w.seen[0].code, 'rules_invalid');
    const res = sk.decide({ url: 'https://shop.test/' });
    assert.equal(res.ok, true);
    assert.equal(res.visitor.visitCount, 1);
    assert.deepEqual(res.decisions, []);
  }
});

test('rules and a context feed whose host never answers are given up after fetchTimeout, and the page goes on', async () => {
  const w = collectWarnings();
  const never = () => new Promise(() => {});
  const sk = await createShopkeeper({ rules: '/rules.json', context: '/v1/context', fetch: never, fetchTimeout: 30, now: () => T0,
    onWarning: w.onWarning });
  assert.deepEqual(sk.rules.errors, [{ code: 'rules_unavailable', message: 'fetching /rules.json failed: no answer in 30 ms', path: '' }]);
  assert.deepEqual(w.seen.map((x) => x.code).sort(), ['context_unavailable', 'rules_invalid']);
  assert.equal(sk.decide({ url: 'https://shop.test/' }).visitor.visitCount, 1);
});

test('push() refuses a call it does not know with a warning, whatever it names (a BigInt included)', async () => {
  const w = collectWarnings();
  const sk = await createShopkeeper({ rules: welcome, now: () => T0, onWarning: w.onWarning });
  for (const call of [[1n], ['constructor'], null]) assert.equal(sk.push(call), undefined);
  assert.deepEqual(w.seen.map((x) => x.message), ['cannot push bigint', 'cannot push "constructor"', 'cannot push null']);
});

test('invalid rules are reported with their JSON paths', async () => {
  const w = collectWarnings();
  const sk = await createShopkeeper({
    rules: { version: 1, campaigns: [{ id: 'x', action: { type: 'modal' }, colour: 'red' }] },
    onWarning: w.onWarning,
  });
  assert.deepEqual(sk.rules.errors.map((e) => e.path).sort(), ['/campaigns/0/action/title', '/campaigns/0/colour']);
  assert.match(w.seen[0].message, /\/campaigns\/0\/colour: unknown field/);
});

test('profile() exports the stored profile and forget() wipes it', async () => {
  const storage = memoryStorage();
  const sk = await createShopkeeper({ rules: welcome, storage, now: () => T0 });
  assert.equal(sk.profile(), null);
  const res = sk.decide({ url: 'https://shop.test/jackets' });
  const profile = sk.profile();
  assert.equal(profile.id, res.visitor.id);
  assert.equal(profile.session.landingPage, '/jackets');
  assert.equal(storage.getItem('shopkeeper:v1:profile'), res.profile);
  assert.equal(sk.track('Product Viewed', { product_id: 'p07' }).visitorId, res.visitor.id);
  sk.forget();
  assert.equal(sk.profile(), null);
  assert.equal(storage.getItem('shopkeeper:v1:profile'), null);
  assert.equal(sk.decide({ url: 'https://shop.test/' }).visitor.isNew, true);
});

test('a corrupt stored profile is set aside under its own key, never lost', async () => {
  const storage = memoryStorage();
  const garbage = '\u0000\ufffd{"v":1,"id":';
  storage.setItem('shopkeeper:v1:profile', garbage);
  const w = collectWarnings();
  const sk = await createShopkeeper({ rules: welcome, storage, now: () => T0, onWarning: w.onWarning });
  const res = sk.decide({ url: 'https://shop.test/' });
  assert.equal(res.profileStatus, 'corrupt');
  assert.equal(storage.getItem('shopkeeper:v1:profile:set-aside'), garbage);
  assert.equal(JSON.parse(storage.getItem('shopkeeper:v1:profile')).v, 3);
  assert.deepEqual(w.seen.map((x) => x.code), ['profile_corrupt']);
});

test('unreadable profiles found one after another each get their own set-aside key, the first three kept', async () => {
  const storage = memoryStorage();
  const w = collectWarnings();
  const sk = await createShopkeeper({ rules: welcome, storage, now: () => T0, onWarning: w.onWarning });
  const found = ['{"v":1,"id":', 'not json', '[1, 2', '{"v":1,"id":', '{"v":99}'];
  for (const value of found) {
    storage.setItem('shopkeeper:v1:profile', value);
    sk.decide({ url: 'https://shop.test/' });
  }
  const key = 'shopkeeper:v1:profile:set-aside';
  assert.deepEqual([key, `${key}:2`, `${key}:3`].map((k) => storage.getItem(k)), found.slice(0, 3), 'the same value is kept once');
  assert.deepEqual(w.seen.map((x) => x.code).filter((c) => c === 'profile_not_set_aside'), ['profile_not_set_aside']);
  sk.forget();
  assert.equal(storage.length, 0);
});

test('lone surrogates in a stored value, the page or event properties never fail a call', async () => {
  const storage = memoryStorage();
  const stored = '{"v":2,"id":"\ud800","x":"\\ud800 \udfff"}';
  storage.setItem('shopkeeper:v1:profile', stored);
  const w = collectWarnings();
  const sk = await createShopkeeper({ rules: welcome, storage, now: () => T0, onWarning: w.onWarning });
  const res = sk.decide({ url: 'https://shop.test/?q=\udc00', title: 'Caf\ud83d', category: '\\ud800' });
  assert.equal(res.ok, true);
  assert.equal(res.profileStatus, 'corrupt');
  assert.equal(storage.getItem('shopkeeper:v1:profile:set-aside'), stored, 'set aside exactly as it was');
  const tracked = sk.track('Product Viewed', { product_id: 'p\ud800', ['na\udfffme']: 'x', category: '\\udbff' });
  assert.equal(tracked.ok, true);
  const viewed = sk.profile().viewed.map(([id, category]) => [id, category]);
  assert.deepEqual(viewed, [['p\ufffd', '\\udbff']], 'lone surrogates become U+FFFD, escaped backslashes stay text');
  assert.deepEqual(w.seen.map((x) => x.code), ['profile_corrupt']);
});

test('text crosses into the engine as UTF-8 at any size: non-ASCII, a raw lone surrogate, a document that grows the buffer', async () => {
  const engine = await loadEngine();
  // Raw text (not escapes): é, ß, an emoji and a lone surrogate, which reaches the engine as U+FFFD.
  const rules = '{"version":1,"campaigns":[{"id":"cafe","action":{"type":"banner","text":"Caf\u00e9 Gr\u00fc\u00dfe \ud83d\ude0a \ud800"}}]}';
  assert.equal(engine.load(rules).ok, true);
  const texts = () => engine.decide({ now: T0, newId: 'v1', page: { url: 'https://shop.test/' } }).decisions.map((d) => d.action.text);
  assert.deepEqual(texts(), ['Café Grüße 😊 \ufffd']);
  assert.equal(engine.load(rules + ' '.repeat(900000)).ok, true, 'near the 1 MiB limit');
  assert.deepEqual(texts(), ['Café Grüße 😊 \ufffd']);
  assert.equal(engine.load(' '.repeat(2 << 20)).errors[0].code, 'document_too_large');
  assert.equal(engine.load(undefined).errors[0].code, 'invalid_json', 'not text: a clear error, no exception');
  engine.destroy();
});

test('storage that throws on every call never throws into the caller', async () => {
  const throwing = {
    getItem() { throw new DOMException('denied', 'SecurityError'); },
    setItem() { throw new DOMException('denied', 'SecurityError'); },
    removeItem() { throw new DOMException('denied', 'SecurityError'); },
  };
  const w = collectWarnings();
  const sk = await createShopkeeper({ rules: welcome, storage: throwing, now: () => T0, onWarning: w.onWarning });
  const res = sk.decide({ url: 'https://shop.test/' });
  assert.equal(res.ok, true);
  assert.deepEqual(res.decisions, [], 'no popup when a dismissal could not be remembered');
  assert.equal(res.skipped[0].reason, 'storage_unavailable');
  assert.equal(sk.track('Product Viewed', { product_id: 'p1' }).ok, true);
  assert.doesNotThrow(() => sk.forget());
  assert.deepEqual(w.seen.map((x) => x.code), ['storage_unavailable']);
});

test('a quota error keeps the latest profile in memory for the rest of the page', async () => {
  const backing = memoryStorage();
  let full = false;
  const storage = {
    getItem: (k) => backing.getItem(k),
    setItem: (k, v) => {
      if (full && k !== 'shopkeeper:v1:probe') throw new DOMException('full', 'QuotaExceededError');
      backing.setItem(k, v);
    },
    removeItem: (k) => backing.removeItem(k),
  };
  let now = T0;
  const w = collectWarnings();
  const sk = await createShopkeeper({ rules: welcome, storage, now: () => now, onWarning: w.onWarning });
  sk.decide({ url: 'https://shop.test/' });
  full = true;
  now += 1000;
  sk.track('Promotion Dismissed', { promotion_id: 'welcome' });
  now += 1000;
  const res = sk.decide({ url: 'https://shop.test/' });
  assert.equal(res.session.pageViews, 2, 'the page views of this page are not lost');
  assert.equal(res.skipped[0].reason, 'dismissed', 'the dismissal is remembered in memory');
  assert.deepEqual(w.seen.map((x) => x.code), ['storage_quota_exceeded']);
});

test('non-string values from a broken storage polyfill read as nothing stored', async () => {
  const storage = { getItem: (k) => (k === 'shopkeeper:v1:probe' ? '1' : { v: 1 }), setItem() {}, removeItem() {} };
  const sk = await createShopkeeper({ rules: welcome, storage, now: () => T0, onWarning: () => {} });
  assert.equal(sk.decide({ url: 'https://shop.test/' }).profileStatus, 'fresh');
});

test('several instances can live side by side', async () => {
  const [a, b] = await Promise.all([createShopkeeper({ rules: welcome }), createShopkeeper({ rules: welcome })]);
  assert.equal(a.decide({ url: 'https://a.test/' }).ok, true);
  assert.equal(b.decide({ url: 'https://b.test/' }).ok, true);
  a.destroy();
  b.destroy();
});

test('track() without a name, or with one that is not a string, is refused: no event named "undefined"', async () => {
  const sk = await createShopkeeper({ rules: welcome, storage: memoryStorage(), consent: 'granted', endpoint: 'https://collector.test/v1/batch',
    page: { url: 'https://shop.test/' }, now: () => T0 });
  sk.decide();
  const queued = sk.syncStats().queued;
  for (const name of [undefined, null, 42, { toString: () => 'Product Viewed' }]) {
    const res = sk.track(name, { product_id: 'p1' });
    assert.deepEqual([res.ok, res.error.code, res.error.path], [false, 'invalid_request', '/name'], String(name));
  }
  assert.equal(sk.syncStats().queued, queued, 'nothing queued');
  assert.equal(sk.track('Product Viewed', { product_id: 'p1' }).ok, true);
  sk.destroy();
});

test('a context feed that expired before it came is a context_stale warning, not silence', async () => {
  const feed = { generatedAt: new Date(T0 - 400_000).toISOString(), ttlSeconds: 300, regions: {} };
  const w = collectWarnings();
  await createShopkeeper({ rules: welcome, storage: memoryStorage(), context: feed, now: () => T0, onWarning: w.onWarning });
  assert.deepEqual(w.seen.map((x) => x.code), ['context_stale']);
  assert.match(w.seen[0].message, /had expired when it came \(at .*, by this device's clock .*\): not used/);
  const fresh = collectWarnings();
  await createShopkeeper({ rules: welcome, storage: memoryStorage(), context: { ...feed, ttlSeconds: 500 }, now: () => T0, onWarning: fresh.onWarning });
  assert.deepEqual(fresh.seen, []);
  // Fetched: the same warning, and nothing cached that would never be used.
  const storage = memoryStorage();
  const fetched = collectWarnings();
  await createShopkeeper({ rules: welcome, storage, context: 'https://shop.test/v1/context', now: () => T0, onWarning: fetched.onWarning,
    fetch: async () => new Response(JSON.stringify(feed)) });
  assert.deepEqual(fetched.seen.map((x) => x.code), ['context_stale']);
  assert.equal(storage.getItem('shopkeeper:v1:context'), null);
});

test('forget(): a feed fetched with the visitor\'s id (their referral reward) is not the next visitor\'s', async () => {
  const rules = { version: 1, campaigns: [{ id: 'thanks', audience: { 'context.referral.successful': { $gt: 0 } },
    action: { type: 'banner', text: 'Thanks for your referrals' } }] };
  const fetch = async () => new Response(JSON.stringify({ generatedAt: new Date(T0).toISOString(), ttlSeconds: 3600,
    referral: { successful: 2, reward: '20% off' } }));
  const shown = (sk) => sk.decide({ url: 'https://shop.test/' }).decisions.map((d) => d.campaign);
  for (const [context, kept] of [['https://shop.test/v1/context?visitor={visitorId}', false], ['https://shop.test/v1/context', true]]) {
    const storage = memoryStorage();
    const options = { rules, storage, context, fetch, consent: 'granted', now: () => T0 + 1000, page: { url: 'https://shop.test/' } };
    const first = await createShopkeeper(options);
    first.decide();
    first.destroy();
    const sk = await createShopkeeper(options); // a returning visitor: the feed is fetched with their id, if the URL asks for it
    assert.deepEqual(shown(sk), ['thanks']);
    sk.forget();
    assert.deepEqual(shown(sk), kept ? ['thanks'] : [], context);
    sk.destroy();
  }
});
