// The shared visit cases (tests/cases/visits.json), run through the public JS API:
// the same file drives the Catch2 runner in tests/cpp/test_engine.cpp.

import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { createShopkeeper, memoryStorage } from 'shopkeeper';

const root = new URL('../../', import.meta.url);
const suite = JSON.parse(readFileSync(new URL('tests/cases/visits.json', root), 'utf8'));
const rules = JSON.parse(readFileSync(new URL(suite.rules, root), 'utf8'));

/** Storage that fails on every call, as in a sandboxed frame or with storage disabled. */
const brokenStorage = {
  getItem() { throw new Error('SecurityError'); },
  setItem() { throw new Error('SecurityError'); },
  removeItem() { throw new Error('SecurityError'); },
};

function checkExpectations(expect, res) {
  for (const [key, want] of Object.entries(expect)) {
    const msg = `${key} in ${JSON.stringify(res)}`;
    if (key === 'ok') assert.equal(res.ok, want, msg);
    else if (key === 'errorCode') assert.equal(res.error.code, want, msg);
    else if (['visitCount', 'isNew', 'emailCaptured'].includes(key)) assert.equal(res.visitor[key], want, msg);
    else if (key === 'pageViews') assert.equal(res.session.pageViews, want, msg);
    else if (key === 'sessionIsNew') assert.equal(res.session.isNew, want, msg);
    else if (key === 'shown') assert.deepEqual(res.decisions.map((d) => d.campaign), want, msg);
    else if (key === 'skipped') {
      for (const [campaign, reason] of Object.entries(want)) {
        assert.equal(res.skipped.find((s) => s.campaign === campaign)?.reason, reason, msg);
      }
    } else if (key === 'warnings') assert.deepEqual(res.warnings.map((w) => w.code), want, msg);
    else if (key === 'current' || key === 'first') {
      for (const [field, value] of Object.entries(want)) assert.equal(res.acquisition[key][field], value, msg);
    } else if (key === 'profileStatus' || key === 'handled') assert.equal(res[key], want, msg);
    else assert.fail(`unknown expectation ${key}`);
  }
}

for (const c of suite.cases) {
  test(c.name, async () => {
    const storageDisabled = c.steps.some((s) => s.decide && s.decide.storage === false);
    const storage = storageDisabled ? brokenStorage : memoryStorage();
    if (c.initialProfile && !storageDisabled) storage.setItem('shopkeeper:v1:profile', c.initialProfile);
    let clock;
    const sk = await createShopkeeper({ rules, storage, now: () => clock, onWarning: () => {} });
    try {
      for (const step of c.steps) {
        const input = step.track || step.decide;
        clock = input.now;
        const res = step.track
          ? sk.track(input.name, input.properties)
          : sk.decide({ url: input.url, referrer: input.referrer });
        if (step.expect) checkExpectations(step.expect, res);
      }
    } finally {
      sk.destroy();
    }
  });
}
