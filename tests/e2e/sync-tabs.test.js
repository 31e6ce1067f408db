// One flusher across the tabs of a shopper, in Chromium against the demo collector: with Web Locks,
// and with the lease in localStorage where navigator.locks is missing. The collector hangs on tab
// A's request (and A's timeout is off) so that A holds the flush while tab B is checked; then A is
// closed mid-request and B takes over. The tabs' clock stands still, so every flush is one the
// test asks for, and moves on only to outlive the lease of A's batch. Each event is stored once,
// and the collector never sees a message twice.

import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { startShop, visit, waitFor } from './harness.js';
import { flushIn, queuedIn, rowsReach, stallCollector, storedFor } from './sync-support.js';

const LOCK = 'shopkeeper:v1:flush';
const LEASE = 'shopkeeper:v1:flush-lease';

let shop;
before(async () => {
  shop = await startShop();
});
after(async () => {
  await shop.close();
});

/**
 * Records in window.__locking, in every page of `context`, each Web Locks grant or refusal
 * ({ lock, ifAvailable, granted }) and each write of the flush lease ({ lease: owner }).
 * `withoutLocks` removes navigator.locks first, as in a browser without Web Locks.
 */
const recordLocking = (context, withoutLocks) => context.addInitScript(([lease, noLocks]) => {
  if (noLocks) delete Navigator.prototype.locks;
  window.__locking = [];
  const request = LockManager.prototype.request;
  LockManager.prototype.request = function recordedRequest(name, ...args) {
    const callback = args.pop();
    const options = args[0] || {};
    return request.call(this, name, options, (lock) => {
      window.__locking.push({ lock: name, ifAvailable: Boolean(options.ifAvailable), granted: Boolean(lock) });
      return callback(lock);
    });
  };
  const setItem = Storage.prototype.setItem;
  Storage.prototype.setItem = function recordedSetItem(key, value) {
    if (key === lease) window.__locking.push({ lease: JSON.parse(value).owner });
    return setItem.call(this, key, value);
  };
}, [LEASE, withoutLocks]);

const lockingIn = (page) => page.evaluate(() => window.__locking);

/** Counts the requests of `page` to the collector. */
function countRequests(page) {
  const counted = { count: 0 };
  page.on('request', (r) => {
    if (new URL(r.url()).pathname === '/v1/batch') counted.count++;
  });
  return counted;
}

/**
 * Tab A and tab B of a new shopper, their page views queued, A flushing both while the collector
 * hangs on its request, and B flushing meanwhile: { a, b, id, fromB }.
 */
async function twoTabs(withoutLocks) {
  const a = await shop.newPage();
  await recordLocking(a.context(), withoutLocks);
  await a.addInitScript(() => {
    AbortSignal.timeout = () => new AbortController().signal; // tab A waits for its answer as long as it takes
  });
  await a.clock.install();
  await a.clock.pauseAt(Date.now() + 1000);
  const id = (await visit(a, `${shop.base}/`)).detail.visitor.id;
  const b = await a.context().newPage();
  const fromB = countRequests(b);
  await visit(b, `${shop.base}/category/gloves`);
  // Tabs in other renderer processes see a localStorage write a moment later (a few ms, sometimes
  // tens here): tab A must see tab B's page view before it flushes, or it leaves that event to the
  // beacon it sends as it closes (README, Event sync).
  await waitFor("tab B's page view queued, as tab A sees it", async () => (await queuedIn(a)).length === 2);
  const stall = stallCollector(shop);
  await a.evaluate(() => {
    window.shopkeeper.flush(); // settles only once the collector answers
  });
  await waitFor("tab A's request at the collector", () => stall.held > 0);
  stall.release();
  if (withoutLocks) {
    // Likewise, a tab that has not seen the lease yet may take it too.
    await waitFor("tab A's lease seen in tab B", () => b.evaluate((key) => localStorage.getItem(key) !== null, LEASE));
  }
  await flushIn(b);
  return { a, b, id, fromB };
}

