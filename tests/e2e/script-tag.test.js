// The script tag as a shop uses it, in Chromium on the demo shop: the .wasm next to the script
// or through data-wasm, the single-file build, the global facade (queued calls, awaitable),
// and what happens when the wasm cannot load: the page stays as the shop built it, with one warning.

import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { startShop, visit, waitFor } from './harness.js';
import { rewritePages } from './script-tag-support.js';

const WASM = readFileSync(new URL('../../dist/shopkeeper.wasm', import.meta.url));

let shop;
before(async () => {
  shop = await startShop();
});
after(async () => {
  await shop.close();
});

/** A page that also keeps its console warnings, and every URL it requested. */
async function openPage(contextOptions) {
  const page = await shop.newPage(contextOptions);
  page.warnings = [];
  page.requested = [];
  page.on('console', (msg) => {
    if (msg.type() === 'warning') page.warnings.push(msg.text());
  });
  page.on('request', (request) => page.requested.push(new URL(request.url()).pathname));
  return page;
}

const rewriteTag = (page, tag, headers) => rewritePages(page, shop.base, { tag, headers });

/** The page as a shopper sees it, once the shop's own script is done: the body's markup and what Shopkeeper stored. */
const snapshot = async (page) => {
  await page.locator('body[data-shop-ready]').waitFor();
  return page.evaluate(() => ({
    body: document.body.outerHTML,
    stored: Object.keys(localStorage).filter((k) => k.startsWith('shopkeeper:')),
  }));
};

/** The problems that came from the page, leaving out the browser's own log of a blocked request. */
const pageProblems = (page, blocked) => page.problems.filter((p) => !(blocked && p === 'console.error: Failed to load resource: net::ERR_FAILED'));

test('the .wasm is fetched from next to the script, and window.shopkeeper is awaitable', async () => {
  const page = await openPage();
  const outcome = await visit(page, `${shop.base}/category/boots`);
  assert.equal(outcome.ok, true);
  assert.ok(page.requested.includes('/shopkeeper/shopkeeper.wasm'));
  const awaited = await page.evaluate(async () => {
    const viaReady = await window.shopkeeper.ready;
    const viaThen = await window.shopkeeper;
    return { same: viaReady === viaThen, decide: typeof viaThen.decide, pageViews: viaThen.profile().session.pageViews };
  });
  assert.deepEqual(awaited, { same: true, decide: 'function', pageViews: 1 });
  assert.deepEqual(page.warnings, []);
  assert.deepEqual(page.problems, []);
  await page.context().close();
});

test('data-wasm points at a .wasm hosted elsewhere', async () => {
  const page = await openPage();
  await page.route('**/assets/engine-v1.wasm', (route) => route.fulfill({ body: WASM, contentType: 'application/wasm' }));
  // Relative to the page (the worker gets it resolved: it would resolve it against the script).
  await rewriteTag(page, (tag) => `${tag} data-wasm="assets/engine-v1.wasm"`);
  const outcome = await visit(page, `${shop.base}/`);
  assert.equal(outcome.ok, true);
  // The compiling worker of this first visit (js/precompile.js) fetches it too, from the same URL.
  const report = await waitFor('the compiling worker', () => page.evaluate(() => performance.getEntriesByName('shopkeeper:precompile')[0]?.detail), 10000);
  assert.deepEqual(report, { ok: true, profile: false });
  assert.deepEqual(page.requested.filter((p) => p.endsWith('.wasm')), ['/assets/engine-v1.wasm', '/assets/engine-v1.wasm']);
  await page.getByRole('dialog', { name: 'Welcome to Timberline Outfitters' }).waitFor();
  assert.deepEqual(page.problems, []);
  await page.context().close();
});

