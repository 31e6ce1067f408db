// The compiling worker in Chromium on the demo shop (js/precompile.js): on the first page of a
// tab, while the page still parses, a worker running the SDK's script makes the page view's
// engine calls, so that the page's engine finds its wasm compiled; then it ends. Only once per
// tab, only while the page parses, never with data-warm-up="false"; a policy that forbids
// workers costs the browser's report of the refusal and nothing else.

import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { STRICT_CSP } from '../../demo_site/server.js';
import { startShop, visit, waitFor } from './harness.js';
import { rewritePages } from './script-tag-support.js';

const WARM_KEY = 'shopkeeper:v1:warm';
const PARSE_HELD_MS = 1500;

let shop;
let coldShop; // the same shop with data-warm-up="false"
let lockedShop; // a policy without workers
before(async () => {
  [shop, coldShop, lockedShop] = await Promise.all([startShop(), startShop({ warmUp: false }),
    startShop({ csp: `${STRICT_CSP}; worker-src 'none'` })]);
});
after(async () => {
  await Promise.all([shop.close(), coldShop.close(), lockedShop.close()]);
});

/**
 * A page on `on` whose documents stop parsing for PARSE_HELD_MS at the end of <head> (a slow
 * script of the shop's), as a long page arriving over the network does; it lists its workers.
 * `rewrite` changes the documents' HTML first.
 */
async function slowParsingPage(on, rewrite = (body) => body) {
  const page = await on.newPage();
  page.workers = [];
  page.on('worker', (worker) => page.workers.push(worker));
  await page.route((url) => url.origin === on.base && !url.pathname.includes('.'), async (route) => {
    const response = await route.fetch();
    const body = rewrite(await response.text()).replace('</head>', '<script src="/held.js"></script></head>');
    await route.fulfill({ response, body });
  });
  await page.route(`${on.base}/held.js`, async (route) => {
    await new Promise((resolve) => setTimeout(resolve, PARSE_HELD_MS));
    await route.fulfill({ contentType: 'text/javascript', body: '' });
  });
  return page;
}

/** The worker's report (the detail of shopkeeper:precompile), once there is one. */
const report = (page) => waitFor('the worker\'s report', () => page.evaluate(() => {
  const [entry] = performance.getEntriesByName('shopkeeper:precompile');
  return entry && entry.detail;
}), 15000);

const gridIds = (page) => page.$$eval('#products > [data-product-id]', (tiles) => tiles.map((t) => t.dataset.productId));

test('first page of a tab: a worker of the script runs the engine calls and ends; the next page, or a tab with the script cached, starts none', async () => {
  const page = await slowParsingPage(shop);
  const rulesRequests = [];
  page.on('request', (request) => { if (request.url().endsWith('/rules/welcome.json')) rulesRequests.push(request.url()); });
  const outcome = await visit(page, `${shop.base}/category/all`);
  assert.equal(outcome.ok, true);
  assert.deepEqual(await report(page), { ok: true, profile: false });
  assert.equal(page.workers.length, 1);
  const [url, fragment] = page.workers[0].url().split('#');
  assert.equal(url, `${shop.base}/shopkeeper/shopkeeper.js`);
  assert.deepEqual(JSON.parse(decodeURIComponent(fragment)), { wasmUrl: `${shop.base}/shopkeeper/shopkeeper.wasm`,
    rules: `${shop.base}/rules/welcome.json`, page: { url: `${shop.base}/category/all`, referrer: '' } });
  await waitFor('the worker to end', () => page.workers[0].evaluate(() => false).catch(() => true), 10000);
  assert.equal(rulesRequests.length, 2, 'the worker fetches the rules itself');
  assert.ok((await gridIds(page)).length > 0);
  assert.deepEqual(page.problems, []);

  // The idle warm-up marks the tab; its next page starts no worker.
  await waitFor('the tab marked as warm', () => page.evaluate((key) => sessionStorage.getItem(key), WARM_KEY), 10000);
  assert.equal((await visit(page, `${shop.base}/category/boots`)).ok, true);
  await page.waitForTimeout(500);
  assert.equal(page.workers.length, 1);
  assert.deepEqual(page.problems, []);

  // A new tab finds the script in the HTTP cache: its own engine is ready soon enough.
  const tab = await page.context().newPage();
  tab.on('worker', (worker) => page.workers.push(worker));
  await tab.goto(`${shop.base}/category/all`);
  assert.equal(await tab.evaluate(() => window.__shopkeeperOutcome.then((o) => o.ok)), true);
  assert.equal(await tab.evaluate(() => performance.getEntriesByName(new URL('/shopkeeper/shopkeeper.js', location.href).href)[0].transferSize), 0);
  await tab.waitForTimeout(500);
  assert.equal(page.workers.length, 1);
  await page.context().close();
});

