// The report's statistics on numbers checked by hand (Python's math.erfc and the textbook
// formulas): erfc, the normal quantile, the conversion lift interval, the sample-ratio test and
// the Poisson bootstrap's weights.

import { test } from 'node:test';
import assert from 'node:assert/strict';
import { bootstrapRatioLift, conversionLift, erfc, normalQuantile, sampleRatioMismatch } from 'shopkeeper/report';
import { poissonWeight, percentileIndices, replicateKey } from '../../js/report/bootstrap.js';

const close = (actual, expected, tolerance, what) =>
  assert.ok(Math.abs(actual - expected) <= tolerance, `${what}: ${actual} is not within ${tolerance} of ${expected}`);

test('erfc agrees with Python math.erfc to its 1.2e-7 fractional error', () => {
  for (const [x, expected] of [[0, 1], [0.5, 0.4795001221869535], [1, 0.15729920705028513], [2, 0.004677734981047265],
    [5, 1.5374597944280349e-12]]) {
    close(erfc(x), expected, 1.2e-7 * expected, `erfc(${x})`);
  }
  close(erfc(-1), 2 - 0.15729920705028513, 1e-7, 'erfc(-1)');
});

test('the normal quantile gives the z of common intervals', () => {
  close(normalQuantile(0.975), 1.959963984540054, 1e-8, 'z 95%');
  close(normalQuantile(0.995), 2.5758293035489004, 1e-8, 'z 99%');
  close(normalQuantile(0.5), 0, 1e-12, 'median');
  close(normalQuantile(0.001), -3.090232306167813, 1e-8, 'far tail');
  assert.throws(() => normalQuantile(1), RangeError);
});

test('conversion lift: the delta method on log relative risk, as worked by hand', () => {
  const z = 1.959963984540054;
  // 40/1000 against 20/1000: RR = 2, se = sqrt(1/40 - 1/1000 + 1/20 - 1/1000) = sqrt(0.073).
  const a = conversionLift(40, 1000, 20, 1000, z);
  close(a.estimate, 1, 1e-12, 'estimate');
  close(a.lower, 0.17773614294354, 1e-9, 'lower');
  close(a.upper, 2.3963464770663467, 1e-9, 'upper');
  close(a.pValue, 0.010304123564660133, 2e-8, 'p');
  // 5/10 against 2/10: RR = 2.5, se = sqrt(0.5).
  const b = conversionLift(5, 10, 2, 10, z);
  close(b.estimate, 1.5, 1e-12, 'estimate');
  close(b.lower, -0.3747558668502341, 1e-9, 'lower');
  close(b.upper, 8.996095394793457, 1e-9, 'upper');
  close(b.pValue, 0.1950337911464613, 2e-8, 'p');
  // A drop is a negative lift with the interval the other way round.
  const c = conversionLift(20, 1000, 40, 1000, z);
  close(c.estimate, -0.5, 1e-12, 'estimate');
  close(c.upper, 1 / 1.17773614294354 - 1, 1e-9, 'upper mirrors lower');
});

test('conversion lift is undefined without conversions in a group', () => {
  assert.equal(conversionLift(0, 100, 5, 100, 1.96), null);
  assert.equal(conversionLift(5, 100, 0, 100, 1.96), null);
  assert.equal(conversionLift(0, 0, 0, 0, 1.96), null);
});

test('sample-ratio mismatch: 30/70 against a 10% holdout is flagged, an even split is not', () => {
  const broken = sampleRatioMismatch(30, 70, 0.1);
  close(broken.chiSquare, 44.44444444444444, 1e-9, 'chi-square');
  close(broken.pValue, 2.6167849372106007e-11, 1.2e-7 * 2.6167849372106007e-11, 'p');
  const fine = sampleRatioMismatch(500, 500, 0.5);
  assert.equal(fine.chiSquare, 0);
  close(fine.pValue, 1, 1e-7, 'p');
  // 5,200 / 4,800 against 50/50: chi-square 16, p = 6.3e-5.
  const skewed = sampleRatioMismatch(5200, 4800, 0.5);
  close(skewed.chiSquare, 16, 1e-9, 'chi-square');
  close(skewed.pValue, 6.334248366623996e-5, 1e-11, 'p');
  assert.equal(sampleRatioMismatch(0, 0, 0.5), null);
  assert.equal(sampleRatioMismatch(10, 10, null), null);
  assert.equal(sampleRatioMismatch(10, 10, 1), null);
});

test('Poisson weights have mean 1 and variance 1, independently of the replicate', () => {
  for (const r of [0, 1, 977]) {
    const key = replicateKey(12345, r);
    let sum = 0;
    let squares = 0;
    const n = 200000;
    for (let i = 0; i < n; i++) {
      const w = poissonWeight(key, i);
      sum += w;
      squares += w * w;
    }
    const mean = sum / n;
    close(mean, 1, 0.01, `mean of replicate ${r}`);
    close(squares / n - mean * mean, 1, 0.02, `variance of replicate ${r}`);
  }
  // P(0) = e^-1 for each visitor across replicates too.
  let zeros = 0;
  for (let r = 0; r < 100000; r++) if (poissonWeight(replicateKey(7, r), 42) === 0) zeros++;
  close(zeros / 100000, Math.exp(-1), 0.005, 'P(weight 0)');
});

test('percentile ends are the 51st and 1950th of 2000 sorted replicates', () => {
  assert.deepEqual(percentileIndices(2000, 0.95), { lower: 50, upper: 1949 });
  assert.deepEqual(percentileIndices(1000, 0.9), { lower: 50, upper: 949 });
});

test('the bootstrap interval is seeded, brackets the estimate, and is unbounded without control revenue', () => {
  const treated = [];
  const values = [];
  for (let i = 0; i < 4000; i++) {
    treated.push(i % 2);
    values.push(i % 25 === 0 ? 40 + (i % 7) * 10 : 0);
  }
  const options = { replicates: 500, seed: 3, confidence: 0.95 };
  const a = bootstrapRatioLift(treated, values, options);
  assert.deepEqual(bootstrapRatioLift(treated, values, options), a, 'the same seed gives the same interval');
  assert.notDeepEqual(bootstrapRatioLift(treated, values, { ...options, seed: 4 }), a, 'another seed another');
  const mean = (t) => values.filter((_, i) => treated[i] === t).reduce((s, v) => s + v, 0) / (values.length / 2);
  const estimate = mean(1) / mean(0) - 1;
  assert.ok(a.lower < estimate && estimate < a.upper, `${a.lower} < ${estimate} < ${a.upper}`);
  const none = bootstrapRatioLift([0, 0, 1, 1], [0, 0, 5, 0], options);
  assert.deepEqual(none, { lower: null, upper: null });
});

test('the splits of a rules document: holdout campaigns only, whatever else the list holds', async () => {
  const { splitsFromRules } = await import('../../js/report/splits.js');
  const rules = { campaigns: [null, 7, { id: 'a', holdout: { percent: 10 } }, { id: 'b' }, { id: 'c', holdout: { percent: 100 } }] };
  assert.deepEqual([...splitsFromRules(rules)], [['a', 0.1]]);
  assert.deepEqual([...splitsFromRules(null)], []);
});
