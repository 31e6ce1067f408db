// The flush of a page that is left or hidden, in Chromium against the demo collector: beacons on
// pagehide (seen at the server: a text/plain beacon is a "no-cors" request, a fetch a "cors" one),
// fetch keepalive when hidden or when the beacon is refused, and what exceeds the 64 KB budget
// left queued for the next page. Each page's clock is paused once it has decided, so no timer
// flush can send the events first: what goes, goes through the path under test.

import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { startShop, visit, waitFor } from './harness.js';
import { queuedIn, rowsReach, storedFor, watchCollector } from './sync-support.js';

let shop;
before(async () => {
  shop = await startShop();
});
after(async () => {
  await shop.close();
});

/**
 * A new visitor on the home page whose clock stands still from the start (no flush timer fires, no
 * popup opens), after `prepare(page)`, once the sender has arrived (it is fetched after the first
 * decision): { page, id, collector } with the collector's requests watched.
 */
async function stillVisitor(prepare = async () => {}) {
  const page = await shop.newPage();
  await page.clock.install();
  await page.clock.pauseAt(Date.now() + 1000);
  await prepare(page);
  const collector = watchCollector(shop);
  const outcome = await visit(page, `${shop.base}/`);
  assert.equal(outcome.ok, true);
  await waitFor('the sender', () => page.evaluate(() => window.shopkeeper.syncStats().senderReady));
  return { page, id: outcome.detail.visitor.id, collector };
}

/** Queues `n` Product Viewed events of about `bytes` each (fewer than a batch: nothing goes at once). */
const trackMany = (page, n, bytes = 100) => page.evaluate(([count, size]) => {
  for (let i = 0; i < count; i++) window.shopkeeper.track('Product Viewed', { product_id: `p${i}`, note: 'x'.repeat(size) });
}, [n, bytes]);

/** Records the page's sendBeacon calls in localStorage (the page may be gone when they are read); `accept` false refuses them. */
const recordBeacons = (accept) => (page) => page.addInitScript((refuse) => {
  const send = navigator.sendBeacon.bind(navigator);
  navigator.sendBeacon = (url, data) => {
    const accepted = refuse ? false : send(url, data);
    localStorage.setItem('test:beacons', `${localStorage.getItem('test:beacons') || ''}${accepted ? 'A' : 'R'}`);
    return accepted;
  };
}, !accept);

/** Records the page's fetch calls to the collector in window.__batchFetches ({ keepalive }). */
const recordFetches = (page) => page.addInitScript(() => {
  const fetch = window.fetch.bind(window);
  window.__batchFetches = [];
  window.fetch = (url, init = {}) => {
    if (String(url).includes('/v1/batch')) window.__batchFetches.push({ keepalive: Boolean(init.keepalive) });
    return fetch(url, init);
  };
});

const productIds = (rows) => rows.filter((r) => r.event === 'Product Viewed').map((r) => JSON.parse(r.message).properties.product_id).sort();
const expectedIds = (n) => Array.from({ length: n }, (_, i) => `p${i}`).sort();
const sum = (list, field) => list.reduce((n, x) => n + x[field], 0);

test('leaving the page: its queue goes by beacon and each event is stored once', async () => {
  const { page, id, collector } = await stillVisitor(recordBeacons(true));
  const context = page.context();
  await trackMany(page, 5);
  assert.equal(collector.seen.length, 0, 'nothing sent before the page is left');
  await page.close(); // a real pagehide, then a visibilitychange
  const rows = await rowsReach(shop, 6, id); // the page view and five products
  assert.deepEqual(productIds(rows), expectedIds(5));
  await waitFor('the collector answered', () => sum(collector.seen, 'accepted') === 6);
  assert.ok(collector.seen.every((r) => r.mode === 'no-cors' && r.status === 200), JSON.stringify(collector.seen));
  assert.equal(sum(collector.seen, 'duplicates'), 0);
  const reader = await context.newPage();
  await reader.goto(`${shop.base}/favicon.svg`);
  assert.match(await reader.evaluate(() => localStorage.getItem('test:beacons')), /^A+$/);
  collector.stop();
  await context.close();
});

