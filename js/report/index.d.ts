// Types of `shopkeeper/report`: the lift report of campaigns with a holdout.

/** A readable stream of NDJSON text, such as process.stdin. */
export type ReadableLike = AsyncIterable<string | Uint8Array> & { on(event: string, listener: (...args: any[]) => void): unknown };

/** Settings of the computation; every field has a default (REPORT_DEFAULTS). */
export interface ReportOptions {
  /** Of the intervals (default 0.95). */
  confidence?: number;
  /** Bootstrap replicates of the revenue-per-visitor interval (default 2000). */
  replicates?: number;
  /** Seed of the bootstrap (default 1): the same seed gives the same interval, in JS and in SQL. */
  seed?: number;
  /** A session ends after this many minutes without a page view (default 30); bounces are per session. */
  sessionMinutes?: number;
  /** A sample-ratio mismatch is flagged below this p-value (default 0.001). */
  srmAlpha?: number;
  /** The configured control share (0..1) per campaign id, for the sample-ratio check. */
  splits?: Record<string, number> | Map<string, number>;
}

export interface BuildReportOptions extends ReportOptions {
  /** An NDJSON file of Segment messages (one per line, or { batch } per line), or a readable stream of it. */
  events?: string | ReadableLike;
  /** A DuckDB file with the demo collector's `events` table (needs @duckdb/node-api). */
  db?: string;
  /** Compute in JS (default) or with report.sql in DuckDB (needs @duckdb/node-api). Both give the same numbers. */
  engine?: 'js' | 'sql';
}

/** One campaign's numbers; the columns of report.sql. Null where a number is undefined. */
export interface ReportRow {
  campaign: string;
  /** The configured control share, or null when not given. */
  control_share: number | null;
  control_visitors: number; treatment_visitors: number;
  /** Visitors with an order after their first exposure. */
  control_converters: number; treatment_converters: number;
  control_orders: number; treatment_orders: number;
  control_revenue: number; treatment_revenue: number;
  /** Visitors whose exposure session had one page view. */
  control_bounces: number; treatment_bounces: number;
  control_conversion_rate: number | null; treatment_conversion_rate: number | null;
  control_average_order_value: number | null; treatment_average_order_value: number | null;
  control_revenue_per_visitor: number | null; treatment_revenue_per_visitor: number | null;
  control_bounce_rate: number | null; treatment_bounce_rate: number | null;
  /** Relative lift of the conversion rate (0.1 = +10%), with its interval (Katz, delta method on log RR). */
  conversion_lift: number | null; conversion_lift_lower: number | null; conversion_lift_upper: number | null;
  conversion_p_value: number | null; conversion_significant: boolean | null;
  /** Relative lift of revenue per visitor, with its Poisson-bootstrap percentile interval (null end: unbounded). */
  revenue_lift: number | null; revenue_lift_lower: number | null; revenue_lift_upper: number | null;
  revenue_significant: boolean | null;
  /** Pearson's chi-square of the split against control_share; flagged below srmAlpha. */
  srm_chi_square: number | null; srm_p_value: number | null; srm_flagged: boolean | null;
  /** Visitors exposed in both groups (counted in the group of their first exposure). */
  crossovers: number;
}

export interface Report {
  engine: 'js' | 'sql';
  settings: Required<Omit<ReportOptions, 'splits'>> & { z: number; splits: Map<string, number> };
  /** Messages read, duplicates (same messageId), ignored (not used by the report), skipped (unreadable). Null when SQL read a database. */
  counts: { messages: number; duplicates: number; ignored: number; skipped: number } | null;
  campaigns: ReportRow[];
  /** What a reader must know before trusting the numbers: mismatches, crossovers, skipped messages, ... */
  warnings: string[];
}

export const REPORT_DEFAULTS: Readonly<Required<Omit<ReportOptions, 'splits'>>>;
/** Complete settings from partial ones. */
export function reportSettings(options?: ReportOptions): Report['settings'];
/** Reads the events and computes every campaign's row. Rejects on unreadable input (a missing file, no DuckDB). */
export function buildReport(options: BuildReportOptions): Promise<Report>;
export function toMarkdown(report: Report): string;
/** A self-contained HTML page with an inline SVG chart of the lifts and their intervals. */
export function toHtml(report: Report): string;
/** The control share of each campaign with a holdout in a rules document. */
export function splitsFromRules(rules: unknown): Map<string, number>;

/** Relative lift of xt/nt over xc/nc with the Katz interval; null when a group has no conversions. */
export function conversionLift(xt: number, nt: number, xc: number, nc: number, z: number):
  { estimate: number; lower: number; upper: number; pValue: number } | null;
/** Chi-square test of control/treatment counts against the control share; null without visitors or share. */
export function sampleRatioMismatch(control: number, treatment: number, controlShare: number | null):
  { chiSquare: number; pValue: number } | null;
/**
 * Poisson-bootstrap percentile interval of mean(values | treated) / mean(values | control) - 1;
 * visitors are indexed by their position.
 */
export function bootstrapRatioLift(treated: ArrayLike<number>, values: ArrayLike<number>,
  options: { replicates: number; seed: number; confidence: number }): { lower: number | null; upper: number | null };
export function erfc(x: number): number;
export function normalQuantile(p: number): number;
