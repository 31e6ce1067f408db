// The campaign side of the public API, headless: hash(), shareLink(), explain(), the context option,
// the shop's time zone, and event-triggered decisions from track().

import { test } from 'node:test';
import assert from 'node:assert/strict';
import { createShopkeeper, memoryStorage } from 'shopkeeper';

const T0 = Date.parse('2026-11-24T14:05:00Z'); // a Tuesday, 14:05 in Dublin
const banner = (id, extra = {}) => ({ id, priority: 1, action: { type: 'banner', text: `Banner ${id}` }, ...extra });

/** A Shopkeeper over `rules` with warnings collected. */
async function shopkeeper(rules, options = {}) {
  const warnings = [];
  const sk = await createShopkeeper({ rules, storage: memoryStorage(), now: () => T0, page: { url: 'https://shop.test/' },
    onWarning: (code, error) => warnings.push({ code, message: error.message }), ...options });
  return { sk, warnings };
}

/** GrowthBook's hash written out from its definition, to check the engine against on any input. */
function referenceHash(seed, value, version) {
  const fnv = (s) => {
    let h = 0x811c9dc5;
    for (let i = 0; i < s.length; i++) {
      h ^= s.charCodeAt(i);
      h += (h << 1) + (h << 4) + (h << 7) + (h << 8) + (h << 24);
    }
    return h >>> 0;
  };
  if (version === 1) return (fnv(value + seed) % 1000) / 1000;
  if (version === 2) return (fnv(String(fnv(seed + value))) % 10000) / 10000;
  return null;
}

test('hash() is GrowthBook\'s: its published values, and the definition on any UTF-16 input', async () => {
  const { sk } = await shopkeeper({ version: 1, campaigns: [] });
  assert.deepEqual([sk.hash('', 'a', 1), sk.hash('', 'b', 1), sk.hash('b', 'a', 1), sk.hash('ef', 'd', 1)], [0.22, 0.077, 0.946, 0.652]);
  // Any valid Unicode text: a lone surrogate cannot cross to the engine as UTF-8, so it is not among them.
  for (const [seed, value] of [['welcome-2026', 'visitor-1'], ['', ''], ['émoji 😊', 'ß\u0000x'], ['a'.repeat(500), '𝄞\u{10FFFF}']]) {
    for (const version of [1, 2]) assert.equal(sk.hash(seed, value, version), referenceHash(seed, value, version), `${seed}/${value}/v${version}`);
  }
  assert.equal(sk.hash('s', 'v', 3), null);
  assert.equal(sk.hash('s', 'v', 0), null);
});

test('shareLink() puts the visitor id under the rules\' refParam', async () => {
  const { sk } = await shopkeeper({ version: 1, settings: { refParam: 'friend' }, campaigns: [] });
  assert.equal(sk.shareLink('https://shop.test/'), null, 'no visitor yet');
  const id = sk.decide().visitor.id;
  assert.equal(sk.shareLink('https://shop.test/'), `https://shop.test/?friend=${id}`);
  assert.equal(sk.shareLink('https://shop.test/boots?friend=someone-else&x=1#top'), `https://shop.test/boots?friend=${id}&x=1#top`);
  assert.equal(sk.shareLink('javascript:alert(1)'), null);
  assert.equal(sk.shareLink('not a url'), null, 'headless, a relative link has no base');
  const { sk: plain } = await shopkeeper({ version: 1, campaigns: [] });
  plain.decide();
  assert.match(plain.shareLink('https://shop.test/'), /\?ref=/, 'the default parameter is ref');
});

test('explain() says why a campaign does not show, and changes nothing', async () => {
  const rules = { version: 1, campaigns: [banner('returning', { audience: { 'visitor.isNew': false } }), banner('anyone')] };
  const { sk } = await shopkeeper(rules);
  sk.decide();
  const before = JSON.stringify(sk.profile());
  const why = sk.explain('returning');
  assert.equal(why.ok, true);
  assert.equal(why.wouldShow, false);
  assert.equal(why.checks.find((c) => c.check === 'audience').passed, false);
  assert.deepEqual(why.audience, [{ path: 'visitor.isNew', matched: false }]);
  assert.equal(sk.explain('anyone').wouldShow, true);
  assert.equal(sk.explain('no-such-campaign').ok, false);
  assert.equal(JSON.stringify(sk.profile()), before);
});

