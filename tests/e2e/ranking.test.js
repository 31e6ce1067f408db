// Product tiles ordered for the visitor in Chromium, on the demo shop's category pages: boots
// first for a boots fan, the shop's order for a newcomer, the order in place before the grid is
// seen, tab order = visual order, no layout shift, the time-out, and grids rendered later.

import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { startShop, visit } from './harness.js';

const catalog = JSON.parse(readFileSync(new URL('../../demo_site/catalog.json', import.meta.url), 'utf8'));
const category = new Map(catalog.products.map((p) => [p.id, p.category]));
const shopOrder = catalog.products.map((p) => p.id);

let shop;
before(async () => {
  shop = await startShop();
});
after(async () => {
  await shop.close();
});

const gridIds = (page) => page.$$eval('#products > [data-product-id]', (tiles) => tiles.map((t) => t.dataset.productId));

/**
 * Records, at every animation frame from the start of the page, whether the grid is there and
 * visible and the ids it shows first; and the layout shifts the browser reports.
 */
async function watchFrames(context) {
  await context.addInitScript(() => {
    window.__frames = [];
    window.__shifts = [];
    new PerformanceObserver((list) => {
      for (const e of list.getEntries()) window.__shifts.push(e.value);
    }).observe({ type: 'layout-shift', buffered: true });
    const frame = () => {
      const grid = document.querySelector('#products');
      window.__frames.push(grid ? {
        visible: getComputedStyle(grid).visibility === 'visible',
        ids: Array.from(grid.children, (t) => t.dataset.productId),
      } : null);
      if (window.__frames.length < 600) requestAnimationFrame(frame);
    };
    requestAnimationFrame(frame);
  });
}

/**
 * Waits for the welcome popup and dismisses it. Escape pressed before the popup is there (its
 * renderers load after the decision) dismisses nothing, and the visitor's state would then depend
 * on how fast the machine is.
 */
async function dismissWelcome(page) {
  await page.getByRole('dialog').waitFor();
  await page.keyboard.press('Escape');
  await page.getByRole('dialog').waitFor({ state: 'detached' });
}

/** A visitor who dismissed the welcome popup, then looked at three pairs of boots and one hat. */
async function bootsFan() {
  const page = await shop.newPage();
  await visit(page, `${shop.base}/`);
  await dismissWelcome(page);
  for (const id of ['p07', 'p08', 'p09', 'p13']) await visit(page, `${shop.base}/product/${id}`);
  return page;
}

/** The boots fan on the All products page, once ordered: { page, ranked } (the ids in grid order). */
async function bootsFanOnAllProducts() {
  const page = await bootsFan();
  await visit(page, `${shop.base}/category/all`);
  return { page, ranked: await gridIds(page) };
}

test('a visitor who viewed several boots and one hat sees boots first, ordered before the grid shows', async () => {
  const page = await bootsFan();
  await watchFrames(page.context());
  const outcome = await visit(page, `${shop.base}/category/all`);
  assert.equal(outcome.ok, true);

  const ids = await gridIds(page);
  assert.deepEqual(ids.slice(0, 4).map((id) => category.get(id)), ['boots', 'boots', 'boots', 'boots']);
  assert.ok(ids.indexOf('p13') < ids.findIndex((id) => category.get(id) === 'jackets'), 'the viewed hat before any jacket');
  assert.deepEqual([...ids].sort(), [...shopOrder].sort(), 'every tile is still there, once');
  const oracle = await page.evaluate(() => window.shopkeeper.rank(
    Array.from(document.querySelectorAll('#products > li'), (t) => ({ ...t.dataset, id: t.dataset.productId }))).map((r) => r.id));
  assert.deepEqual(ids, oracle, 'the page shows what rank() answers');

  await page.waitForFunction(() => window.__frames.length > 5);
  const frames = await page.evaluate(() => window.__frames.filter(Boolean));
  const shown = frames.filter((f) => f.visible);
  assert.ok(shown.length > 0, 'the grid was painted');
  for (const f of shown) assert.deepEqual(f.ids, ids, 'no painted frame shows another order');
  assert.equal(await page.evaluate(() => document.documentElement.classList.contains('shopkeeper-ranking')), false);
  assert.deepEqual(await page.evaluate(() => window.__shifts), [], 'no layout shift');
  assert.deepEqual(page.problems, []);
  await page.context().close();
});

