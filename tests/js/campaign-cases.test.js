// The shared campaign cases (tests/cases/campaigns.json) through the public JS engine:
// the same file drives the Catch2 runner in tests/cpp/test_campaigns.cpp.

import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { loadEngine } from 'shopkeeper';

const suite = JSON.parse(readFileSync(new URL('../cases/campaigns.json', import.meta.url), 'utf8'));
const engine = await loadEngine();

/** True when every key of `want` matches in `got`; arrays match element-wise with equal length. */
function subset(got, want) {
  if (Array.isArray(want)) return Array.isArray(got) && got.length === want.length && want.every((w, i) => subset(got[i], w));
  if (want !== null && typeof want === 'object') {
    return got !== null && typeof got === 'object' && !Array.isArray(got) && Object.entries(want).every(([k, w]) => subset(got[k], w));
  }
  return got === want;
}

function check(expect, res) {
  const msg = (key) => `${key} in ${JSON.stringify(res)}`;
  for (const [key, want] of Object.entries(expect)) {
    if (key === 'shown') assert.deepEqual(res.decisions.map((d) => d.campaign), want, msg(key));
    else if (key === 'skipped') {
      for (const [campaign, reason] of Object.entries(want)) assert.equal(res.skipped.find((s) => s.campaign === campaign)?.reason, reason, msg(key));
    } else if (key === 'decisions') {
      for (const [campaign, part] of Object.entries(want)) assert.ok(subset(res.decisions.find((d) => d.campaign === campaign), part), msg(key));
    } else if (key === 'exposures') assert.deepEqual(res.exposures, want, msg(key));
    else if (key === 'warnings') assert.deepEqual(res.warnings.map((w) => w.code), want, msg(key));
    else if (key === 'failedChecks') assert.deepEqual(res.checks.filter((c) => !c.passed).map((c) => c.check), want, msg(key));
    else if (key === 'explain') assert.ok(subset(res, want), msg(key));
    else if (key === 'ok' || key === 'error' || key === 'boosts') assert.ok(subset(res[key], want), msg(key));
    else assert.fail(`unknown expectation ${key}`);
  }
}

for (const c of suite.cases) {
  test(c.name, () => {
    assert.equal(engine.load(c.rules).ok, true, JSON.stringify(engine.load(c.rules)));
    if (c.feed) assert.equal(engine.setFeed(c.feed).ok, true);
    else engine.setFeed('');
    let profile = null;
    for (const step of c.steps) {
      const kind = Object.keys(step).find((k) => k !== 'expect');
      const res = engine[kind]({ ...step[kind], profile, newId: c.visitorId || 'visitor-1' });
      if (kind !== 'explain') {
        assert.equal(res.ok, true, JSON.stringify(res));
        profile = res.profile;
      }
      if (step.expect) check(step.expect, res);
    }
  });
}
