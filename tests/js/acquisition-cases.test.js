// The shared acquisition cases (tests/cases/acquisition.json) through the public JS
// function: the same file drives the Catch2 runner in tests/cpp/test_acquisition.cpp.

import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { loadEngine } from 'shopkeeper';

const suite = JSON.parse(readFileSync(new URL('../cases/acquisition.json', import.meta.url), 'utf8'));
let engine;
before(async () => {
  engine = await loadEngine();
});
after(() => engine.destroy());

for (const c of suite.cases) {
  test(c.name, () => {
    const res = engine.classifyAcquisition(c.input);
    for (const [key, want] of Object.entries(c.expected)) {
      assert.deepEqual(res[key], want, `${key} in ${JSON.stringify(res)}`);
    }
  });
}

test('a bad request is a clear error, not an exception', () => {
  const res = engine.classifyAcquisition({ url: 42 });
  assert.deepEqual(res.ok, false);
  assert.equal(res.error.path, '/url');
});
