// engine.hash against GrowthBook's own test values (tests/cases/hash.json), the same
// file tests/cpp/test_bucketing.cpp reads.

import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { loadEngine } from 'shopkeeper';

const suite = JSON.parse(readFileSync(new URL('../cases/hash.json', import.meta.url), 'utf8'));
const engine = await loadEngine();

for (const group of ['growthbook', 'growthbookExperiments', 'unicode']) {
  test(`hash values: ${group}`, () => {
    for (const [seed, value, version, expected] of suite[group].cases) {
      assert.equal(engine.hash(seed, value, version), expected, JSON.stringify([seed, value, version]));
    }
  });
}

test('an unsupported hash version is null, whatever the input', () => {
  assert.equal(engine.hash('a', 'b', 0), null);
  assert.equal(engine.hash('a', 'b', '2'), null);
  assert.equal(engine.hash('a', 'b'), null);
});
