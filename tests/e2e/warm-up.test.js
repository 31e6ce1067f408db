// The idle-time warm-up in Chromium on the demo shop (js/warm-up.js): after the first decision
// the page view's engine calls run again in idle callbacks, once per tab, leaving the page's
// profile and grid as they were; data-warm-up="false" turns it off.

import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { startShop, visit, waitFor } from './harness.js';

const WARM_KEY = 'shopkeeper:v1:warm';
const PROFILE_KEY = 'shopkeeper:v1:profile';

let shop;
let coldShop; // the same shop with data-warm-up="false"
before(async () => {
  [shop, coldShop] = await Promise.all([startShop(), startShop({ warmUp: false })]);
});
after(async () => {
  await Promise.all([shop.close(), coldShop.close()]);
});

/** A page that counts the idle callbacks run (the demo shop asks for none itself). */
async function countingPage(on) {
  const page = await on.newPage();
  await page.context().addInitScript(() => {
    window.__idleRuns = 0;
    const request = window.requestIdleCallback.bind(window);
    window.requestIdleCallback = (fn, options) => request((deadline) => {
      window.__idleRuns += 1;
      fn(deadline);
    }, options);
  });
  return page;
}

const gridIds = (page) => page.$$eval('#products > [data-product-id]', (tiles) => tiles.map((t) => t.dataset.productId));

test('after the first decision the engine is warmed up in idle time, once per tab; profile and grid stay as they were', async () => {
  const page = await countingPage(shop);
  await visit(page, `${shop.base}/product/p07`);
  await waitFor('the warm-up of the first page', () => page.evaluate(() => window.__idleRuns >= 3), 10000);
  const outcome = await visit(page, `${shop.base}/category/all`);
  assert.equal(outcome.ok, true);
  const profile = await page.evaluate((key) => localStorage.getItem(key), PROFILE_KEY);
  const order = await gridIds(page);
  const version = await page.evaluate(async () => (await window.shopkeeper)._engine.version);

  // The first page of the tab warmed up; this page finds the mark and asks for one idle callback only.
  assert.equal(await page.evaluate((key) => sessionStorage.getItem(key), WARM_KEY), version);
  await page.waitForTimeout(1000);
  assert.equal(await page.evaluate(() => window.__idleRuns), 1);
  assert.equal(await page.evaluate((key) => localStorage.getItem(key), PROFILE_KEY), profile);
  assert.deepEqual(await gridIds(page), order);
  assert.deepEqual(page.problems, []);

  // A new tab warms up again: its rounds run in idle callbacks, and change nothing of the page's.
  const tab = await page.context().newPage();
  tab.problems = [];
  tab.on('console', (m) => { if (m.type() === 'warning' || m.type() === 'error') tab.problems.push(m.text()); });
  await visit(tab, `${shop.base}/category/all`);
  const tabProfile = await tab.evaluate((key) => localStorage.getItem(key), PROFILE_KEY);
  const tabOrder = await gridIds(tab);
  await waitFor('the warm-up rounds', () => tab.evaluate(() => window.__idleRuns >= 3), 10000);
  assert.equal(await tab.evaluate((key) => sessionStorage.getItem(key), WARM_KEY), version);
  assert.equal(await tab.evaluate((key) => localStorage.getItem(key), PROFILE_KEY), tabProfile);
  assert.deepEqual(await gridIds(tab), tabOrder);
  assert.deepEqual(tab.problems, []);
  await page.context().close();
});

test('data-warm-up="false": no warm-up, no mark', async () => {
  const page = await countingPage(coldShop);
  const outcome = await visit(page, `${coldShop.base}/category/all`);
  assert.equal(outcome.ok, true);
  await page.waitForTimeout(1500);
  assert.equal(await page.evaluate(() => window.__idleRuns), 0);
  assert.equal(await page.evaluate((key) => sessionStorage.getItem(key), WARM_KEY), null);
  assert.deepEqual(page.problems, []);
  await page.context().close();
});
