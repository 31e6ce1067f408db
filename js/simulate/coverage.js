// How often the report's intervals cover a planted lift, over seeded runs of simulated outcomes:
// the check that a 95% interval is a 95% interval, and that no effect is seldom called one.

import { bootstrapRatioLift } from '../report/bootstrap.js';
import { conversionLift, normalQuantile } from '../report/stats.js';
import { simulateOutcomes } from './outcomes.js';

/**
 * Runs `runs` seeded simulations (seeds 1..runs) of `visitors` visitors with a planted `lift`
 * (1 = no effect) and counts, for the conversion interval and (with `replicates` > 0) the
 * revenue-per-visitor interval, how many runs covered the true relative lift `lift - 1` and how
 * many were significant (the interval excludes 0).
 */
export function measureCoverage({ runs, visitors, lift, controlShare = 0.5, replicates = 1000, confidence = 0.95 }) {
  const truth = lift - 1;
  const z = normalQuantile((1 + confidence) / 2);
  const tally = () => ({ covered: 0, significant: 0, undefined: 0 });
  const result = { runs, conversion: tally(), revenue: replicates > 0 ? tally() : null };
  const count = (t, interval) => {
    if (!interval) {
      t.undefined++;
      return;
    }
    const lower = interval.lower ?? -Infinity;
    const upper = interval.upper ?? Infinity;
    if (lower <= truth && truth <= upper) t.covered++;
    if (lower > 0 || upper < 0) t.significant++;
  };
  for (let seed = 1; seed <= runs; seed++) {
    const list = simulateOutcomes({ visitors, controlShare, lift, seed }).visitors;
    const treated = Uint8Array.from(list, (v) => (v.group === 'treatment' ? 1 : 0));
    const values = Float64Array.from(list, (v) => v.revenue);
    const n = { 0: 0, 1: 0 };
    const x = { 0: 0, 1: 0 };
    list.forEach((v, i) => {
      n[treated[i]]++;
      if (v.orders) x[treated[i]]++;
    });
    count(result.conversion, conversionLift(x[1], n[1], x[0], n[0], z));
    if (result.revenue) count(result.revenue, bootstrapRatioLift(treated, values, { replicates, seed, confidence }));
  }
  return result;
}
