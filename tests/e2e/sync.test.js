// Event sync in Chromium against the demo shop and its DuckDB collector: every event arrives
// once, across outages (503s, or connections cut), reloads and tabs; consent and Global Privacy
// Control are obeyed; the bounded queue reports what it drops. Assertions wait for conditions,
// never for a fixed time.

import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { startShop, visit, waitFor } from './harness.js';
import { flushIn, queuedIn, rowsReach, stallCollector, storedFor, syncStats, track, visitWithConsent } from './sync-support.js';

let shop;
before(async () => {
  shop = await startShop();
});
after(async () => {
  await shop.close();
});

const queuedCount = async (page) => (await queuedIn(page)).length;

test('the events of a visit arrive once each, as Segment messages', async () => {
  const page = await shop.newPage();
  const first = await visit(page, `${shop.base}/?utm_source=newsletter&utm_campaign=winter`);
  const id = first.detail.visitor.id;
  await page.getByRole('dialog').getByRole('button', { name: 'Close' }).click();
  await track(page, 'Product Viewed', { product_id: 'p03' });
  await visit(page, `${shop.base}/category/boots`);
  const rows = await rowsReach(shop, 5, id);
  assert.deepEqual(rows.map((r) => r.event || r.type).sort(),
    ['Product Viewed', 'Promotion Dismissed', 'Promotion Viewed', 'page', 'page']);
  const landing = JSON.parse(rows.find((r) => r.type === 'page').message);
  assert.equal(landing.context.page.path, '/');
  assert.deepEqual(landing.context.campaign, { source: 'newsletter', name: 'winter' });
  assert.equal(landing.context.library.name, 'shopkeeper');
  const viewed = JSON.parse(rows.find((r) => r.event === 'Promotion Viewed').message);
  assert.deepEqual(viewed.properties, { promotion_id: 'welcome', creative: 'modal', name: 'Welcome to Timberline Outfitters' });
  assert.deepEqual(page.problems, []);
  await page.context().close();
});

test('a collector outage across two reloads: afterwards every event is stored exactly once', async () => {
  const { collector } = shop.server.demo;
  collector.available = false;
  const page = await shop.newPage();
  let id;
  try {
    for (let i = 0; i < 3; i++) {
      const outcome = await visit(page, `${shop.base}/category/hats`); // the first load, then two reloads
      id = outcome.detail.visitor.id;
      await track(page, 'Product Viewed', { product_id: `p${i}` });
    }
    assert.equal((await storedFor(shop, id)).length, 0);
  } finally {
    collector.available = true;
  }
  const rows = await rowsReach(shop, 7, id); // three pages, three products, the welcome popup once
  assert.deepEqual(rows.filter((r) => r.event === 'Product Viewed').map((r) => JSON.parse(r.message).properties.product_id).sort(),
    ['p0', 'p1', 'p2']);
  await waitFor('an empty queue', async () => (await queuedCount(page)) === 0);
  assert.equal((await storedFor(shop, id)).length, 7);
  await page.context().close();
});

test('the collector unreachable across a reload, its connections cut: afterwards every event is stored exactly once', async () => {
  const duplicates = shop.server.demo.collector.stats.duplicates;
  const outage = stallCollector(shop, { cut: true });
  const page = await shop.newPage();
  let id;
  try {
    for (let i = 0; i < 2; i++) {
      id = (await visit(page, `${shop.base}/category/boots`)).detail.visitor.id; // the first load, then a reload
      if (i === 0) await page.getByRole('dialog').waitFor(); // its Promotion Viewed is queued
      await track(page, 'Product Viewed', { product_id: `p${i}` });
    }
    await flushIn(page);
    await waitFor('a failed send', () => outage.held > 0);
    assert.equal((await storedFor(shop, id)).length, 0);
  } finally {
    outage.release();
  }
  const rows = await rowsReach(shop, 5, id); // two pages, two products, the welcome popup once
  assert.deepEqual(rows.filter((r) => r.event === 'Product Viewed').map((r) => JSON.parse(r.message).properties.product_id).sort(),
    ['p0', 'p1']);
  await waitFor('an empty queue', async () => (await queuedCount(page)) === 0);
  assert.equal(shop.server.demo.collector.stats.duplicates - duplicates, 0, 'what was cut off never arrived');
  assert.ok((await syncStats(page)).retries > 0);
  await page.context().close();
});

