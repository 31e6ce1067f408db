// The demo backend over HTTP: the collector's validation, deduplication and size cap, the
// coupons, and the context feed, each against a real DuckDB file in a temporary folder.

import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { loadEngine } from 'shopkeeper';
import { createDemoServer } from '../../demo_site/server.js';

let server;
let base;
let dir;
before(async () => {
  dir = mkdtempSync(join(tmpdir(), 'shopkeeper-collector-'));
  server = createDemoServer({ db: join(dir, 'shop.duckdb'), couponSecret: 'test-secret' });
  await new Promise((resolve) => server.listen(0, '127.0.0.1', resolve));
  base = `http://127.0.0.1:${server.address().port}`;
});
after(async () => {
  await new Promise((resolve) => server.close(resolve));
  await server.demo.db.close();
  rmSync(dir, { recursive: true, force: true });
});

const post = async (path, body, headers = { 'Content-Type': 'text/plain;charset=UTF-8' }) => {
  const res = await fetch(`${base}${path}`, { method: 'POST', body: typeof body === 'string' ? body : JSON.stringify(body), headers });
  return { status: res.status, body: await res.json() };
};

let n = 0;
const message = (over = {}) => ({ type: 'track', event: 'Product Viewed', messageId: `m-${++n}`, anonymousId: 'visitor-1',
  timestamp: '2026-11-20T10:00:00.000Z', properties: { product_id: 'p01' }, context: {}, ...over });

const stored = async (id) => server.demo.db.query('SELECT type, event, anonymous_id FROM events WHERE message_id = $1', [id]);

test('a valid batch is stored, text/plain or JSON', async () => {
  const a = message();
  const b = message({ type: 'page', event: undefined, properties: { path: '/' } });
  const res = await post('/v1/batch', { batch: [a, b], sentAt: new Date().toISOString() });
  assert.deepEqual(res, { status: 200, body: { success: true, accepted: 2, duplicates: 0 } });
  assert.deepEqual(await stored(a.messageId), [{ type: 'track', event: 'Product Viewed', anonymous_id: 'visitor-1' }]);
  const c = message({ type: 'identify', event: undefined, traits: { email: 'ada@example.com' } });
  assert.equal((await post('/v1/batch', { batch: [c] }, { 'Content-Type': 'application/json' })).status, 200);
  assert.equal((await stored(c.messageId)).length, 1);
});

test('a messageId already stored is skipped, within a batch and across batches', async () => {
  const a = message();
  const first = await post('/v1/batch', { batch: [a, a] });
  assert.deepEqual(first.body, { success: true, accepted: 1, duplicates: 1 });
  const again = await post('/v1/batch', { batch: [a, message()] });
  assert.deepEqual(again.body, { success: true, accepted: 1, duplicates: 1 });
  assert.equal((await stored(a.messageId)).length, 1);
});

test('concurrent batches with the same messages store each once', async () => {
  const batch = [message(), message(), message()];
  const answers = await Promise.all([1, 2, 3, 4].map(() => post('/v1/batch', { batch })));
  assert.ok(answers.every((a) => a.status === 200));
  assert.equal(answers.reduce((sum, a) => sum + a.body.accepted, 0), 3);
});

