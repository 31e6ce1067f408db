// What a page needs only after its first decision (dist/shopkeeper.later.js: sending events,
// route changes, geolocation), in Chromium on the demo shop: it is fetched once the first
// decision is made, nothing recorded before it arrives is lost, and a page that cannot fetch
// it still decides, keeping its events for the next page.

import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { startShop, visit, waitFor } from './harness.js';
import { queuedIn, rowsReach, storedFor, syncStats, track } from './sync-support.js';

const LATER = '**/shopkeeper/shopkeeper.later.js';
const NO_CAMPAIGNS = JSON.stringify({ version: 1, campaigns: [] });

let shop;
before(async () => {
  shop = await startShop();
});
after(async () => {
  await shop.close();
});

/**
 * A page whose request for shopkeeper.later.js waits until release() is called. `asked` gets,
 * for each request, whether the page had made its first decision by then.
 */
async function withLateParts({ campaigns = true } = {}) {
  const page = await shop.newPage();
  page.warnings = [];
  page.on('console', (msg) => {
    if (msg.type() === 'warning') page.warnings.push(msg.text());
  });
  if (!campaigns) await page.route('**/rules/welcome.json', (route) => route.fulfill({ contentType: 'application/json', body: NO_CAMPAIGNS }));
  await page.addInitScript(() => {
    document.addEventListener('shopkeeper:decided', () => {
      window.__decided = true;
    }, { once: true });
  });
  let release;
  const released = new Promise((resolve) => {
    release = resolve;
  });
  const asked = [];
  await page.route(LATER, async (route) => {
    asked.push(await page.evaluate(() => Boolean(window.__decided)));
    await released;
    await route.continue();
  });
  return { page, asked, release };
}

const names = (messages) => messages.map((m) => m.event || m.type).sort();

test('the parts for later are fetched after the first decision; what is tracked before they arrive is queued, then sent once', async () => {
  const { page, asked, release } = await withLateParts({ campaigns: false });
  await page.addInitScript(() => {
    window.shopkeeper = window.shopkeeper || [];
    window.shopkeeper.push(['track', 'Product Viewed', { product_id: 'p01' }]);
  });
  const outcome = await visit(page, `${shop.base}/category/boots`);
  assert.equal(outcome.ok, true);
  const id = outcome.detail.visitor.id;
  assert.equal(await track(page, 'Product Viewed', { product_id: 'p02' }), true);
  await waitFor('the request for the later parts', () => asked.length === 1);
  assert.deepEqual(asked, [true], 'requested once the first decision was made');

  // Until they arrive everything waits in the persisted queue.
  assert.deepEqual(names((await queuedIn(page)).map((e) => e.message)), ['Product Viewed', 'Product Viewed', 'page']);
  const waiting = await syncStats(page);
  assert.deepEqual([waiting.enabled, waiting.senderReady, waiting.sent, waiting.queued], [true, false, 0, 3]);
  assert.equal((await storedFor(shop, id)).length, 0);

  const flushed = page.evaluate(() => window.shopkeeper.flush().then(() => 'flushed'));
  release();
  assert.equal(await flushed, 'flushed', 'a flush() asked for before they came resolves once the queue has gone');
  const rows = await rowsReach(shop, 3, id);
  assert.deepEqual(names(rows), ['Product Viewed', 'Product Viewed', 'page']);
  assert.deepEqual((await queuedIn(page)), []);
  const done = await syncStats(page);
  assert.deepEqual([done.senderReady, done.sent], [true, 3]);
  assert.deepEqual(page.warnings, []);
  assert.deepEqual(page.problems, []);
  await page.context().close();
});

test('a route change made before the parts arrive is a page view as soon as they do', async () => {
  const { page, release } = await withLateParts({ campaigns: false });
  await visit(page, `${shop.base}/`);
  await page.evaluate(() => history.pushState({}, '', '/category/hats'));
  assert.equal(await page.evaluate(() => window.shopkeeper.profile().session.pageViews), 1);
  release();
  await page.waitForFunction(() => window.shopkeeper.profile().session.pageViews === 2);
  const pages = (await queuedIn(page)).map((e) => e.message).filter((m) => m.type === 'page');
  assert.deepEqual(pages.map((m) => m.context.page.path).sort(), ['/', '/category/hats']);
  assert.deepEqual(page.problems, []);
  await page.context().close();
});

test('a page hidden before the parts arrive sends its queue by keepalive as soon as they do', async () => {
  const { page, release } = await withLateParts({ campaigns: false });
  const id = (await visit(page, `${shop.base}/category/boots`)).detail.visitor.id;
  await track(page, 'Product Viewed', { product_id: 'p04' });
  await page.evaluate(() => {
    const fetch = window.fetch.bind(window);
    window.__keepalive = [];
    window.fetch = (url, init = {}) => {
      if (String(url).includes('/v1/batch')) window.__keepalive.push(Boolean(init.keepalive));
      return fetch(url, init);
    };
    Object.defineProperty(document, 'visibilityState', { configurable: true, get: () => 'hidden' });
    document.dispatchEvent(new Event('visibilitychange'));
  });
  release();
  assert.deepEqual(names(await rowsReach(shop, 2, id)), ['Product Viewed', 'page']);
  assert.deepEqual(await page.evaluate(() => window.__keepalive), [true]);
  assert.deepEqual(page.problems, []);
  await page.context().close();
});

test('a page that cannot fetch the parts still decides and shows its popup; its events go from the next page', async () => {
  const page = await shop.newPage();
  const warnings = [];
  page.on('console', (msg) => {
    if (msg.type() === 'warning') warnings.push(msg.text());
  });
  await page.route(LATER, (route) => route.abort());
  const outcome = await visit(page, `${shop.base}/category/boots`);
  assert.equal(outcome.ok, true);
  const id = outcome.detail.visitor.id;
  await page.getByRole('dialog', { name: 'Welcome to Timberline Outfitters' }).waitFor();
  assert.equal(await track(page, 'Product Viewed', { product_id: 'p03' }), true);
  await waitFor('the warning', () => warnings.length > 0);
  assert.equal(warnings.length, 1, warnings.join('\n'));
  assert.match(warnings[0], /^\[shopkeeper\] later_unavailable: .*events stay queued for the next page/);
  assert.equal(await page.evaluate(() => window.shopkeeper.flush().then(() => 'flushed')), 'flushed', 'flush() resolves all the same');
  assert.deepEqual(names((await queuedIn(page)).map((e) => e.message)), ['Product Viewed', 'Promotion Viewed', 'page']);
  assert.equal((await storedFor(shop, id)).length, 0);
  assert.deepEqual(page.problems.filter((p) => p !== 'console.error: Failed to load resource: net::ERR_FAILED'), []);

  await page.unroute(LATER);
  await visit(page, `${shop.base}/category/hats`);
  const rows = await rowsReach(shop, 4, id);
  assert.deepEqual(names(rows), ['Product Viewed', 'Promotion Viewed', 'page', 'page']);
  await page.context().close();
});