test('two tabs of one shopper at once: every event once, none sent twice', async () => {
  const before = shop.server.demo.collector.stats.duplicates;
  const a = await shop.newPage();
  const id = (await visit(a, `${shop.base}/`)).detail.visitor.id;
  // The welcome popup shows in the first tab before the second opens: a second tab deciding before
  // the first has shown it (its renderers load after the decision) would show it too.
  await a.getByRole('dialog').waitFor();
  const b = await a.context().newPage();
  await b.goto(`${shop.base}/category/gloves`);
  await b.waitForFunction(() => window.shopkeeper);
  await Promise.all([a, b].map((tab, t) => tab.evaluate((n) => {
    for (let i = 0; i < 30; i++) window.shopkeeper.track('Product Viewed', { product_id: `${n}-${i}` });
  }, t)));
  await rowsReach(shop, 63, id); // two pages, the popup seen once, 60 products
  assert.equal(shop.server.demo.collector.stats.duplicates - before, 0, 'the collector never saw a message twice');
  await a.context().close();
});

test('consent pending keeps events on the device until granted; denied sends nothing', async () => {
  const pending = await visitWithConsent(shop, 'pending');
  await pending.page.getByRole('dialog').waitFor(); // its Promotion Viewed is queued by now
  await track(pending.page, 'Product Viewed', { product_id: 'p01' });
  await flushIn(pending.page);
  assert.equal(await queuedCount(pending.page), 3);
  assert.equal(pending.batches.count, 0);
  await pending.page.evaluate(() => window.shopkeeper.setConsent('granted'));
  await rowsReach(shop, 3, pending.id);
  await pending.page.context().close();

  const denied = await visitWithConsent(shop, 'denied');
  await track(denied.page, 'Signed Up', { email: 'ada@example.com' });
  await flushIn(denied.page);
  assert.equal(await queuedCount(denied.page), 0);
  assert.equal(denied.batches.count, 0);
  assert.equal((await syncStats(denied.page)).sent, 0);
  assert.equal((await storedFor(shop, denied.id)).length, 0);
  await denied.page.context().close();
});

test('Global Privacy Control: nothing is sent, even when the shop says consent is granted', async () => {
  const { page, id, batches } = await visitWithConsent(shop, 'granted', (p) => p.addInitScript(() =>
    Object.defineProperty(Navigator.prototype, 'globalPrivacyControl', { get: () => true })));
  await page.evaluate(() => window.shopkeeper.setConsent('granted'));
  await track(page, 'Signed Up', { email: 'ada@example.com' });
  await flushIn(page);
  const stats = await syncStats(page);
  assert.deepEqual([stats.gpc, stats.sent, stats.queued], [true, 0, 0]);
  assert.equal(await queuedCount(page), 0);
  assert.equal(batches.count, 0);
  assert.equal((await storedFor(shop, id)).length, 0);
  await page.context().close();
});

test('a full queue drops the oldest events, says so, and the collector learns how many', async () => {
  const warnings = [];
  const { page, id } = await visitWithConsent(shop, 'pending', async (p) => {
    p.on('console', (m) => m.type() === 'warning' && m.text().includes('sync_dropped') && warnings.push(m.text()));
  });
  await page.getByRole('dialog').waitFor(); // its Promotion Viewed is queued by now
  await page.evaluate(() => {
    for (let i = 0; i < 600; i++) window.shopkeeper.track('Product Viewed', { product_id: `p${i}` });
  });
  const { dropped, queued } = await syncStats(page);
  assert.ok(dropped > 0 && queued <= 500 && dropped + queued === 602, `${dropped} dropped, ${queued} queued`);
  assert.equal(warnings.length > 0, true, 'the drop is reported');
  await page.evaluate(() => window.shopkeeper.setConsent('granted'));
  const rows = await rowsReach(shop, queued, id);
  const products = rows.filter((r) => r.event === 'Product Viewed').map((r) => Number(JSON.parse(r.message).properties.product_id.slice(1)));
  assert.equal(products.length, queued, 'the page view and the popup were the oldest: dropped');
  assert.equal(Math.min(...products), 600 - queued, 'the newest were kept');
  const reported = rows.map((r) => JSON.parse(r.message).context.shopkeeper).filter(Boolean);
  assert.deepEqual(reported, [{ dropped }]);
  await page.context().close();
});
