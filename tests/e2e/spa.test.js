// Later moments of a page through the real engine in Chromium: a single-page app's route change
// is a new page view decided again, an event the shop tracks brings its campaign's popup, and a
// page view never gets a second popup.

import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { startShop, visit } from './harness.js';
import { rewritePages } from './script-tag-support.js';

let shop;
before(async () => {
  shop = await startShop();
});
after(async () => {
  await shop.close();
});

const RULES = {
  version: 1,
  settings: { caps: { popupsPerPageView: 1, popupsPerSession: 5 } },
  campaigns: [
    { id: 'boots-route', priority: 10, trigger: { type: 'routeChange' }, audience: { 'page.path': '/category/boots' },
      frequency: { perSession: 0 }, action: { type: 'slideIn', title: 'Boots for the snow' } },
    { id: 'wishlist', priority: 5, trigger: { type: 'custom', event: 'Wishlist Added' }, frequency: { perSession: 0, stopAfterDismiss: false },
      action: { type: 'modal', title: 'Saved to your wishlist', closeLabel: 'OK' } },
  ],
};

/** The demo home page with RULES, as a single-page app would load it once. */
async function app() {
  const page = await shop.newPage();
  await page.route('**/rules/welcome.json', (route) => route.fulfill({ contentType: 'application/json', body: JSON.stringify(RULES) }));
  await visit(page, `${shop.base}/`);
  return page;
}
const pageViews = (page) => page.evaluate(() => window.shopkeeper.profile().session.pageViews);

test('a route change is a page view decided again, with its routeChange campaigns', async () => {
  const page = await app();
  assert.equal(await pageViews(page), 1);
  await page.evaluate(() => history.pushState({}, '', '/category/hats'));
  await page.waitForFunction(() => window.shopkeeper.profile().session.pageViews === 2);
  assert.equal(await page.locator('[data-shopkeeper-popup]').count(), 0, 'not on the hats route');
  const why = await page.evaluate(() => window.shopkeeper.explain('boots-route'));
  assert.deepEqual(why.audience, [{ path: 'page.path', matched: false }]);
  await page.evaluate(() => history.pushState({}, '', '/category/boots'));
  const slideIn = page.getByRole('dialog', { name: 'Boots for the snow' });
  await slideIn.waitFor();
  assert.equal(await pageViews(page), 3);
  await page.goBack();
  await page.waitForFunction(() => window.shopkeeper.profile().session.pageViews === 4);
  assert.equal(await slideIn.count(), 1, 'what is on screen stays');
  assert.deepEqual(page.problems, []);
  await page.context().close();
});

test('an event the shop tracks brings its popup; a page view never gets a second one', async () => {
  const page = await app();
  await page.evaluate(() => window.shopkeeper.push(['track', 'Wishlist Added', { product_id: 'p01' }]));
  const modal = page.getByRole('dialog', { name: 'Saved to your wishlist' });
  await modal.waitFor();
  await modal.getByRole('button', { name: 'OK' }).click();
  await modal.waitFor({ state: 'detached' });
  const again = await page.evaluate(() => window.shopkeeper.track('Wishlist Added', { product_id: 'p02' }));
  assert.deepEqual(again.decisions, []);
  assert.equal(again.skipped.find((s) => s.campaign === 'wishlist').reason, 'popup_cap', 'this page view had its popup');
  assert.equal(await page.locator('[data-shopkeeper-popup]').count(), 0);
  await page.evaluate(() => history.pushState({}, '', '/product/p02'));
  await page.waitForFunction(() => window.shopkeeper.profile().session.pageViews === 2);
  await page.evaluate(() => window.shopkeeper.push(['track', 'Wishlist Added', { product_id: 'p02' }]));
  await modal.waitFor(); // the next route is another page view
  assert.deepEqual(page.problems, []);
  await page.context().close();
});

test('an app that decides its new route itself, in the same task, counts one page view with its facts', async () => {
  const page = await app();
  await page.evaluate(() => {
    history.pushState({}, '', '/product/p07');
    window.shopkeeper.decide({ type: 'product', routeChange: true, product: { product_id: 'p07', name: 'Fjord boot', category: 'boots', price: 149 } });
  });
  await page.evaluate(() => new Promise((resolve) => setTimeout(resolve, 50))); // past the watcher's turn
  assert.equal(await pageViews(page), 2);
  assert.equal((await page.evaluate(() => window.shopkeeper.profile().viewed))[0][0], 'p07');
  await page.evaluate(() => history.pushState({}, '', '/category/hats')); // not decided by the app: the watcher's
  await page.waitForFunction(() => window.shopkeeper.profile().session.pageViews === 3);
  // The app decides, then scrolls to an anchor of the same route in the same task: still one page view.
  await page.evaluate(() => {
    history.pushState({}, '', '/category/boots');
    window.shopkeeper.decide({ type: 'category', category: 'boots', routeChange: true });
    location.hash = 'top';
  });
  await page.evaluate(() => new Promise((resolve) => setTimeout(resolve, 50)));
  assert.equal(await pageViews(page), 4);
  assert.deepEqual(page.problems, []);
  await page.context().close();
});

test('data-route-changes="false": the app decides its routes, the script does not', async () => {
  const page = await shop.newPage();
  await page.route('**/rules/welcome.json', (route) => route.fulfill({ contentType: 'application/json', body: JSON.stringify(RULES) }));
  await rewritePages(page, shop.base, { tag: (t) => `${t} data-route-changes="false"` });
  await visit(page, `${shop.base}/`);
  await page.evaluate(() => history.pushState({}, '', '/category/hats'));
  await page.evaluate(() => new Promise((resolve) => setTimeout(resolve, 50)));
  assert.equal(await pageViews(page), 1);
  await page.evaluate(() => window.shopkeeper.decide({ routeChange: true }));
  assert.equal(await pageViews(page), 2);
  assert.deepEqual(page.problems, []);
  await page.context().close();
});

test('a decide() queued before the script loaded is the first decision, not a second page view', async () => {
  const page = await shop.newPage();
  const queue = "<script>window.shopkeeper = window.shopkeeper || []; shopkeeper.push(['decide', { type: 'product', "
    + "product: { product_id: 'p07', name: 'Fjord boot', category: 'boots', price: 149 } }]);</script>";
  await rewritePages(page, shop.base, { tag: (t) => queue + t,
    headers: { 'Content-Security-Policy': "default-src 'self'; script-src 'self' 'unsafe-inline' 'wasm-unsafe-eval'" } });
  await visit(page, `${shop.base}/`);
  await page.evaluate(() => window.shopkeeper.ready);
  assert.equal(await pageViews(page), 1);
  assert.equal((await page.evaluate(() => window.shopkeeper.profile().viewed))[0][0], 'p07');
  assert.deepEqual(page.problems, []);
  await page.context().close();
});
