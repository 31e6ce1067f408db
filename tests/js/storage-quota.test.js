// A full storage, headless in node: a storage stub with a quota throws QuotaExceededError as
// browsers do. The profile is compacted and retried, then kept in memory; the event queue
// drops its oldest events, counted; nothing reaches the page.

import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { createShopkeeper, loadEngine, memoryStorage } from 'shopkeeper';
import { fakeClock, fakeCollector, settle } from './sync-support.js';

const root = new URL('../../', import.meta.url);
const welcome = JSON.parse(readFileSync(new URL('rules/welcome.json', root), 'utf8'));
const T0 = Date.parse('2026-11-20T10:00:00Z');
const PROFILE = 'shopkeeper:v1:profile';
const QUEUE = 'shopkeeper:v1:queue';

/**
 * Web Storage with a quota of `limit` UTF-16 code units over keys and values, as browsers
 * count it; a write that would pass it throws QuotaExceededError and changes nothing.
 */
function quotaStorage(limit) {
  const map = new Map();
  const used = () => [...map].reduce((n, [k, v]) => n + k.length + v.length, 0);
  return {
    limit,
    used,
    getItem: (k) => (map.has(k) ? map.get(k) : null),
    setItem(k, v) {
      const key = String(k);
      const value = String(v);
      const after = used() - (map.has(key) ? key.length + map.get(key).length : 0) + key.length + value.length;
      if (after > this.limit) throw new DOMException('The quota has been exceeded.', 'QuotaExceededError');
      map.set(key, value);
    },
    removeItem: (k) => void map.delete(k),
    key: (i) => [...map.keys()][i] ?? null,
    get length() {
      return map.size;
    },
  };
}

/** A profile grown by heavy browsing, through the engine, as the JS layer would store it. */
async function heavyProfile() {
  const engine = await loadEngine();
  let profile = null;
  for (let i = 0; i < 400; i++) {
    const product = { product_id: `product-${i}-of-the-winter-range`, category: `category-${i % 25}`, brand: `brand-${i % 28}`,
      price: 20 + i, tags: [`tag-${i % 38}`, 'winter'] };
    const res = engine.track({ profile, now: T0 + i * 60000, newId: 'visitor-1', name: 'Product Viewed', properties: product });
    profile = res.profile;
  }
  engine.destroy();
  return profile;
}

function warningsCollector() {
  const seen = [];
  return { seen, onWarning: (code) => seen.push(code) };
}

/** A Shopkeeper over `storage` that queues events (consent pending) for a fake collector. */
async function queueing(storage) {
  const clock = fakeClock(T0);
  const collector = fakeCollector();
  const w = warningsCollector();
  const sk = await createShopkeeper({ rules: { version: 1, campaigns: [] }, storage, consent: 'pending', now: clock.now,
    scheduler: clock.scheduler, transport: collector.transport, page: { url: 'https://shop.test/' }, onWarning: w.onWarning });
  return { sk, collector, w };
}

test('a profile that no longer fits is compacted and stored', async () => {
  const stored = await heavyProfile();
  assert.ok(stored.length > 6000, `a heavy profile: ${stored.length} chars`);
  const storage = quotaStorage(Infinity);
  storage.setItem(PROFILE, stored);
  storage.setItem('shop:own-data', 'x'.repeat(50000)); // the shop's own data fills the rest
  storage.limit = storage.used(); // full: only a write no bigger than what it replaces fits
  const w = warningsCollector();
  const sk = await createShopkeeper({ rules: welcome, storage, now: () => T0 + 86400000, onWarning: w.onWarning });
  const res = sk.decide({ url: 'https://shop.test/product/new', product: { product_id: 'new-product', category: 'boots' } });
  assert.equal(res.ok, true);
  const now = storage.getItem(PROFILE);
  assert.ok(now.length <= 4096, `compacted to ${now.length} chars`);
  const profile = JSON.parse(now);
  assert.equal(profile.id, JSON.parse(stored).id);
  assert.equal(profile.session.number, 2, 'the visit is recorded');
  assert.equal(profile.viewed.at(-1)[0], 'new-product', 'the newest view is kept');
  assert.deepEqual(w.seen, ['profile_compacted']);
  assert.deepEqual(sk.profile(), profile);
  assert.equal(storage.getItem('shop:own-data').length, 50000, "the shop's own data is untouched");
  sk.destroy();
});

