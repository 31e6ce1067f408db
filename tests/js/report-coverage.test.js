// The report's intervals on 100 seeded runs of simulated outcomes (visitors of the four kinds):
// the 95% intervals cover a planted lift at least 93 times, and a zero effect is called
// significant at most 7 times; a broken 50/50 split is flagged. Prints what it measured.

import { test } from 'node:test';
import assert from 'node:assert/strict';
import { sampleRatioMismatch } from 'shopkeeper/report';
import { measureCoverage } from '../../js/simulate/coverage.js';
import { simulateOutcomes } from '../../js/simulate/outcomes.js';

const RUNS = 100;

function report(t, label, tally) {
  const line = `${label}: covered ${tally.covered}/${RUNS}, significant ${tally.significant}/${RUNS}`;
  t.diagnostic(line);
  console.log(line);
}

test('conversion: 100 runs of 20,000 visitors, planted +20% and no effect', (t) => {
  const planted = measureCoverage({ runs: RUNS, visitors: 20000, lift: 1.2, replicates: 0 });
  const none = measureCoverage({ runs: RUNS, visitors: 20000, lift: 1, replicates: 0 });
  report(t, 'conversion, planted +20%', planted.conversion);
  report(t, 'conversion, no effect', none.conversion);
  assert.equal(planted.conversion.undefined + none.conversion.undefined, 0);
  assert.ok(planted.conversion.covered >= 93, `coverage ${planted.conversion.covered}/100`);
  assert.ok(none.conversion.significant <= 7, `false positives ${none.conversion.significant}/100`);
  assert.ok(planted.conversion.significant > none.conversion.significant * 3, 'a real effect is found more often');
});

test('revenue per visitor: 100 runs of 5,000 visitors, 300 bootstrap replicates, planted +20% and no effect', (t) => {
  const planted = measureCoverage({ runs: RUNS, visitors: 5000, lift: 1.2, replicates: 300 });
  const none = measureCoverage({ runs: RUNS, visitors: 5000, lift: 1, replicates: 300 });
  report(t, 'revenue per visitor, planted +20%', planted.revenue);
  report(t, 'revenue per visitor, no effect', none.revenue);
  assert.ok(planted.revenue.covered >= 93, `coverage ${planted.revenue.covered}/100`);
  assert.ok(none.revenue.significant <= 7, `false positives ${none.revenue.significant}/100`);
});

test('a broken 50/50 split is flagged, a sound one is not', () => {
  const groups = (list) => [list.filter((v) => v.group === 'control').length, list.filter((v) => v.group === 'treatment').length];
  let flaggedSound = 0;
  let flaggedBroken = 0;
  for (let seed = 1; seed <= RUNS; seed++) {
    const sound = simulateOutcomes({ visitors: 20000, controlShare: 0.5, seed }).visitors;
    if (sampleRatioMismatch(...groups(sound), 0.5).pValue < 0.001) flaggedSound++;
    // 10% of the treatment's exposures never logged (say, a tracking call that only the popup makes).
    const broken = sound.filter((v, i) => v.group === 'control' || i % 10 !== 0);
    if (sampleRatioMismatch(...groups(broken), 0.5).pValue < 0.001) flaggedBroken++;
  }
  console.log(`sample ratio: ${flaggedBroken}/${RUNS} broken splits flagged, ${flaggedSound}/${RUNS} sound ones`);
  assert.ok(flaggedSound <= 1, `${flaggedSound} sound splits flagged`);
  assert.ok(flaggedBroken >= 99, `${flaggedBroken} broken splits flagged`);
});