test('each phase of the page view is a User Timing measure, in the order they ran', async () => {
  const page = await bootsFan();
  await visit(page, `${shop.base}/category/all`);
  const measures = await page.evaluate(() => performance.getEntriesByType('measure')
    .filter((m) => m.name.startsWith('shopkeeper:')).map((m) => ({ name: m.name.slice(11), start: m.startTime, end: m.startTime + m.duration })));
  const byName = new Map(measures.map((m) => [m.name, m]));
  // The tiles are read at DOM ready when the engine is not there yet (read-ahead), else in the decision.
  const ahead = byName.has('read-ahead');
  assert.notEqual(ahead, byName.has('read-tiles'), 'the tiles are read once');
  if (ahead) assert.ok(byName.get('read-ahead').end <= byName.get('profile-load').start);
  const phases = ['profile-load', 'decide', 'profile-save', ...(ahead ? [] : ['read-tiles']), 'rank', 'dom-write'];
  for (const name of ['wasm', 'rules', ...phases]) assert.ok(byName.has(name), `shopkeeper:${name} measured`);
  assert.ok(byName.get('wasm').end <= byName.get('profile-load').start);
  assert.ok(byName.get('rules').end <= byName.get('profile-load').start);
  phases.slice(1).forEach((name, i) => assert.ok(byName.get(phases[i]).end <= byName.get(name).start, `${phases[i]} before ${name}`));
  assert.deepEqual(page.problems, []);
  await page.context().close();
});

test('a new visitor sees the shop\'s own order', async () => {
  const page = await shop.newPage();
  await watchFrames(page.context());
  const outcome = await visit(page, `${shop.base}/category/all`);
  assert.equal(outcome.ok, true);
  assert.deepEqual(await gridIds(page), shopOrder);
  await page.waitForFunction(() => window.__frames.filter((f) => f && f.visible).length > 0);
  assert.deepEqual(await page.evaluate(() => window.__shifts), []);
  assert.deepEqual(page.problems, []);
  await page.context().close();
});

test('tab order follows the new order, which is also the visual order', async () => {
  const page = await bootsFan();
  await visit(page, `${shop.base}/category/all`);
  const ids = await gridIds(page);
  assert.notDeepEqual(ids, shopOrder);

  const visual = await page.$$eval('#products > li', (tiles) => tiles
    .map((t) => ({ id: t.dataset.productId, box: t.getBoundingClientRect() }))
    .sort((a, b) => a.box.top - b.box.top || a.box.left - b.box.left).map((t) => t.id));
  assert.deepEqual(visual, ids);

  await page.focus(`#products > li[data-product-id="${ids[0]}"] a`);
  const tabbed = [ids[0]];
  for (let i = 1; i < 8; i++) {
    await page.keyboard.press('Tab');
    tabbed.push(await page.evaluate(() => document.activeElement.closest('[data-product-id]').dataset.productId));
  }
  assert.deepEqual(tabbed, ids.slice(0, 8));
  assert.deepEqual(page.problems, []);
  await page.context().close();
});

