// The demo shop under the strict Content-Security-Policy the README gives as the minimum:
// `default-src 'self'; script-src 'self' 'wasm-unsafe-eval'`. Everything works under it, and
// without 'wasm-unsafe-eval' the SDK steps aside with one warning while the shop works on.

import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { STRICT_CSP } from '../../demo_site/server.js';
import { startShop, visit } from './harness.js';

let shop;
before(async () => {
  shop = await startShop({ csp: STRICT_CSP });
});
after(async () => {
  await shop.close();
});

/** A page that records every CSP violation report and the SDK's console warnings. */
async function cspPage() {
  const page = await shop.newPage();
  await page.addInitScript(() => {
    window.__violations = [];
    document.addEventListener('securitypolicyviolation', (e) => window.__violations.push(`${e.violatedDirective} ${e.blockedURI}`));
  });
  page.warnings = [];
  page.on('console', (m) => {
    if (m.type() === 'warning' && m.text().includes('[shopkeeper]')) page.warnings.push(m.text());
  });
  return page;
}

test('every page of the demo is served with the strict policy', async () => {
  const page = await shop.newPage();
  for (const path of ['/', '/category/boots', '/product/p07', '/cart', '/checkout', '/no-such-page']) {
    const response = await page.goto(`${shop.base}${path}`);
    assert.equal(response.headers()['content-security-policy'], STRICT_CSP, path);
  }
  await page.context().close();
});

test('under the strict policy the shop and the SDK work fully: popup, styles, events, sync', async () => {
  const page = await cspPage();
  const outcome = await visit(page, `${shop.base}/?utm_source=newsletter&utm_medium=email`);
  assert.equal(outcome.ok, true);
  const dialog = page.getByRole('dialog', { name: 'Welcome to Timberline Outfitters' });
  await dialog.waitFor();
  // The popup's styles come from a constructed stylesheet, which the policy allows.
  assert.equal(await dialog.evaluate((d) => getComputedStyle(d).borderTopLeftRadius), '12px');
  await dialog.getByRole('button', { name: 'No thanks' }).click();

  await visit(page, `${shop.base}/product/p07`);
  await page.waitForSelector('body[data-shop-ready]');
  await page.getByRole('button', { name: 'Add to cart' }).click();
  await visit(page, `${shop.base}/checkout`);
  await page.waitForSelector('body[data-shop-ready]');
  await page.getByRole('button', { name: 'Place order' }).click();
  await page.waitForFunction(() => window.shopkeeper.profile().orders.count === 1);
  await page.evaluate(() => window.shopkeeper.flush());

  const id = outcome.detail.visitor.id;
  const rows = await shop.server.demo.db.query('SELECT type, event FROM events WHERE anonymous_id = $1', [id]);
  const events = rows.map((r) => r.event || r.type);
  for (const e of ['page', 'Promotion Viewed', 'Promotion Dismissed', 'Product Added', 'Order Completed']) {
    assert.ok(events.includes(e), `${e} reached the collector: ${events}`);
  }
  assert.deepEqual(await page.evaluate(() => window.__violations), []);
  assert.deepEqual(page.warnings, []);
  assert.deepEqual(page.problems, []);
  await page.context().close();
});

test("without 'wasm-unsafe-eval' the SDK disables itself with one warning and the shop works on", async () => {
  const page = await cspPage();
  const weaker = "default-src 'self'; script-src 'self'";
  await page.route((url) => !url.pathname.includes('.'), async (route) => {
    const response = await route.fetch();
    await route.fulfill({ response, headers: { ...response.headers(), 'content-security-policy': weaker } });
  });
  const outcome = await visit(page, `${shop.base}/product/p07`);
  assert.equal(outcome.ok, false);
  assert.match(outcome.detail.message, /^the WebAssembly engine could not be loaded: .*CompileError/);
  assert.equal(page.warnings.length, 1, String(page.warnings));
  await page.waitForSelector('body[data-shop-ready]');
  await page.getByRole('button', { name: 'Add to cart' }).click();
  assert.equal(await page.locator('[data-cart-count]').textContent(), '1');
  // Chromium reports the refused compilation itself; nothing else reaches the console.
  assert.ok(page.problems.every((p) => /WebAssembly|wasm-unsafe-eval|unsafe-eval/.test(p)), String(page.problems));
  await page.context().close();
});