test('the single-file build works without any .wasm request, under a strict CSP', async () => {
  const page = await openPage();
  // No data: in connect-src: the inlined wasm is decoded, never fetched.
  const csp = "default-src 'self'; script-src 'self' 'wasm-unsafe-eval'; connect-src 'self'";
  await rewriteTag(page, (tag) => tag.replace('shopkeeper.js', 'shopkeeper.single.js'), { 'content-security-policy': csp });
  const outcome = await visit(page, `${shop.base}/`);
  assert.equal(outcome.ok, true, JSON.stringify(outcome.detail));
  assert.ok(page.requested.includes('/shopkeeper/shopkeeper.single.js'));
  assert.deepEqual(page.requested.filter((p) => p.endsWith('.wasm')), []);
  await page.getByRole('dialog', { name: 'Welcome to Timberline Outfitters' }).waitFor();
  assert.deepEqual(page.warnings, []);
  assert.deepEqual(page.problems, []);
  await page.context().close();
});

test('calls queued before the script loaded are replayed in order; later calls run at once', async () => {
  const page = await openPage();
  await page.addInitScript(() => {
    window.shopkeeper = window.shopkeeper || [];
    window.shopkeeper.push(['track', 'Product Viewed', { product_id: 'p01', category: 'boots' }]);
    window.shopkeeper.push(['track', 'Product Viewed', { product_id: 'p02', category: 'boots' }], ['setConsent', 'denied']);
    window.shopkeeper.push((sk) => {
      window.__queuedCallback = { viewed: sk.profile().viewed.map((v) => v[0]), consent: sk.syncStats().consent };
    });
    // Awaitable even from before the script loaded: a pushed function resolves a promise.
    window.__readyEarly = new Promise((resolve) => window.shopkeeper.push(resolve)).then((sk) => typeof sk.track);
  });
  const outcome = await visit(page, `${shop.base}/category/boots`);
  assert.equal(outcome.ok, true);
  const seen = await page.evaluate(async () => {
    const sk = await window.shopkeeper;
    const later = window.shopkeeper.track('Product Viewed', { product_id: 'p03' });
    return {
      early: await window.__readyEarly,
      callback: window.__queuedCallback,
      later: later.ok,
      viewed: sk.profile().viewed.map((v) => v[0]),
    };
  });
  assert.equal(seen.early, 'function');
  assert.deepEqual(seen.callback, { viewed: ['p01', 'p02'], consent: 'denied' }, 'replayed in the order they were pushed');
  assert.equal(seen.later, true, 'after ready, a call returns its result');
  assert.deepEqual(seen.viewed, ['p01', 'p02', 'p03']);
  assert.deepEqual(page.warnings, []);
  assert.deepEqual(page.problems, []);
  await page.context().close();
});

test('consent queued before the script loaded holds for the first page view', async () => {
  const rules = { version: 1, campaigns: [{ id: 'consented', trigger: { type: 'pageView' }, audience: { consent: 'granted' },
    action: { type: 'banner', text: 'Thanks for your consent' } }] };
  const page = await openPage();
  // The first of two data-rules and data-consent attributes is the one read.
  await rewriteTag(page, (tag) => tag.replace('<script ', `<script data-rules='${JSON.stringify(rules)}' data-consent="pending" `));
  await page.addInitScript(() => {
    window.__decided = [];
    document.addEventListener('shopkeeper:decided', (event) => window.__decided.push(event.detail.decisions.map((d) => d.campaign)));
    window.shopkeeper = window.shopkeeper || [];
    window.shopkeeper.push(['setConsent', 'granted']);
  });
  await visit(page, `${shop.base}/`);
  await page.waitForFunction(() => window.__decided.length > 0);
  assert.deepEqual(await page.evaluate(() => window.__decided), [['consented']]);
  assert.deepEqual(page.warnings, []);
  assert.deepEqual(page.problems, []);
  await page.waitForLoadState('networkidle'); // the rewriting route still has the feed's and collector's requests
  await page.context().close();
});

