// Hostile input against the demo shop in Chromium: XSS payloads wherever outside text reaches
// the page, and storage, rules and the engine failing in every way we know. In every case the
// page works, the shop's own content and order stay, no payload runs and nothing uncaught
// reaches the console. The shop is served without a CSP here, so that a payload inserted as
// HTML would really run (csp.test.js covers the strict policy).

import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { startShop, visit } from './harness.js';
import { injected, watchForScripts, XSS_PAYLOADS } from './xss-payloads.js';

const CATALOG = JSON.parse(readFileSync(new URL('../../demo_site/catalog.json', import.meta.url), 'utf8'));
/** The home page grid in the shop's own order: the most popular products. */
const HOME_TILES = [...CATALOG.products].sort((a, b) => b.popularity - a.popularity).slice(0, 8).map((p) => p.id);
const PROFILE = 'shopkeeper:v1:profile';

let shop;
before(async () => {
  shop = await startShop({ csp: null });
});
after(async () => {
  await shop.close();
});

/** A fresh visitor's page that records the SDK's console warnings and any payload that runs. */
async function hostilePage(target = shop) {
  const page = await target.newPage();
  await watchForScripts(page);
  page.warnings = [];
  page.on('console', (m) => {
    if (m.type() === 'warning' && m.text().includes('[shopkeeper]')) page.warnings.push(m.text());
  });
  return page;
}

/** Chromium logs a failed response itself; these are expected where a test makes a request fail. */
const scriptProblems = (page) => page.problems.filter((p) => !p.startsWith('console.error: Failed to load resource'));

const tileIds = (page) => page.locator('#products .tile').evaluateAll((tiles) => tiles.map((t) => t.dataset.productId));

/** The page is intact: the shop's grid in its own order, no payload ran or was inserted, nothing uncaught. */
async function assertShopIntact(page, { tiles = HOME_TILES } = {}) {
  assert.deepEqual(await tileIds(page), tiles, "the shop's own content and order");
  assert.deepEqual(await injected(page), { ran: [], elements: [] });
  assert.deepEqual(scriptProblems(page), []);
}

/** Sets localStorage of the shop's origin before its first page loads. */
async function seedStorage(page, entries) {
  await page.goto(`${shop.base}/favicon.svg`);
  await page.evaluate((pairs) => {
    for (const [key, value] of pairs) localStorage.setItem(key, value);
  }, Object.entries(entries));
}

function chunks(list, size) {
  const out = [];
  for (let i = 0; i < list.length; i += size) out.push(list.slice(i, i + size));
  return out;
}

/** Serves `campaign` (shown on every page view) as the page's rules document. */
async function serveCampaign(page, campaign) {
  await page.route('**/rules/welcome.json', (route) => route.fulfill({
    contentType: 'application/json',
    body: JSON.stringify({
      version: 1,
      campaigns: [{ id: 'hostile', frequency: { perSession: 0, stopAfterDismiss: false, stopAfterConversion: false }, ...campaign() }],
    }),
  }));
}

/** Asserts that the popup on screen shows `texts` verbatim: the first as its heading, the rest in its text. */
async function assertPopupShows(page, texts) {
  const dialog = page.getByRole('dialog');
  await dialog.waitFor();
  assert.equal(await dialog.getByRole('heading').first().textContent(), texts[0]);
  const all = await dialog.textContent();
  for (const text of texts.slice(1)) assert.ok(all.includes(text), `the popup shows ${JSON.stringify(text)} as text: ${all}`);
}

