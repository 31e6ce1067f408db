// Every renderer in Chromium on the demo shop, fed fixture actions directly (the scenarios in
// scenarios-*.test.js run the same renderers end to end through the engine): roles and names,
// axe-core, keyboard, focus, the coupon endpoint, reduced motion, a 360 px viewport, no layout shift.

import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { startShop } from './harness.js';
import { axeViolations, blankShop as blankPage, holdCoupons, layoutShift, settled, watchLayoutShift } from './ui-support.js';

let shop;
before(async () => {
  shop = await startShop();
  // The coupon reveal asks for the demo's referral coupon as visitor-1: the collector saw them arrive on a friend's link.
  const landing = { type: 'page', messageId: 'visitor-1-landing', anonymousId: 'visitor-1', timestamp: new Date().toISOString(),
    context: { page: { url: `${shop.base}/?ref=friend-1` } } };
  await fetch(`${shop.base}/v1/batch`, { method: 'POST', body: JSON.stringify({ batch: [landing] }) });
});
after(async () => {
  await shop.close();
});

const cta = { label: 'Shop jackets', href: '/category/jackets' };
const BUNDLE = { items: [{ id: 'p01', name: 'Summit Down Parka', price: 289, url: '/product/p01', category: 'jackets' },
  { id: 'p22', name: 'Ski Gloves', price: 79, url: '/product/p22', category: 'gloves' }], regularPrice: 368, bundlePrice: 331.2, discountPercent: 10 };
/** One action of each popup kind, as the engine hands them over. */
const POPUPS = {
  modal: { type: 'modal', title: 'Welcome', body: 'Ten percent off today.', cta, closeLabel: 'No thanks' },
  slideIn: { type: 'slideIn', title: 'Just looking?', body: 'Our favourites.', cta, closeLabel: 'Maybe later', position: 'bottom-right' },
  emailCapture: { type: 'emailCapture', title: 'Get 10% off', body: 'Leave your email.', placeholder: 'you@example.com', submitLabel: 'Get my code',
    successTitle: 'Your code is ready', successBody: 'It works once.', closeLabel: 'No thanks', couponKind: 'welcome10', presentation: 'modal' },
  emailCaptureSlideIn: { type: 'emailCapture', title: 'Get 10% off', placeholder: 'you@example.com', submitLabel: 'Get my code',
    successTitle: 'Your code is ready', couponKind: 'welcome10', presentation: 'slideIn' },
  couponReveal: { type: 'couponReveal', title: 'A friend sent you', body: '15% off.', couponKind: 'referral15', closeLabel: 'Thanks', presentation: 'modal' },
  bundleOffer: { type: 'bundleOffer', title: 'Better together', body: 'Both at 10% off.', cta: { label: 'Add the bundle', href: '/cart' },
    closeLabel: 'Not now', discountPercent: 10, bundle: BUNDLE },
};
const BANNER = { type: 'banner', text: 'Free delivery today', cta, closeLabel: 'Dismiss banner' };
const SLOT = { type: 'slot', slot: 'near-you', title: 'Popular near Donegal', body: 'What your neighbours buy.', cta };

/** A demo page where the SDK shows nothing on its own, with the renderers loaded. */
const blankShop = (contextOptions) => blankPage(shop, contextOptions);

/**
 * Renders `action` in the page; what the handlers receive is recorded in window.__calls. The
 * coupon requests go to the demo shop's real endpoint.
 */
function render(page, action) {
  return page.evaluate((a) => {
    window.__calls = [];
    const record = (name) => (...args) => window.__calls.push([name, ...args]);
    const request = window.__ui.couponClient('/v1/coupons');
    window.__shown = window.__ui.renderAction(a, {
      onClick: record('click'), onDismiss: record('dismiss'), onSignup: record('signup'),
      requestCoupon: (body) => {
        window.__calls.push(['coupon', body]);
        return request({ ...body, anonymousId: 'visitor-1' });
      },
      formatPrice: window.__ui.priceFormatter('EUR', 'en-IE'),
    });
    return Boolean(window.__shown);
  }, action);
}
const calls = (page) => page.evaluate(() => window.__calls.map((c) => c[0]));

