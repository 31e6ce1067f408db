// The shared condition cases (tests/cases/conditions.json) through the public JS functions:
// the same file drives the Catch2 runner in tests/cpp/test_condition.cpp.

import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { loadEngine } from 'shopkeeper';

const suite = JSON.parse(readFileSync(new URL('../cases/conditions.json', import.meta.url), 'utf8'));
let engine;
before(async () => {
  engine = await loadEngine();
});
after(() => engine.destroy());

for (const c of suite.cases) {
  test(c.name, () => {
    assert.equal(engine.evaluateCondition(c.condition, c.attributes, c.savedGroups), c.expected);
  });
}

for (const c of suite.invalid) {
  test(`invalid: ${c.name}`, () => {
    const errors = engine.validateCondition(c.condition);
    assert.ok(errors.length > 0, 'reported as invalid');
    assert.equal(errors[0].path, c.errorPath);
    assert.equal(engine.evaluateCondition(c.condition, c.attributes ?? {}), false, 'never matches');
  });
}

test('a compiled set gives the same answers as one condition at a time', () => {
  const sample = suite.cases.filter((c) => !c.savedGroups).slice(0, 100);
  for (const c of sample) {
    const set = engine.compileConditions([c.condition, { $not: c.condition }]);
    assert.deepEqual(set.errors, [], c.name);
    assert.deepEqual(set.evaluate(c.attributes), [c.expected, !c.expected], c.name);
    set.destroy();
  }
});

test('compile errors of a set carry the index of the condition', () => {
  const set = engine.compileConditions([{ a: 1 }, { b: { $bogus: 1 } }]);
  assert.equal(set.size, 2);
  assert.equal(set.errors[0].path, '/1/b/$bogus');
  assert.deepEqual(set.evaluate({ a: 1, b: 1 }), [true, false]);
  set.destroy();
});

test('a compiled set evaluates again against the attributes it holds', () => {
  const set = engine.compileConditions([{ 'cart.value': { $gte: 50 } }, { 'visitor.id': { $inGroup: 'vip' } }]);
  assert.deepEqual(set.evaluateHeld(), [], 'nothing held yet');
  assert.deepEqual(set.evaluate({ cart: { value: 60 }, visitor: { id: 'a' } }, { vip: ['a'] }), [true, true]);
  assert.deepEqual(set.evaluateHeld(), [true, true], 'the held attributes and saved groups');
  assert.deepEqual(set.evaluate({ cart: { value: 10 }, visitor: { id: 'b' } }), [false, false]);
  assert.deepEqual(set.evaluateHeld(), [false, false]);
  assert.deepEqual(set.evaluate('not an object'), []);
  assert.deepEqual(set.evaluateHeld(), []);
  set.destroy();
});
