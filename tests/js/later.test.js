// The parts a page needs only after its first decision, when they come late (the script-tag
// build fetches them) or not at all, headless in node: the sync layer over an in-memory storage
// with a fake clock and a scripted collector. Events recorded before the flusher arrives are
// queued the same way and go once it is here; a part that cannot load loses nothing.

import { test } from 'node:test';
import assert from 'node:assert/strict';
import { createLater } from '../../js/later/later.js';
import * as parts from '../../js/later/parts.js';
import { createStore, KEYS, memoryStorage } from '../../js/storage.js';
import { createSync } from '../../js/sync/sync.js';
import { fakeClock, fakeCollector, settle } from './sync-support.js';

const T0 = Date.parse('2026-11-20T10:00:00Z');
const PAGE = { url: 'https://shop.test/', referrer: '', title: 'Home' };

/** Parts that arrive when arrive() is called (or fail with fail()); `loads` counts the fetches. */
function lateParts() {
  let arrive;
  let fail;
  const source = {
    loads: 0,
    bundled: null,
    load() {
      source.loads++;
      return new Promise((resolve, reject) => {
        arrive = () => resolve(parts);
        fail = (error) => reject(error);
      });
    },
  };
  return { source, arrive: async () => { arrive(); await settle(); }, fail: async (error) => { fail(error); await settle(); } };
}

/** The stored queue entries of `storage`, by message id. */
const stored = (storage) => Array.from({ length: storage.length }, (_, i) => storage.key(i))
  .filter((k) => k.startsWith(`${KEYS.queue}:`)).map((k) => JSON.parse(storage.getItem(k)));

function openPage({ storage = memoryStorage(), source, options = {} } = {}) {
  const clock = fakeClock(T0);
  const collector = fakeCollector();
  const warnings = [];
  const warn = (code, error) => warnings.push({ code, message: error.message });
  const later = createLater(warn, source);
  let id = 0;
  const sync = createSync({ transport: collector.transport, consent: 'granted', scheduler: clock.scheduler, ...options }, {
    store: createStore(storage, () => {}), warn, now: clock.now, newId: () => `m${(id += 1)}`, version: '0.0.0', later,
  });
  const track = (n) => {
    for (let i = 0; i < n; i++) sync.track('visitor-1', PAGE, 'Product Viewed', { product_id: `p${i}` });
  };
  return { sync, later, clock, collector, warnings, storage, track };
}

test('events recorded before the flusher arrives are stored as usual and go once it is here', async () => {
  const late = lateParts();
  const page = openPage({ source: late.source, options: { batchSize: 3 } });
  page.track(5);
  assert.deepEqual(stored(page.storage).map((e) => e.id), ['m2', 'm3', 'm4', 'm5', 'm6'], 'queued, nothing sent (m1 is the lease owner)');
  assert.equal(late.source.loads, 0, 'nothing is fetched before it is asked for');
  const stats = page.sync.stats();
  assert.deepEqual([stats.senderReady, stats.sent, stats.queued, stats.retryAt, stats.lastError], [false, 0, 5, null, null]);
  await page.clock.advance(60000);
  assert.equal(page.collector.batches.length, 0, 'no flusher, no timer');

  page.later.load();
  page.later.load();
  assert.equal(late.source.loads, 1, 'fetched once');
  await late.arrive();
  assert.deepEqual(page.collector.batches.map((b) => b.batch.length), [3, 2], 'a full batch is there: the queue goes at once');
  assert.deepEqual(page.collector.messages().map((m) => m.messageId), ['m2', 'm3', 'm4', 'm5', 'm6']);
  assert.deepEqual(stored(page.storage), []);
  assert.equal(page.sync.stats().senderReady, true);
  page.track(1);
  await page.clock.advance(4999);
  assert.equal(page.collector.batches.length, 2);
  await page.clock.advance(1);
  assert.deepEqual(page.collector.batches.map((b) => b.batch.length), [3, 2, 1], 'from now on as usual: after the flush interval');
  assert.deepEqual(page.warnings, []);
});

test('flush() before the flusher arrives fetches it and resolves once the queue has gone', async () => {
  const late = lateParts();
  const page = openPage({ source: late.source });
  page.track(2);
  let flushed = false;
  const flushing = page.sync.flush().then(() => {
    flushed = true;
  });
  await settle();
  assert.equal(late.source.loads, 1);
  assert.equal(flushed, false);
  await late.arrive();
  await flushing;
  assert.equal(page.collector.messages().length, 2);
  assert.equal(page.sync.stats().sent, 2);
});

test('granting consent before the flusher arrives sends what was kept once it is here', async () => {
  const late = lateParts();
  const page = openPage({ source: late.source, options: { consent: 'pending' } });
  page.track(2);
  page.sync.setConsent('granted');
  assert.equal(late.source.loads, 1);
  await late.arrive();
  assert.equal(page.collector.messages().length, 2);
});

test('when the parts cannot load: one warning, the events stay stored for the next page, flush() still resolves', async () => {
  const storage = memoryStorage();
  const late = lateParts();
  const page = openPage({ storage, source: late.source });
  page.track(3);
  const flushing = page.sync.flush();
  await late.fail(new Error('Failed to fetch dynamically imported module'));
  await flushing;
  assert.deepEqual(page.warnings.map((w) => w.code), ['later_unavailable']);
  assert.match(page.warnings[0].message, /events stay queued for the next page/);
  await page.sync.flush();
  assert.equal(page.warnings.length, 1, 'warned once');
  assert.equal(stored(storage).length, 3);

  // The next page has its parts: what this one left goes with its first flush.
  const next = openPage({ storage });
  await next.clock.advance(5000);
  assert.equal(next.collector.messages().length, 3);
  assert.deepEqual(stored(storage), []);
});

test('a sync layer destroyed before its flusher arrives sends nothing when it does', async () => {
  const late = lateParts();
  const page = openPage({ source: late.source, options: { batchSize: 1 } });
  page.track(2);
  page.later.load();
  page.sync.destroy();
  await late.arrive();
  await page.clock.advance(60000);
  assert.equal(page.collector.batches.length, 0);
  assert.equal(stored(page.storage).length, 2, 'kept for the next page');
});

test('a page hidden before the flusher arrives hands its queue to keepalive requests when it does', async () => {
  globalThis.window = new EventTarget();
  globalThis.document = Object.assign(new EventTarget(), { visibilityState: 'visible' });
  try {
    const late = lateParts();
    const sends = [];
    const page = openPage({ source: late.source, options: { transport: async (batch, how) => {
      sends.push({ ids: batch.batch.map((m) => m.messageId), keepalive: how.keepalive });
      return { status: 200 };
    } } });
    page.track(2);
    document.visibilityState = 'hidden';
    document.dispatchEvent(new Event('visibilitychange'));
    page.later.load();
    await late.arrive();
    assert.deepEqual(sends, [{ ids: ['m2', 'm3'], keepalive: true }], 'at once, by keepalive, not on the timer');
    assert.deepEqual(stored(page.storage), []);
  } finally {
    delete globalThis.window;
    delete globalThis.document;
  }
});
