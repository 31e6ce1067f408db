// The report as Markdown: one section per campaign (groups, lifts, sample ratio), then the
// warnings and how the numbers were computed.

import { formatConfidence, formatCount, formatInterval, formatLift, formatMoney, formatRate, lifts, methodNotes,
  sourceSummary, srmSummary, verdict } from './format.js';

/** One table row of cells. */
const line = (cells) => `| ${cells.join(' | ')} |`;

/** The lines of one campaign's section. */
function campaignSection(row, settings) {
  const out = [`## ${row.campaign}`, ''];
  out.push(line(['group', 'visitors', 'conversion', 'orders', 'avg order value', 'revenue / visitor', 'bounce rate']));
  out.push(line(['---', '---:', '---:', '---:', '---:', '---:', '---:']));
  for (const group of ['control', 'treatment']) {
    out.push(line([group, formatCount(row[`${group}_visitors`]), formatRate(row[`${group}_conversion_rate`]),
      formatCount(row[`${group}_orders`]), formatMoney(row[`${group}_average_order_value`]),
      formatMoney(row[`${group}_revenue_per_visitor`]), formatRate(row[`${group}_bounce_rate`])]));
  }
  out.push('');
  out.push(line(['lift, treatment vs control', 'estimate', `${formatConfidence(settings.confidence)} interval`, 'verdict']));
  out.push(line(['---', '---:', '---:', '---']));
  for (const lift of lifts(row)) {
    const interval = lift.estimate === null ? '–' : formatInterval(lift.lower, lift.upper);
    out.push(line([lift.metric, formatLift(lift.estimate), interval, verdict(lift)]));
  }
  out.push('', `Sample ratio: ${srmSummary(row)}.`, '');
  return out;
}

/** The whole report (report.js) as Markdown text. */
export function toMarkdown(report) {
  const { settings, campaigns, warnings } = report;
  const out = ['# Shopkeeper lift report', '', sourceSummary(report), ''];
  if (campaigns.length === 0) out.push('No "Experiment Viewed" events: no campaign with a holdout has exposed anyone yet.', '');
  for (const row of campaigns) out.push(...campaignSection(row, settings));
  if (warnings.length) out.push('## Warnings', '', ...warnings.map((w) => `- ${w}`), '');
  out.push('## Method', '', ...methodNotes(settings).map((n) => `- ${n}`), '');
  return out.join('\n');
}
