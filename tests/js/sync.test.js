// Event sync headless in node with a fake clock, an in-memory storage and a scripted collector:
// batching, byte limits, retries, refusals, the queue bound, consent, GPC and several tabs.

import { test } from 'node:test';
import assert from 'node:assert/strict';
import { createShopkeeper, memoryStorage } from 'shopkeeper';
import { fakeClock, fakeCollector, settle } from './sync-support.js';

const T0 = Date.parse('2026-11-20T10:00:00Z');
const RULES = { version: 1, campaigns: [] };
const QUEUE = 'shopkeeper:v1:queue';

/** The events queued in `storage`: one entry each under shopkeeper:v1:queue:<messageId>. */
const stored = (storage) => Array.from({ length: storage.length }, (_, i) => storage.key(i))
  .filter((k) => k.startsWith(`${QUEUE}:`)).map((k) => storage.getItem(k));
const PAGE = { url: 'https://shop.test/category/boots?utm_source=newsletter&utm_medium=email&utm_campaign=winter', referrer: 'https://mail.test/', title: 'Boots' };

/** A Shopkeeper sending through a fake collector; `over` overrides options. */
async function setup(over = {}) {
  const clock = over.clock || fakeClock(T0);
  const collector = fakeCollector(over.script);
  const warnings = [];
  const sk = await createShopkeeper({
    rules: RULES, storage: memoryStorage(), consent: 'granted', now: clock.now, scheduler: clock.scheduler,
    transport: collector.transport, page: PAGE, onWarning: (code, error) => warnings.push({ code, message: error.message }),
    ...over.options,
  });
  return { sk, clock, collector, warnings, codes: () => warnings.map((w) => w.code) };
}

const trackMany = (sk, n, props = {}) => {
  for (let i = 0; i < n; i++) sk.track('Product Viewed', { product_id: `p${i}`, ...props });
};

