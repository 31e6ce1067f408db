// createShopkeeper in node under a fake window and document: what other tabs and a page's
// globals do to it (storage events, history, a patched matchMedia).

import { afterEach, test } from 'node:test';
import assert from 'node:assert/strict';
import { createShopkeeper, memoryStorage } from 'shopkeeper';

const T0 = 1700000000000;
const PROFILE = 'shopkeeper:v1:profile';
const RULES = { version: 1, campaigns: [] };

/** A window of its own for a tab: location, history (pushState moves location) and timers. */
function fakeWindow(href = 'https://shop.test/') {
  const win = new EventTarget();
  win.location = { href, origin: new URL(href).origin };
  win.history = { pushState(_state, _title, url) { win.location.href = new URL(url, win.location.href).href; }, replaceState() {} };
  win.setTimeout = setTimeout;
  win.clearTimeout = clearTimeout;
  return win;
}

/** Makes `win` the page's window, with a document, as a browser tab has them. */
function enter(win) {
  Object.assign(globalThis, { window: win, location: win.location, history: win.history,
    document: Object.assign(new EventTarget(), { referrer: '', title: '' }) });
  return win;
}

afterEach(() => {
  for (const name of ['window', 'location', 'history', 'document']) delete globalThis[name];
});

/**
 * Tabs sharing `storage`, each with its own window; write(tab, fn) runs fn and, as a browser
 * does, tells the other tabs' windows what it changed in the profile (clear: key null).
 */
async function openTabs(count, storage, options = {}) {
  let t = T0;
  let n = 0;
  const tabs = [];
  for (let i = 0; i < count; i++) {
    const win = enter(fakeWindow());
    const sk = await createShopkeeper({ rules: RULES, storage, now: () => (t += 1000), newId: () => `id${n++}`,
      render: false, routeChanges: false, warmUp: false, onWarning() {}, ...options });
    tabs.push({ win, sk });
  }
  const tell = (from, key, oldValue, newValue) => {
    for (const tab of tabs) {
      if (tab !== from) tab.win.dispatchEvent(Object.assign(new Event('storage'), { key, oldValue, newValue }));
    }
  };
  return {
    tabs,
    write(from, fn) {
      const before = storage.getItem(PROFILE);
      enter(from.win);
      fn(from.sk);
      const after = storage.getItem(PROFILE);
      if (after !== before) tell(from, PROFILE, before, after);
    },
    clear() {
      while (storage.length) storage.removeItem(storage.key(0));
      tell(null, null, null, null);
    },
  };
}

const SECRET = { url: 'https://shop.test/product/p1', type: 'product', product: { product_id: 'secret-product', category: 'lingerie' } };

for (const [who, writer] of [['the tab that forgot', 0], ['another tab', 1]]) {
  test(`a visitor forgotten in one tab stays forgotten when ${who} records the next page view`, async () => {
    const storage = memoryStorage();
    const { tabs: [a, b], write } = await openTabs(2, storage);
    write(a, (sk) => sk.decide(SECRET));
    write(b, (sk) => sk.decide({ url: 'https://shop.test/' }));
    const forgotten = JSON.parse(storage.getItem(PROFILE)).id;
    write(a, (sk) => sk.forget());
    write([a, b][writer], (sk) => sk.decide({ url: 'https://shop.test/category' }));
    const stored = storage.getItem(PROFILE);
    assert.notEqual(JSON.parse(stored).id, forgotten);
    assert.ok(!stored.includes('secret-product'), 'none of the forgotten visitor\'s history');
    for (const tab of [a, b]) assert.equal(tab.sk.profile().id, JSON.parse(stored).id);
  });
}

test('localStorage.clear() in another tab forgets the visitor in every tab', async () => {
  const storage = memoryStorage();
  const { tabs: [a, b], write, clear } = await openTabs(2, storage);
  write(a, (sk) => sk.decide(SECRET));
  write(b, (sk) => sk.decide({ url: 'https://shop.test/' }));
  const forgotten = JSON.parse(storage.getItem(PROFILE)).id;
  const products = [{ id: 'h', category: 'hats' }, { id: 's', category: 'lingerie' }];
  assert.equal(b.sk.rank(products)[0].id, 's');
  clear();
  assert.equal(b.sk.shareLink('https://shop.test/'), null, 'no referral link in the forgotten visitor\'s name');
  assert.deepEqual(b.sk.rank(products).map((r) => r.id), ['h', 's'], 'nor a ranking for them');
  write(b, (sk) => sk.decide({ url: 'https://shop.test/category' }));
  write(a, (sk) => sk.decide({ url: 'https://shop.test/' }));
  const stored = storage.getItem(PROFILE);
  assert.notEqual(JSON.parse(stored).id, forgotten);
  assert.ok(!stored.includes('secret-product'));
});

test('a page whose matchMedia answers with nothing (a test double) still decides, tracks and explains', async () => {
  const win = enter(fakeWindow());
  win.matchMedia = () => undefined;
  for (const render of [false, true]) {
    const sk = await createShopkeeper({ rules: { version: 1, campaigns: [{ id: 'w', action: { type: 'banner', text: 'Hi' } }] },
      render, routeChanges: false, warmUp: false, now: () => T0, onWarning() {} });
    const res = sk.decide({ url: 'https://shop.test/' });
    assert.equal(res.ok, true);
    assert.equal(sk.track('Product Viewed', { product_id: 'p1' }).ok, true);
    assert.equal(sk.explain('w').ok, true);
    sk.destroy();
  }
});

test('with render: false, a single-page app\'s route change is still decided again', async () => {
  const win = enter(fakeWindow());
  const sk = await createShopkeeper({ rules: RULES, render: false, warmUp: false, now: () => T0, onWarning() {} });
  sk.decide();
  win.history.pushState({}, '', '/category/boots');
  await new Promise((resolve) => setTimeout(resolve, 5));
  assert.equal(sk.profile().session.pageViews, 2);
  assert.equal(sk.profile().session.landingPage, '/');
  sk.destroy();
});

test('a window without history (a test double) still decides: route watching fails with one warning', async () => {
  const win = enter(fakeWindow());
  delete win.history;
  const warnings = [];
  const sk = await createShopkeeper({ rules: RULES, storage: memoryStorage(), render: false, warmUp: false, now: () => T0,
    onWarning: (code) => warnings.push(code) });
  assert.equal(sk.decide().ok, true);
  assert.equal(sk.decide().ok, true);
  assert.deepEqual(warnings, ['later_failed']);
  sk.destroy();
});
