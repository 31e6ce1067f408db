// The first-visit popup in Chromium against the demo shop, with localStorage,
// clock and failures set up the way a real visitor's browser would have them.

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

const WELCOME = { name: 'Welcome to Timberline Outfitters' };

/** Which element has focus, looking into the popup's shadow root. */
const focusedInside = (page) => page.evaluate(() => {
  const host = document.querySelector('[data-shopkeeper-popup]');
  const inner = host && host.shadowRoot.activeElement;
  return inner ? inner.getAttribute('aria-label') || inner.textContent : null;
});

test('a first-time visitor sees an accessible welcome dialog', async () => {
  const page = await shop.newPage();
  const outcome = await visit(page, `${shop.base}/`);
  assert.equal(outcome.ok, true);
  assert.equal(outcome.detail.visitor.visitCount, 1);
  assert.equal(outcome.detail.visitor.isNew, true);

  const dialog = page.getByRole('dialog', WELCOME);
  await dialog.waitFor();
  assert.equal(await dialog.getAttribute('aria-modal'), 'true');
  assert.match(await dialog.textContent(), /Take 10% off your first order/);
  assert.equal(await focusedInside(page), 'Close', 'focus moves into the dialog');
  for (let i = 0; i < 5; i++) await page.keyboard.press('Tab');
  assert.notEqual(await focusedInside(page), null, 'Tab stays inside the modal dialog');
  assert.deepEqual(page.problems, []);
  await page.context().close();
});

test('Escape dismisses the popup, focus returns, and a reload does not show it again', async () => {
  const page = await shop.newPage();
  await visit(page, `${shop.base}/category/boots`);
  await page.getByRole('dialog', WELCOME).waitFor();
  await page.keyboard.press('Escape');
  await page.getByRole('dialog').waitFor({ state: 'detached' });
  assert.equal(await page.evaluate(() => document.activeElement === document.body), true);

  const again = await visit(page, `${shop.base}/category/boots`);
  assert.equal(again.detail.visitor.visitCount, 1);
  assert.deepEqual(again.detail.decisions, []);
  assert.equal(again.detail.skipped.find((s) => s.campaign === 'welcome').reason, 'dismissed');
  assert.equal(await page.locator('[data-shopkeeper-popup]').count(), 0);
  assert.deepEqual(page.problems, []);
  await page.context().close();
});

test('the close button and the secondary button dismiss the popup', async () => {
  for (const name of ['Close', 'No thanks']) {
    const page = await shop.newPage();
    await visit(page, `${shop.base}/`);
    await page.getByRole('dialog', WELCOME).getByRole('button', { name }).click();
    await page.getByRole('dialog').waitFor({ state: 'detached' });
    const again = await visit(page, `${shop.base}/`);
    assert.equal(again.detail.skipped.find((s) => s.campaign === 'welcome').reason, 'dismissed', `${name} records the dismissal`);
    await page.context().close();
  }
});

test('following the call to action navigates and converts the campaign', async () => {
  const page = await shop.newPage();
  await visit(page, `${shop.base}/`);
  await Promise.all([
    page.waitForURL(`${shop.base}/category/jackets`),
    page.getByRole('dialog', WELCOME).getByRole('link', { name: 'Shop new arrivals' }).click(),
  ]);
  const next = await page.evaluate(() => window.__shopkeeperOutcome);
  assert.equal(next.detail.skipped.find((s) => s.campaign === 'welcome').reason, 'converted');
  assert.deepEqual(page.problems, []);
  await page.context().close();
});

test('a visitor returning after more than 30 minutes counts as visit 2', async () => {
  const page = await shop.newPage();
  const t0 = Date.parse('2026-11-20T10:00:00Z');
  await page.clock.install({ time: t0 });
  const first = await visit(page, `${shop.base}/`);
  assert.equal(first.detail.visitor.visitCount, 1);

  await page.clock.setSystemTime(t0 + 20 * 60 * 1000);
  const sameVisit = await visit(page, `${shop.base}/category/hats`);
  assert.equal(sameVisit.detail.visitor.visitCount, 1);
  assert.equal(sameVisit.detail.session.pageViews, 2);

  await page.clock.setSystemTime(t0 + 51 * 60 * 1000);
  const second = await visit(page, `${shop.base}/`);
  assert.equal(second.detail.visitor.visitCount, 2);
  assert.equal(second.detail.visitor.isNew, false);
  assert.deepEqual(second.detail.decisions, []);
  assert.equal(await page.locator('[data-shopkeeper-popup]').count(), 0);
  await page.context().close();
});