test('a grid rendered later or re-rendered by a single-page app is ordered again before it is painted', async () => {
  const { page, ranked } = await bootsFanOnAllProducts();
  const seen = await page.evaluate(async (order) => {
    const grid = document.querySelector('#products');
    const byId = new Map(Array.from(grid.children, (t) => [t.dataset.productId, t]));
    const fresh = () => order.map((id) => byId.get(id).cloneNode(true));
    const ids = () => Array.from(document.querySelector('#products').children, (t) => t.dataset.productId);
    // Re-rendered in place: the same grid gets new tiles in the shop's order.
    grid.replaceChildren(...fresh());
    await Promise.resolve(); // mutation observers run in a microtask, before any paint
    const rerendered = ids();
    // Rendered later: the grid goes, and a new one arrives (route change).
    grid.remove();
    await new Promise((resolve) => requestAnimationFrame(resolve));
    const next = document.createElement('ul');
    next.id = 'products';
    next.className = 'grid';
    next.append(...fresh());
    document.querySelector('main').append(next);
    await Promise.resolve();
    return { rerendered, rendered: ids() };
  }, shopOrder);
  assert.deepEqual(seen.rerendered, ranked);
  assert.deepEqual(seen.rendered, ranked);
  assert.deepEqual(page.problems, []);
  await page.context().close();
});

test('ordering keeps other children at their index, focus where it was, and the tiles\' own nodes', async () => {
  const { page, ranked } = await bootsFanOnAllProducts();
  const seen = await page.evaluate(async (order) => {
    const grid = document.querySelector('#products');
    const byId = new Map(Array.from(grid.children, (t) => [t.dataset.productId, t]));
    const tiles = order.map((id) => byId.get(id).cloneNode(true));
    const promo = document.createElement('li');
    promo.className = 'promo';
    promo.textContent = 'Free returns';
    const children = [...tiles.slice(0, 5), promo, document.createTextNode('\n'), ...tiles.slice(5)];
    grid.replaceChildren(...children); // a re-render in the shop's order, with a promo among the tiles
    const link = tiles[20].querySelector('a');
    link.focus();
    const focusedBefore = document.activeElement === link;
    await Promise.resolve(); // the SDK orders the grid in a mutation callback
    return {
      focusedBefore,
      ids: Array.from(grid.querySelectorAll(':scope > [data-product-id]'), (t) => t.dataset.productId),
      promoAt: Array.from(grid.childNodes).indexOf(promo),
      textAt: Array.from(grid.childNodes).indexOf(children[6]),
      sameNodes: Array.from(grid.querySelectorAll(':scope > [data-product-id]')).every((t) => tiles.includes(t)),
      focused: document.activeElement === link,
    };
  }, shopOrder);
  assert.deepEqual(seen.ids, ranked);
  assert.equal(seen.promoAt, 5);
  assert.equal(seen.textAt, 6);
  assert.equal(seen.sameNodes, true);
  assert.equal(seen.focusedBefore, true, 'the link had the focus before the ordering');
  assert.equal(seen.focused, true, 'focus stays on the link it was on');
  assert.deepEqual(page.problems, []);
  await page.context().close();
});

test('ordering moves only the tiles out of place: a re-render with one tile misplaced costs one move', async () => {
  const { page, ranked } = await bootsFanOnAllProducts();
  const seen = await page.evaluate(async (order) => {
    const grid = document.querySelector('#products');
    const byId = new Map(Array.from(grid.children, (t) => [t.dataset.productId, t]));
    const tiles = order.map((id) => byId.get(id).cloneNode(true));
    let moves = 0;
    const move = grid.moveBefore;
    grid.moveBefore = function counted(...args) {
      moves += 1;
      return move.apply(this, args);
    };
    grid.replaceChildren(tiles.at(-1), ...tiles.slice(0, -1)); // a re-render with the last tile first
    await Promise.resolve(); // the SDK orders the grid in a mutation callback
    const rendered = [tiles.at(-1), ...tiles.slice(0, -1)];
    const positions = Array.from(grid.children, (t) => rendered.indexOf(t));
    // The fewest moves: the tiles outside a longest run already in order.
    const run = positions.map(() => 1);
    positions.forEach((p, i) => { for (let j = 0; j < i; j++) if (positions[j] < p) run[i] = Math.max(run[i], run[j] + 1); });
    return { ids: Array.from(grid.children, (t) => t.dataset.productId), moves, fewest: positions.length - Math.max(...run) };
  }, ranked);
  assert.deepEqual(seen.ids, ranked);
  assert.equal(seen.moves, 1);
  assert.equal(seen.fewest, 1);
  assert.deepEqual(page.problems, []);
  await page.context().close();
});