test('XSS payloads in UTM parameters and the referral code are data, and templates show them as text', async () => {
  const page = await hostilePage();
  await serveCampaign(page, () => ({
    action: { type: 'modal', title: '{{acquisition.page.source}}', body: '{{acquisition.page.campaign}}',
      cta: { label: '{{acquisition.page.content}}', href: '/category/boots' }, closeLabel: '{{acquisition.page.term}}' },
  }));
  for (const [source, campaign, content, term, ref] of chunks(XSS_PAYLOADS, 5)) {
    const query = new URLSearchParams({ utm_source: source, utm_medium: 'email', utm_campaign: campaign, utm_content: content, utm_term: term, ref });
    const outcome = await visit(page, `${shop.base}/?${query}`);
    assert.equal(outcome.ok, true);
    const arrival = outcome.detail.acquisition.page;
    const given = [source, campaign, content, term].map((p) => p.trim());
    assert.deepEqual([arrival.source, arrival.campaign, arrival.content, arrival.term], given);
    assert.equal(arrival.refCode, null, 'a referral code is letters, digits, - and _ only');
    assert.equal((await page.evaluate(() => window.shopkeeper.profile().acquisition.current)).source, given[0], 'stored verbatim');
    await assertPopupShows(page, given);
    await assertShopIntact(page);
  }
  assert.deepEqual(page.warnings, []);
  await page.context().close();
});

test('XSS payloads in every text of a popup are rendered as text', async () => {
  const page = await hostilePage();
  let texts = [];
  await serveCampaign(page, () => ({
    action: { type: 'modal', title: texts[0], body: texts[1], cta: { label: texts[2], href: '/category/boots' }, closeLabel: texts[3] },
  }));
  // A text with {{ is a template: one whose path is not in the context is refused when the rules load.
  const plain = XSS_PAYLOADS.filter((p) => !p.includes('{{'));
  for (const batch of chunks(plain, 4)) {
    texts = [...batch, ...plain].slice(0, 4);
    const outcome = await visit(page, `${shop.base}/`);
    assert.deepEqual(outcome.detail.decisions.map((d) => d.campaign), ['hostile']);
    await assertPopupShows(page, texts);
    await assertShopIntact(page);
  }
  assert.deepEqual(page.warnings, []);
  texts = XSS_PAYLOADS.filter((p) => p.includes('{{')).concat(plain).slice(0, 4);
  const outcome = await visit(page, `${shop.base}/`);
  assert.deepEqual(outcome.detail.decisions, []);
  assert.equal(page.warnings.length, 1);
  assert.match(page.warnings[0], /rules_invalid: \/campaigns\/0\/action\/title: /);
  await assertShopIntact(page);
  await page.context().close();
});

test('script URLs in a call to action are refused when the rules load: no popup, one warning', async () => {
  for (const href of ['javascript:__pwned(1)', 'JaVaScRiPt:__pwned(2)', ' javascript:__pwned(3)', 'data:text/html,<script>__pwned(4)</script>',
    'vbscript:msgbox(5)', '//evil.example/x', '\\\\evil.example', '/\\evil.example', '/\t/evil.example', '/\n/evil.example']) {
    const page = await hostilePage();
    await page.route('**/rules/welcome.json', (route) => route.fulfill({
      contentType: 'application/json',
      body: JSON.stringify({ version: 1, campaigns: [{ id: 'cta', action: { type: 'modal', title: 'Hi', cta: { label: 'Go', href } } }] }),
    }));
    const outcome = await visit(page, `${shop.base}/`);
    assert.equal(outcome.ok, true, href);
    assert.deepEqual(outcome.detail.decisions, []);
    assert.equal(await page.getByRole('dialog').count(), 0);
    assert.equal(page.warnings.length, 1, href);
    assert.match(page.warnings[0], /rules_invalid: \/campaigns\/0\/action\/cta\/href: links must be a path/);
    await assertShopIntact(page);
    await page.context().close();
  }
});

