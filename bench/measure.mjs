// Timing helpers shared by the benchmarks: they print figures, they assert nothing.

/** How many calls of `fn` take about `roundMs` (at least one); calibrating also warms `fn` up. */
function calibrate(fn, roundMs) {
  let iterations = 1;
  for (;;) {
    const start = process.hrtime.bigint();
    for (let i = 0; i < iterations; i++) fn(i);
    const ms = Number(process.hrtime.bigint() - start) / 1e6;
    if (ms >= roundMs / 4 || iterations >= 1 << 24) return iterations * 4;
    iterations *= 2;
  }
}

/**
 * Nanoseconds per call of each function, measured in alternating rounds so that both see the
 * same load on a shared machine: [median ns of fns[0], median ns of fns[1], ...].
 */
export function nsPerCallInterleaved(fns, { roundMs = 40, rounds = 9 } = {}) {
  const iterations = fns.map((fn) => calibrate(fn, roundMs));
  const samples = fns.map(() => []);
  for (let r = 0; r < rounds; r++) {
    fns.forEach((fn, k) => {
      const start = process.hrtime.bigint();
      for (let i = 0; i < iterations[k]; i++) fn(i);
      samples[k].push(Number(process.hrtime.bigint() - start) / iterations[k]);
    });
  }
  return samples.map(median);
}

export function median(values) {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = sorted.length >> 1;
  return sorted.length % 2 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2;
}

/** A seeded pseudo-random generator (32-bit LCG), so that every run simulates the same visitor. */
export function seeded(seed) {
  let state = seed >>> 0;
  return (n) => {
    state = (Math.imul(state, 1664525) + 1013904223) >>> 0;
    return state % n;
  };
}

/** Prints rows of cells as an aligned table; the first row is the header. */
export function printTable(rows) {
  const widths = rows[0].map((_, c) => Math.max(...rows.map((r) => String(r[c]).length)));
  const line = (r) => r.map((cell, c) => (c === 0 ? String(cell).padEnd(widths[c]) : String(cell).padStart(widths[c]))).join('  ');
  console.log(line(rows[0]));
  console.log(widths.map((w) => '-'.repeat(w)).join('  '));
  for (const r of rows.slice(1)) console.log(line(r));
}

/** A duration in ns, shown in the unit that suits it. */
export function formatNs(ns) {
  if (ns >= 1e6) return `${(ns / 1e6).toFixed(2)} ms`;
  if (ns >= 1e3) return `${(ns / 1e3).toFixed(1)} µs`;
  return `${ns.toFixed(0)} ns`;
}