test('every popup kind is a labelled dialog that passes axe-core', async () => {
  const page = await blankShop();
  for (const [kind, action] of Object.entries(POPUPS)) {
    assert.equal(await render(page, action), true, kind);
    const dialog = page.getByRole('dialog', { name: action.title });
    await dialog.waitFor();
    assert.equal(await dialog.getAttribute('aria-modal'), action.type === 'slideIn' || action.presentation === 'slideIn' ? 'false' : 'true', kind);
    if (kind === 'couponReveal') await dialog.getByText(/^SK-/).waitFor();
    assert.deepEqual(await axeViolations(page, '[data-shopkeeper-popup]'), [], kind);
    await dialog.getByRole('button', { name: 'Close' }).click();
    await dialog.waitFor({ state: 'detached' });
    assert.deepEqual(await calls(page), kind === 'couponReveal' ? ['coupon', 'dismiss'] : ['dismiss'], kind);
  }
  assert.deepEqual(page.problems, []);
  await page.context().close();
});

test('a modal traps focus, closes on Escape and gives focus back; a slide-in leaves focus alone', async () => {
  const page = await blankShop();
  await page.locator('#share-link').focus();
  await render(page, POPUPS.modal);
  const dialog = page.getByRole('dialog', { name: 'Welcome' });
  await dialog.waitFor();
  assert.equal(await page.evaluate(() => document.activeElement.matches('[data-shopkeeper-popup]')), true, 'focus is in the dialog');
  for (let i = 0; i < 6; i++) {
    await page.keyboard.press('Tab');
    assert.equal(await page.evaluate(() => document.activeElement.matches('[data-shopkeeper-popup]')), true, `Tab ${i} stays inside`);
  }
  await page.keyboard.press('Escape');
  await dialog.waitFor({ state: 'detached' });
  assert.equal(await page.evaluate(() => document.activeElement.id), 'share-link', 'focus returns');

  await render(page, POPUPS.slideIn);
  const slideIn = page.getByRole('dialog', { name: 'Just looking?' });
  await slideIn.waitFor();
  assert.equal(await page.evaluate(() => document.activeElement.id), 'share-link', 'a slide-in does not take focus');
  await slideIn.getByRole('link', { name: 'Shop jackets' }).focus();
  await page.keyboard.press('Escape');
  await slideIn.waitFor({ state: 'detached' });
  assert.deepEqual(await calls(page), ['dismiss']);
  assert.equal(await page.evaluate(() => document.activeElement.id), 'share-link', 'focus goes back to where the visitor was');
  await page.context().close();
});

test('the email form checks the address, and shows the code the backend minted, which works once', async () => {
  const page = await blankShop();
  await render(page, POPUPS.emailCapture);
  const dialog = page.getByRole('dialog', { name: 'Get 10% off' });
  const email = dialog.getByRole('textbox', { name: 'you@example.com' });
  assert.equal(await page.evaluate(() => document.activeElement.shadowRoot.activeElement.type), 'email', 'the address field has focus');
  await email.fill('not an address');
  await dialog.getByRole('button', { name: 'Get my code' }).click();
  assert.equal(await email.getAttribute('aria-invalid'), 'true');
  assert.notEqual((await dialog.getByRole('status').textContent()).trim(), '', 'the problem is said');
  assert.deepEqual(await calls(page), [], 'nothing was sent');

  await email.fill('ada@example.com');
  await dialog.getByRole('button', { name: 'Get my code' }).click();
  const success = page.getByRole('dialog', { name: 'Your code is ready' });
  const code = (await success.getByText(/^SK-/).textContent()).trim();
  assert.match(code, /^SK-[A-Z2-9]{8}-[A-Z2-9]{6}$/);
  assert.deepEqual(await page.evaluate(() => window.__calls), [['coupon', { kind: 'welcome10', email: 'ada@example.com' }], ['signup', 'ada@example.com']]);
  const redeem = () => fetch(`${shop.base}/v1/coupons/redeem`, { method: 'POST', body: JSON.stringify({ code }) }).then((r) => r.status);
  assert.equal(await redeem(), 200);
  assert.equal(await redeem(), 409, 'single use');
  await success.getByRole('button', { name: 'Close' }).click();
  assert.deepEqual(await calls(page), ['coupon', 'signup', 'dismiss'], 'the close is reported (the presenter records no dismissal after a signup)');
  assert.deepEqual(page.problems, []);
  await page.context().close();
});

