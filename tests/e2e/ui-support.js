// Helpers of the browser tests of popups: the renderers bundled for unit-level tests (a fixture
// action fed straight to a renderer), axe-core, and a layout-shift meter.

import { build } from 'esbuild';
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { waitFor } from './harness.js';

const root = fileURLToPath(new URL('../../', import.meta.url));
let bundled = null;

/** The presenter, renderers, triggers, route watching and coupon client as one script defining window.__ui. */
async function rendererScript() {
  bundled ??= build({
    stdin: {
      contents: `export { createPresenter } from './js/ui/presenter.js';
        export { renderAction } from './js/ui/render.js';
        export { couponClient } from './js/coupon-client.js';
        export { priceFormatter } from './js/ui/price.js';
        export { armTrigger } from './js/triggers.js';
        export { watchRouteChanges } from './js/route-changes.js';`,
      resolveDir: root,
    },
    bundle: true, write: false, format: 'iife', globalName: '__ui', target: 'es2020',
  }).then((result) => result.outputFiles[0].text);
  return bundled;
}

/**
 * Adds window.__ui (createPresenter, renderAction, couponClient, priceFormatter, armTrigger,
 * watchRouteChanges) to the page.
 */
// Evaluated, not added as a script tag: the demo's pages run under a strict CSP (no inline scripts).
export async function addRenderers(page) {
  await page.evaluate(await rendererScript());
}

/** A page of `shop` (see harness.js) where the SDK shows nothing on its own, with the renderers loaded. */
export async function blankShop(shop, contextOptions) {
  const page = await shop.newPage(contextOptions);
  await page.route('**/rules/welcome.json', (route) => route.fulfill({ contentType: 'application/json', body: '{"version":1,"campaigns":[]}' }));
  await page.goto(`${shop.base}/`);
  await page.evaluate(() => window.__shopkeeperOutcome);
  await addRenderers(page);
  return page;
}

/**
 * Holds the page's requests to the coupon endpoint unanswered. Returns answer(status, body), which
 * waits for the oldest held request and answers it with `body` as JSON.
 */
export async function holdCoupons(page) {
  const held = [];
  await page.route('**/v1/coupons', (route) => {
    held.push(route);
  });
  return async (status, body) => {
    await waitFor('a coupon request', () => held.length > 0, 10000);
    await held.shift().fulfill({ status, contentType: 'application/json', body: JSON.stringify(body) });
  };
}

/**
 * Runs axe-core on the elements matching `selector` (their shadow trees included) and returns
 * the violations as "rule: target" strings.
 */
export async function axeViolations(page, selector) {
  if (!(await page.evaluate(() => typeof window.axe === 'object'))) {
    await page.evaluate(readFileSync(`${root}node_modules/axe-core/axe.min.js`, 'utf8'));
  }
  return page.evaluate(async (sel) => {
    // Colours are measured as painted: let opening animations finish first.
    const hosts = [...document.querySelectorAll(sel)].filter((h) => h.shadowRoot);
    await Promise.all(hosts.flatMap((h) => h.shadowRoot.getAnimations().map((a) => a.finished)));
    const result = await window.axe.run({ include: [[sel]] }, { resultTypes: ['violations'] });
    return result.violations.flatMap((v) => v.nodes.map((n) => `${v.id}: ${JSON.stringify(n.target)} ${n.failureSummary}`));
  }, selector);
}

/** Waits until the opening animations of the popups, banner and slots on the page are over. */
export function settled(page) {
  return page.evaluate(() => Promise.all([...document.querySelectorAll('[data-shopkeeper-popup], [data-shopkeeper-banner]')]
    .flatMap((h) => h.shadowRoot.getAnimations().map((a) => a.finished))));
}

function observeLayoutShift() {
  window.__layoutShift = 0;
  new PerformanceObserver((list) => {
    for (const entry of list.getEntries()) {
      if (entry.hadRecentInput) continue;
      window.__layoutShift += entry.value;
      console.info('layout shift', entry.value, entry.sources.map((s) => s.node && (s.node.outerHTML || s.node.nodeName).slice(0, 80)).join(' | '));
    }
  }).observe({ type: 'layout-shift', buffered: true });
}

/** Starts summing layout shifts (without recent input) in the page now; read it with layoutShift(). */
export function watchLayoutShift(page) {
  return page.evaluate(observeLayoutShift);
}

/** Sums the layout shifts of every page `page` loads from now on, from its first paint (its CLS). */
export function recordLayoutShifts(page) {
  return page.addInitScript(observeLayoutShift);
}

/** The layout shift summed since watchLayoutShift(), after two frames have been painted. */
export function layoutShift(page) {
  return page.evaluate(() => new Promise((resolve) => {
    requestAnimationFrame(() => requestAnimationFrame(() => setTimeout(() => resolve(window.__layoutShift), 50)));
  }));
}