test('XSS payloads as product names are text in the grid, on product pages, in popups and in the cart', async () => {
  const catalog = structuredClone(CATALOG);
  catalog.products.forEach((p, i) => {
    p.name = XSS_PAYLOADS[i % XSS_PAYLOADS.length];
  });
  const hostileShop = await startShop({ csp: null, catalog });
  try {
    const page = await hostilePage(hostileShop);
    await page.route('**/rules/welcome.json', (route) => route.fulfill({
      contentType: 'application/json',
      body: JSON.stringify({ version: 1, campaigns: [{ id: 'name', audience: { 'page.type': 'product' },
        frequency: { perSession: 0, stopAfterDismiss: false, stopAfterConversion: false },
        action: { type: 'modal', title: 'You looked at {{product.name}}', closeLabel: 'Close' } }] }),
    }));
    await visit(page, `${hostileShop.base}/`);
    const names = await page.locator('#products .tile .name').allTextContents();
    assert.deepEqual(names, HOME_TILES.map((id) => catalog.products.find((p) => p.id === id).name));
    for (const product of catalog.products.slice(0, 6)) {
      const outcome = await visit(page, `${hostileShop.base}/product/${product.id}`);
      assert.equal(outcome.ok, true);
      assert.equal(await page.locator('h1').textContent(), product.name);
      await assertPopupShows(page, [`You looked at ${product.name}`]);
      await page.keyboard.press('Escape');
      await page.waitForSelector('body[data-shop-ready]');
      await page.getByRole('button', { name: 'Add to cart' }).click();
      assert.deepEqual(await injected(page), { ran: [], elements: [] });
    }
    await visit(page, `${hostileShop.base}/cart`);
    await page.waitForSelector('body[data-shop-ready]');
    const lines = await page.locator('.cart-lines li').evaluateAll((items) => items.map((li) => li.firstChild.textContent));
    assert.deepEqual(lines, catalog.products.slice(0, 6).map((p) => `1 × ${p.name}`));
    const profile = await page.evaluate(() => window.shopkeeper.profile());
    assert.deepEqual(profile.cart.items.map((i) => i[0]), catalog.products.slice(0, 6).map((p) => p.id));
    assert.deepEqual(await injected(page), { ran: [], elements: [] });
    assert.deepEqual(scriptProblems(page), []);
    await page.context().close();
  } finally {
    await hostileShop.close();
  }
});

test('corrupt, oversized, foreign and binary profiles are set aside; the page works and warns once', async () => {
  const max = '9007199254740992';
  const values = {
    truncated: '{"v":2,"id":"abc","sess',
    binary: '\u0000\u0001\u0002binary\ufffe\uffff',
    'lone surrogates': '{"v":2,"id":"\ud800","x":"\udfff"}',
    'foreign version': '{"v":99,"id":"future"}',
    'version zero': '{"v":0,"id":"past"}',
    'not an object': '"just a string"',
    'wrong types': '{"v":2,"id":42,"session":"yes"}',
    'deep nesting': `${'['.repeat(50000)}${']'.repeat(50000)}`,
    oversized: JSON.stringify({ v: 2, id: 'abc', session: { number: 1 }, padding: 'x'.repeat(200000) }),
    'numbers beyond 2^53': `{"v":2,"id":"abc","firstSeen":1,"lastSeen":1,"session":{"number":${max},"startedAt":1,"pageViews":1}}`,
    'null text': 'null',
    'an XSS payload': '<img src=x onerror=__pwned(99)>',
  };
  for (const [name, value] of Object.entries(values)) {
    const page = await hostilePage();
    await seedStorage(page, { [PROFILE]: value });
    const outcome = await visit(page, `${shop.base}/`);
    assert.equal(outcome.ok, true, name);
    assert.equal(outcome.detail.ok, true, name);
    assert.match(outcome.detail.profileStatus, /^(corrupt|foreign)$/, name);
    assert.equal(outcome.detail.visitor.visitCount, 1, name);
    await page.getByRole('dialog').waitFor();
    assert.equal(await page.evaluate(() => localStorage.getItem('shopkeeper:v1:profile:set-aside')), value, `${name}: set aside, not lost`);
    const stored = await page.evaluate(() => window.shopkeeper.profile());
    assert.equal(stored.session.number, 1, `${name}: replaced by a fresh profile`);
    assert.equal(page.warnings.length, 1, `${name}: ${page.warnings}`);
    assert.match(page.warnings[0], /\[shopkeeper\] profile_(corrupt|foreign): /);
    await page.keyboard.press('Escape');
    await assertShopIntact(page);
    await page.context().close();
  }
});

