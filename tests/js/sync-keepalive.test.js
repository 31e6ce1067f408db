// The flush of a page that is hidden or being left, headless in node: the sync layer over a fake
// window and document, the real HTTP transport over a scripted fetch and sendBeacon, a fake clock.
// Beacons on pagehide, keepalive fetches when hidden, one 64 KB budget for both, and what the
// browser refuses stays queued.

import { afterEach, beforeEach, test } from 'node:test';
import assert from 'node:assert/strict';
import { createStore, KEYS, memoryStorage } from '../../js/storage.js';
import { createSync } from '../../js/sync/sync.js';
import { httpTransport, KEEPALIVE_BUDGET } from '../../js/sync/transport.js';
import { fakeClock, settle } from './sync-support.js';

const T0 = Date.parse('2026-11-20T10:00:00Z');
const ENDPOINT = 'https://shop.test/v1/batch';
const PAGE = { url: 'https://shop.test/', referrer: '', title: 'Home' };
const LEASE_MS = 15000;
let lastId = 0; // message ids, unique across the pages of a test

beforeEach(() => {
  globalThis.window = new EventTarget();
  globalThis.document = Object.assign(new EventTarget(), { visibilityState: 'visible' });
});
afterEach(() => {
  delete globalThis.window;
  delete globalThis.document;
});

const pagehide = () => window.dispatchEvent(new Event('pagehide'));
function visibility(state) {
  document.visibilityState = state;
  document.dispatchEvent(new Event('visibilitychange'));
}

/**
 * A browser's network as the transport sees it: `beacon(body)` answers sendBeacon (true by default),
 * `answer(init)` answers fetch ({ status } or an Error to reject with). Both record what they got.
 */
function network({ beacon = () => true, answer = () => ({ status: 200 }) } = {}) {
  const beacons = [];
  const fetches = [];
  const env = {
    navigator: {
      sendBeacon(url, blob) {
        const accepted = beacon(blob);
        beacons.push({ url, blob, accepted });
        return accepted;
      },
    },
    async fetch(url, init) {
      fetches.push({ url, init });
      const outcome = await answer(init);
      if (outcome instanceof Error) throw outcome;
      return new Response('{}', { status: outcome.status });
    },
  };
  const ids = async (list) => (await Promise.all(list.map((x) => (x.blob ? x.blob.text() : x.init.body))))
    .flatMap((body) => JSON.parse(body).batch.map((m) => m.messageId));
  return { env, beacons, fetches, beaconIds: () => ids(beacons.filter((b) => b.accepted)), fetchIds: () => ids(fetches) };
}

/** A page's sync layer over `storage`, sending through `net`; `track(n, bytes)` queues n events of about that size. */
function openPage(storage, net, clock, options = {}) {
  const warnings = [];
  const sync = createSync({ transport: httpTransport(ENDPOINT, net.env), consent: 'granted', scheduler: clock.scheduler, ...options }, {
    store: createStore(storage, () => {}), warn: (code) => warnings.push(code), now: clock.now,
    newId: () => `m${(lastId += 1)}`, version: '0.0.0',
  });
  const track = (count, bytes = 200) => {
    for (let i = 0; i < count; i++) sync.track('visitor-1', PAGE, 'Product Viewed', { note: 'x'.repeat(bytes) });
  };
  return { sync, warnings, track };
}

/** The queued entries in `storage`: { id, inFlight } each. */
const queued = (storage, now) => Array.from({ length: storage.length }, (_, i) => storage.key(i))
  .filter((k) => k.startsWith(`${KEYS.queue}:`)).map((k) => JSON.parse(storage.getItem(k)))
  .map((e) => ({ id: e.id, inFlight: Boolean(e.lease && e.lease.until > now) }));

const bytesOf = async (list) => (await Promise.all(list.map((b) => b.blob.text()))).reduce((sum, body) => sum + body.length, 0);

test('leaving the page: the queue goes as beacons within the 64 KB budget; the rest stays queued for the next page', async () => {
  const storage = memoryStorage();
  const clock = fakeClock(T0);
  const net = network();
  const page = openPage(storage, net, clock);
  page.track(19, 5000); // ~100 KB: under the batch count, so nothing is sent before the flush interval
  assert.equal(net.beacons.length + net.fetches.length, 0);

  pagehide();
  visibility('hidden'); // browsers follow a pagehide with this: the budget is spent already
  await settle();
  assert.equal(net.fetches.length, 0);
  assert.ok(net.beacons.length >= 2 && net.beacons.every((b) => b.accepted && b.url === ENDPOINT));
  assert.ok(net.beacons.every((b) => b.blob.type === 'text/plain;charset=utf-8'));
  assert.ok(await bytesOf(net.beacons) <= KEEPALIVE_BUDGET, 'within what the browser allows a page');
  const beaconed = await net.beaconIds();
  const left = queued(storage, clock.now());
  assert.equal(left.length, 19, 'nothing leaves the queue without an answer');
  assert.deepEqual(left.filter((e) => e.inFlight).map((e) => e.id).sort(), [...beaconed].sort());
  assert.ok(left.some((e) => !e.inFlight), 'what did not fit is not in flight');
  page.sync.destroy();

  // The next page sends what did not fit at once, and the beaconed events again once their lease ran out.
  const next = network();
  openPage(storage, next, clock);
  await clock.advance(5000);
  const firstIds = await next.fetchIds();
  assert.deepEqual([...firstIds].sort(), left.filter((e) => !e.inFlight).map((e) => e.id).sort());
  await clock.advance(LEASE_MS);
  const all = await next.fetchIds();
  assert.equal(new Set(all).size, 19, 'every event, at least once; the collector deduplicates by messageId');
  assert.deepEqual(queued(storage, clock.now()), []);
  assert.deepEqual(page.warnings, []);
});

