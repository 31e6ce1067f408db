// The report as one self-contained HTML page: the chart of lifts, then per campaign the groups,
// the lifts and the sample ratio, then the warnings and the method. No script, no external file.

import { escapeXml as esc, liftChart } from './chart.js';
import { formatConfidence, formatCount, formatInterval, formatLift, formatMoney, formatRate, lifts, methodNotes,
  sourceSummary, srmSummary, verdict } from './format.js';

const STYLE = `body{font:15px/1.5 system-ui,sans-serif;color:#24292f;max-width:60rem;margin:2rem auto;padding:0 1rem}
table{border-collapse:collapse;margin:.5rem 0 1rem}th,td{padding:.3rem .7rem;border-bottom:1px solid #d0d7de}
th{text-align:left}td.n{text-align:right;font-variant-numeric:tabular-nums}.bad{color:#cf222e;font-weight:600}
.warnings li{color:#9a6700}svg{max-width:100%;height:auto}`;

const cells = (tag, values, numeric = []) => values.map((v, i) => `<${tag}${numeric.includes(i) ? ' class="n"' : ''}>${esc(v)}</${tag}>`).join('');

function campaignSection(row, settings) {
  const groups = ['control', 'treatment'].map((g) => `<tr>${cells('td', [g, formatCount(row[`${g}_visitors`]),
    formatRate(row[`${g}_conversion_rate`]), formatCount(row[`${g}_orders`]), formatMoney(row[`${g}_average_order_value`]),
    formatMoney(row[`${g}_revenue_per_visitor`]), formatRate(row[`${g}_bounce_rate`])], [1, 2, 3, 4, 5, 6])}</tr>`);
  const liftRows = lifts(row).map((l) => `<tr>${cells('td', [l.metric, formatLift(l.estimate),
    l.estimate === null ? '–' : formatInterval(l.lower, l.upper), verdict(l)], [1, 2])}</tr>`);
  return `<section><h2>${esc(row.campaign)}</h2>
<table><tr>${cells('th', ['group', 'visitors', 'conversion', 'orders', 'avg order value', 'revenue / visitor', 'bounce rate'])}</tr>
${groups.join('\n')}</table>
<table><tr>${cells('th', ['lift, treatment vs control', 'estimate', `${formatConfidence(settings.confidence)} interval`, 'verdict'])}</tr>
${liftRows.join('\n')}</table>
<p${row.srm_flagged ? ' class="bad"' : ''}>Sample ratio: ${esc(srmSummary(row))}.</p></section>`;
}

/** The whole report (report.js) as an HTML page. */
export function toHtml(report) {
  const { settings, campaigns, warnings } = report;
  const list = (items, cls) => `<ul${cls ? ` class="${cls}"` : ''}>${items.map((i) => `<li>${esc(i)}</li>`).join('')}</ul>`;
  const body = [
    '<h1>Shopkeeper lift report</h1>',
    `<p>${esc(sourceSummary(report))}</p>`,
    campaigns.length ? liftChart(campaigns) : '<p>No "Experiment Viewed" events: no campaign with a holdout has exposed anyone yet.</p>',
    ...campaigns.map((row) => campaignSection(row, settings)),
    warnings.length ? `<h2>Warnings</h2>${list(warnings, 'warnings')}` : '',
    `<h2>Method</h2>${list(methodNotes(settings))}`,
  ];
  return `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">
<title>Shopkeeper lift report</title><style>${STYLE}</style></head>
<body>
${body.filter(Boolean).join('\n')}
</body></html>
`;
}