test('focus inside the grid comes back after the ordering, also where moving a tile loses it (removal and insertion)', async () => {
  const { page, ranked } = await bootsFanOnAllProducts();
  const seen = await page.evaluate(async (order) => {
    const grid = document.querySelector('#products');
    const byId = new Map(Array.from(grid.children, (t) => [t.dataset.productId, t]));
    const tiles = order.map((id) => byId.get(id).cloneNode(true)).reverse(); // every tile out of place
    let lost = false;
    grid.replaceChildren(...tiles);
    const link = tiles[5].querySelector('a'); // not tiles[0]: of a reversed order, the first tile stays put
    grid.moveBefore = function insert(node, child) { // a move that loses the focus, as insertBefore does
      const result = this.insertBefore(node, child);
      lost = lost || document.activeElement !== link;
      return result;
    };
    link.focus();
    const focusedBefore = document.activeElement === link;
    await Promise.resolve(); // the SDK orders the grid in a mutation callback
    return { ids: Array.from(grid.children, (t) => t.dataset.productId), focusedBefore, lost, focused: document.activeElement === link };
  }, ranked);
  assert.deepEqual(seen.ids, ranked);
  assert.equal(seen.focusedBefore, true, 'the link had the focus before the ordering');
  assert.equal(seen.lost, true, 'a move took the focus away');
  assert.equal(seen.focused, true, 'and the ordering gave it back');
  assert.deepEqual(page.problems, []);
  await page.context().close();
});

test('tiles on screen keep their places: appended tiles are ordered among themselves, a later decide() moves nothing', async () => {
  const { page, ranked } = await bootsFanOnAllProducts();
  const after = await page.evaluate(async () => {
    const grid = document.querySelector('#products');
    const copy = (id, as) => {
      const tile = grid.querySelector(`[data-product-id="${id}"]`).cloneNode(true);
      tile.dataset.productId = as;
      return tile;
    };
    grid.append(copy('p15', 'more-hat'), copy('p10', 'more-boots')); // "load more" in the shop's order
    await Promise.resolve();
    const appended = Array.from(grid.children, (t) => t.dataset.productId);
    window.shopkeeper.decide();
    return { appended, redecided: Array.from(grid.children, (t) => t.dataset.productId) };
  });
  assert.deepEqual(after.appended, [...ranked, 'more-boots', 'more-hat']);
  assert.deepEqual(after.redecided, after.appended);
  assert.deepEqual(page.problems, []);
  await page.context().close();
});