test('a deferred script of the shop that arrives late still hears the first decision', async () => {
  const page = await openPage();
  // shop.js (deferred) comes after the engine is ready: the document is "interactive" meanwhile.
  await page.route('**/shop.js', async (route) => {
    await new Promise((resolve) => setTimeout(resolve, 1500));
    await route.continue();
  });
  await page.goto(`${shop.base}/`);
  await page.locator('body[data-shop-ready]').waitFor();
  await page.waitForFunction(() => performance.getEntriesByName('shopkeeper:decide').length > 0);
  const link = await page.locator('#share-link').inputValue();
  assert.match(link, /\?ref=/, 'shop.js filled in the share link on shopkeeper:decided');
  assert.deepEqual(page.problems, []);
  await page.context().close();
});

test('a malformed queued call is reported once and does not stop the others', async () => {
  const page = await openPage();
  await page.addInitScript(() => {
    window.shopkeeper = [['no-such-call'], () => { throw new Error('shop bug'); }, ['track', 'Product Viewed', { product_id: 'p05' }]];
  });
  await visit(page, `${shop.base}/`);
  const viewed = await page.evaluate(async () => (await window.shopkeeper).profile().viewed.map((v) => v[0]));
  assert.deepEqual(viewed, ['p05']);
  assert.equal(page.warnings.length, 2, page.warnings.join('\n'));
  assert.match(page.warnings[0], /unknown_call/);
  assert.match(page.warnings[1], /call_failed: shop bug/);
  assert.deepEqual(page.problems, []);
  await page.context().close();
});

/** The page with the SDK's script blocked outright: what the shop built, untouched. */
async function withoutSdk(path) {
  const page = await openPage();
  await page.route('**/shopkeeper/shopkeeper.js', (route) => route.abort());
  await page.goto(`${shop.base}${path}`);
  const built = await snapshot(page);
  await page.context().close();
  return built;
}

const failures = {
  'the .wasm request is blocked': async (page) => page.route('**/*.wasm', (route) => route.abort()),
  'the browser has no WebAssembly': async (page) => page.addInitScript(() => {
    delete window.WebAssembly;
  }),
  "the page's CSP lacks 'wasm-unsafe-eval'": async (page) => rewriteTag(page, undefined, { 'content-security-policy': "script-src 'self'" }),
};

for (const [why, setUp] of Object.entries(failures)) {
  test(`when ${why}, the page stays as the shop built it, with one warning`, async () => {
    const path = '/product/p01';
    const built = await withoutSdk(path);
    const page = await openPage();
    await setUp(page);
    const outcome = await visit(page, `${shop.base}${path}`);
    assert.equal(outcome.ok, false);
    // The demo shop pushes its product view into the queue; it is dropped, and so are later calls.
    const facade = await page.evaluate(async () => ({
      ready: await window.shopkeeper.ready,
      awaited: await window.shopkeeper,
      track: window.shopkeeper.track('Product Viewed', { product_id: 'p02' }),
    }));
    assert.deepEqual(facade, { ready: null, awaited: null, track: undefined });
    assert.deepEqual(await snapshot(page), built);
    assert.equal(page.warnings.length, 1, page.warnings.join('\n'));
    assert.match(page.warnings[0], /^\[shopkeeper\] disabled on this page: /);
    assert.deepEqual(pageProblems(page, why.includes('blocked')), []);
    await page.context().close();
  });
}

test('a second copy of the script leaves the first in charge, with one warning', async () => {
  const page = await openPage();
  await rewriteTag(page, (tag) => `<script src="/shopkeeper/shopkeeper.js" data-rules="/rules/welcome.json" defer></script>\n${tag}`);
  const outcome = await visit(page, `${shop.base}/`);
  assert.equal(outcome.ok, true);
  assert.equal(page.warnings.length, 1);
  assert.match(page.warnings[0], /loaded_twice/);
  await page.getByRole('dialog').waitFor();
  assert.equal(await page.locator('[data-shopkeeper-popup]').count(), 1);
  assert.deepEqual(page.problems, []);
  await page.context().close();
});
