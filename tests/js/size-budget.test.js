// The size budget of package.json against the built files (run after the build): each artefact
// within its brotli limit, and what a page loads before its first decision within the issue's
// budget. Rarely used parts stay out of the first load.

import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { ROOT, sizeBudget, sizesOf } from '../../bench/sizes.mjs';

const budget = sizeBudget();
const pkg = JSON.parse(readFileSync(new URL('package.json', ROOT), 'utf8'));
const read = (path) => readFileSync(new URL(path, ROOT), 'utf8');

test('every file the package ships that a page or bundler loads has a brotli limit', () => {
  const shipped = pkg.files.filter((f) => f.startsWith('dist/') && !f.endsWith('.d.cts'));
  assert.deepEqual(Object.keys(budget.artefacts).sort(), shipped.sort());
});

for (const [file, limit] of Object.entries(budget.artefacts)) {
  test(`${file} is within ${limit} bytes brotli`, () => {
    const { brotli } = sizesOf(file);
    assert.ok(brotli <= limit, `${file}: ${brotli} bytes brotli, over its ${limit}`);
  });
}

test(`what a page loads before its first decision is within ${budget.firstDecision.brotli} bytes brotli`,
  { todo: 'not met: 111.9 KB, of which the wasm engine alone is 92.9 KB (README, Size)' }, () => {
    const total = budget.firstDecision.files.reduce((sum, f) => sum + sizesOf(f).brotli, 0);
    assert.ok(total <= budget.firstDecision.brotli, `${total} bytes brotli, over the budget of ${budget.firstDecision.brotli}`);
  });

test('the debug overlay is not in the script tag build, only in its own module (and the single file)', () => {
  const marker = 'Shopkeeper debug';
  assert.ok(read('dist/shopkeeper.debug.js').includes(marker));
  assert.ok(!read('dist/shopkeeper.js').includes(marker));
  assert.ok(!read('dist/index.mjs').includes(marker));
  assert.ok(read('dist/shopkeeper.single.js').includes(marker));
  assert.ok(read('dist/shopkeeper.js').includes('shopkeeper.debug.js'), 'the script knows where to fetch it');
});

test('sending events, route watching and geolocation are fetched after the first decision, not in the script tag build', () => {
  for (const marker of ['sendBeacon', 'pushState', 'getCurrentPosition']) {
    assert.ok(read('dist/shopkeeper.later.js').includes(marker), marker);
    assert.ok(!read('dist/shopkeeper.js').includes(marker), marker);
    assert.ok(read('dist/shopkeeper.single.js').includes(marker), `${marker}: the single file has everything`);
    assert.ok(read('dist/index.mjs').includes(marker), `${marker}: the npm build has it bundled`);
  }
  assert.ok(read('dist/shopkeeper.js').includes('shopkeeper.later.js'), 'the script knows where to fetch it');
});

test('the presenter comes with the renderers, when a campaign shows', () => {
  const marker = 'Promotion Viewed';
  assert.ok(read('dist/shopkeeper.ui.js').includes(marker));
  assert.ok(!read('dist/shopkeeper.js').includes(marker));
  assert.ok(!read('dist/index.mjs').includes(marker), 'the npm build imports it with the renderers');
});