test('malformed batches are refused whole with a 400 and the reason', async () => {
  const cases = [
    ['not json', /not JSON/],
    [{ events: [] }, /"batch"/],
    [{ batch: [] }, /empty/],
    [{ batch: [message(), message({ messageId: '' })] }, /batch\[1\]: messageId/],
    [{ batch: [message({ anonymousId: undefined })] }, /anonymousId or userId/],
    [{ batch: [message({ timestamp: 'yesterday' })] }, /timestamp/],
    [{ batch: [message({ type: 'purchase' })] }, /type must be/],
    [{ batch: [message({ event: undefined })] }, /event is required/],
    [{ batch: [message({ properties: [1] })] }, /properties must be an object/],
    // What Date.parse takes and the database does not: a 500 would make the SDK send the batch again and again.
    ...['Mon, 02 Nov 2026 10:00:00 GMT', '2026-02-30T10:00:00Z', '2026', '+275760-09-13T00:00:00Z', '2026-11-20T10:00:00']
      .map((timestamp) => [{ batch: [message({ timestamp })] }, /timestamp must be an ISO 8601 time/]),
    [{ batch: [message({ userId: {} })] }, /userId must be a string/],
    [{ batch: [message({ anonymousId: {}, userId: 'u-1' })] }, /anonymousId must be a string/],
    [{ batch: [message({ properties: JSON.parse(`${'{"a":'.repeat(40)}1${'}'.repeat(40)}`) })] }, /nests deeper than 32/],
  ];
  for (const [body, reason] of cases) {
    const res = await post('/v1/batch', body);
    assert.equal(res.status, 400, JSON.stringify(body));
    assert.match(res.body.error, reason);
  }
  const valid = message();
  await post('/v1/batch', { batch: [valid, message({ messageId: 42 })] });
  assert.equal((await stored(valid.messageId)).length, 0, 'nothing of a refused batch is stored');
});

test('lone surrogates a page\'s text can hold are stored as U+FFFD, keys and the messageId too', async () => {
  const m = message({ messageId: `s\ud800-${n}`, properties: { title: 'Caf\ud83d', ['k\udc00']: 'x' } });
  const res = await post('/v1/batch', { batch: [m] });
  assert.deepEqual(res, { status: 200, body: { success: true, accepted: 1, duplicates: 0 } });
  const [row] = await server.demo.db.query('SELECT message FROM events WHERE message_id = $1', [m.messageId.toWellFormed()]);
  assert.deepEqual(JSON.parse(row.message).properties, { title: 'Caf\ufffd', 'k\ufffd': 'x' });
  assert.deepEqual((await post('/v1/batch', { batch: [m] })).body, { success: true, accepted: 0, duplicates: 1 }, 'sent again: one');
});

test('a body over 512 KB is refused with a 413', async () => {
  const big = { batch: [message({ properties: { blob: 'x'.repeat(600 * 1024) } })] };
  const res = await post('/v1/batch', big);
  assert.equal(res.status, 413);
  assert.match(res.body.error, /exceeds/);
});

test('the collector can be switched off: 503 with Retry-After', async () => {
  server.demo.collector.available = false;
  try {
    const res = await fetch(`${base}/v1/batch`, { method: 'POST', body: JSON.stringify({ batch: [message()] }) });
    assert.equal(res.status, 503);
    assert.equal(res.headers.get('Retry-After'), '1');
  } finally {
    server.demo.collector.available = true;
  }
});

test('coupons: minted for a valid email, single use, and unforgeable', async () => {
  assert.equal((await post('/v1/coupons', { email: 'not-an-email' })).status, 400);
  const minted = await post('/v1/coupons', { email: 'Ada@Example.com' });
  assert.equal(minted.status, 201);
  assert.match(minted.body.code, /^SK-[A-Z2-9]{8}-[A-Z2-9]{6}$/);
  const other = await post('/v1/coupons', { email: 'ada@example.com' });
  assert.notEqual(other.body.code, minted.body.code);

  const forged = minted.body.code.replace(/-([A-Z2-9]{6})$/, (m, sig) => `-${sig === 'AAAAAA' ? 'BBBBBB' : 'AAAAAA'}`);
  assert.equal((await post('/v1/coupons/redeem', { code: forged })).status, 404);
  assert.equal((await post('/v1/coupons/redeem', { code: 'SK-nonsense' })).status, 404);
  assert.deepEqual(await post('/v1/coupons/redeem', { code: minted.body.code }), { status: 200, body: { ok: true } });
  assert.equal((await post('/v1/coupons/redeem', { code: minted.body.code })).status, 409);
});

