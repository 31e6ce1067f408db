// Prints how often the report's 95% intervals cover a planted lift and how often a zero effect is
// called significant, over many seeded runs of simulated outcomes (the test runs 100 of them).
//   node bench/report-coverage.mjs [runs=1000] [visitors=10000] [replicates=1000]   (replicates 0: conversion only)

import { measureCoverage } from '../js/simulate/coverage.js';

const runs = Number(process.argv[2] || 1000);
const visitors = Number(process.argv[3] || 10000);
const replicates = Number(process.argv[4] || 1000);
const percent = (n) => `${((100 * n) / runs).toFixed(1)}%`;

console.log(`${runs} seeded runs of ${visitors} visitors (50/50), 95% intervals, ${replicates} bootstrap replicates`);
for (const lift of [1.2, 1]) {
  const started = performance.now();
  const r = measureCoverage({ runs, visitors, lift, replicates });
  const seconds = ((performance.now() - started) / 1000).toFixed(1);
  for (const metric of ['conversion', 'revenue']) {
    const m = r[metric];
    if (!m) continue;
    console.log(`planted lift ${lift.toFixed(2)} ${metric.padEnd(10)} covered ${percent(m.covered)}  `
      + `significant ${percent(m.significant)}  no estimate ${m.undefined}`);
  }
  console.log(`  (${seconds} s)`);
}
