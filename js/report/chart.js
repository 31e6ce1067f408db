// The lifts and their intervals as an inline SVG (a forest plot): one line per campaign and
// metric, a dot at the estimate, a bar across the interval, a dashed line at no change.

import { formatInterval, formatLift, lifts } from './format.js';

/** A tick label: whole percents with a sign. */
const tickLabel = (t) => `${t > 0 ? '+' : t < 0 ? '−' : ''}${Math.abs(Math.round(t * 100))}%`;

/** Escapes text for HTML and SVG. */
export const escapeXml = (s) => String(s).replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);

const WIDTH = 760;
const LABEL = 250; // the column of labels
const RIGHT = 40;
const TOP = 34;
const ROW = 30;
const DOMAIN_CAP = [-1, 3]; // −100% to +300%: wider intervals end in an arrow
const STEPS = [0.01, 0.02, 0.05, 0.1, 0.2, 0.25, 0.5, 1];
const COLORS = { up: '#1a7f37', down: '#cf222e', none: '#57606a' };

function ticks(lo, hi) {
  const step = STEPS.find((s) => (hi - lo) / s <= 8) ?? 1;
  const out = [];
  for (let v = Math.ceil(lo / step) * step; v <= hi + 1e-9; v += step) out.push(Math.round(v / step) * step);
  return out;
}

/** The SVG of every lift with an estimate in `rows` (report rows), or '' when there is none. */
export function liftChart(rows) {
  const entries = rows.flatMap((row) => lifts(row).filter((l) => l.estimate !== null)
    .map((l) => ({ ...l, label: `${row.campaign} · ${l.metric}` })));
  if (entries.length === 0) return '';
  const ends = entries.flatMap((e) => [e.estimate, e.lower, e.upper]).filter((v) => v !== null);
  const lo = Math.max(DOMAIN_CAP[0], Math.min(0, ...ends));
  const hi = Math.min(DOMAIN_CAP[1], Math.max(0, ...ends));
  const span = hi - lo || 1;
  const x = (v) => Math.round((LABEL + ((Math.min(Math.max(v, lo), hi) - lo) / span) * (WIDTH - LABEL - RIGHT)) * 10) / 10;
  const height = TOP + entries.length * ROW + 10;
  const out = [`<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 ${WIDTH} ${height}" width="${WIDTH}" height="${height}" `
    + 'role="img" aria-label="Relative lift of each campaign with its interval" font-family="system-ui, sans-serif" font-size="13">'];
  for (const t of ticks(lo, hi)) {
    out.push(`<line x1="${x(t)}" y1="${TOP - 8}" x2="${x(t)}" y2="${height - 10}" stroke="${t === 0 ? '#24292f' : '#d0d7de'}"`
      + `${t === 0 ? ' stroke-dasharray="4 3"' : ''}/>`);
    out.push(`<text x="${x(t)}" y="${TOP - 14}" text-anchor="middle" fill="#57606a">${tickLabel(t)}</text>`);
  }
  entries.forEach((e, i) => {
    const y = TOP + i * ROW + ROW / 2;
    const color = !e.significant ? COLORS.none : e.estimate > 0 ? COLORS.up : COLORS.down;
    const x1 = x(e.lower ?? -Infinity);
    const x2 = x(e.upper ?? Infinity);
    out.push(`<g><title>${escapeXml(`${e.label}: ${formatLift(e.estimate)} (${formatInterval(e.lower, e.upper)})`)}</title>`);
    out.push(`<text x="${LABEL - 10}" y="${y + 4}" text-anchor="end" fill="#24292f">${escapeXml(e.label)}</text>`);
    out.push(`<line x1="${x1}" y1="${y}" x2="${x2}" y2="${y}" stroke="${color}" stroke-width="3"/>`);
    if (e.lower === null || e.lower < lo) out.push(`<path d="M${x1} ${y}l7 -5v10z" fill="${color}"/>`);
    else out.push(`<line x1="${x1}" y1="${y - 6}" x2="${x1}" y2="${y + 6}" stroke="${color}" stroke-width="2"/>`);
    if (e.upper === null || e.upper > hi) out.push(`<path d="M${x2} ${y}l-7 -5v10z" fill="${color}"/>`);
    else out.push(`<line x1="${x2}" y1="${y - 6}" x2="${x2}" y2="${y + 6}" stroke="${color}" stroke-width="2"/>`);
    out.push(`<circle cx="${x(e.estimate)}" cy="${y}" r="5" fill="${color}"/></g>`);
  });
  out.push('</svg>');
  return out.join('\n');
}
