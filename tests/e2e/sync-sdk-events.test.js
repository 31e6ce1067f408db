// The events the SDK sends of its own at the demo collector, in Chromium: its popups' Promotion
// Viewed and Clicked, the email form's and the coupon reveal's "Coupon Requested" and "Signed Up"
// as Segment tracks with promotion_id, and Experiment Viewed for control and treatment alike. The
// address goes out only as an identify trait while consent is granted, and is neither sent nor
// kept on the device while it is pending or denied.

import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { startShop, waitFor } from './harness.js';
import { flushIn, queuedIn, rowsReach, storedFor, visitWithConsent } from './sync-support.js';

const EMAIL = 'mary.anning@example.com';

const campaign = (id, action) => ({ id, priority: 100, audience: { 'visitor.isNew': true }, action,
  frequency: { perSession: 1, lifetime: 1, stopAfterDismiss: true, stopAfterConversion: true } });
const SIGNUP = campaign('signup', { type: 'emailCapture', title: 'Get 10% off', body: 'Leave your email.', placeholder: 'you@example.com',
  submitLabel: 'Get my code', successTitle: 'Your code is ready', closeLabel: 'No thanks', couponKind: 'welcome10', presentation: 'modal' });
const REVEAL = campaign('reveal', { type: 'couponReveal', title: 'Your 15% off', body: 'It works once.', couponKind: 'referral15',
  closeLabel: 'Thanks', presentation: 'modal' });
// A holdout of 0% puts every visitor in the treatment group, one of 100% every visitor in the control group.
const WELCOME = { ...campaign('welcome', { type: 'modal', title: 'Welcome', body: 'Warm gear for cold days.',
  cta: { label: 'Shop jackets', href: '/category/jackets' }, closeLabel: 'No thanks' }), holdout: { percent: 0, seed: 'welcome' } };
const HELD = { ...campaign('held', { type: 'modal', title: 'Held back', body: 'Never shown.' }), holdout: { percent: 100, seed: 'held' } };

let shop;
before(async () => {
  shop = await startShop();
});
after(async () => {
  await shop.close();
});

/**
 * A new visitor with consent `state` on a shop whose rules are `campaigns`, landing on `path`: { page,
 * id, batches, coupons } where coupons holds the bodies of the requests to the coupon endpoint.
 */
async function visitor(state, campaigns, path = '/') {
  const coupons = [];
  const visit = await visitWithConsent(shop, state, async (page) => {
    await page.route((url) => url.pathname === '/rules/welcome.json', (route) => route.fulfill({
      contentType: 'application/json', body: JSON.stringify({ version: 1, campaigns }) }));
    page.on('request', (r) => {
      if (new URL(r.url()).pathname === '/v1/coupons') coupons.push(JSON.parse(r.postData()));
    });
  }, path);
  return { ...visit, coupons };
}

/** Signs up through the email form and returns the code the popup shows. */
async function signUp(page) {
  const dialog = page.getByRole('dialog', { name: 'Get 10% off' });
  await dialog.getByRole('textbox', { name: 'you@example.com' }).fill(EMAIL);
  await dialog.getByRole('button', { name: 'Get my code' }).click();
  return (await page.getByRole('dialog', { name: 'Your code is ready' }).getByText(/^SK-/).textContent()).trim();
}

const messagesOf = (rows) => rows.map((r) => JSON.parse(r.message));
const named = (messages, name) => messages.filter((m) => m.event === name || m.type === name);
/** What of `page`'s localStorage holds the address. */
const keptAddress = (page) => page.evaluate((email) => Object.keys(localStorage).filter((k) => localStorage.getItem(k).includes(email)), EMAIL);

test('the email form with consent granted: tracks with promotion_id, and the address only as an identify trait', async () => {
  const { page, id, coupons } = await visitor('granted', [SIGNUP]);
  await signUp(page);
  await flushIn(page);
  const messages = messagesOf(await rowsReach(shop, 5, id)); // page, Promotion Viewed, Coupon Requested, Signed Up, identify
  assert.deepEqual(named(messages, 'Coupon Requested').map((m) => [m.type, m.properties]),
    [['track', { promotion_id: 'signup', coupon_kind: 'welcome10' }]]);
  assert.deepEqual(named(messages, 'Signed Up').map((m) => [m.type, m.properties]), [['track', { promotion_id: 'signup' }]]);
  const [identify] = named(messages, 'identify');
  assert.deepEqual([identify.anonymousId, identify.traits], [id, { email: EMAIL }]);
  assert.deepEqual(messages.filter((m) => JSON.stringify(m).includes(EMAIL)), [identify], 'in no other message');
  assert.deepEqual(coupons, [{ kind: 'welcome10', email: EMAIL, campaign: 'signup', anonymousId: id }]);
  assert.deepEqual(await keptAddress(page), [], 'not on the device once sent');
  assert.deepEqual(page.problems, []);
  await page.context().close();
});