test('campaign boosts order a first-time visitor\'s grid, local trends from the context feed the next page too', async () => {
  const demo = await startShop({ rules: '/rules/demo-shop.json' });
  try {
    // Donegal's orders, as the shop's collector receives them: its trends in the feed now lead with p27.
    const order = { type: 'track', event: 'Order Completed', messageId: 'trend-1', anonymousId: 'neighbour',
      timestamp: new Date().toISOString(), properties: { order_id: 'o-1', region: 'IE-DL', products: [{ product_id: 'p27', quantity: 3 }] } };
    const sent = await fetch(`${demo.base}/v1/batch`, { method: 'POST', headers: { 'Content-Type': 'application/json' },
      body: JSON.stringify({ batch: [order], sentAt: order.timestamp }) });
    assert.equal(sent.status, 200);

    const inRegion = (region, city) => ({ extraHTTPHeaders: { 'x-country-code': 'IE', 'x-region-code': region, 'x-city': city } });
    const page = await demo.newPage(inRegion('IE-DL', 'Donegal'));
    const outcome = await visit(page, `${demo.base}/category/all`);
    assert.equal(outcome.detail.visitor.isNew, true);
    assert.ok(outcome.detail.decisions.some((d) => d.campaign === 'snow-boost'), 'snow is expected in Donegal');
    const ranking = async () => {
      const ids = await gridIds(page);
      const ranked = await page.evaluate(() => window.shopkeeper.rank(
        Array.from(document.querySelectorAll('#products > li'), (t) => ({ ...t.dataset, id: t.dataset.productId }))));
      assert.deepEqual(ids, ranked.map((r) => r.id), 'the page shows what rank() answers');
      return { ids, reasons: new Map(ranked.map((r) => [r.id, r.reasons])) };
    };
    const first = await ranking();
    for (const id of first.ids.slice(0, 8)) assert.ok(first.reasons.get(id).includes('boost'), `${id} among the first is boosted`);
    // Only the boosts count on a first visit: the tiles no boost reaches keep the shop's order.
    const unboosted = first.ids.filter((id) => !first.reasons.get(id).includes('boost'));
    assert.ok(unboosted.length > 0);
    assert.deepEqual(unboosted, shopOrder.filter((id) => unboosted.includes(id)));
    assert.deepEqual(unboosted.map((id) => first.reasons.get(id)), unboosted.map(() => []));
    assert.ok(!first.reasons.get('p27').includes('trending'));

    // With some history (a product seen), the feed's trends count too.
    await visit(page, `${demo.base}/product/p07`);
    await visit(page, `${demo.base}/category/all`);
    const next = await ranking();
    assert.ok(next.reasons.get('p27').includes('trending'));
    // p27 and p29 are both winter sweaters, equally boosted; p27 sells less overall, but best in Donegal.
    assert.ok(next.ids.indexOf('p27') < next.ids.indexOf('p29'), 'the local best seller first');
    assert.deepEqual(page.problems, []);
    await page.context().close();

    const dublin = await demo.newPage(inRegion('IE-D', 'Dublin'));
    const dry = await visit(dublin, `${demo.base}/category/all`);
    assert.equal(dry.detail.decisions.some((d) => d.campaign === 'snow-boost'), false);
    assert.deepEqual(await gridIds(dublin), shopOrder, 'no boost and no history: the shop\'s own order');
    assert.deepEqual(dublin.problems, []);
    await dublin.context().close();
  } finally {
    await demo.close();
  }
});

/**
 * A boots fan opening the All products page of a shop whose .wasm arrives 1.5 s late (grid
 * time-out 300 ms): { page, warnings } once the time-out has shown the grid.
 */
async function slowEngineCategoryPage(slow) {
  const page = await slow.newPage();
  await visit(page, `${slow.base}/`);
  await dismissWelcome(page);
  for (const id of ['p07', 'p08', 'p09']) await visit(page, `${slow.base}/product/${id}`);
  const warnings = [];
  page.on('console', (m) => m.type() === 'warning' && warnings.push(m.text()));
  await watchFrames(page.context());
  await page.route('**/shopkeeper/shopkeeper.wasm', async (route) => {
    await new Promise((resolve) => setTimeout(resolve, 1500));
    await route.continue();
  });
  const started = Date.now();
  await page.goto(`${slow.base}/category/all`);
  await page.waitForFunction(() => getComputedStyle(document.querySelector('#products')).visibility === 'visible');
  const shownAfter = Date.now() - started;
  assert.ok(shownAfter < 1400, `the grid was shown after ${shownAfter} ms, before the engine was ready`);
  return { page, warnings };
}

test('a slow engine: the grid shows in the shop\'s order after the time-out and is not reordered later', async () => {
  const slow = await startShop({ gridTimeout: 300 });
  try {
    const { page, warnings } = await slowEngineCategoryPage(slow);
    assert.equal((await page.evaluate(() => window.__shopkeeperOutcome)).ok, true);
    assert.deepEqual(await gridIds(page), shopOrder, 'not reordered under the shopper\'s eyes');
    assert.equal(warnings.filter((w) => w.includes('grid_timeout')).length, 1);
    assert.deepEqual(page.problems, []);
    await page.context().close();
  } finally {
    await slow.close();
  }
});

