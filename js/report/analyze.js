// The report's numbers per campaign, as one flat row whose columns are those of report.sql.

import { attribute, byCodePoint } from './attribution.js';
import { bootstrapRatioLift } from './bootstrap.js';
import { conversionLift, normalQuantile, sampleRatioMismatch } from './stats.js';

/** Defaults of the report settings (see README "Measuring lift"). */
export const REPORT_DEFAULTS = Object.freeze({
  confidence: 0.95, replicates: 2000, seed: 1, sessionMinutes: 30, srmAlpha: 0.001,
});

/**
 * Complete settings from partial ones: `splits` maps a campaign id to its configured control share
 * (0..1); the z of the interval is derived from the confidence.
 */
export function reportSettings(options = {}) {
  const settings = { ...REPORT_DEFAULTS };
  for (const key of Object.keys(REPORT_DEFAULTS)) if (options[key] !== undefined) settings[key] = options[key];
  settings.z = normalQuantile((1 + settings.confidence) / 2);
  settings.splits = options.splits instanceof Map ? options.splits : new Map(Object.entries(options.splits || {}));
  return settings;
}

const ratio = (a, b) => (b > 0 ? a / b : null);

function groupTotals(visitors) {
  const totals = { visitors: 0, converters: 0, orders: 0, revenue: 0, bounces: 0 };
  for (const v of visitors) {
    totals.visitors++;
    if (v.orders > 0) totals.converters++;
    totals.orders += v.orders;
    totals.revenue += v.revenue;
    if (v.bounced) totals.bounces++;
  }
  return totals;
}

/** One campaign's row from its attributed visitors (attribution.js). */
export function campaignRow(campaign, { visitors, crossovers }, settings) {
  const row = { campaign, control_share: settings.splits.get(campaign) ?? null };
  const totals = {};
  for (const group of ['control', 'treatment']) {
    const t = groupTotals(visitors.filter((v) => v.group === group));
    totals[group] = t;
    row[`${group}_visitors`] = t.visitors;
    row[`${group}_converters`] = t.converters;
    row[`${group}_orders`] = t.orders;
    row[`${group}_revenue`] = t.revenue;
    row[`${group}_bounces`] = t.bounces;
    row[`${group}_conversion_rate`] = ratio(t.converters, t.visitors);
    row[`${group}_average_order_value`] = ratio(t.revenue, t.orders);
    row[`${group}_revenue_per_visitor`] = ratio(t.revenue, t.visitors);
    row[`${group}_bounce_rate`] = ratio(t.bounces, t.visitors);
  }
  const { control: c, treatment: t } = totals;
  const conversion = conversionLift(t.converters, t.visitors, c.converters, c.visitors, settings.z);
  row.conversion_lift = conversion?.estimate ?? null;
  row.conversion_lift_lower = conversion?.lower ?? null;
  row.conversion_lift_upper = conversion?.upper ?? null;
  row.conversion_p_value = conversion?.pValue ?? null;
  row.conversion_significant = conversion ? conversion.lower > 0 || conversion.upper < 0 : null;

  const defined = c.revenue > 0 && t.visitors > 0;
  const revenue = defined ? bootstrapRatioLift(visitors.map((v) => (v.group === 'treatment' ? 1 : 0)),
    visitors.map((v) => v.revenue), settings) : null;
  row.revenue_lift = defined ? (t.revenue / t.visitors) / (c.revenue / c.visitors) - 1 : null;
  row.revenue_lift_lower = revenue?.lower ?? null;
  row.revenue_lift_upper = revenue?.upper ?? null;
  row.revenue_significant = revenue ? (revenue.lower ?? -Infinity) > 0 || (revenue.upper ?? Infinity) < 0 : null;

  const srm = sampleRatioMismatch(c.visitors, t.visitors, row.control_share);
  row.srm_chi_square = srm?.chiSquare ?? null;
  row.srm_p_value = srm?.pValue ?? null;
  row.srm_flagged = srm ? srm.pValue < settings.srmAlpha : null;
  row.crossovers = crossovers;
  return row;
}

/**
 * The rows of every campaign from records (events.js), sorted by campaign id, and the warnings
 * about exposures that attribution had to ignore.
 */
export function analyzeRecords(records, settings) {
  const attributed = attribute(records, settings);
  const ids = [...attributed.keys()].sort(byCodePoint);
  const warnings = [];
  for (const id of ids) {
    const { unknownGroups } = attributed.get(id);
    if (unknownGroups) warnings.push(`${id}: ${unknownGroups} exposure(s) in a group other than treatment or control ignored`);
  }
  const noValue = records.filter((r) => r.type === 'order' && r.value === null).length;
  if (noValue) warnings.push(`${noValue} order(s) without a numeric revenue or total counted with 0`);
  return { campaigns: ids.map((id) => campaignRow(id, attributed.get(id), settings)), warnings };
}
