// The presenter in Chromium on the demo shop, fed decisions directly as the SDK feeds it: what it
// shows across the page views of a single-page app, and what it records through track().

import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { startShop } from './harness.js';
import { blankShop, holdCoupons } from './ui-support.js';

let shop;
before(async () => {
  shop = await startShop();
});
after(async () => {
  await shop.close();
});

/** A blank demo page with a presenter as window.__presenter; what it tracks is in window.__tracked. */
async function presenterPage() {
  const page = await blankShop(shop);
  await page.evaluate(() => {
    window.__tracked = [];
    window.__presenter = window.__ui.createPresenter({
      track: (name, properties) => window.__tracked.push(`${name} ${properties.promotion_id}`),
      coupons: { url: '/v1/coupons', fetch: (...args) => fetch(...args), anonymousId: () => 'visitor-1' },
      prices: { currency: 'EUR', locale: 'en-IE' },
      warn: (code, error) => window.__tracked.push(`warning ${code} ${error}`),
      env: { window, mobile: false },
    });
  });
  return page;
}
/** Calls the presenter's `method` (pageView, events, clear) with `decisions`. */
const present = (page, method, decisions) => page.evaluate(([m, d]) => window.__presenter[m](d), [method, decisions]);
const tracked = (page) => page.evaluate(() => window.__tracked.splice(0));

const EMAIL_CAPTURE = { campaign: 'signup', action: { type: 'emailCapture', title: 'Get 10% off', placeholder: 'you@example.com',
  submitLabel: 'Get my code', successTitle: 'Your code is ready', couponKind: 'welcome10' } };
const NEXT_MODAL = { campaign: 'next', action: { type: 'modal', title: 'Next page view' } };

test('closing the email form after signing up is no dismissal, and the next page view gets its popup', async () => {
  const page = await presenterPage();
  for (const close of ['the close button', 'Escape']) {
    await present(page, 'pageView', [EMAIL_CAPTURE]);
    const form = page.getByRole('dialog', { name: 'Get 10% off' });
    await form.getByRole('textbox', { name: 'you@example.com' }).fill('ada@example.com');
    await form.getByRole('button', { name: 'Get my code' }).click();
    const success = page.getByRole('dialog', { name: 'Your code is ready' });
    await success.getByText(/^SK-/).waitFor();
    if (close === 'Escape') await page.keyboard.press('Escape');
    else await success.getByRole('button', { name: 'Close' }).click();
    await success.waitFor({ state: 'detached' });
    await present(page, 'pageView', [NEXT_MODAL]);
    const next = page.getByRole('dialog', { name: 'Next page view' });
    await next.waitFor();
    assert.deepEqual(await tracked(page), ['Promotion Viewed signup', 'Coupon Requested signup', 'Signed Up signup',
      'Promotion Viewed next'], close);
    await next.getByRole('button', { name: 'Close' }).click();
    await next.waitFor({ state: 'detached' });
    await tracked(page);
  }
  assert.deepEqual(page.problems, []);
  await page.context().close();
});

test('an address the shop minted a code for records Signed Up, also when the form was closed while it waited', async () => {
  const page = await presenterPage();
  const answer = await holdCoupons(page);
  await present(page, 'pageView', [EMAIL_CAPTURE]);
  const form = page.getByRole('dialog', { name: 'Get 10% off' });
  await form.getByRole('textbox', { name: 'you@example.com' }).fill('ada@example.com');
  await form.getByRole('button', { name: 'Get my code' }).click();
  await form.getByRole('button', { name: 'Close' }).click();
  await form.waitFor({ state: 'detached' });
  await answer(200, { code: 'SK-MINTED01' });
  await page.waitForFunction(() => window.__tracked.length === 4);
  assert.deepEqual(await tracked(page), ['Promotion Viewed signup', 'Coupon Requested signup', 'Promotion Dismissed signup',
    'Signed Up signup']);
  assert.deepEqual(page.problems, []);
  await page.context().close();
});

test('on a route change the banner and the slots follow the new page view: replaced where it shows its own, else removed', async () => {
  const page = await presenterPage();
  const banner = (campaign, text) => ({ campaign, action: { type: 'banner', text } });
  const slot = (campaign, title) => ({ campaign, action: { type: 'slot', slot: 'near-you', title } });
  const bannerHost = page.locator('[data-shopkeeper-banner]');
  const slotHost = page.locator('[data-shopkeeper-slot="near-you"]');
  await present(page, 'pageView', [banner('b1', 'Free delivery today'), slot('s1', 'Popular near Donegal')]);
  await bannerHost.getByRole('region', { name: 'Free delivery today' }).waitFor();
  await slotHost.getByRole('region', { name: 'Popular near Donegal' }).waitFor();
  await present(page, 'events', [{ ...banner('b3', 'Also today'), trigger: { type: 'custom', event: 'x' } }]);
  await present(page, 'pageView', [banner('b2', 'Winter sale'), slot('s2', 'Back in stock')]);
  await bannerHost.getByRole('region', { name: 'Winter sale' }).waitFor();
  await slotHost.getByRole('region', { name: 'Back in stock' }).waitFor();
  assert.equal(await bannerHost.count(), 1, 'one banner');
  await present(page, 'pageView', []);
  await bannerHost.waitFor({ state: 'detached' });
  await slotHost.getByText('On every order over €50').waitFor();
  assert.equal(await slotHost.getAttribute('data-shopkeeper-filled'), null);
  assert.deepEqual(await tracked(page), ['Promotion Viewed b1', 'Promotion Viewed s1', 'Promotion Viewed b2', 'Promotion Viewed s2'],
    'a page view shows one banner, and each shown records its view');
  await present(page, 'pageView', [slot('s3', 'Gift ideas')]);
  await present(page, 'clear');
  await present(page, 'pageView', [slot('s4', 'Last chance')]);
  await slotHost.getByRole('region', { name: 'Last chance' }).waitFor();
  assert.deepEqual(await tracked(page), ['Promotion Viewed s3', 'Promotion Viewed s4']);
  assert.deepEqual(page.problems, []);
  await page.context().close();
});
