// Triggers in Chromium on the demo shop, with real input: the pointer leaving through the top,
// a fast scroll back up on a phone, scrolling down, sitting idle, delays; and route changes of a
// single-page app. Each fires once; cancel() stops it.

import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { startShop } from './harness.js';
import { addRenderers } from './ui-support.js';

let shop;
before(async () => {
  shop = await startShop();
});
after(async () => {
  await shop.close();
});

/** A long demo page (the jackets grid, tall enough to scroll) with the triggers loaded. */
async function shopPage(contextOptions = {}) {
  const page = await shop.newPage({ viewport: { width: 1000, height: 600 }, ...contextOptions });
  await page.route('**/rules/welcome.json', (route) => route.fulfill({ contentType: 'application/json', body: '{"version":1,"campaigns":[]}' }));
  await page.goto(`${shop.base}/`);
  await page.evaluate(() => window.__shopkeeperOutcome);
  await page.evaluate(() => { document.querySelector('main').style.minHeight = '4000px'; });
  await addRenderers(page);
  return page;
}

/** Arms `trigger`; window.__fired counts its firings. */
const arm = (page, trigger, mobile = false) => page.evaluate(([t, m]) => {
  window.__fired = 0;
  window.__cancel = window.__ui.armTrigger({ campaign: 'c', trigger: t }, () => { window.__fired += 1; }, { window, mobile: m });
}, [trigger, mobile]);
const fired = (page) => page.evaluate(() => window.__fired);

test('pageView fires after its delay, once', async () => {
  const page = await shopPage();
  await page.clock.install();
  await arm(page, { type: 'pageView', delaySeconds: 3 });
  await page.clock.runFor(2900);
  assert.equal(await fired(page), 0);
  await page.clock.runFor(200);
  assert.equal(await fired(page), 1);
  await page.clock.runFor(10000);
  assert.equal(await fired(page), 1);
  await page.context().close();
});

test('scrollDepth fires when that share of the page has been seen', async () => {
  const page = await shopPage();
  await arm(page, { type: 'scrollDepth', percent: 50 });
  await page.mouse.move(500, 300);
  await page.mouse.wheel(0, 800);
  await page.waitForFunction(() => window.scrollY >= 800);
  assert.equal(await fired(page), 0, 'not yet half way');
  await page.mouse.wheel(0, 1500);
  await page.waitForFunction(() => window.__fired === 1);
  await page.context().close();
});

test('exit intent on a desktop: the pointer leaving through the top, not the sides', async () => {
  const page = await shopPage();
  await arm(page, { type: 'exitIntent' });
  await page.mouse.move(500, 300);
  await page.mouse.move(999, 300);
  await page.mouse.move(1200, 300, { steps: 2 }); // out through the right edge
  assert.equal(await fired(page), 0);
  await page.mouse.move(500, 100);
  await page.mouse.move(500, -20, { steps: 3 }); // towards the tabs and the address bar
  await page.waitForFunction(() => window.__fired === 1);
  await page.context().close();
});

test('exit intent on a phone: a fast scroll back up, not a slow one', async () => {
  const page = await shopPage({ viewport: { width: 360, height: 640 }, isMobile: true, hasTouch: true });
  await arm(page, { type: 'exitIntent' }, true);
  await page.evaluate(() => window.scrollTo(0, 2000));
  await page.waitForTimeout(400);
  for (let y = 1960; y >= 1700; y -= 40) { // slowly, as when reading back
    await page.evaluate((to) => window.scrollTo(0, to), y);
    await page.waitForTimeout(120);
  }
  assert.equal(await fired(page), 0, 'a slow scroll up is reading');
  await page.waitForTimeout(400);
  await page.evaluate(() => window.scrollTo(0, 1600));
  await page.evaluate(() => window.scrollTo(0, 900)); // a flick towards the address bar
  await page.waitForFunction(() => window.__fired === 1);
  await page.context().close();
});

test('inactivity fires after that long without input; input starts the wait again', async () => {
  const page = await shopPage();
  await page.clock.install();
  await arm(page, { type: 'inactivity', seconds: 20 });
  await page.clock.runFor(15000);
  await page.keyboard.press('Shift'); // a key that does not scroll: smooth scrolling would go on under the fake clock
  await page.clock.runFor(15000);
  assert.equal(await fired(page), 0, 'the key press restarted the wait');
  await page.clock.runFor(5500);
  assert.equal(await fired(page), 1);
  await page.context().close();
});

test('cancel() stops a trigger before it fires', async () => {
  const page = await shopPage();
  await arm(page, { type: 'exitIntent' });
  await page.evaluate(() => window.__cancel());
  await page.mouse.move(500, 100);
  await page.mouse.move(500, -20, { steps: 3 });
  await page.waitForTimeout(100);
  assert.equal(await fired(page), 0);
  await page.context().close();
});

test('route changes: pushState, replaceState and back, each once; fragments are not routes', async () => {
  const page = await shopPage();
  // The SDK's own watcher comes with the part fetched after the first decision: once it has wrapped
  // pushState, so that it cannot wrap the test's watcher later and keep it from unwrapping.
  await page.waitForFunction(() => window.shopkeeper.syncStats().senderReady);
  await page.evaluate(() => {
    window.__original = history.pushState;
    window.__routes = [];
    window.__stop = window.__ui.watchRouteChanges((url, previous) => window.__routes.push([new URL(url).pathname + new URL(url).hash, new URL(previous).pathname]));
  });
  const routes = () => page.evaluate(() => new Promise((resolve) => setTimeout(() => resolve(window.__routes), 20)));
  await page.evaluate(() => history.pushState({}, '', '/category/boots'));
  await page.evaluate(() => history.replaceState({}, '', '/category/boots#reviews'));
  await page.evaluate(() => history.replaceState({}, '', '/category/hats'));
  assert.deepEqual(await routes(), [['/category/boots', '/'], ['/category/hats', '/category/boots']]);
  await page.goBack(); // replaceState replaced the entry of /category/boots
  assert.deepEqual((await routes()).at(-1), ['/', '/category/hats']);
  await page.evaluate(() => { location.hash = '#/checkout'; });
  assert.deepEqual((await routes()).at(-1), ['/#/checkout', '/']);
  await page.evaluate(() => window.__stop());
  await page.evaluate(() => history.pushState({}, '', '/cart'));
  assert.equal((await routes()).length, 4, 'nothing after stop()');
  assert.equal(await page.evaluate(() => history.pushState === window.__original), true, 'what was there before is back');
  assert.deepEqual(page.problems, []);
  await page.context().close();
});