/**
 * Moves the clock past the lease of tab A's batch and lets it run: tab B's timers flush what is
 * left, and the welcome popup, held back while time stood still, opens in tab B.
 */
async function outliveTheLease(b) {
  await b.clock.fastForward(20000);
  await b.clock.resume();
}

const kinds = (rows) => rows.map((r) => r.event || r.type).sort();
const recordProduct = (page) => page.evaluate(() => window.shopkeeper.track('Product Viewed', { product_id: 'p01' }));

test('Web Locks: one tab flushes at a time; the other sends nothing until the holder closes, then takes over', async () => {
  const duplicates = shop.server.demo.collector.stats.duplicates;
  const { a, b, id, fromB } = await twoTabs(false);
  assert.deepEqual(await lockingIn(a), [{ lock: LOCK, ifAvailable: true, granted: true }]);
  const refused = await lockingIn(b);
  assert.ok(refused.length > 0 && refused.every((x) => x.lock === LOCK && x.ifAvailable && !x.granted), JSON.stringify(refused));
  assert.equal(fromB.count, 0, 'tab B sends nothing while tab A holds the lock');

  await a.close(); // mid-request: its lock goes with it; its batch stays in flight until its lease runs out
  await recordProduct(b);
  const first = await waitFor('tab B sending', async () => {
    await flushIn(b); // the lock of a closed tab is given back a moment later
    const rows = await storedFor(shop, id);
    return rows.length > 0 && rows;
  });
  assert.deepEqual(kinds(first), ['Product Viewed'], "tab B takes the lock and leaves tab A's batch alone");
  await outliveTheLease(b);
  assert.deepEqual(kinds(await rowsReach(shop, 4, id)), ['Product Viewed', 'Promotion Viewed', 'page', 'page']);
  const locking = await lockingIn(b);
  assert.ok(locking.some((x) => x.granted), 'tab B took the lock over');
  assert.ok(locking.every((x) => x.lock === LOCK), 'the storage lease is not used');
  assert.equal(shop.server.demo.collector.stats.duplicates - duplicates, 0, 'no message was sent twice');
  await b.context().close();
});

test('no Web Locks: a lease in localStorage; the other tab waits until it runs out, then sends', async () => {
  const duplicates = shop.server.demo.collector.stats.duplicates;
  const { a, b, id, fromB } = await twoTabs(true);
  const writes = await lockingIn(a);
  assert.ok(writes.length > 0 && writes.every((x) => typeof x.lease === 'string'), JSON.stringify(writes));
  const holder = writes[0].lease;
  assert.ok(writes.every((x) => x.lease === holder));
  assert.deepEqual(await lockingIn(b), [], 'tab B neither takes the lease nor asks for a lock');
  const lease = await b.evaluate((key) => JSON.parse(localStorage.getItem(key)), LEASE);
  assert.equal(lease.owner, holder);
  assert.ok(lease.until > await b.evaluate(() => Date.now()));
  assert.equal(fromB.count, 0, 'tab B sends nothing while tab A holds the lease');

  await a.close(); // mid-request: its lease stays behind until it runs out
  await recordProduct(b);
  await flushIn(b);
  assert.equal(fromB.count, 0, "tab A's lease outlives it");
  assert.deepEqual(await lockingIn(b), []);
  await outliveTheLease(b);
  assert.deepEqual(kinds(await rowsReach(shop, 4, id)), ['Product Viewed', 'Promotion Viewed', 'page', 'page']);
  const taken = await lockingIn(b);
  assert.ok(taken.length > 0 && taken.every((x) => typeof x.lease === 'string' && x.lease !== holder), JSON.stringify(taken));
  await waitFor('the lease given back after the flush', () => b.evaluate((key) => localStorage.getItem(key) === null, LEASE));
  assert.equal(shop.server.demo.collector.stats.duplicates - duplicates, 0, 'no message was sent twice');
  await b.context().close();
});