test('hidden: the queue goes by fetch keepalive, whose answer empties it', async () => {
  const { page, id, collector } = await stillVisitor(async (p) => {
    await recordFetches(p);
    await recordBeacons(true)(p);
  });
  await trackMany(page, 3);
  await page.evaluate(() => {
    Object.defineProperty(document, 'visibilityState', { configurable: true, get: () => 'hidden' });
    document.dispatchEvent(new Event('visibilitychange'));
  });
  await waitFor('an empty queue', async () => (await queuedIn(page)).length === 0); // settled by the 200
  const rows = await rowsReach(shop, 4, id);
  assert.deepEqual(productIds(rows), expectedIds(3));
  const fetches = await page.evaluate(() => window.__batchFetches);
  assert.ok(fetches.length > 0 && fetches.every((f) => f.keepalive), JSON.stringify(fetches));
  assert.equal(await page.evaluate(() => localStorage.getItem('test:beacons')), null, 'a page that may live on wants the answers');
  assert.ok(collector.seen.every((r) => r.mode === 'cors'));
  assert.equal(sum(collector.seen, 'duplicates'), 0);
  assert.deepEqual(page.problems, []);
  collector.stop();
  await page.context().close();
});

test('the browser refuses the beacon: the batch goes by fetch keepalive and each event is stored once', async () => {
  const { page, id, collector } = await stillVisitor(recordBeacons(false));
  const context = page.context();
  await trackMany(page, 4);
  await page.close();
  const rows = await rowsReach(shop, 5, id);
  assert.deepEqual(productIds(rows), expectedIds(4));
  await waitFor('the collector answered', () => sum(collector.seen, 'accepted') === 5);
  assert.ok(collector.seen.every((r) => r.mode === 'cors'), 'fetch, not a beacon');
  const reader = await context.newPage();
  await reader.goto(`${shop.base}/favicon.svg`);
  assert.match(await reader.evaluate(() => localStorage.getItem('test:beacons')), /^R+$/, 'the beacon was tried first');
  collector.stop();
  await context.close();
});

test('more than the 64 KB budget queued when the page is left: the rest stays queued and the next page sends it, each event stored once', async () => {
  const { page, id, collector } = await stillVisitor();
  await trackMany(page, 18, 5000); // ~95 KB, with the page view 19 events: under a batch's count
  await visit(page, `${shop.base}/category/hats`); // pagehide on the way
  const beaconed = await waitFor('the beacons', () => collector.seen.length > 0 && collector.seen);
  assert.ok(beaconed.every((r) => r.mode === 'no-cors'));
  const left = await queuedIn(page);
  const notSent = left.filter((e) => !e.inFlight && e.message.type === 'track');
  assert.ok(notSent.length > 0, 'what did not fit in the budget is not in flight');
  assert.equal(left.filter((e) => e.message.type === 'track').length, 18, 'nothing leaves the queue without an answer');

  // The clock moves on past the beacons' lease: the new page sends everything, and the collector
  // deduplicates what the beacons had delivered already.
  await page.clock.fastForward(20000);
  await page.clock.resume();
  // Two page views, 18 products, and the welcome popup, which opens on the second page now that time runs.
  const rows = await rowsReach(shop, 21, id);
  assert.deepEqual(productIds(rows), expectedIds(18));
  assert.equal(rows.filter((r) => r.event === 'Promotion Viewed').length, 1);
  await waitFor('an empty queue', async () => (await queuedIn(page)).length === 0);
  assert.equal((await storedFor(shop, id)).length, 21);
  assert.deepEqual(page.problems, []);
  collector.stop();
  await page.context().close();
});