test('a referral coupon only for a visitor the collector saw arrive on another visitor\'s link, and one code each', async () => {
  const mint = (anonymousId, extra = {}) => post('/v1/coupons', { kind: 'referral15', campaign: 'referral-newcomer', anonymousId, ...extra });
  const landing = (visitor, query) => post('/v1/batch', { batch: [message({ type: 'page', event: undefined, anonymousId: visitor,
    timestamp: new Date().toISOString(), properties: {}, context: { page: { url: `https://shop.example/${query}` } } })] });
  await landing('self-1', '?ref=self-1');
  await landing('gwen-1', '?REF=%20alice-1');
  const refused = { status: 403, body: { error: 'This offer is for friends who arrive through a referral link.' } };
  // Both wait for a landing that could still be on its way, at once.
  assert.deepEqual(await Promise.all([mint('never-referred-1'), mint('self-1')]), [refused, refused]);

  const minted = await mint('gwen-1');
  assert.equal(minted.status, 201);
  assert.match(minted.body.code, /^SK-[A-Z2-9]{8}-[A-Z2-9]{6}$/);
  assert.equal(minted.body.percentOff, 15);
  assert.deepEqual(await mint('gwen-1'), { status: 200, body: minted.body }, 'asking again gets the same code');
  assert.equal((await mint('gwen-1', { email: 'gwen@example.com' })).body.code, minted.body.code, 'an address makes no second code');
  assert.deepEqual(await post('/v1/coupons/redeem', { code: minted.body.code }), { status: 200, body: { ok: true } });
  assert.equal((await mint('gwen-1')).body.code, minted.body.code);

  await landing('hal-1', '?ref=alice-1');
  const [one, two] = await Promise.all([mint('hal-1'), mint('hal-1')]);
  assert.equal(one.body.code, two.body.code, 'two asks at once get one code');
  const late = mint('ivy-1');
  await new Promise((resolve) => setTimeout(resolve, 500));
  await landing('ivy-1', '?ref=alice-1');
  assert.equal((await late).status, 201, 'the landing page may reach the collector after the coupon request');
});

test('the context feed: trends by region from stored orders, and the weather', async () => {
  const order = (region, products) => message({ event: 'Order Completed', timestamp: new Date().toISOString(),
    properties: { region, products } });
  await post('/v1/batch', { batch: [
    order('IE-D', [{ product_id: 'p03', quantity: 2 }, { product_id: 'p01' }]),
    order('IE-D', [{ product_id: 'p01', quantity: 2 }]),
    order('IE-G', [{ product_id: 'p09' }]),
  ] });
  const res = await fetch(`${base}/v1/context?region=IE-D`);
  const feed = await res.json();
  assert.deepEqual(Object.keys(feed.regions), ['IE-D']);
  assert.deepEqual(feed.regions['IE-D'].trending, [{ product_id: 'p01', units: 3 }, { product_id: 'p03', units: 2 }]);
  assert.equal(feed.regions['IE-D'].weather.name, 'Dublin');
  const all = await (await fetch(`${base}/v1/context`)).json();
  assert.deepEqual(all.regions['IE-G'].trending, [{ product_id: 'p09', units: 1 }]);
  assert.equal((await fetch(`${base}/v1/context?region=XX`)).status, 404);
  for (const name of ['constructor', 'toString', '__proto__']) {
    assert.equal((await fetch(`${base}/v1/context?region=${name}`)).status, 404, `a region named ${name}`);
  }
  await post('/v1/batch', { batch: [order('__proto__', [{ product_id: 'p05' }])] });
  const proto = await (await fetch(`${base}/v1/context?region=__proto__`)).json();
  assert.deepEqual(Object.keys(proto.regions), ['__proto__'], 'an order\'s region is a name like any other');
  assert.deepEqual(proto.regions.__proto__.trending, [{ product_id: 'p05', units: 1 }]);
});