test('a slide-in email form leaves focus on the page the visitor went back to, and announces the answer', async () => {
  const page = await blankShop();
  const answer = await holdCoupons(page);
  /** The focused element: an id on the page, or the tag name of what has focus inside the slide-in. */
  const focused = () => page.evaluate(() => {
    const inner = document.activeElement.shadowRoot && document.activeElement.shadowRoot.activeElement;
    return inner ? inner.tagName : document.activeElement.id;
  });
  const ANSWERS = [[400, { error: 'a valid email is required' }, 'a valid email is required', 'INPUT'], [200, { code: 'SK-SLIDE001' }, 'SK-SLIDE001', 'H2']];
  for (const [status, body, said, focusInside] of ANSWERS) {
    for (const visitorLeft of [true, false]) {
      await render(page, POPUPS.emailCaptureSlideIn);
      const slideIn = page.locator('[data-shopkeeper-popup]');
      await slideIn.getByRole('textbox', { name: 'you@example.com' }).fill('ada@example.com');
      await slideIn.getByRole('textbox', { name: 'you@example.com' }).press('Enter');
      if (visitorLeft) await page.locator('#share-link').focus();
      await answer(status, body);
      await slideIn.getByRole('status').filter({ hasText: said }).waitFor();
      assert.equal(await focused(), visitorLeft ? 'share-link' : focusInside, `${said}, the visitor ${visitorLeft ? 'left' : 'stayed'}`);
      await page.evaluate(() => window.__shown.remove());
    }
  }
  await page.context().close();
});

test('a refused coupon request is said in the popup, and no code is made up', async () => {
  const page = await blankShop();
  await render(page, { ...POPUPS.couponReveal, couponKind: 'no-such-kind' });
  const dialog = page.getByRole('dialog', { name: 'A friend sent you' });
  await dialog.getByText('unknown coupon kind').waitFor();
  assert.equal(await dialog.getByText(/^SK-/).count(), 0);
  await page.context().close();
});

test('a failing coupon endpoint is said as the standard message, never an HTTP status; a refusal in its own words, as text', async () => {
  const page = await blankShop();
  const answer = await holdCoupons(page);
  const UNREACHABLE = 'The shop could not be reached. Please try again.';
  const ANSWERS = [[500, 'Internal Server Error', UNREACHABLE], [503, { error: 'pool exhausted (db-2)' }, UNREACHABLE],
    [404, { error: '' }, UNREACHABLE], [409, { error: '<b>One code</b> per address' }, '<b>One code</b> per address']];
  for (const [status, body, said] of ANSWERS) {
    await render(page, POPUPS.couponReveal);
    await answer(status, body);
    const dialog = page.getByRole('dialog', { name: 'A friend sent you' });
    await dialog.locator('[aria-busy]').waitFor({ state: 'detached' });
    assert.equal(await dialog.getByRole('status').textContent(), said, `HTTP ${status}`);
    assert.equal(await dialog.locator('b').count(), 0);
    await page.evaluate(() => window.__shown.remove());
  }
  await page.context().close();
});

test('a bundle offer lists its products with prices, the regular and the bundle price', async () => {
  const page = await blankShop();
  await render(page, POPUPS.bundleOffer);
  const dialog = page.getByRole('dialog', { name: 'Better together' });
  const items = dialog.getByRole('listitem');
  assert.deepEqual(await items.allTextContents(), ['Summit Down Parka€289.00', 'Ski Gloves€79.00']);
  assert.equal(await dialog.getByRole('link', { name: 'Summit Down Parka' }).getAttribute('href'), '/product/p01');
  assert.match(await dialog.locator('.totals').textContent(), /€368\.00\s*€331\.20\s*−10%/);
  await dialog.getByRole('link', { name: 'Add the bundle' }).click();
  await page.waitForURL(`${shop.base}/cart`);
  await page.context().close();
});

test('links that are not http(s) or a path are dropped, and content is text', async () => {
  const page = await blankShop();
  await render(page, { type: 'modal', title: '<b>Hi</b>', body: '<img src=x onerror="window.__xss=1">',
    cta: { label: 'Go', href: 'javascript:window.__xss=2' } });
  const dialog = page.getByRole('dialog', { name: '<b>Hi</b>' });
  await dialog.waitFor();
  assert.equal(await dialog.getByRole('link').count(), 0);
  await dialog.getByRole('button', { name: 'Go' }).click();
  assert.equal(await page.evaluate(() => window.__xss), undefined);
  await page.context().close();
});

