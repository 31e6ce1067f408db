// Later moments of a page through the real engine in Chromium: a single-page app's route change
// is a new page view decided again, an event the shop tracks brings its campaign's popup, and a
// page view never gets a second popup.

import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { startShop, visit } from './harness.js';

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