test('garbage in the event queue and its lease never reaches the page', async () => {
  const page = await hostilePage();
  await seedStorage(page, {
    'shopkeeper:v1:queue': '{"v":1,"dropped":"many"}',
    'shopkeeper:v1:queue:not-an-event': '\u0000garbage',
    'shopkeeper:v1:queue:deep': `${'['.repeat(20000)}${']'.repeat(20000)}`,
    'shopkeeper:v1:flush-lease': '<script>__pwned(1)</script>',
  });
  const outcome = await visit(page, `${shop.base}/`);
  assert.equal(outcome.ok, true);
  await page.keyboard.press('Escape');
  await page.waitForFunction(() => window.shopkeeper.syncStats().sent > 0, null, { timeout: 10000 });
  const left = await page.evaluate(() => Object.keys(localStorage).filter((k) => k === 'shopkeeper:v1:queue:deep' || k.endsWith('not-an-event')));
  assert.deepEqual(left, [], 'unreadable entries are removed');
  assert.ok(page.warnings.length >= 1 && page.warnings.every((w) => w.includes('sync_queue_corrupt')), String(page.warnings));
  await assertShopIntact(page);
  await page.context().close();
});

test('localStorage that is missing, throws on access, or throws on every call leaves the page working', async () => {
  const breakages = {
    'the localStorage getter throws': () => Object.defineProperty(window, 'localStorage', {
      get() { throw new DOMException('The document is sandboxed', 'SecurityError'); },
    }),
    'localStorage is null': () => Object.defineProperty(window, 'localStorage', { value: null }),
    'every call throws': () => {
      for (const name of ['getItem', 'setItem', 'removeItem', 'key', 'clear']) {
        Storage.prototype[name] = () => { throw new DOMException('The operation is insecure.', 'SecurityError'); };
      }
    },
    'reads return garbage types': () => {
      Storage.prototype.getItem = () => ({ toString() { throw new Error('hostile toString'); } });
    },
  };
  for (const [name, breakage] of Object.entries(breakages)) {
    const page = await hostilePage();
    await page.addInitScript(breakage);
    const outcome = await visit(page, `${shop.base}/`);
    assert.equal(outcome.ok, true, name);
    assert.deepEqual(outcome.detail.decisions, [], `${name}: no popup that could not be dismissed for good`);
    assert.equal(outcome.detail.skipped[0].reason, 'storage_unavailable', name);
    assert.equal(page.warnings.length, 1, `${name}: ${page.warnings}`);
    await assertShopIntact(page);
    await page.context().close();
  }
});

test('storage quota exhausted by the shop: the shop keeps its data, the page works, one warning', async () => {
  for (const spare of [0, 200]) {
    const page = await hostilePage();
    await page.goto(`${shop.base}/favicon.svg`);
    const filled = await page.evaluate((leave) => {
      let n = 0;
      for (let size = 1 << 20; size >= 1; size = Math.floor(size / 2)) {
        for (;;) {
          try {
            localStorage.setItem(`shop:filler:${n}`, 'x'.repeat(size));
            n++;
          } catch {
            break;
          }
        }
      }
      // The smallest entries came last: removing some frees about `leave` characters.
      for (let freed = 0; freed < leave; n--) {
        const key = `shop:filler:${n - 1}`;
        freed += key.length + localStorage.getItem(key).length;
        localStorage.removeItem(key);
      }
      return n;
    }, spare);
    const outcome = await visit(page, `${shop.base}/`);
    assert.equal(outcome.ok, true);
    assert.equal(page.warnings.length, 1, String(page.warnings));
    assert.match(page.warnings[0], /storage_(unavailable|write_failed|quota_exceeded)/);
    const kept = await page.evaluate(() => Object.keys(localStorage).filter((k) => k.startsWith('shop:filler:')).length);
    assert.equal(kept, filled, "the shop's own entries are untouched");
    await page.keyboard.press('Escape');
    await assertShopIntact(page);
    await page.evaluate(() => localStorage.clear());
    await page.context().close();
  }
});