test('the same decisions and grid with and without the worker, and no worker with data-warm-up="false"', async () => {
  const seen = [];
  for (const on of [shop, coldShop]) {
    const page = await slowParsingPage(on);
    for (const id of ['p07', 'p08', 'p09']) {
      assert.equal((await visit(page, `${on.base}/product/${id}`)).ok, true);
      if (on !== shop || id !== 'p07') continue;
      assert.deepEqual(await report(page), { ok: true, profile: false });
      // Routing turns the page's HTTP cache off, so every page's script counts as downloaded here:
      // the tab's mark, set by the idle warm-up, is what keeps the next pages from starting one.
      await waitFor('the tab marked as warm', () => page.evaluate((key) => sessionStorage.getItem(key), WARM_KEY), 10000);
    }
    const outcome = await visit(page, `${on.base}/category/all`);
    seen.push({ campaigns: outcome.detail.decisions.map((d) => d.campaign), grid: await gridIds(page) });
    assert.equal(page.workers.length, on === shop ? 1 : 0);
    assert.deepEqual(page.problems, []);
    await page.context().close();
  }
  assert.deepEqual(seen[0], seen[1]);
});

test('the worker gets the stored profile by message, never in its URL, and none larger than the engine reads', async () => {
  const stored = JSON.stringify({ interests: { categories: { 'marker-category': 3 } } });
  for (const [value, read] of [[stored, true], ['x'.repeat(64 * 1024 + 1), false]]) {
    const page = await slowParsingPage(shop);
    await page.addInitScript(([key, v]) => localStorage.setItem(key, v), ['shopkeeper:v1:profile', value]);
    await visit(page, `${shop.base}/category/all`);
    assert.deepEqual(await report(page), { ok: true, profile: read });
    // Every script on the page reads the resource timing entries, the worker's URL among them.
    assert.equal(page.workers[0].url().includes('marker'), false);
    assert.deepEqual(await page.evaluate(() => performance.getEntriesByType('resource').map((e) => e.name)
      .filter((name) => name.includes('marker') || name.includes('xxxx'))), []);
    await page.context().close();
  }
});

test('rules written into data-rules go to the worker as they are', async () => {
  const rules = readFileSync(new URL('../../rules/welcome.json', import.meta.url), 'utf8').replace(/\s+/g, ' ');
  const page = await slowParsingPage(shop, (body) => body.replace('data-rules="/rules/welcome.json"',
    `data-rules="${rules.replace(/&/g, '&amp;').replace(/"/g, '&quot;')}"`));
  const requested = [];
  page.on('request', (request) => requested.push(new URL(request.url()).pathname));
  assert.equal((await visit(page, `${shop.base}/category/all`)).ok, true);
  assert.deepEqual(await report(page), { ok: true, profile: false });
  assert.deepEqual(requested.filter((path) => path.includes('rules') || path.includes('%7B')), []);
  assert.deepEqual(page.problems, []);
  await page.context().close();
});

test('a script whose DOM is ready (defer) starts no worker', async () => {
  const page = await shop.newPage();
  page.workers = [];
  page.on('worker', (worker) => page.workers.push(worker));
  await rewritePages(page, shop.base, { tag: (t) => `${t} defer` });
  assert.equal((await visit(page, `${shop.base}/category/all`)).ok, true);
  await page.waitForTimeout(500);
  assert.equal(page.workers.length, 0);
  assert.deepEqual(page.problems, []);
  await page.context().close();
});

test('a policy that forbids workers: the page decides as it would; the browser reports the refusal, the SDK says nothing', async () => {
  const page = await slowParsingPage(lockedShop);
  const messages = [];
  page.on('console', (m) => messages.push(`${m.type()}: ${m.text()}`));
  const outcome = await visit(page, `${lockedShop.base}/category/all`);
  assert.equal(outcome.ok, true);
  assert.deepEqual(await report(page), { error: 'the worker did not run' });
  assert.ok((await gridIds(page)).length > 0);
  assert.equal(messages.length, 1);
  assert.match(messages[0], /^error: Creating a worker from .* violates the following Content Security Policy directive: "worker-src 'none'"/);
  await page.context().close();
});
