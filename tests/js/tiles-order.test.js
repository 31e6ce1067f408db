// The fewest moves that put a grid in order: which nodes stay (js/ui/tiles.js, stayingPut).

import { test } from 'node:test';
import assert from 'node:assert/strict';
import { stayingPut } from '../../js/ui/tiles.js';

/** The length of a longest increasing subsequence, the slow and obvious way. */
function longestIncreasing(values) {
  const best = values.map(() => 1);
  for (let i = 0; i < values.length; i++) {
    for (let j = 0; j < i; j++) if (values[j] < values[i]) best[i] = Math.max(best[i], best[j] + 1);
  }
  return Math.max(0, ...best);
}

const staying = (indexes) => Array.from(stayingPut(indexes));

test('nodes already in order all stay; nothing is returned for nothing', () => {
  assert.deepEqual(staying([0, 1, 2, 3]), [1, 1, 1, 1]);
  assert.deepEqual(staying([]), []);
});

test('one tile brought to the front or sent to the back moves alone', () => {
  assert.deepEqual(staying([4, 0, 1, 2, 3]), [0, 1, 1, 1, 1]);
  assert.deepEqual(staying([1, 2, 3, 4, 0]), [1, 1, 1, 1, 0]);
  assert.deepEqual(staying([0, 3, 1, 2, 4]), [1, 0, 1, 1, 1]);
});

test('a reversed grid keeps one node', () => {
  assert.equal(staying([4, 3, 2, 1, 0]).reduce((a, b) => a + b), 1);
});

test('on random orders, the nodes that stay are in order and as many as can be', () => {
  let seed = 7;
  const random = (n) => (seed = (seed * 1103515245 + 12345) % 2147483648) % n;
  for (let round = 0; round < 300; round++) {
    const n = random(40);
    const indexes = Array.from({ length: n }, (_, i) => i);
    for (let i = n - 1; i > 0; i--) {
      const j = random(i + 1);
      [indexes[i], indexes[j]] = [indexes[j], indexes[i]];
    }
    const stay = staying(indexes);
    const kept = indexes.filter((_, i) => stay[i]);
    assert.ok(kept.every((value, i) => i === 0 || kept[i - 1] < value), `in order: ${indexes}`);
    assert.equal(kept.length, longestIncreasing(indexes), `as many as can be: ${indexes}`);
  }
});
