// The profile in Chromium: browsing, the cart and arrivals recorded across reloads and tabs.

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

const storedProfile = (page) => page.evaluate(() => window.shopkeeper.profile());

/** A visitor who already dismissed the welcome popup, so it does not get in the way. */
async function returningVisitor(context) {
  const page = await context.newPage();
  await visit(page, `${shop.base}/`);
  await page.getByRole('dialog').waitFor();
  await page.keyboard.press('Escape');
  return page;
}

test('product pages build interests that survive reloads', async () => {
  const page = await shop.newPage();
  const context = page.context();
  await returningVisitor(context);
  for (const id of ['p07', 'p08', 'p13', 'p09']) await visit(page, `${shop.base}/product/${id}`);
  await page.reload();
  await page.evaluate(() => window.__shopkeeperOutcome);
  const profile = await storedProfile(page);
  assert.deepEqual(profile.viewed.map((v) => v[0]), ['p07', 'p08', 'p13', 'p09']);
  const [boots] = profile.interests.c.boots;
  const [hats] = profile.interests.c.hats;
  assert.ok(boots > 2 * hats, `boots ${boots} vs hats ${hats}`);
  assert.ok(profile.interests.t.winter > 0 || profile.interests.t.winter?.[0] > 0);
  assert.deepEqual(page.problems, []);
  await context.close();
});

test('cart adds, and a removal during checkout, reach the profile through the queue snippet', async () => {
  const page = await shop.newPage();
  await returningVisitor(page.context());
  await visit(page, `${shop.base}/product/p07`);
  await page.waitForSelector('body[data-shop-ready]');
  await page.getByRole('button', { name: 'Add to cart' }).click();
  await visit(page, `${shop.base}/product/p13`);
  await page.waitForSelector('body[data-shop-ready]');
  await page.getByRole('button', { name: 'Add to cart' }).click();
  await visit(page, `${shop.base}/checkout`);
  await page.waitForSelector('body[data-shop-ready]');
  await page.getByRole('button', { name: 'Remove Merino Beanie' }).click();
  await page.waitForFunction(() => window.shopkeeper.profile().cart.removed.length === 1);

  const profile = await storedProfile(page);
  assert.deepEqual(profile.cart.items.map((i) => i[0]), ['p07']);
  const [removedId, removedCategory, , , duringCheckout] = profile.cart.removed[0];
  assert.deepEqual([removedId, removedCategory, duringCheckout], ['p13', 'hats', true]);
  assert.ok(profile.cart.checkout, 'the checkout is in progress');
  assert.deepEqual(page.problems, []);
  await page.context().close();
});

test('two tabs of the shop share one profile without losing each other\'s page views', async () => {
  const first = await shop.newPage();
  const context = first.context();
  await returningVisitor(context);
  const second = await context.newPage();
  for (let round = 0; round < 3; round++) {
    await Promise.all([
      visit(first, `${shop.base}/product/p${String(7 + round).padStart(2, '0')}`),
      visit(second, `${shop.base}/product/p${String(13 + round).padStart(2, '0')}`),
    ]);
  }
  // localStorage reaches the other tab asynchronously: wait for the tabs to converge.
  const all = ['p07', 'p08', 'p09', 'p13', 'p14', 'p15'];
  for (const page of [first, second]) {
    await page.waitForFunction((ids) => {
      const viewed = window.shopkeeper.profile().viewed.map((v) => v[0]);
      return ids.every((id) => viewed.includes(id));
    }, all, { timeout: 10000 });
  }
  const profile = await storedProfile(second);
  assert.deepEqual(profile.viewed.map((v) => v[0]).sort(), all);
  assert.equal(profile.session.number, 1, 'both tabs are in one session');
  await context.close();
});

test('arriving from a newsletter link is recorded as the touch of the session', async () => {
  const page = await shop.newPage();
  const outcome = await visit(page, `${shop.base}/category/boots?utm_source=newsletter&utm_medium=email&utm_campaign=first-snow`);
  assert.equal(outcome.detail.acquisition.current.medium, 'email');
  assert.equal(outcome.detail.acquisition.current.campaign, 'first-snow');
  await page.getByRole('dialog').waitFor();
  await page.keyboard.press('Escape');
  const inside = await visit(page, `${shop.base}/product/p07`, { referer: `${shop.base}/category/boots` });
  assert.equal(inside.detail.session.isNew, false, 'navigation inside the shop continues the session');
  assert.equal(inside.detail.acquisition.page.medium, 'internal');
  assert.equal(inside.detail.acquisition.current.campaign, 'first-snow');
  await page.context().close();
});