test('decide() sends a Segment page message with page, campaign and library context', async () => {
  const { sk, clock, collector } = await setup();
  const res = sk.decide();
  await clock.advance(5000);
  assert.equal(collector.batches.length, 1);
  const [batch] = collector.batches;
  assert.equal(batch.sentAt, new Date(T0 + 5000).toISOString());
  const [m] = batch.batch;
  assert.equal(m.type, 'page');
  assert.equal(m.anonymousId, res.visitor.id);
  assert.match(m.messageId, /^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
  assert.equal(m.timestamp, new Date(T0).toISOString());
  assert.deepEqual(m.context.page, { url: PAGE.url, path: '/category/boots', search: new URL(PAGE.url).search, referrer: PAGE.referrer, title: 'Boots' });
  assert.deepEqual(m.context.campaign, { source: 'newsletter', medium: 'email', name: 'winter' });
  assert.deepEqual(m.context.library, { name: 'shopkeeper', version: '0.1.0' });
});

test('the page message carries what the page shows (type, category, query, product) only as its properties', async () => {
  const { sk, collector } = await setup({ options: { batchSize: 2 } });
  const product = { product_id: 'p07', category: 'boots', brand: 'Nordkapp' };
  sk.decide({ type: 'product', category: 'boots', product });
  sk.decide({ url: 'https://shop.test/search?q=wool', type: 'search', query: 'wool' });
  await settle();
  const [first, second] = collector.messages();
  assert.deepEqual([first.properties.type, first.properties.category, first.properties.product, first.properties.query],
    ['product', 'boots', product, undefined]);
  assert.deepEqual([second.properties.type, second.properties.query, 'product' in second.properties], ['search', 'wool', false]);
  assert.deepEqual(Object.keys(first.context.page), ['url', 'path', 'search', 'referrer', 'title']);
});

test('a long page URL, referrer or title is cut to 2048 bytes in messages, whole characters, and no event is dropped', async () => {
  const { sk, collector, codes } = await setup({ options: { batchSize: 3 } });
  const url = `https://shop.test/category/boots?utm_source=news&fbclid=${'x'.repeat(17000)}`;
  const title = `${'a'.repeat(2046)}\u{1F97E} Boots`; // the emoji's 4 bytes would end at byte 2050
  sk.decide({ url, referrer: `https://www.google.com/?q=${'y'.repeat(9000)}`, title });
  sk.track('Product Added', { product_id: 'p07', price: 89 });
  sk.track('Order Completed', { total: 89 });
  await settle();
  assert.deepEqual(collector.messages().map((m) => m.event || m.type), ['page', 'Product Added', 'Order Completed']);
  assert.deepEqual(codes(), []);
  const [page] = collector.messages();
  for (const facts of [page.context.page, page.properties]) {
    assert.equal(facts.url, url.slice(0, 2048));
    assert.equal(facts.search, url.slice(url.indexOf('?'), 2048));
    assert.equal(facts.path, '/category/boots');
    assert.equal(facts.referrer.length, 2048);
    assert.equal(facts.title, 'a'.repeat(2046));
  }
  assert.deepEqual(page.context.campaign, { source: 'news' });
});

test('track() queues a track message with the visitor id and the properties', async () => {
  const { sk, collector } = await setup({ options: { batchSize: 2 } });
  const id = sk.decide().visitor.id;
  sk.track('Product Added', { product_id: 'p07', price: 89 });
  await settle();
  const [, m] = collector.messages();
  assert.deepEqual([m.type, m.event, m.anonymousId, m.properties], ['track', 'Product Added', id, { product_id: 'p07', price: 89 }]);
});

test('batches go when full at once, otherwise after the flush interval', async () => {
  const { sk, clock, collector } = await setup({ options: { batchSize: 3 } });
  trackMany(sk, 2);
  await clock.advance(4999);
  assert.equal(collector.batches.length, 0);
  await clock.advance(1);
  assert.deepEqual(collector.batches.map((b) => b.batch.length), [2]);
  trackMany(sk, 7);
  await settle();
  assert.deepEqual(collector.batches.map((b) => b.batch.length), [2, 3, 3, 1], 'full batches at once, the rest follows');
  assert.equal(sk.syncStats().sent, 9);
  assert.equal(sk.syncStats().queued, 0);
});

test('batches stay under the byte limit, and a message too big for any batch is dropped and reported', async () => {
  const { sk, clock, collector, codes } = await setup({ options: { batchBytes: 2000 } });
  trackMany(sk, 10, { note: 'x'.repeat(400) });
  sk.track('Huge', { blob: 'y'.repeat(3000) });
  await clock.advance(5000);
  assert.ok(collector.batches.length >= 3);
  for (const b of collector.batches) assert.ok(Buffer.byteLength(JSON.stringify(b)) <= 2000, 'each batch fits');
  assert.equal(collector.messages().length, 10);
  assert.deepEqual(codes(), ['sync_oversized']);
  assert.equal(sk.syncStats().dropped, 1);
});

test('a message queued is one a batch can take: one byte over is dropped at once, not left to stop the queue', async () => {
  const sizeOf = async (pad) => {
    const storage = memoryStorage();
    const { sk } = await setup({ options: { storage, consent: 'pending' } });
    sk.track('Big', { blob: 'x'.repeat(pad) });
    return JSON.parse(stored(storage)[0]).size;
  };
  const largest = 1000 + 2000 - (await sizeOf(1000)) - 128 - 1; // the padding of the largest message a batch takes
  for (const [pad, sent, dropped] of [[largest, 3, 0], [largest + 1, 2, 1]]) {
    const { sk, clock, collector, codes } = await setup({ options: { batchBytes: 2000 } });
    sk.track('Big', { blob: 'x'.repeat(pad) });
    trackMany(sk, 2);
    await clock.advance(5000);
    assert.equal(collector.messages().length, sent, `padding ${pad}`);
    assert.deepEqual([sk.syncStats().dropped, sk.syncStats().queued, codes().length], [dropped, 0, dropped]);
  }
});

test('an event queued under a larger batchBytes is dropped and reported instead of stopping every later event', async () => {
  const storage = memoryStorage();
  const first = await setup({ options: { storage, consent: 'pending' } });
  first.sk.track('Big', { blob: 'x'.repeat(3000) });
  first.sk.destroy();
  const second = await setup({ options: { storage, batchBytes: 2000 } });
  trackMany(second.sk, 2);
  await second.clock.advance(5000);
  assert.deepEqual(second.collector.messages().map((m) => m.properties.product_id), ['p0', 'p1']);
  assert.deepEqual(second.codes(), ['sync_oversized']);
  assert.deepEqual([second.sk.syncStats().dropped, second.sk.syncStats().queued], [1, 0]);
  assert.deepEqual(stored(storage), []);
});

test('failures are retried with exponential backoff and jitter until a 2xx', async () => {
  const { sk, clock, collector } = await setup({ script: [{ status: 500 }, new TypeError('Failed to fetch'), { status: 502 }] });
  sk.track('Product Viewed', { product_id: 'p1' });
  await clock.advance(5000);
  assert.equal(collector.batches.length, 1);
  const delays = [];
  for (let attempt = 1; attempt <= 3; attempt++) {
    const [delay] = clock.pending();
    delays.push(delay);
    assert.ok(delay >= 500 * 2 ** (attempt - 1) && delay <= 1000 * 2 ** (attempt - 1), `attempt ${attempt}: ${delay} ms`);
    await clock.advance(delay);
  }
  assert.equal(collector.batches.length, 4);
  const ids = new Set(collector.batches.map((b) => b.batch[0].messageId));
  assert.equal(ids.size, 1, 'the same message each time');
  const stats = sk.syncStats();
  assert.deepEqual([stats.sent, stats.retries, stats.queued], [1, 3, 0]);
  assert.equal(stats.lastError, 'HTTP 502');
});

test('Retry-After is honoured, in seconds and as an HTTP date', async () => {
  const date = new Date(T0 + 5000 + 12000).toUTCString();
  const { sk, clock, collector } = await setup({ script: [{ status: 503, retryAfter: '7' }, { status: 429, retryAfter: date }] });
  sk.track('Product Viewed', {});
  await clock.advance(5000);
  sk.track('Product Viewed', {}); // a new event does not cut the wait short
  await clock.advance(6999);
  assert.equal(collector.batches.length, 1);
  await clock.advance(1);
  assert.equal(collector.batches.length, 2);
  await clock.advance(12000 - 7000 - 1);
  assert.equal(collector.batches.length, 2);
  await clock.advance(1);
  assert.equal(collector.batches.length, 3);
  assert.equal(sk.syncStats().sent, 2);
});

test('a Retry-After shorter than the backoff (0, 1) does not cut the backoff short', async () => {
  const { sk, clock, collector } = await setup({ script: ['0', '0', '1', '0'].map((retryAfter) => ({ status: 503, retryAfter })) });
  sk.track('Product Viewed', {});
  await clock.advance(5000);
  for (let attempt = 1; attempt <= 4; attempt++) {
    const [delay] = clock.pending();
    assert.ok(delay >= 500 * 2 ** (attempt - 1), `attempt ${attempt}: ${delay} ms`);
    await clock.advance(delay);
  }
  assert.equal(collector.batches.length, 5);
  assert.equal(sk.syncStats().sent, 1);
});

test('a backoff holds for the next pages and the other tabs too, until a success or an hour; denied consent and forget() end it', async () => {
  const storage = memoryStorage();
  const clock = fakeClock(T0);
  const first = await setup({ clock, options: { storage }, script: [{ status: 429, retryAfter: '3600' }] });
  first.sk.track('Product Viewed', {});
  await clock.advance(5000);
  first.sk.destroy();
  const second = await setup({ clock, options: { storage } });
  second.sk.decide();
  assert.equal(second.sk.syncStats().retryAt, T0 + 5000 + 3600 * 1000);
  await clock.advance(3600 * 1000 - 1);
  assert.equal(second.collector.batches.length, 0, 'not before the hour the collector asked for');
  await clock.advance(1);
  assert.deepEqual([second.collector.messages().length, storage.getItem('shopkeeper:v1:retry')], [2, null]);
  storage.setItem('shopkeeper:v1:retry', JSON.stringify({ at: clock.now() + 30 * 24 * 3600 * 1000, failures: 1 }));
  second.sk.track('Product Viewed', {});
  await clock.advance(5000);
  assert.equal(second.collector.messages().length, 3, 'a wait longer than any there is (set by a clock running ahead) is over');

  for (const end of [(sk) => sk.setConsent('denied'), (sk) => sk.forget()]) {
    const third = await setup({ clock, options: { storage }, script: [{ status: 503 }] });
    third.sk.track('Product Viewed', {});
    await clock.advance(5000);
    assert.ok(third.sk.syncStats().retryAt > clock.now());
    end(third.sk);
    assert.equal(storage.getItem('shopkeeper:v1:retry'), null);
    third.sk.destroy();
  }
  let answer;
  const last = await setup({ clock, options: { storage }, script: [() => new Promise((resolve) => { answer = resolve; })] });
  last.sk.track('Product Viewed', {});
  await clock.advance(5000);
  last.sk.forget();
  answer({ status: 503 }); // the batch in flight as the visitor was forgotten
  await settle();
  assert.deepEqual(Array.from({ length: storage.length }, (_, i) => storage.key(i)), [], 'no wait left behind');
});

test('the default transport POSTs text/plain JSON to the endpoint and reads Retry-After', async () => {
  const calls = [];
  const realFetch = globalThis.fetch;
  globalThis.fetch = async (url, init) => {
    calls.push({ url, init });
    return calls.length === 1 ? new Response('', { status: 503, headers: { 'Retry-After': '3' } }) : new Response('{}', { status: 200 });
  };
  try {
    const { sk, clock } = await setup({ options: { transport: undefined, endpoint: 'https://collect.test/v1/batch' } });
    sk.track('Product Viewed', {});
    await clock.advance(5000);
    assert.deepEqual(clock.pending(), [3000]);
    await clock.advance(3000);
    assert.equal(calls.length, 2);
    assert.equal(calls[0].url, 'https://collect.test/v1/batch');
    assert.equal(calls[0].init.method, 'POST');
    assert.equal(calls[0].init.headers['Content-Type'], 'text/plain;charset=UTF-8');
    assert.equal(JSON.parse(calls[1].init.body).batch[0].event, 'Product Viewed');
    assert.equal(sk.syncStats().sent, 1);
  } finally {
    globalThis.fetch = realFetch;
  }
});

test('a 4xx other than 408 and 429 is reported and not retried; 408 and 429 are retried', async () => {
  const { sk, clock, collector, codes } = await setup({ script: [{ status: 400 }, { status: 408 }, { status: 429 }] });
  sk.track('Product Viewed', {});
  await clock.advance(5000);
  assert.deepEqual(codes(), ['sync_rejected']);
  assert.equal(sk.syncStats().rejected, 1);
  assert.equal(sk.syncStats().queued, 0);
  await clock.advance(10 * 60 * 1000);
  assert.equal(collector.batches.length, 1, 'not sent again');

  sk.track('Product Viewed', {});
  await clock.advance(10 * 60 * 1000);
  assert.equal(collector.batches.length, 4, '408, then 429, then sent');
  assert.equal(sk.syncStats().sent, 1);
});

test('the queue is written before sending and only emptied by a 2xx; it survives a reload', async () => {
  const storage = memoryStorage();
  const clock = fakeClock(T0);
  let release;
  const first = await setup({ clock, options: { storage }, script: [() => new Promise((r) => { release = r; })] });
  first.sk.track('Product Viewed', { product_id: 'p1' });
  await clock.advance(5000);
  assert.equal(stored(storage).length, 1, 'stored while in flight');
  first.sk.destroy(); // the page goes away; the request never answers

  const second = await setup({ clock, options: { storage } });
  await clock.advance(20000); // the first page's lease runs out
  assert.deepEqual(second.collector.messages().map((m) => m.properties.product_id), ['p1']);
  assert.deepEqual(stored(storage), []);
  release({ status: 200 });
});

test('the bounded queue drops the oldest, warns, counts, and tells the collector', async () => {
  const { sk, clock, collector, codes } = await setup({ options: { consent: 'pending', maxQueueEvents: 5 } });
  trackMany(sk, 8);
  assert.deepEqual(codes(), ['sync_dropped', 'sync_dropped', 'sync_dropped']);
  assert.equal(sk.syncStats().dropped, 3);
  sk.setConsent('granted');
  await settle();
  const sent = collector.messages();
  assert.deepEqual(sent.map((m) => m.properties.product_id), ['p3', 'p4', 'p5', 'p6', 'p7']);
  assert.deepEqual(sent[0].context.shopkeeper, { dropped: 3 });
  sk.track('Product Viewed', {});
  await clock.advance(5000);
  assert.equal(collector.messages()[5].context.shopkeeper, undefined, 'reported once');
});

test('the queue is bounded in bytes too', async () => {
  const { sk } = await setup({ options: { consent: 'pending', maxQueueBytes: 4000 } });
  trackMany(sk, 20, { note: 'z'.repeat(300) });
  const stats = sk.syncStats();
  assert.ok(stats.queued < 20 && stats.dropped === 20 - stats.queued, JSON.stringify(stats));
});

test('consent: pending keeps events on the device, granted sends them, denied drops and purges', async () => {
  const storage = memoryStorage();
  const { sk, clock, collector, codes, warnings } = await setup({ options: { storage, consent: 'pending' } });
  sk.decide();
  trackMany(sk, 2);
  await clock.advance(60000);
  assert.equal(collector.batches.length, 0);
  assert.equal(stored(storage).length, 3);
  sk.setConsent('granted');
  await settle();
  assert.equal(collector.messages().length, 3);

  sk.setConsent('denied');
  trackMany(sk, 2);
  await clock.advance(60000);
  assert.equal(collector.messages().length, 3);
  assert.deepEqual(stored(storage), []);

  sk.setConsent('pending');
  trackMany(sk, 2);
  sk.setConsent('denied');
  assert.deepEqual(stored(storage), [], 'denied purges what was kept');
  assert.equal(sk.syncStats().purged, 2);
  sk.setConsent('yes please');
  sk.setConsent(1n);
  assert.deepEqual(codes(), ['consent_invalid', 'consent_invalid'], 'a BigInt is refused like any other value');
  assert.match(warnings[1].message, /, not bigint$/);
  assert.equal(sk.syncStats().consent, 'denied');
});

test('events kept while consent was pending are sent by the next page once consent is granted', async () => {
  const storage = memoryStorage();
  const clock = fakeClock(T0);
  const first = await setup({ clock, options: { storage, consent: 'pending' } });
  first.sk.decide();
  first.sk.destroy();
  const second = await setup({ clock, options: { storage, consent: 'granted' } });
  second.sk.decide();
  await clock.advance(5000);
  assert.deepEqual(second.collector.messages().map((m) => m.type), ['page', 'page']);
});

test('Global Privacy Control: nothing is queued or sent, whatever consent says, unless the shop opts out', async () => {
  const gpc = await setup({ options: { globalPrivacyControl: true } });
  gpc.sk.decide();
  gpc.sk.setConsent('granted');
  gpc.sk.track('Signed Up', { email: 'ada@example.com' });
  await gpc.clock.advance(60000);
  assert.equal(gpc.collector.batches.length, 0);
  assert.deepEqual([gpc.sk.syncStats().gpc, gpc.sk.syncStats().queued], [true, 0]);

  const optedOut = await setup({ options: { globalPrivacyControl: true, honorGlobalPrivacyControl: false } });
  optedOut.sk.decide();
  await optedOut.clock.advance(5000);
  assert.equal(optedOut.collector.messages().length, 1);
});

test('the email goes out only in an identify, and only with consent', async () => {
  const storage = memoryStorage();
  const { sk, clock, collector } = await setup({ options: { storage, consent: 'pending' } });
  sk.track('Signed Up', { email: 'ada@example.com', source: 'popup' });
  assert.ok(!stored(storage).join().includes('ada@example.com'), 'not kept while consent is pending');
  sk.setConsent('granted');
  sk.track('Signed Up', { email: 'ada@example.com', source: 'popup' });
  await clock.advance(5000);
  const sent = collector.messages();
  assert.deepEqual(sent.map((m) => m.type), ['track', 'track', 'identify']);
  assert.deepEqual(sent[0].properties, { source: 'popup' });
  assert.deepEqual(sent[2].traits, { email: 'ada@example.com' });
  assert.equal(sk.profile().emailCaptured, true);
  assert.ok(!JSON.stringify(sk.profile()).includes('ada@'), 'the profile keeps only the flag');
});

test('each exposure of a holdout campaign is one Experiment Viewed, control and treatment alike', async () => {
  const holdout = (id, percent) => ({ id, priority: 1, trigger: { type: 'pageView' }, holdout: { percent, seed: `${id}-seed` },
    action: { type: 'banner', text: `Hello from ${id}` } });
  const rules = { version: 1, campaigns: [holdout('everyone-control', 100), holdout('half', 50)] };
  const { sk, clock, collector } = await setup({ options: { rules } });
  const res = sk.decide();
  const exposures = Object.fromEntries(res.exposures.map((e) => [e.campaign, e.group]));
  assert.equal(exposures['everyone-control'], 'control');
  assert.ok(['control', 'treatment'].includes(exposures.half));
  assert.equal(res.skipped.find((s) => s.campaign === 'everyone-control').reason, 'holdout', 'the control group sees nothing');
  assert.equal(res.decisions.some((d) => d.campaign === 'half'), exposures.half === 'treatment');
  sk.decide(); // the same session: no new exposure
  await clock.advance(5000);
  const viewed = collector.messages().filter((m) => m.event === 'Experiment Viewed');
  assert.deepEqual(viewed.map((m) => m.properties).sort((a, b) => a.experiment_id.localeCompare(b.experiment_id)), [
    { experiment_id: 'everyone-control', variation_id: 'control', campaign: 'everyone-control', group: 'control' },
    { experiment_id: 'half', variation_id: exposures.half, campaign: 'half', group: exposures.half },
  ]);
  assert.ok(viewed.every((m) => m.anonymousId === res.visitor.id));
});

test('two tabs over one storage: one flusher at a time, and no event is sent twice', async () => {
  const storage = memoryStorage();
  const clock = fakeClock(T0);
  let answer;
  const slow = () => new Promise((resolve) => { answer = resolve; });
  const a = await setup({ clock, options: { storage }, script: [slow] });
  const b = await setup({ clock, options: { storage } });
  a.sk.track('Product Viewed', { product_id: 'a1' });
  b.sk.track('Product Viewed', { product_id: 'b1' });
  await clock.advance(5000); // both timers fire; a takes the lease first and its request hangs
  assert.equal(a.collector.batches.length, 1);
  assert.equal(b.collector.batches.length, 0, 'b does not flush while a holds the lease');
  assert.ok(JSON.parse(storage.getItem('shopkeeper:v1:flush-lease')).until > clock.now());
  b.sk.track('Product Viewed', { product_id: 'b2' });
  await b.sk.flush();
  assert.equal(b.collector.batches.length, 0);
  answer({ status: 200 });
  await settle();
  await clock.advance(5000);
  const all = [...a.collector.messages(), ...b.collector.messages()];
  assert.deepEqual(all.map((m) => m.properties.product_id).sort(), ['a1', 'b1', 'b2']);
  assert.equal(new Set(all.map((m) => m.messageId)).size, all.length);
  assert.deepEqual(stored(storage), []);
});

test('a tab that dies while sending: another tab resends its batch once the lease runs out', async () => {
  const storage = memoryStorage();
  const clock = fakeClock(T0);
  const a = await setup({ clock, options: { storage }, script: [() => new Promise(() => {})] });
  a.sk.track('Product Viewed', { product_id: 'a1' });
  await clock.advance(5000);
  a.sk.destroy();
  const b = await setup({ clock, options: { storage } });
  b.sk.track('Product Viewed', { product_id: 'b1' });
  await clock.advance(5000);
  assert.equal(b.collector.batches.length, 0, 'the dead tab still holds the flush lease');
  await clock.advance(15000);
  assert.deepEqual(b.collector.messages().map((m) => m.properties.product_id), ['a1', 'b1'], 'each once, after the lease');
  await clock.advance(60000);
  assert.equal(b.collector.messages().length, 2);
});

test('a lease taken by a clock running ahead, since put right, has expired: the batch and the flush go again', async () => {
  const storage = memoryStorage();
  const ahead = fakeClock(T0 + 30 * 24 * 3600 * 1000);
  const a = await setup({ clock: ahead, options: { storage }, script: [() => new Promise(() => {})] });
  a.sk.track('Product Viewed', { product_id: 'a1' });
  await ahead.advance(5000);
  a.sk.destroy();
  const b = await setup({ options: { storage } });
  b.sk.track('Product Viewed', { product_id: 'b1' });
  await b.clock.advance(5000);
  assert.deepEqual(b.collector.messages().map((m) => m.properties.product_id).sort(), ['a1', 'b1']);
  assert.deepEqual(stored(storage), []);
});

test('no endpoint and no transport: nothing is queued', async () => {
  const storage = memoryStorage();
  const { sk } = await setup({ options: { storage, transport: undefined } });
  sk.decide();
  assert.deepEqual(stored(storage), []);
  assert.equal(sk.syncStats().enabled, false);
  await sk.flush();
});

test('a corrupt queued event is discarded with a warning; forget() removes the queue', async () => {
  const storage = memoryStorage();
  storage.setItem(`${QUEUE}:abc`, '{"id":"abc","message":');
  const { sk, codes } = await setup({ options: { storage, consent: 'pending', maxQueueEvents: 1 } });
  sk.decide();
  sk.decide();
  assert.deepEqual(codes(), ['sync_queue_corrupt', 'sync_dropped']);
  assert.equal(stored(storage).length, 1);
  assert.deepEqual(JSON.parse(storage.getItem(QUEUE)), { v: 1, dropped: 1 });
  sk.forget();
  assert.deepEqual([stored(storage), storage.getItem(QUEUE)], [[], null]);
});

test('a storage with only getItem, setItem and removeItem: earlier pages\' events are sent, bounded and forgotten', async () => {
  const map = new Map();
  const storage = { getItem: (k) => map.get(k) ?? null, setItem: (k, v) => void map.set(k, String(v)), removeItem: (k) => void map.delete(k) };
  const clock = fakeClock(T0);
  const first = await setup({ clock, options: { storage, consent: 'pending' } });
  const id = first.sk.decide().visitor.id;
  trackMany(first.sk, 3);
  first.sk.destroy();
  await clock.advance(1000);
  const second = await setup({ clock, options: { storage, maxQueueEvents: 3 } });
  trackMany(second.sk, 2, { page: 2 });
  await clock.advance(5000);
  assert.deepEqual(second.collector.messages().map((m) => `${m.properties.page || 1}:${m.properties.product_id}`),
    ['1:p2', '2:p0', '2:p1']);
  assert.deepEqual(second.collector.messages()[0].context.shopkeeper, { dropped: 3 });
  second.sk.setConsent('pending');
  second.sk.decide();
  second.sk.forget();
  assert.deepEqual([...map.keys()].filter((k) => k.startsWith('shopkeeper:')), []);
  assert.ok(![...map.values()].some((v) => v.includes(id)));
});

test('a transport that throws synchronously, or properties that cannot be serialized, never throw', async () => {
  const { sk, clock, codes } = await setup({ options: { transport: () => { throw new Error('boom'); } } });
  const cyclic = {};
  cyclic.self = cyclic;
  assert.doesNotThrow(() => sk.track('Weird', { cyclic }));
  sk.track('Product Viewed', {});
  await clock.advance(5000);
  assert.deepEqual(codes(), ['engine_failed']);
  assert.equal(sk.syncStats().retries, 1);
});

test('the failures of a backoff long over (a tab closed hours ago) no longer lengthen the next one', async () => {
  const storage = memoryStorage();
  const clock = fakeClock(T0);
  storage.setItem('shopkeeper:v1:retry', JSON.stringify({ at: T0 - 2 * 3600 * 1000, failures: 9 }));
  const { sk } = await setup({ clock, options: { storage }, script: [{ status: 503 }] });
  sk.track('Product Viewed', {});
  await clock.advance(5000);
  assert.ok(sk.syncStats().retryAt - clock.now() <= 2000, 'the first step of the backoff, not the tenth');
  assert.equal(JSON.parse(storage.getItem('shopkeeper:v1:retry')).failures, 1);
  sk.destroy();
});