test('the browser refuses the beacon: the batch goes by fetch keepalive, and its answer settles it', async () => {
  const storage = memoryStorage();
  const clock = fakeClock(T0);
  const net = network({ beacon: () => false });
  const page = openPage(storage, net, clock);
  page.track(3);
  pagehide();
  await settle();
  assert.equal(net.beacons.length, 1);
  assert.equal(net.fetches.length, 1);
  const { init } = net.fetches[0];
  assert.deepEqual([init.keepalive, init.signal, init.headers['Content-Type']], [true, undefined, 'text/plain;charset=UTF-8']);
  assert.equal((await net.fetchIds()).length, 3);
  assert.deepEqual(queued(storage, clock.now()), [], 'the page lived on to hear the 200');
  assert.equal(page.sync.stats().sent, 3);
  assert.deepEqual(page.warnings, []);
});

test('beacon and keepalive both refused: the events stay queued, not in flight, and go with the next flush', async () => {
  const storage = memoryStorage();
  const clock = fakeClock(T0);
  let refuse = true;
  const net = network({ beacon: () => !refuse, answer: () => (refuse ? new TypeError('Failed to fetch') : { status: 200 }) });
  const page = openPage(storage, net, clock);
  page.track(3);
  pagehide();
  await settle();
  assert.deepEqual(queued(storage, clock.now()).map((e) => e.inFlight), [false, false, false]);
  assert.equal(page.sync.stats().retries, 1);
  refuse = false;
  await clock.advance(60000); // its backoff, then an ordinary fetch
  assert.deepEqual(queued(storage, clock.now()), []);
  assert.equal(page.sync.stats().sent, 3);
  assert.equal(net.fetches.at(-1).init.keepalive, false);
});

test('hidden, not left: keepalive fetches, whose answers empty the queue; unanswered ones count against the budget', async () => {
  const storage = memoryStorage();
  const clock = fakeClock(T0);
  const answers = [];
  const net = network({ answer: () => new Promise((resolve) => answers.push(resolve)) });
  const page = openPage(storage, net, clock);
  page.track(19, 5000);
  visibility('hidden');
  await settle();
  assert.equal(net.beacons.length, 0, 'a page that may live on wants the answers');
  const first = net.fetches.length;
  assert.ok(first >= 2 && net.fetches.every((f) => f.init.keepalive === true));
  visibility('visible');
  visibility('hidden'); // its keepalive requests are not answered yet: no room for more
  await settle();
  assert.equal(net.fetches.length, first);
  for (const answer of answers.splice(0)) answer({ status: 200 });
  await settle();
  const rest = queued(storage, clock.now());
  assert.ok(rest.length > 0 && rest.every((e) => !e.inFlight));
  visibility('visible');
  visibility('hidden'); // answered: the budget is free again
  await settle();
  assert.ok(net.fetches.length > first);
  for (const answer of answers.splice(0)) answer({ status: 200 });
  await settle();
  assert.deepEqual(queued(storage, clock.now()), []);
  assert.equal(page.sync.stats().sent, 19);
});

test('hidden with drops to report: one keepalive batch reports them, and a later one only if it failed', async () => {
  const storage = memoryStorage();
  const clock = fakeClock(T0);
  const answers = [];
  const net = network({ answer: () => new Promise((resolve) => answers.push(resolve)) });
  const page = openPage(storage, net, clock, { maxQueueEvents: 30, batchSize: 40 });
  page.track(35, 2000); // 5 dropped; ~70 KB: batches of about 13, two of them within the budget
  visibility('hidden');
  await settle();
  const drops = () => net.fetches.map((f) => JSON.parse(f.init.body).batch[0].context.shopkeeper);
  assert.deepEqual(drops(), [{ dropped: 5 }, undefined]);
  answers.shift()({ status: 503 });
  answers.shift()({ status: 200 });
  await settle();
  visibility('visible');
  await clock.advance(60000); // the backoff, then ordinary fetches, one at a time
  while (answers.length) {
    answers.shift()({ status: 200 });
    await settle();
  }
  assert.deepEqual(drops().slice(2), [{ dropped: 5 }, undefined]);
  assert.deepEqual([queued(storage, clock.now()), storage.getItem(KEYS.queue)], [[], null]);
});

test('visible again after a beacon: the budget is back for the next time the page goes away', async () => {
  const storage = memoryStorage();
  const clock = fakeClock(T0);
  const net = network();
  const page = openPage(storage, net, clock);
  page.track(19, 5000); // ~100 KB: more than the budget
  pagehide();
  await settle();
  const beacons = net.beacons.length;
  pagehide(); // still away (in the back/forward cache, say): no budget left
  assert.equal(net.beacons.length, beacons);
  visibility('visible');
  pagehide();
  assert.ok(net.beacons.length > beacons);
});

test('without fetch a keepalive send is a beacon, and an ordinary one fails for a retry', async () => {
  const beacons = [];
  const env = { navigator: { sendBeacon: (url, blob) => beacons.push(blob) > 0 } };
  const send = httpTransport(ENDPOINT, env);
  const batch = { batch: [], sentAt: new Date(T0).toISOString() };
  assert.deepEqual(await send(batch, { keepalive: true, unloading: false }), { status: 0, beacon: true });
  await assert.rejects(send(batch, { keepalive: false, unloading: false }), /neither fetch nor sendBeacon/);
  assert.equal(beacons.length, 1);
  await assert.rejects(httpTransport(ENDPOINT, {})(batch, { keepalive: true, unloading: true }), /neither fetch nor sendBeacon/);
});
