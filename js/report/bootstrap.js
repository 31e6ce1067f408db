// The Poisson bootstrap of a ratio of means (revenue per visitor, treatment over control).
//
// Each replicate gives every visitor a Poisson(1) weight instead of resampling with replacement
// (Chamandy et al., "Estimating uncertainty for massive data streams", Google 2012): for large
// samples it is the ordinary bootstrap, and each weight depends only on (seed, replicate,
// visitor index), so a warehouse computes the very same replicates in SQL (report.sql) with no
// shared random state. Percentile intervals need no normality, which revenue (mostly zeros,
// then a long right tail of order values) does not have.

import { mix32 } from './random.js';

/** floor(P(X <= k) * 2^32) for X ~ Poisson(1), k = 0..9; a hash at or above k + 1 of them gives weight k + 1. */
const POISSON_STEPS = [1580030168, 3160060337, 3950075421, 4213413783, 4279248373, 4292415291, 4294609777,
  4294923276, 4294962463, 4294966817];

/** The Poisson(1) weight (0..10) of visitor `index` in the replicate whose key is `replicateKey`. */
export function poissonWeight(replicateKey, index) {
  const h = mix32((replicateKey ^ index) >>> 0);
  // Nearly three in four weights are 0 or 1: decided by the first two steps.
  if (h < POISSON_STEPS[0]) return 0;
  if (h < POISSON_STEPS[1]) return 1;
  let weight = 2;
  while (weight < POISSON_STEPS.length && h >= POISSON_STEPS[weight]) weight++;
  return weight;
}

/** The key of replicate `r` under `seed`, which every visitor's weight in it derives from. */
export function replicateKey(seed, r) {
  return mix32((seed + Math.imul(r, 0x9e3779b9)) >>> 0);
}

/**
 * The positions of the two ends of a percentile interval among `replicates` sorted values. The
 * 1e-9 keeps rounding from moving an end (1000 * (1 - 0.9) is 99.99999999999997 in doubles).
 */
export function percentileIndices(replicates, confidence) {
  return {
    lower: Math.floor((replicates * (1 - confidence)) / 2 + 1e-9),
    upper: Math.ceil((replicates * (1 + confidence)) / 2 - 1e-9) - 1,
  };
}

/**
 * Percentile interval of mean(values | treated) / mean(values | control) - 1.
 * `treated[i]` (0 or 1) and `values[i]` describe visitor i, in the order that gives each visitor
 * its index (report.sql orders them by visitor id). A replicate whose ratio is undefined (no
 * control revenue, or no treated weight) counts as unbounded: an end there is null.
 * @returns {{ lower: number | null, upper: number | null }}
 */
export function bootstrapRatioLift(treated, values, { replicates, seed, confidence }) {
  const ratios = new Float64Array(replicates);
  const n = values.length;
  for (let r = 0; r < replicates; r++) {
    const key = replicateKey(seed >>> 0, r);
    let wc = 0;
    let rc = 0;
    let wt = 0;
    let rt = 0;
    for (let i = 0; i < n; i++) {
      const w = poissonWeight(key, i);
      if (w === 0) continue;
      if (treated[i]) {
        wt += w;
        rt += w * values[i];
      } else {
        wc += w;
        rc += w * values[i];
      }
    }
    const denominator = wt * rc;
    ratios[r] = denominator > 0 ? (rt * wc) / denominator : Infinity;
  }
  ratios.sort();
  const at = percentileIndices(replicates, confidence);
  const end = (v) => (Number.isFinite(v) ? v - 1 : null);
  return { lower: end(ratios[at.lower]), upper: end(ratios[at.upper]) };
}
