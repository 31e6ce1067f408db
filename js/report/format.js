// Numbers as the report prints them, shared by the Markdown and the HTML output.

const count = new Intl.NumberFormat('en-US');
const money = new Intl.NumberFormat('en-US', { minimumFractionDigits: 2, maximumFractionDigits: 2 });

const NONE = '–';

/** A count: 12,345. */
export const formatCount = (n) => (n === null ? NONE : count.format(n));

/** An amount: 1,234.50 (the events carry no currency the report could trust to be single). */
export const formatMoney = (n) => (n === null ? NONE : money.format(n));

/** A rate as a percentage: 4.90%. */
export const formatRate = (r) => (r === null ? NONE : `${(r * 100).toFixed(2)}%`);

/** A relative lift with its sign: +12.3%, −4.0%. */
export function formatLift(l) {
  if (l === null) return NONE;
  const percent = (l * 100).toFixed(1);
  return l < 0 ? `−${percent.slice(1)}%` : `+${percent}%`;
}

/** An interval of lifts; a null end is unbounded. */
export const formatInterval = (lower, upper) => `${lower === null ? '−∞' : formatLift(lower)} to ${upper === null ? '+∞' : formatLift(upper)}`;

/** A p-value with two significant digits: "p = 0.013", small ones "p < 0.0001". */
export const formatP = (p) => (p === null ? NONE : p < 0.0001 ? 'p < 0.0001' : `p = ${p.toPrecision(2)}`);

/** The confidence as a percentage: 95%. */
export const formatConfidence = (c) => `${+(c * 100).toFixed(2)}%`;

/** The verdict on a lift (from lifts()): significant, not significant, or why there is no estimate. */
export function verdict(lift) {
  if (lift.estimate === null) return `no estimate: ${lift.missing}`;
  const p = lift.p === null ? '' : ` (${formatP(lift.p)})`;
  return `${lift.significant ? 'significant' : 'not significant'}${p}`;
}

/** The two lifts of a row, as both outputs list them. */
export function lifts(row) {
  return [
    { metric: 'conversion rate', estimate: row.conversion_lift, lower: row.conversion_lift_lower,
      upper: row.conversion_lift_upper, significant: row.conversion_significant, p: row.conversion_p_value,
      missing: 'a group has no conversions' },
    { metric: 'revenue per visitor', estimate: row.revenue_lift, lower: row.revenue_lift_lower,
      upper: row.revenue_lift_upper, significant: row.revenue_significant, p: null,
      missing: 'the control group has no revenue' },
  ];
}

/** The sample-ratio line of a row. */
export function srmSummary(row) {
  const observed = `${formatCount(row.control_visitors)} control / ${formatCount(row.treatment_visitors)} treatment`;
  if (row.srm_chi_square === null) return `${observed}; not checked (no configured split)`;
  const expected = `expected ${formatRate(row.control_share)} control`;
  const test = `χ² = ${row.srm_chi_square.toFixed(2)}, ${formatP(row.srm_p_value)}`;
  return `${observed}, ${expected}: ${test}, ${row.srm_flagged ? 'MISMATCH: assignment or exposure logging is broken' : 'OK'}`;
}

/** Where the numbers come from: how many messages were read and what computed them. */
export function sourceSummary({ counts, engine }) {
  const read = counts
    ? `${formatCount(counts.messages)} messages read (${formatCount(counts.duplicates)} duplicates, ${formatCount(counts.skipped)} skipped)`
    : 'Messages read in DuckDB';
  return `${read}; computed in ${engine === 'sql' ? 'SQL (report.sql in DuckDB)' : 'JS'}.`;
}

/** What each number means and how it was computed, for the foot of both outputs. */
export function methodNotes(settings) {
  return [
    'Visitors are counted in the group of their first "Experiment Viewed" of the campaign; what counts is what they did from that moment on.',
    'Conversion: the share of visitors with an "Order Completed" after their first exposure. Average order value: revenue / orders. '
      + 'Revenue per visitor: revenue / visitors. Bounce: the session of the exposure had one page view '
      + `(a session ends after ${settings.sessionMinutes} minutes without one).`,
    `Conversion lift: ${formatConfidence(settings.confidence)} interval by the delta method on the log of the rate ratio (Katz).`,
    `Revenue-per-visitor lift: ${formatConfidence(settings.confidence)} percentile interval of a Poisson bootstrap of the ratio `
      + `of means (${settings.replicates} replicates, seed ${settings.seed}), which needs no normality of skewed order values.`,
    `Sample ratio: Pearson's chi-square against the configured split, flagged below p = ${settings.srmAlpha}.`,
  ];
}