test('a slow engine: a grid a single-page app renders after the time-out keeps the shop\'s order too', async () => {
  const slow = await startShop({ gridTimeout: 300 });
  try {
    const { page, warnings } = await slowEngineCategoryPage(slow);
    // A route change re-renders the grid while the engine is still on its way: painted as it comes.
    const before = await page.evaluate(async () => {
      const old = document.querySelector('#products');
      const next = old.cloneNode(true);
      old.replaceWith(next);
      await new Promise((resolve) => requestAnimationFrame(() => requestAnimationFrame(resolve)));
      return { decided: performance.getEntriesByName('shopkeeper:decide').length > 0, visible: getComputedStyle(next).visibility === 'visible' };
    });
    assert.deepEqual(before, { decided: false, visible: true });
    assert.equal((await page.evaluate(() => window.__shopkeeperOutcome)).ok, true);
    assert.deepEqual(await gridIds(page), shopOrder, 'the re-rendered grid was on screen: not reordered');
    // Later the app renders a grid and decides in the same task: that grid was never seen, so it is ordered.
    await page.evaluate(() => {
      const old = document.querySelector('#products');
      old.replaceWith(old.cloneNode(true));
      window.shopkeeper.decide();
    });
    const later = await gridIds(page);
    assert.notDeepEqual(later, shopOrder, 'a grid rendered after the decision is ordered');
    assert.deepEqual([...later].sort(), [...shopOrder].sort());
    assert.equal(warnings.filter((w) => w.includes('grid_timeout')).length, 1);
    assert.deepEqual(page.problems, []);
    await page.context().close();
  } finally {
    await slow.close();
  }
});

/**
 * A boots fan's All products page on a shop that waits for its engine (no grid time-out), the
 * .wasm held back 800 ms so that the DOM is ready first; `atDomReady` runs in the page 50 ms
 * after DOMContentLoaded (after the SDK read the tiles ahead). Resolves with the page once
 * ordered, the ids in grid order, what rank() answers for the tiles now in the grid, and the
 * names of the SDK's measures.
 */
async function engineAfterTheDom(patient, atDomReady = () => {}) {
  const page = await patient.newPage();
  await visit(page, `${patient.base}/`);
  await dismissWelcome(page);
  for (const id of ['p07', 'p08', 'p09', 'p13']) await visit(page, `${patient.base}/product/${id}`);
  await page.context().addInitScript(`document.addEventListener('DOMContentLoaded', () => setTimeout(${atDomReady}, 50));`);
  await page.route('**/shopkeeper/shopkeeper.wasm', async (route) => {
    await new Promise((resolve) => setTimeout(resolve, 800));
    await route.continue();
  });
  await page.goto(`${patient.base}/category/all`);
  assert.equal((await page.evaluate(() => window.__shopkeeperOutcome)).ok, true);
  return { page, ...await page.evaluate(() => ({
    ids: Array.from(document.querySelectorAll('#products > [data-product-id]'), (t) => t.dataset.productId),
    oracle: window.shopkeeper.rank(Array.from(document.querySelectorAll('#products > li'),
      (t) => ({ ...t.dataset, id: t.dataset.productId }))).map((r) => r.id),
    measures: performance.getEntriesByType('measure').map((m) => m.name),
  })) };
}

test('the tiles are read while the engine loads, and the grid is ordered from that read', async () => {
  const patient = await startShop({ gridTimeout: 'Infinity' });
  try {
    // Changes inside a tile (an image loaded, a framework's hydration) are not changes of the tiles.
    const { page, ids, oracle, measures } = await engineAfterTheDom(patient, () => {
      const tile = document.querySelector('#products > li');
      tile.append(document.createElement('span'));
      tile.firstElementChild.setAttribute('data-category', 'boots');
    });
    assert.ok(measures.includes('shopkeeper:read-ahead'), 'read at DOM ready');
    assert.ok(!measures.includes('shopkeeper:read-tiles'), 'not read again');
    assert.deepEqual(ids.slice(0, 3).map((id) => category.get(id)), ['boots', 'boots', 'boots']);
    assert.deepEqual(ids, oracle);
    assert.deepEqual(page.problems, []);
    await page.context().close();
  } finally {
    await patient.close();
  }
});

