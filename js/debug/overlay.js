// The debug overlay: what Shopkeeper knows about this page view and what it decided, for the
// people who write rules. Loaded only when asked for (?shopkeeper_debug=1, shopkeeper.debug(),
// or import { openDebugOverlay } from 'shopkeeper/debug'), never with the first decision.
// A panel in a shadow root, text only, that follows every `shopkeeper:decided` and
// `shopkeeper:ranked` event.

import { OVERLAY_CSS } from './overlay.css.js';

/** An element with text (never HTML) and attributes. */
function make(tag, text, attrs = {}) {
  const node = document.createElement(tag);
  for (const [k, v] of Object.entries(attrs)) node.setAttribute(k, v);
  if (text !== undefined && text !== null) node.textContent = String(text);
  return node;
}

const show = (value) => (value === null || value === undefined || value === '' ? '–' : String(value));

/** The context summary: [label, value] rows. */
function contextRows(result) {
  const v = result.visitor || {};
  const s = result.session || {};
  const arrival = (result.acquisition && result.acquisition.current) || {};
  const where = result.location || {};
  const rows = [
    ['visitor', `${show(v.id)} · ${v.isNew ? 'new' : 'returning'} · visit ${show(v.visitCount)}`],
    ['last visit', v.daysSinceLastVisit === null || v.daysSinceLastVisit === undefined ? '–' : `${v.daysSinceLastVisit} days ago`],
    ['session', `#${show(s.number)} · ${show(s.pageViews)} page views`],
    ['arrived by', [arrival.medium, arrival.source, arrival.campaign].filter(Boolean).join(' · ') || '–'],
    ['location', [where.country, where.region, where.city].filter(Boolean).join(' · ') + (where.source ? ` (${where.source})` : '') || '–'],
    ['profile', show(result.profileStatus)],
  ];
  for (const w of result.warnings || []) rows.push(['warning', `${w.code}: ${w.message}`]);
  return rows;
}

/** A table with a caption, a header row and one row per entry of `rows` (arrays of cells). */
function table(caption, headers, rows, empty) {
  const section = make('section');
  section.append(make('h3', `${caption} (${rows.length})`));
  if (!rows.length) {
    section.append(make('p', empty, { class: 'empty' }));
    return section;
  }
  const t = make('table');
  const head = make('tr');
  for (const h of headers) head.append(make('th', h, { scope: 'col' }));
  t.append(make('thead'), make('tbody'));
  t.tHead.append(head);
  for (const cells of rows) {
    const tr = make('tr');
    for (const cell of cells) tr.append(make('td', show(cell)));
    t.tBodies[0].append(tr);
  }
  section.append(t);
  return section;
}

/** Ranking reasons, when the page's grid was ranked: `tiles` [{ id, score, reasons }] in the new order. */
function rankingRows(tiles) {
  if (!Array.isArray(tiles)) return [];
  return tiles.map((t, i) => [i + 1, t.id, typeof t.score === 'number' ? t.score.toFixed(3) : t.score,
    Array.isArray(t.reasons) ? t.reasons.join(', ') : t.reasons]);
}

function sections(result, tiles) {
  if (!result) return [make('p', 'No decision yet on this page.', { class: 'empty' })];
  if (!result.ok) {
    const e = result.error || {};
    return [make('p', `The engine refused this page view: ${show(e.code)} ${show(e.path)} ${show(e.message)}`, { class: 'error' })];
  }
  const context = make('dl');
  for (const [label, value] of contextRows(result)) context.append(make('dt', label), make('dd', value));
  const decided = (result.decisions || []).map((d) => [d.campaign, d.action && d.action.type,
    d.trigger && d.trigger.type, d.group, (d.why || []).join('; ')]);
  const skipped = (result.skipped || []).map((s) => [s.campaign, s.reason, s.detail]);
  const out = [
    context,
    table('Shown', ['campaign', 'action', 'trigger', 'group', 'why'], decided, 'No campaign shows on this page view.'),
    table('Not shown', ['campaign', 'reason', 'detail'], skipped, 'No campaign was skipped.'),
  ];
  const ranked = rankingRows(tiles);
  if (ranked.length) out.push(table('Tile ranking', ['#', 'product', 'score', 'reasons'], ranked, ''));
  return out;
}

/**
 * Opens the overlay on `result` (what decide() returned). It follows later `shopkeeper:decided`
 * events, and `shopkeeper:ranked` for the tile ranking. Options: `onClose` (called when the
 * visitor closes it), `doc` (default: document).
 * Returns { update(result), close() }.
 */
export function openDebugOverlay(result, { onClose, doc = document } = {}) {
  const host = make('div', null, { 'data-shopkeeper-debug': '' });
  const root = host.attachShadow({ mode: 'open' });
  try {
    const sheet = new CSSStyleSheet();
    sheet.replaceSync(OVERLAY_CSS);
    root.adoptedStyleSheets = [sheet];
  } catch {
    // Without constructed stylesheets the panel is unstyled, and still readable.
  }
  const panel = make('aside', null, { 'aria-label': 'Shopkeeper debug', class: 'panel' });
  const header = make('header');
  const close = make('button', 'Close', { type: 'button', 'aria-label': 'Close the Shopkeeper debug overlay' });
  header.append(make('h2', 'Shopkeeper debug'), close);
  const content = make('div', null, { class: 'content' });
  panel.append(header, content);
  root.append(panel);

  let current = null;
  let tiles = null;
  const render = () => content.replaceChildren(...sections(current, tiles));
  const update = (next) => {
    current = next;
    tiles = next && next.ranking;
    render();
  };
  const onDecided = (event) => update(event.detail);
  // A grid a single-page app renders after the decision is ordered (and reported) on its own.
  const onRanked = (event) => {
    tiles = event.detail && event.detail.tiles;
    render();
  };
  const remove = () => {
    doc.removeEventListener('shopkeeper:decided', onDecided);
    doc.removeEventListener('shopkeeper:ranked', onRanked);
    host.remove();
  };
  close.addEventListener('click', () => {
    remove();
    if (onClose) onClose();
  });
  doc.addEventListener('shopkeeper:decided', onDecided);
  doc.addEventListener('shopkeeper:ranked', onRanked);
  update(result);
  doc.body.append(host);
  return { update, close: remove };
}