test('when even the compacted profile does not fit, it lives in memory, is reported once, and no popup shows', async () => {
  const storage = quotaStorage(200); // the probe fits, a profile does not
  const w = warningsCollector();
  const sk = await createShopkeeper({ rules: welcome, storage, now: () => T0, onWarning: w.onWarning });
  const first = sk.decide({ url: 'https://shop.test/' });
  assert.equal(first.ok, true);
  assert.equal(storage.getItem(PROFILE), null);
  const second = sk.decide({ url: 'https://shop.test/boots' });
  assert.equal(second.session.pageViews, 2, 'this page remembers its page views in memory');
  assert.deepEqual(second.decisions, []);
  assert.equal(second.skipped.find((s) => s.campaign === 'welcome').reason, 'storage_unavailable');
  sk.track('Product Viewed', { product_id: 'p07' });
  assert.equal(sk.profile().viewed[0][0], 'p07');
  assert.deepEqual(w.seen, ['storage_quota_exceeded'], 'reported once');
  sk.destroy();
});

test('a full storage drops the oldest queued events, counts them and tells the collector', async () => {
  const storage = quotaStorage(Infinity);
  const { sk, collector, w } = await queueing(storage);
  // An event the profile does not record, so that only the queue needs more room.
  for (let i = 0; i < 10; i++) sk.track('Wishlist Viewed', { item: i });
  storage.limit = storage.used(); // full from here on
  sk.track('Wishlist Viewed', { item: 10, note: 'a bigger event than the oldest ones' });
  const stats = sk.syncStats();
  assert.ok(stats.dropped >= 1, JSON.stringify(stats));
  assert.equal(stats.queued, 11 - stats.dropped);
  assert.ok(w.seen.includes('sync_dropped'));
  assert.ok(!w.seen.includes('storage_quota_exceeded'), 'room was made: nothing degraded');

  sk.setConsent('granted');
  await settle();
  const sent = collector.messages();
  const items = sent.map((m) => m.properties.item);
  assert.equal(items.at(-1), 10, 'the newest event is kept');
  assert.deepEqual(items, Array.from({ length: 11 - stats.dropped }, (_, i) => stats.dropped + i), 'the oldest went first');
  assert.deepEqual(sent[0].context.shopkeeper, { dropped: stats.dropped });
  sk.destroy();
});

test('a profile that compaction cannot shrink takes the room of the oldest queued events', async () => {
  const storage = quotaStorage(Infinity);
  const { sk, w } = await queueing(storage);
  sk.decide();
  for (let i = 0; i < 10; i++) sk.track('Wishlist Viewed', { item: i });
  storage.limit = storage.used();
  sk.track('Product Viewed', { product_id: 'p07', category: 'boots', brand: 'Northwind' });
  assert.equal(JSON.parse(storage.getItem(PROFILE)).viewed[0][0], 'p07', 'the profile is stored');
  assert.ok(sk.syncStats().dropped >= 1);
  assert.ok(!w.seen.includes('storage_quota_exceeded'), w.seen.join());
  sk.destroy();
});

test('with nothing left to drop, events stay in memory for this page and are still sent', async () => {
  const storage = quotaStorage(Infinity);
  const { sk, collector, w } = await queueing(storage);
  storage.setItem('shop:own-data', 'x'.repeat(1000));
  storage.limit = storage.used();
  sk.track('Wishlist Viewed', { item: 1 });
  sk.track('Wishlist Viewed', { item: 2 });
  assert.equal([...Array(storage.length).keys()].some((i) => storage.key(i).startsWith(`${QUEUE}:`)), false);
  assert.deepEqual(w.seen.filter((c) => c.startsWith('storage_')), ['storage_quota_exceeded']);
  sk.setConsent('granted');
  await settle();
  assert.deepEqual(collector.messages().map((m) => m.properties.item), [1, 2]);
  sk.destroy();
});

test('a storage that throws QuotaExceededError on every write never throws into the page', async () => {
  const backing = memoryStorage();
  const storage = {
    getItem: (k) => backing.getItem(k),
    setItem: (k, v) => {
      if (k !== 'shopkeeper:v1:probe') throw new DOMException('full', 'QuotaExceededError');
      backing.setItem(k, v);
    },
    removeItem: (k) => backing.removeItem(k),
  };
  const w = warningsCollector();
  const sk = await createShopkeeper({ rules: welcome, storage, now: () => T0, endpoint: 'https://collector.test/v1/batch',
    consent: 'pending', geolocation: 'manual', onWarning: w.onWarning });
  assert.equal(sk.decide({ url: 'https://shop.test/' }).ok, true);
  assert.equal(sk.track('Promotion Viewed', { promotion_id: 'welcome' }).ok, true);
  assert.equal(sk.decide({ url: 'https://shop.test/' }).ok, true);
  sk.forget();
  assert.deepEqual([...new Set(w.seen)], ['storage_quota_exceeded']);
  sk.destroy();
});