test('the context feed counts the friends a referral link brought who ordered after landing on it', async () => {
  const at = (minutes) => new Date(Date.UTC(2026, 10, 20, 10, minutes)).toISOString();
  const landing = (friend, minutes) => message({ type: 'page', event: undefined, anonymousId: friend, timestamp: at(minutes),
    properties: {}, context: { page: { url: 'https://shop.example/?ref=alice-1' } } });
  const ordered = (friend, minutes) => message({ event: 'Order Completed', anonymousId: friend, timestamp: at(minutes), properties: {} });
  await post('/v1/batch', { batch: [landing('bob-1', 0), ordered('bob-1', 5), ordered('carol-1', 0), landing('carol-1', 10),
    landing('dan-1', 0)] });
  const feed = await (await fetch(`${base}/v1/context?visitor=alice-1`)).json();
  assert.equal(feed.referral.successful, 1, 'bob ordered after landing; carol before; dan never');
});

test('the context feed reads a referral link as the engine does: the parameter in any case, the code trimmed', async () => {
  const engine = await loadEngine();
  const urls = ['?REF=erin-1', '?ref=%20erin-1', '?Ref=erin-1%09&x=1', '?ref=erin-1', '?ref=erin-1!', '?ref=&ref=erin-1',
    '?x=1#ref=erin-1', '?referrer=erin-1'].map((query) => `https://shop.example/${query}`);
  const credited = urls.filter((url) => engine.classifyAcquisition({ url }).refCode === 'erin-1').length;
  engine.destroy();
  assert.equal(credited, 4);
  const at = (minutes) => new Date(Date.UTC(2026, 10, 21, 10, minutes)).toISOString();
  await post('/v1/batch', { batch: urls.flatMap((url, i) => [
    message({ type: 'page', event: undefined, anonymousId: `erin-friend-${i}`, timestamp: at(0), properties: {}, context: { page: { url } } }),
    message({ event: 'Order Completed', anonymousId: `erin-friend-${i}`, timestamp: at(5), properties: {} }),
  ]) });
  const feed = await (await fetch(`${base}/v1/context?visitor=erin-1`)).json();
  assert.equal(feed.referral.successful, credited);
});

test('behind any CDN the page\'s region is the engine\'s ISO 3166-2 region, so the orders filed under it trend there', async () => {
  const engine = await loadEngine();
  const cdns = {
    cloudflare: { 'cf-ipcountry': 'IE', 'cf-region-code': 'CO', 'cf-ipcity': 'Cork' },
    cloudfront: { 'cloudfront-viewer-country': 'IE', 'cloudfront-viewer-country-region': 'co' },
    vercel: { 'x-vercel-ip-country': 'IE', 'x-vercel-ip-country-region': 'CO' },
    generic: { 'x-country-code': 'IE', 'x-region-code': 'IE-CO' },
    'country UK': { 'cf-ipcountry': 'UK', 'cf-region-code': 'ENG' },
  };
  try {
    for (const [cdn, headers] of Object.entries(cdns)) {
      const html = await (await fetch(`${base}/`, { headers })).text();
      const hint = (name) => (html.match(new RegExp(`data-location-${name}="([^"]*)"`)) || [])[1];
      const { region } = engine.resolveLocation({ location: { country: hint('country'), region: hint('region') } });
      assert.equal(hint('region'), region, cdn);
    }
  } finally {
    engine.destroy();
  }
  const html = await (await fetch(`${base}/`, { headers: cdns.cloudflare })).text();
  const region = html.match(/data-location-region="([^"]*)"/)[1];
  await post('/v1/batch', { batch: [message({ event: 'Order Completed', timestamp: new Date().toISOString(),
    properties: { region, products: [{ product_id: 'p32' }] } })] });
  const feed = await (await fetch(`${base}/v1/context?region=IE-CO`)).json();
  assert.deepEqual(feed.regions['IE-CO'].trending, [{ product_id: 'p32', units: 1 }]);
});

test('the pages still render, with the collector as their endpoint', async () => {
  const html = await (await fetch(`${base}/`)).text();
  assert.match(html, /data-endpoint="\/v1\/batch"/);
  assert.equal((await fetch(`${base}/v1/batch`)).status, 405);
});
