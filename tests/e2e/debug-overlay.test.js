// The debug overlay in Chromium on the demo shop: loaded only when asked for, it shows the
// context, the campaigns shown and not shown with their reasons, and tile ranking reasons.

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

const OVERLAY = { name: 'Shopkeeper debug' };

/** A page that records whether the overlay's module was fetched. */
async function openPage() {
  const page = await shop.newPage();
  page.requested = [];
  page.on('request', (request) => page.requested.push(new URL(request.url()).pathname));
  return page;
}

/** The rows of the overlay's table captioned `caption`, as arrays of cell texts. */
const rows = (overlay, caption) => overlay.locator('section', { has: overlay.page().getByRole('heading', { name: caption }) })
  .locator('tbody tr').evaluateAll((trs) => trs.map((tr) => [...tr.cells].map((td) => td.textContent)));

test('a normal page view does not load the overlay', async () => {
  const page = await openPage();
  await visit(page, `${shop.base}/`);
  await page.getByRole('dialog').waitFor();
  assert.ok(!page.requested.some((p) => p.endsWith('shopkeeper.debug.js')));
  assert.equal(await page.locator('[data-shopkeeper-debug]').count(), 0);
  assert.deepEqual(page.problems, []);
  await page.context().close();
});

test('?shopkeeper_debug=1 shows the context and the campaigns shown, then not shown and why', async () => {
  const page = await openPage();
  await visit(page, `${shop.base}/?shopkeeper_debug=1&utm_source=newsletter&utm_medium=email`);
  const overlay = page.getByRole('complementary', OVERLAY);
  await overlay.waitFor();
  assert.ok(page.requested.includes('/shopkeeper/shopkeeper.debug.js'));
  const text = await overlay.textContent();
  assert.match(text, /visitor[^·]+· new · visit 1/);
  assert.match(text, /arrived byemail · newsletter/);
  assert.match(text, /session#1 · 1 page views/);
  const shown = await rows(overlay, /^Shown/);
  assert.equal(shown.length, 1);
  assert.deepEqual(shown[0].slice(0, 2), ['welcome', 'modal']);
  assert.match(shown[0][4], /\S/, 'why it shows');

  await page.getByRole('dialog').getByRole('button', { name: 'No thanks' }).click();
  await visit(page, `${shop.base}/category/hats?shopkeeper_debug=1`);
  await overlay.waitFor();
  assert.deepEqual(await rows(overlay, /^Shown/), []);
  const skipped = await rows(overlay, /^Not shown/);
  assert.deepEqual(skipped.map((r) => r.slice(0, 2)), [['welcome', 'dismissed']]);
  assert.deepEqual(page.problems, []);
  await page.context().close();
});

test('shopkeeper.push(["debug"]) opens it, it follows route changes, and it closes', async () => {
  const page = await openPage();
  await visit(page, `${shop.base}/`);
  await page.getByRole('dialog').waitFor(); // shown once the renderers have loaded
  await page.keyboard.press('Escape'); // the welcome dialog is modal: the rest of the page is inert under it
  await page.evaluate(() => window.shopkeeper.push(['debug']));
  const overlay = page.getByRole('complementary', OVERLAY);
  await overlay.waitFor();
  assert.match(await overlay.textContent(), /session#1 · 1 page views/);

  // A single-page app's route change is a decision of its own, and the overlay follows it.
  await page.evaluate(() => history.pushState({}, '', '/category/hats'));
  await page.waitForFunction(() => window.shopkeeper.profile().session.pageViews === 2);
  await overlay.getByText(/1 · 2 page views/).waitFor();

  await page.evaluate(() => window.shopkeeper.debug(false));
  await overlay.waitFor({ state: 'detached' });
  await page.evaluate(() => window.shopkeeper.debug());
  await overlay.getByRole('button', { name: /Close/ }).click();
  await overlay.waitFor({ state: 'detached' });
  assert.equal(page.requested.filter((p) => p.endsWith('shopkeeper.debug.js')).length, 1, 'the module is fetched once');
  assert.deepEqual(page.problems, []);
  await page.context().close();
});

test('the overlay shows the scores and reasons of the grid the decision ordered, and of a grid ordered later', async () => {
  const page = await openPage();
  await visit(page, `${shop.base}/`);
  await page.getByRole('dialog').getByRole('button', { name: 'No thanks' }).click();
  for (const id of ['p07', 'p08', 'p09']) await visit(page, `${shop.base}/product/${id}`);
  await visit(page, `${shop.base}/category/all?shopkeeper_debug=1`);
  const overlay = page.getByRole('complementary', OVERLAY);
  await overlay.waitFor();
  const grid = () => page.$$eval('#products > [data-product-id]', (tiles) => tiles.map((t) => t.dataset.productId));
  const ranking = await rows(overlay, /^Tile ranking/);
  const ordered = await grid();
  assert.deepEqual(ranking.map((r) => r[1]), ordered, 'one row per tile, in the grid\'s new order');
  assert.deepEqual(ranking.map((r) => r[0]), ordered.map((_, i) => String(i + 1)));
  assert.match(ranking[0][3], /category/, 'the boots fan\'s first tile is there for its category');
  const scores = ranking.map((r) => Number(r[2]));
  assert.ok(scores.every(Number.isFinite) && scores[0] > 0);
  // As rank() reports it for the same products.
  const ranked = await page.evaluate(() => window.shopkeeper.rank(Array.from(document.querySelectorAll('#products > [data-product-id]'),
    (t) => ({ ...t.dataset, id: t.dataset.productId, tags: t.dataset.tags || '' }))));
  assert.deepEqual(ranking.slice(0, 3).map((r) => r.slice(1)), ranked.slice(0, 3).map((t) => [t.id, t.score.toFixed(3), t.reasons.join(', ')]));

  // A grid rendered again by the page is ordered on its own; the overlay shows that ordering.
  const reversed = await page.evaluate(() => new Promise((resolve) => {
    const old = document.querySelector('#products');
    const next = old.cloneNode(false);
    next.append(...Array.from(old.children, (t) => t.cloneNode(true)).reverse());
    document.addEventListener('shopkeeper:ranked', () => resolve(true), { once: true }); // after the overlay's listener
    old.replaceWith(next);
  }));
  assert.ok(reversed);
  assert.deepEqual((await rows(overlay, /^Tile ranking/)).map((r) => r[1]), await grid());
  assert.deepEqual(page.problems, []);
  await page.context().close();
});

test('the single-file build carries the overlay inside it', async () => {
  const page = await openPage();
  await rewritePages(page, shop.base, { tag: (tag) => tag.replace('shopkeeper.js', 'shopkeeper.single.js') });
  await visit(page, `${shop.base}/?shopkeeper_debug=1`);
  await page.getByRole('complementary', OVERLAY).waitFor();
  assert.ok(!page.requested.some((p) => p.endsWith('shopkeeper.debug.js') || p.endsWith('.wasm')));
  assert.deepEqual(page.problems, []);
  await page.context().close();
});