test('a profile stored days ago by a real earlier visit makes this visit 2', async () => {
  const page = await shop.newPage();
  await visit(page, `${shop.base}/`);
  await page.getByRole('dialog', WELCOME).waitFor(); // its Promotion Viewed is recorded by now
  // Age the stored profile as three days without a visit would leave it.
  await page.evaluate(() => {
    const key = 'shopkeeper:v1:profile';
    const p = JSON.parse(localStorage.getItem(key));
    const shift = 3 * 24 * 60 * 60 * 1000;
    p.firstSeen -= shift;
    p.lastSeen -= shift;
    p.session.startedAt -= shift;
    localStorage.setItem(key, JSON.stringify(p));
  });
  const again = await visit(page, `${shop.base}/`);
  assert.equal(again.detail.visitor.visitCount, 2);
  assert.equal(again.detail.visitor.daysSinceLastVisit, 3);
  await page.context().close();
});

test('corrupt localStorage content does not break the page and is set aside', async () => {
  for (const garbage of ['{"v":1,"id":"abc","sess', '\u0000\u0001binary\ufffe', '{"v":99,"id":"future"}', '"just a string"']) {
    const page = await shop.newPage();
    await page.goto(`${shop.base}/favicon.svg`); // same origin, to seed storage before the shop loads
    await page.evaluate((value) => localStorage.setItem('shopkeeper:v1:profile', value), garbage);
    const outcome = await visit(page, `${shop.base}/`);
    assert.equal(outcome.ok, true, garbage);
    assert.match(outcome.detail.profileStatus, /^(corrupt|foreign)$/);
    await page.getByRole('dialog', WELCOME).waitFor();
    const setAside = await page.evaluate(() => localStorage.getItem('shopkeeper:v1:profile:set-aside'));
    assert.equal(setAside, garbage);
    assert.equal(await page.locator('#products .tile').count(), 8, 'the shop content is intact');
    assert.deepEqual(page.problems, []);
    await page.context().close();
  }
});

test('storage that throws on every call leaves the page working and quiet', async () => {
  const page = await shop.newPage();
  await page.addInitScript(() => {
    for (const name of ['getItem', 'setItem', 'removeItem']) {
      Storage.prototype[name] = () => { throw new DOMException('The operation is insecure.', 'SecurityError'); };
    }
  });
  const warnings = [];
  page.on('console', (m) => m.type() === 'warning' && warnings.push(m.text()));
  const outcome = await visit(page, `${shop.base}/category/gloves`);
  assert.equal(outcome.ok, true);
  assert.deepEqual(outcome.detail.decisions, []);
  assert.equal(await page.locator('#products .tile').count(), 6);
  assert.deepEqual(page.problems, []);
  assert.equal(warnings.filter((w) => w.includes('[shopkeeper]')).length, 1, 'one warning, no more');
  await page.context().close();
});

test('rule content is rendered as text, never as HTML', async () => {
  const page = await shop.newPage();
  await page.route('**/rules/welcome.json', (route) => route.fulfill({
    contentType: 'application/json',
    body: JSON.stringify({
      version: 1,
      campaigns: [{
        id: 'welcome',
        audience: { 'visitor.isNew': true },
        action: { type: 'modal', title: '<img src=x onerror="window.__xss=1">Hi', body: '<script>window.__xss=2</script>' },
      }],
    }),
  }));
  await visit(page, `${shop.base}/`);
  const dialog = page.getByRole('dialog', { name: '<img src=x onerror="window.__xss=1">Hi' });
  await dialog.waitFor();
  assert.match(await dialog.textContent(), /<script>window.__xss=2<\/script>/);
  assert.equal(await page.evaluate(() => window.__xss), undefined);
  await page.context().close();
});

test('a browser without dialog.showModal (before Safari 15.4): one render_failed warning, nothing half-built left', async () => {
  const page = await shop.newPage();
  await page.context().addInitScript(() => {
    delete HTMLDialogElement.prototype.showModal;
  });
  const warnings = [];
  page.on('console', (m) => m.type() === 'warning' && warnings.push(m.text()));
  const outcome = await visit(page, `${shop.base}/`);
  assert.equal(outcome.ok, true);
  assert.deepEqual(outcome.detail.decisions.map((d) => d.campaign), ['welcome']);
  await page.waitForFunction(() => performance.getEntriesByType('resource').some((r) => r.name.endsWith('/shopkeeper.ui.js')));
  await page.waitForTimeout(300); // the renderers load, then the pageView trigger fires
  assert.equal(await page.locator('[data-shopkeeper-popup]').count(), 0);
  assert.deepEqual(warnings.filter((w) => w.includes('render_failed')).length, 1, warnings.join('\n'));
  assert.deepEqual(page.problems, []);
  await page.context().close();
});
