// A localStorage filled to Chromium's quota by the shop's own data: the profile is compacted to
// fit, or kept in memory when nothing fits; the page never sees an error.

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

/** Fills localStorage with filler:N keys until not even one more character fits; returns the characters written. */
const fillToQuota = (page) => page.evaluate(() => {
  let n = 0;
  let written = 0;
  for (let size = 1 << 23; size >= 1; size >>= 1) {
    const chunk = 'x'.repeat(size);
    for (;;) {
      try {
        localStorage.setItem(`filler:${n}`, chunk);
      } catch {
        break;
      }
      n++;
      written += size;
    }
  }
  return written;
});

const fillerChars = (page) => page.evaluate(() => Object.keys(localStorage)
  .filter((k) => k.startsWith('filler:')).reduce((sum, k) => sum + localStorage.getItem(k).length, 0));

/** Records the SDK's console warnings of `page`. */
function warningsOf(page) {
  const seen = [];
  page.on('console', (msg) => {
    if (msg.type() === 'warning' && msg.text().startsWith('[shopkeeper]')) seen.push(msg.text());
  });
  return seen;
}

test('a full storage gets the profile compacted: history shed, the visitor and the dismissal kept', async () => {
  const page = await shop.newPage();
  const warnings = warningsOf(page);
  await visit(page, `${shop.base}/`);
  await page.getByRole('dialog').waitFor();
  await page.keyboard.press('Escape'); // dismisses the welcome popup
  await page.evaluate(() => {
    for (let i = 0; i < 300; i++) {
      window.shopkeeper.track('Product Viewed', { product_id: `archive-${i}-of-the-winter-range`, category: `category-${i % 25}`,
        brand: `brand-${i % 28}`, price: 20 + i, tags: [`tag-${i % 38}`, 'winter'] });
    }
  });
  await page.waitForFunction(() => window.shopkeeper.syncStats().queued === 0);
  const before = await page.evaluate(() => localStorage.getItem('shopkeeper:v1:profile'));
  assert.ok(before.length > 6000, `a heavy profile: ${before.length} chars`);

  const filled = await fillToQuota(page);
  assert.ok(filled > 1e6, `filled ${filled} chars`);
  const { ok, detail } = await visit(page, `${shop.base}/product/p07`);
  assert.equal(ok, true);
  const after = await page.evaluate(() => localStorage.getItem('shopkeeper:v1:profile'));
  assert.ok(after.length <= 4096, `compacted to ${after.length} chars`);
  const [was, now] = [JSON.parse(before), JSON.parse(after)];
  assert.equal(now.id, was.id);
  assert.equal(now.session.number, was.session.number);
  assert.equal(now.viewed.at(-1)[0], 'p07', 'the newest view is kept');
  assert.ok(now.campaigns.welcome[4] > 0, 'the dismissal is kept');
  assert.equal(detail.visitor.id, was.id);
  assert.equal(await fillerChars(page), filled, "the shop's own data is untouched");
  assert.ok(warnings.some((w) => w.includes('profile_compacted')), warnings.join('\n'));

  const again = await visit(page, `${shop.base}/`);
  assert.deepEqual(again.detail.decisions, [], 'the dismissed popup stays away');
  assert.equal(await page.locator('[data-shopkeeper-popup]').count(), 0);
  assert.deepEqual(page.problems, []);
  await page.context().close();
});

test('when nothing fits, the profile lives in memory for the page, reported once, and the page keeps working', async () => {
  const page = await shop.newPage();
  const warnings = warningsOf(page);
  await page.goto(`${shop.base}/favicon.svg`); // same origin, no SDK
  await fillToQuota(page);
  const { ok, detail } = await visit(page, `${shop.base}/category/boots`);
  assert.equal(ok, true);
  assert.equal(await page.evaluate(() => localStorage.getItem('shopkeeper:v1:profile')), null);
  const later = await page.evaluate(() => {
    window.shopkeeper.track('Product Viewed', { product_id: 'p07', category: 'boots' });
    return window.shopkeeper.decide();
  });
  assert.equal(later.ok, true);
  assert.equal(later.visitor.id, detail.visitor.id, 'the same visitor, from memory');
  assert.equal(later.session.pageViews, 2);
  assert.deepEqual(later.decisions, []);
  assert.deepEqual((await page.evaluate(() => window.shopkeeper.profile())).viewed.map((v) => v[0]), ['p07']);
  assert.equal(warnings.filter((w) => w.includes('storage_quota_exceeded')).length, 1, warnings.join('\n'));
  assert.deepEqual(page.problems, []);
  await page.context().close();
});