test('the email form with consent pending: the tracks wait on the device without the address, and go without it once granted', async () => {
  const { page, id, batches, coupons } = await visitor('pending', [SIGNUP]);
  await signUp(page);
  await flushIn(page);
  const queued = (await queuedIn(page)).map((e) => e.message);
  assert.deepEqual(queued.map((m) => m.event || m.type).sort(), ['Coupon Requested', 'Promotion Viewed', 'Signed Up', 'page']);
  assert.deepEqual(await keptAddress(page), [], 'the address is neither queued nor in the profile');
  assert.equal(batches.count, 0);
  assert.equal(coupons[0].anonymousId, undefined, 'the visitor id does not go with the coupon request either');

  await page.evaluate(() => window.shopkeeper.setConsent('granted'));
  const messages = messagesOf(await rowsReach(shop, 4, id));
  assert.deepEqual(named(messages, 'Signed Up').map((m) => m.properties), [{ promotion_id: 'signup' }]);
  assert.deepEqual(named(messages, 'Coupon Requested').map((m) => m.properties), [{ promotion_id: 'signup', coupon_kind: 'welcome10' }]);
  assert.deepEqual(named(messages, 'identify'), [], 'the address was given while consent did not allow it');
  assert.ok(messages.every((m) => !JSON.stringify(m).includes(EMAIL)));
  await waitFor('an empty queue', async () => (await queuedIn(page)).length === 0);
  assert.deepEqual(page.problems, []);
  await page.context().close();
});

test('the email form with consent denied: the visitor gets the code, and nothing is sent or kept', async () => {
  const { page, id, batches, coupons } = await visitor('denied', [SIGNUP]);
  const code = await signUp(page);
  const [coupon] = await shop.server.demo.db.query('SELECT email FROM coupons WHERE code = $1', [code]);
  assert.equal(coupon.email, EMAIL);
  assert.deepEqual(coupons, [{ kind: 'welcome10', email: EMAIL, campaign: 'signup' }]);
  await flushIn(page);
  assert.deepEqual(await queuedIn(page), []);
  assert.deepEqual(await keptAddress(page), []);
  assert.equal(batches.count, 0);
  assert.deepEqual(await storedFor(shop, id), []);
  assert.deepEqual(page.problems, []);
  await page.context().close();
});

test('the coupon reveal: Coupon Requested arrives with promotion_id, and the code is bound to the visitor', async () => {
  const { page, id } = await visitor('granted', [REVEAL], '/?ref=friend-1'); // the demo's 15% is for a friend's link
  const code = (await page.getByRole('dialog', { name: 'Your 15% off' }).getByText(/^SK-/).textContent()).trim();
  const [coupon] = await shop.server.demo.db.query('SELECT email FROM coupons WHERE code = $1', [code]);
  assert.equal(coupon.email, `visitor:${id}`);
  await flushIn(page);
  const messages = messagesOf(await rowsReach(shop, 3, id)); // page, Promotion Viewed, Coupon Requested
  assert.deepEqual(named(messages, 'Coupon Requested').map((m) => [m.type, m.anonymousId, m.properties]),
    [['track', id, { promotion_id: 'reveal', coupon_kind: 'referral15' }]]);
  assert.deepEqual(named(messages, 'Promotion Viewed').map((m) => m.properties.promotion_id), ['reveal']);
  assert.deepEqual(page.problems, []);
  await page.context().close();
});

test('a call to action and two holdouts: Promotion Clicked, and Experiment Viewed for the control and the treatment group', async () => {
  const { page, id } = await visitor('granted', [WELCOME, HELD]);
  const dialog = page.getByRole('dialog', { name: 'Welcome' });
  await Promise.all([page.waitForURL(`${shop.base}/category/jackets`), dialog.getByRole('link', { name: 'Shop jackets' }).click()]);
  // Two page views, Promotion Viewed and Clicked, an Experiment Viewed for each campaign.
  const messages = messagesOf(await rowsReach(shop, 6, id));
  const promotion = { promotion_id: 'welcome', creative: 'modal', name: 'Welcome' };
  assert.deepEqual(named(messages, 'Promotion Viewed').map((m) => m.properties), [promotion]);
  assert.deepEqual(named(messages, 'Promotion Clicked').map((m) => m.properties), [promotion]);
  assert.deepEqual(named(messages, 'Experiment Viewed').map((m) => m.properties).sort((a, b) => a.campaign.localeCompare(b.campaign)), [
    { experiment_id: 'held', variation_id: 'control', campaign: 'held', group: 'control' },
    { experiment_id: 'welcome', variation_id: 'treatment', campaign: 'welcome', group: 'treatment' },
  ]);
  assert.deepEqual(page.problems, []);
  await page.context().close();
});