test('a grid changed after its tiles were read ahead is read again: attributes, tiles removed or added', async () => {
  const patient = await startShop({ gridTimeout: 'Infinity' });
  const changes = {
    // A jacket turns into boots: ranked with the boots.
    attribute: () => { document.querySelector('#products > [data-product-id="p01"]').dataset.category = 'boots'; },
    // The first boots go, a copy of a jacket comes as another product at the front.
    children: () => {
      const grid = document.querySelector('#products');
      grid.querySelector('[data-category="boots"]').remove();
      const added = grid.querySelector('[data-category="jackets"]').cloneNode(true);
      added.dataset.productId = 'p99';
      grid.prepend(added);
    },
  };
  try {
    for (const [name, change] of Object.entries(changes)) {
      const { page, ids, oracle, measures } = await engineAfterTheDom(patient, change);
      assert.ok(measures.includes('shopkeeper:read-tiles'), `${name}: read again`);
      assert.deepEqual(ids, oracle, `${name}: ordered as the grid is now`);
      if (name === 'attribute') {
        assert.ok(ids.indexOf('p01') < ids.findIndex((id) => id !== 'p01' && category.get(id) === 'jackets'), 'the changed tile before the jackets');
      } else {
        assert.ok(ids.includes('p99'));
      }
      assert.deepEqual(page.problems, []);
      await page.context().close();
    }
  } finally {
    await patient.close();
  }
});

test('an engine that fails before the DOM is ready leaves the tiles unread and unwatched', async () => {
  const page = await shop.newPage();
  await page.addInitScript(() => document.addEventListener('shopkeeper:failed', () => { window.__failedAt = performance.now(); }));
  await page.route('**/*.wasm', (route) => route.abort());
  // The shop's deferred script comes late, and DOMContentLoaded waits for it.
  await page.route('**/shop.js', async (route) => {
    await new Promise((resolve) => setTimeout(resolve, 1500));
    await route.continue();
  });
  await page.goto(`${shop.base}/category/all`);
  await page.locator('body[data-shop-ready]').waitFor();
  const seen = await page.evaluate(() => ({
    failedFirst: window.__failedAt < performance.getEntriesByType('navigation')[0].domContentLoadedEventStart,
    measures: performance.getEntriesByType('measure').map((m) => m.name).filter((n) => n.includes('read')),
    visible: getComputedStyle(document.querySelector('#products')).visibility,
  }));
  assert.deepEqual(seen, { failedFirst: true, measures: [], visible: 'visible' });
  await page.context().close();
});

test('a time-out beyond setTimeout\'s range (data-grid-timeout="Infinity") keeps the grid hidden until it is ordered', async () => {
  const patient = await startShop({ gridTimeout: 'Infinity' });
  try {
    const page = await patient.newPage();
    await visit(page, `${patient.base}/`);
    await dismissWelcome(page);
    for (const id of ['p07', 'p08', 'p09']) await visit(page, `${patient.base}/product/${id}`);
    await watchFrames(page.context());
    await page.route('**/shopkeeper/shopkeeper.wasm', async (route) => {
      await new Promise((resolve) => setTimeout(resolve, 1000));
      await route.continue();
    });
    await page.goto(`${patient.base}/category/all`);
    assert.equal((await page.evaluate(() => window.__shopkeeperOutcome)).ok, true);
    const ranked = await gridIds(page);
    assert.notDeepEqual(ranked, shopOrder);
    const frames = (await page.evaluate(() => window.__frames)).filter((f) => f && f.ids.length);
    assert.ok(frames.length > 0);
    for (const f of frames) if (f.visible) assert.deepEqual(f.ids, ranked, 'no frame shows the grid before it is ordered');
    assert.deepEqual(page.problems, []);
    await page.context().close();
  } finally {
    await patient.close();
  }
});