test('schedules run on the shop\'s clock in the rules\' time zone', async () => {
  const at = (timeZone, hours) => ({ version: 1, settings: { timeZone },
    campaigns: [banner('office-hours', { schedule: { weekdays: ['tue'], hours } })] });
  const shown = async (rules) => (await shopkeeper(rules)).sk.decide().decisions.length === 1;
  assert.equal(await shown(at('Europe/Dublin', { from: 14, to: 15 })), true, '14:05 in Dublin');
  assert.equal(await shown(at('Asia/Tokyo', { from: 14, to: 15 })), false, '23:05 in Tokyo');
  assert.equal(await shown(at('Asia/Tokyo', { from: 23, to: 24 })), true);
});

test('the context option: an object, or a URL fetched once and cached; {visitorId} only with consent', async () => {
  const feed = { generatedAt: '2026-11-24T14:00:00Z', ttlSeconds: 300,
    regions: { 'IE-DL': { weather: { name: 'Donegal', condition: 'snow', snowExpected: true }, trending: [{ product_id: 'p32', units: 4 }] } },
    referral: { successful: 1, reward: 'A bundle' } };
  const rules = { version: 1, campaigns: [
    banner('snow', { audience: { 'context.weather.snowExpected': true }, action: { type: 'banner', text: 'Snow in {{context.weather.name}}' } }),
    banner('thanks', { audience: { 'context.referral.successful': { $gte: 1 } } })] };
  const donegal = { url: 'https://shop.test/', location: { country: 'IE', region: 'IE-DL', city: 'Donegal' } };

  const { sk } = await shopkeeper(rules, { context: feed });
  const res = sk.decide(donegal);
  assert.deepEqual(res.decisions.map((d) => [d.campaign, d.action.text]), [['snow', 'Snow in Donegal'], ['thanks', 'Banner thanks']]);

  const storage = memoryStorage();
  const urls = [];
  const fetch = async (url) => {
    urls.push(url);
    return new Response(JSON.stringify(feed));
  };
  for (const consent of ['granted', 'granted', 'pending']) {
    const { sk: visitor, warnings } = await shopkeeper(rules, { storage, fetch, consent, context: '/v1/context?visitor={visitorId}' });
    assert.deepEqual(visitor.decide(donegal).decisions.map((d) => d.campaign), ['snow', 'thanks']);
    assert.deepEqual(warnings, []);
  }
  const id = JSON.parse(storage.getItem('shopkeeper:v1:profile')).id;
  assert.deepEqual(urls, ['/v1/context?visitor=', `/v1/context?visitor=${id}`, '/v1/context?visitor='],
    'a new visitor has no id yet; the id goes out with consent only; the cache is per URL');
});

test('a malformed or unreachable feed is ignored with one warning, and the page goes on', async () => {
  const rules = { version: 1, campaigns: [banner('snow', { audience: { 'context.weather.snowExpected': true } }), banner('anyone')] };
  for (const [context, fetch, code] of [
    ['{"regions": [1, 2', undefined, 'context_invalid'],
    ['/feed', async () => new Response('<html>', { status: 200 }), 'context_invalid'],
    ['/feed', async () => new Response('gone', { status: 500 }), 'context_unavailable'],
    ['/feed', async () => { throw new TypeError('Failed to fetch'); }, 'context_unavailable'],
  ]) {
    const storage = memoryStorage();
    const { sk, warnings } = await shopkeeper(rules, { context, fetch, storage });
    assert.deepEqual(warnings.map((w) => w.code), [code], context);
    assert.deepEqual(sk.decide().decisions.map((d) => d.campaign), ['anyone']);
    assert.equal(storage.getItem('shopkeeper:v1:context'), null, 'nothing bad is cached');
  }
});

test('track() hands back the decisions of event-triggered campaigns', async () => {
  const rules = { version: 1, campaigns: [
    { id: 'wishlist', priority: 1, trigger: { type: 'custom', event: 'Wishlist Added' }, action: { type: 'modal', title: 'Saved!' } },
    { id: 'removed', priority: 1, trigger: { type: 'productRemoved' }, action: { type: 'slideIn', title: 'Changed your mind?' } }] };
  const { sk } = await shopkeeper(rules);
  assert.deepEqual(sk.decide().decisions.map((d) => d.campaign), []);
  assert.deepEqual(sk.track('Wishlist Added', { product_id: 'p01' }).decisions.map((d) => d.campaign), ['wishlist']);
  assert.deepEqual(sk.track('Product Viewed', { product_id: 'p01' }).decisions, []);
});