test('banner and slot pass axe-core; showing them, and every popup, shifts no layout', async () => {
  const page = await blankShop();
  await watchLayoutShift(page);
  await render(page, BANNER);
  await render(page, SLOT);
  const banner = page.getByRole('region', { name: 'Free delivery today' });
  await banner.waitFor();
  const slot = page.getByRole('region', { name: 'Popular near Donegal' });
  await slot.waitFor();
  assert.deepEqual(await axeViolations(page, '[data-shopkeeper-banner]'), []);
  assert.deepEqual(await axeViolations(page, '[data-shopkeeper-slot="near-you"]'), []);
  for (const action of Object.values(POPUPS)) {
    await render(page, action);
    await page.evaluate(() => window.__shown.remove());
  }
  assert.equal(await layoutShift(page), 0);

  await banner.getByRole('button', { name: 'Dismiss banner' }).click();
  await banner.waitFor({ state: 'detached' });
  assert.equal(await layoutShift(page), 0, 'nor does closing the banner');
  assert.deepEqual(await calls(page), ['dismiss']);
  await page.context().close();
});

test('a slot the page lacks shows nothing; a filled slot gets its default content back on remove', async () => {
  const page = await blankShop();
  assert.equal(await render(page, { ...SLOT, slot: 'nowhere' }), false);
  assert.equal(await render(page, SLOT), true);
  assert.equal(await page.locator('[data-shopkeeper-slot="near-you"]').getAttribute('data-shopkeeper-filled'), '');
  await page.evaluate(() => window.__shown.remove());
  assert.equal(await page.getByText('On every order over €50').isVisible(), true);
  await page.context().close();
});

test('a filled slot takes no other content until it is emptied, and is filled again after that', async () => {
  const page = await blankShop();
  assert.equal(await render(page, SLOT), true);
  const filled = await page.evaluateHandle(() => window.__shown);
  assert.equal(await render(page, { ...SLOT, title: 'Also popular' }), false, 'one content at a time');
  await filled.evaluate((shown) => shown.remove()); // what forget() and destroy() do
  assert.equal(await render(page, { ...SLOT, title: 'Back in stock' }), true);
  const slot = page.locator('[data-shopkeeper-slot="near-you"]');
  await slot.getByRole('region', { name: 'Back in stock' }).waitFor();
  assert.equal(await slot.getByText('On every order over €50').isVisible(), false, 'the default content is hidden again');
  assert.deepEqual(await axeViolations(page, '[data-shopkeeper-slot="near-you"]'), []);
  assert.deepEqual(page.problems, []);
  await page.context().close();
});

test('with reduced motion nothing animates; otherwise popups ease in', async () => {
  for (const reducedMotion of ['reduce', 'no-preference']) {
    const page = await blankShop({ reducedMotion });
    for (const action of [POPUPS.modal, POPUPS.slideIn, BANNER]) {
      await render(page, action);
      const animations = await page.evaluate(() => window.__shown.host.shadowRoot.getAnimations().length);
      if (reducedMotion === 'reduce') assert.equal(animations, 0, `${action.type} does not move`);
      else assert.ok(animations > 0, `${action.type} animates`);
      await page.evaluate(() => window.__shown.remove());
    }
    await page.context().close();
  }
});

test('on a 360 px phone screen every popup, the banner and the slot fit, with the close button in reach', async () => {
  const page = await blankShop({ viewport: { width: 360, height: 640 }, isMobile: true, hasTouch: true });
  await watchLayoutShift(page);
  for (const action of [...Object.values(POPUPS), BANNER]) {
    await render(page, action);
    if (action.type === 'couponReveal') await page.getByText(/^SK-/).waitFor();
    await settled(page);
    const box = await page.evaluate(() => {
      const frame = window.__shown.host.shadowRoot.querySelector('.frame');
      const close = frame.querySelector('.close').getBoundingClientRect();
      const r = frame.getBoundingClientRect();
      return { left: r.left, right: r.right, top: r.top, bottom: r.bottom, scrollWidth: frame.scrollWidth, clientWidth: frame.clientWidth,
        close: { width: close.width, height: close.height, right: close.right, top: close.top } };
    });
    assert.ok(box.left >= 0 && box.right <= 360, `${action.type} fits the width: ${JSON.stringify(box)}`);
    assert.ok(box.top >= 0 && box.bottom <= 640, `${action.type} fits the height: ${JSON.stringify(box)}`);
    assert.ok(box.scrollWidth <= box.clientWidth, `${action.type} does not scroll sideways`);
    assert.ok(box.close.width >= 44 && box.close.height >= 44 && box.close.right <= 360 && box.close.top >= 0, `${action.type} close button`);
    await page.evaluate(() => window.__shown.remove());
  }
  await render(page, SLOT);
  const slotWidth = await page.locator('[data-shopkeeper-slot="near-you"]').evaluate((e) => e.scrollWidth <= e.clientWidth);
  assert.equal(slotWidth, true);
  assert.equal(await layoutShift(page), 0);
  assert.deepEqual(page.problems, []);
  await page.context().close();
});