test('a rules URL that fails or returns something else: visits are recorded, one warning, no popup', async () => {
  const responses = {
    404: { status: 404, contentType: 'text/html', body: '<!doctype html><h1>Not found</h1>' },
    500: { status: 500, contentType: 'text/plain', body: 'boom' },
    'an HTML page': { status: 200, contentType: 'text/html', body: '<!doctype html><script>__pwned(1)</script>' },
    'empty': { status: 200, contentType: 'application/json', body: '' },
    'binary garbage': { status: 200, contentType: 'application/json', body: Buffer.from([0, 159, 146, 150, 255, 0xfe]) },
    'deeply nested': { status: 200, contentType: 'application/json', body: `${'['.repeat(100000)}${']'.repeat(100000)}` },
    'over 1 MiB': { status: 200, contentType: 'application/json', body: `{"version":1,"campaigns":[],"x":"${'x'.repeat(1100000)}"}` },
  };
  for (const [name, response] of Object.entries(responses)) {
    const page = await hostilePage();
    await page.route('**/rules/welcome.json', (route) => route.fulfill(response));
    const outcome = await visit(page, `${shop.base}/category/boots`);
    assert.equal(outcome.ok, true, name);
    assert.equal(outcome.detail.visitor.visitCount, 1, name);
    assert.deepEqual(outcome.detail.decisions, [], name);
    assert.equal(page.warnings.length, 1, `${name}: ${page.warnings}`);
    assert.match(page.warnings[0], /\[shopkeeper\] rules_invalid: /);
    const boots = CATALOG.products.filter((p) => p.category === 'boots').map((p) => p.id);
    await assertShopIntact(page, { tiles: boots });
    await page.context().close();
  }
});

test('a wasm file that fails to load: the SDK disables itself with one warning and the shop works', async () => {
  const wasm = readFileSync(new URL('../../dist/shopkeeper.wasm', import.meta.url));
  const failures = {
    404: (route) => route.fulfill({ status: 404, body: 'not found' }),
    'network error': (route) => route.abort('connectionreset'),
    'not wasm': (route) => route.fulfill({ contentType: 'application/wasm', body: '<!doctype html><p>maintenance</p>' }),
    truncated: (route) => route.fulfill({ contentType: 'application/wasm', body: wasm.subarray(0, wasm.length >> 1) }),
  };
  for (const [name, fail] of Object.entries(failures)) {
    const page = await hostilePage();
    await page.route('**/shopkeeper.wasm', fail);
    const outcome = await visit(page, `${shop.base}/product/p07`);
    assert.equal(outcome.ok, false, name);
    assert.match(outcome.detail.message, /^the WebAssembly engine could not be loaded: /, name);
    assert.equal(page.warnings.length, 1, `${name}: ${page.warnings}`);
    assert.match(page.warnings[0], /^\[shopkeeper\] disabled on this page: the WebAssembly engine could not be loaded/);
    // The shop's own script still works, its queued calls to the SDK included.
    await page.waitForSelector('body[data-shop-ready]');
    await page.getByRole('button', { name: 'Add to cart' }).click();
    assert.equal(await page.locator('[data-cart-count]').textContent(), '1');
    assert.equal(await page.locator('h1').textContent(), CATALOG.products.find((p) => p.id === 'p07').name);
    assert.deepEqual(await injected(page), { ran: [], elements: [] });
    assert.deepEqual(scriptProblems(page), [], name);
    await page.context().close();
  }
});
