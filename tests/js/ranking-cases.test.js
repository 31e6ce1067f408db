// The shared ranking cases (tests/cases/ranking.json) through the JS engine API, as the Catch2
// runner in tests/cpp/test_ranking.cpp runs them through the C++ one: same requests, same tiles.

import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { loadEngine, rankReasons } from 'shopkeeper';

const suite = JSON.parse(readFileSync(new URL('../cases/ranking.json', import.meta.url), 'utf8'));

const rulesWith = (ranking, campaigns) => ({ version: 1, settings: { ranking: ranking ?? {} }, campaigns: campaigns ?? [] });

function request(step, profile) {
  const req = { now: step.now, profile, newId: 'visitor-1' };
  if (step.name) return { ...req, name: step.name, properties: step.properties ?? {} };
  return { ...req, page: { ...step.page, url: step.url ?? '' }, ...(step.location ? { location: step.location } : {}) };
}

for (const c of suite.cases) {
  test(c.name, async () => {
    const engine = await loadEngine();
    try {
      assert.equal(engine.load(rulesWith(c.settings, c.campaigns)).ok, true);
      if (c.feed) assert.equal(engine.setFeed(c.feed).ok, true);
      let profile = null;
      for (const step of c.steps) {
        const res = step.track ? engine.track(request(step.track, profile)) : engine.decide(request(step.decide, profile));
        assert.equal(res.ok, true, JSON.stringify(res));
        profile = res.profile;
      }
      const ranked = engine.rankTiles(engine.encodeTiles(c.tiles));
      assert.deepEqual(Array.from(ranked.order, (i) => c.tiles[i].id), c.order);
      for (const [id, reasons] of Object.entries(c.reasons || {})) {
        const bits = ranked.reasons[c.tiles.findIndex((t) => t.id === id)];
        assert.deepEqual(rankReasons.filter((_, bit) => bits & (1 << bit)), reasons, `reasons of ${id}`);
      }
    } finally {
      engine.destroy();
    }
  });
}

test('invalid settings.ranking is reported with JSON paths', async () => {
  const engine = await loadEngine();
  for (const c of suite.invalidSettings) {
    const got = engine.load(rulesWith(c.ranking)).errors.map((e) => `${e.code} ${e.path}`).sort();
    assert.deepEqual(got, c.errors.map((e) => `${e.code} ${e.path}`).sort());
  }
  engine.destroy();
});
