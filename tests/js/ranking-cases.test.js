// The shared ranking cases (tests/cases/ranking.json), run through the public JS API: the same
// file drives the Catch2 runner in tests/cpp/test_ranking.cpp.

import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { createShopkeeper, memoryStorage } from 'shopkeeper';

const suite = JSON.parse(readFileSync(new URL('../cases/ranking.json', import.meta.url), 'utf8'));

const rulesWith = (ranking) => ({ version: 1, settings: { ranking: ranking ?? {} }, campaigns: [] });

for (const c of suite.cases) {
  test(c.name, async () => {
    let clock;
    const sk = await createShopkeeper({ rules: rulesWith(c.settings), storage: memoryStorage(), now: () => clock, onWarning: () => {} });
    try {
      assert.equal(sk.rules.ok, true);
      for (const step of c.steps) {
        const input = step.track || step.decide;
        clock = input.now;
        const res = step.track ? sk.track(input.name, input.properties) : sk.decide({ url: input.url, ...input.page });
        assert.equal(res.ok, true);
      }
      const ranked = sk.rank(c.tiles);
      assert.deepEqual(ranked.map((r) => r.id), c.order);
      for (const [id, reasons] of Object.entries(c.reasons || {})) {
        assert.deepEqual(ranked.find((r) => r.id === id).reasons, reasons, `reasons of ${id}`);
      }
    } finally {
      sk.destroy();
    }
  });
}

test('invalid settings.ranking is reported with JSON paths', async () => {
  for (const c of suite.invalidSettings) {
    const sk = await createShopkeeper({ rules: rulesWith(c.ranking), storage: memoryStorage(), onWarning: () => {} });
    const got = sk.rules.errors.map((e) => `${e.code} ${e.path}`).sort();
    assert.deepEqual(got, c.errors.map((e) => `${e.code} ${e.path}`).sort());
    sk.destroy();
  }
});
