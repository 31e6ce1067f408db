// `shopkeeper simulate`: what a visitor would see now, and why, from the same wasm engine the
// browser runs, headless. The visitor is a stored profile (as in localStorage) and/or a history
// of events replayed in order; then one page view is decided.

import { createShopkeeper, memoryStorage } from 'shopkeeper';
import { engineJsonError, jsonSyntaxError, readJsonFile, readRulesFile, readTextFile, withoutBom } from './json-position.js';
import { parseCommandLine, usageError } from './options.js';
import { errorLines } from './validate.js';

export const summary = 'what a visitor would see on a page now, and why (headless, same engine)';

export const usage = `usage: shopkeeper simulate RULES.json [options]

The visitor (both optional; without them a first-time visitor):
  --visitor FILE       the stored profile, as in localStorage "shopkeeper:v1:profile" (alias --profile);
                       one the engine cannot read is an error (exit 1)
  --events FILE        NDJSON, one event a line, replayed in order: Segment messages ({"type":"page",
                       "properties":{"url"}} or {"type":"track","event","properties"}, with "timestamp"),
                       or {"event","properties","timestamp"}
The page view:
  --url URL            the page (default https://shop.example/)
  --referrer URL       where the visitor came from
  --page-type TYPE     what the page is ("home", "category", "product", "search", ...: data-page-type)
  --category NAME      the category it shows (data-category)
  --product ID         the product of a product page (data-product-id), in --category if given
  --query TEXT         the search term of a search results page (data-query)
  --now TIME           when (ISO 8601, e.g. 2026-11-20T10:00:00Z; without a zone offset, this
                       machine's local time, and a date alone its midnight; default: the last
                       event's time, else now)
Output:
  --json               the engine's whole answer as JSON
`;

const OPTIONS = {
  visitor: { type: 'string' }, profile: { type: 'string' }, events: { type: 'string' },
  url: { type: 'string' }, referrer: { type: 'string' }, 'page-type': { type: 'string' }, category: { type: 'string' },
  product: { type: 'string' }, query: { type: 'string' }, now: { type: 'string' }, json: { type: 'boolean' },
};

/**
 * ISO 8601 text in ms, NaN when it is none. A date alone is local midnight, as any time without a
 * zone offset is local time (Date.parse takes a date alone for UTC).
 */
const parseTime = (value) => Date.parse(/^\d{4}-\d{2}-\d{2}$/.test(value) ? `${value}T00:00` : value);

/** A time option or field in ms; a problem names where it came from. */
function timeOf(value, where) {
  const ms = parseTime(value);
  if (!Number.isFinite(ms)) throw new Error(`${where}: "${value}" is not an ISO 8601 time`);
  return ms;
}

/** The events of an NDJSON file as { kind: 'page' | 'track', name, properties, at?, where } (where: "file:line"). */
async function readEvents(file) {
  const text = await readTextFile(file, 'events');
  const events = [];
  text.split('\n').map(withoutBom).forEach((line, i) => {
    if (!line.trim()) return;
    const where = `${file}:${i + 1}`;
    const syntax = jsonSyntaxError(line);
    if (syntax) throw new Error(`${where}: not JSON: ${syntax}`);
    const e = JSON.parse(line);
    const properties = e && typeof e.properties === 'object' && e.properties ? e.properties : {};
    const at = e && e.timestamp !== undefined ? timeOf(e.timestamp, where) : undefined;
    if (e && e.type === 'page') {
      const page = (e.context && e.context.page) || {};
      events.push({ kind: 'page', page: { ...pageShows(properties), url: properties.url || page.url || '', referrer: properties.referrer || page.referrer || '' }, at, where });
    } else if (e && typeof e.event === 'string' && e.event) {
      events.push({ kind: 'track', name: e.event, properties, at, where });
    } else if (!(e && e.type === 'identify')) { // an identify changes nothing on the device
      throw new Error(`${where}: an event needs "event" (a track) or "type": "page"`);
    }
  });
  return events;
}

/** What a page message's properties say the page showed (as the SDK sends it): type, category, query, product. */
function pageShows({ type, category, query, product }) {
  const shows = {};
  for (const [key, value] of Object.entries({ type, category, query })) if (typeof value === 'string') shows[key] = value;
  if (product && typeof product === 'object' && typeof product.product_id === 'string') shows.product = product;
  return shows;
}

const label = (action) => action.title || action.text || action.slot || '';

/** The answer as a person reads it. */
function describe(res, out) {
  const v = res.visitor;
  const s = res.session;
  out.push(`Visitor ${v.id}: ${v.isNew ? 'new' : 'returning'}, visit ${v.visitCount}, session page view ${s.pageViews}`);
  const arrival = res.acquisition && res.acquisition.current;
  if (arrival) out.push(`Arrived by: ${[arrival.medium, arrival.source, arrival.campaign].filter(Boolean).join(' / ')}`);
  out.push('', res.decisions.length ? 'Shows:' : 'Shows nothing.');
  for (const d of res.decisions) {
    const trigger = d.trigger && d.trigger.type ? ` on ${d.trigger.type}` : '';
    const title = label(d.action) ? ` "${label(d.action)}"` : '';
    out.push(`  ${d.campaign} (${d.action.type}${trigger}${d.group ? `, group ${d.group}` : ''})${title}`);
    for (const why of d.why || []) out.push(`    because ${why}`);
  }
  if (res.skipped.length) out.push('', 'Not shown:');
  for (const k of res.skipped) out.push(`  ${k.campaign}: ${k.reason}${k.detail ? ` (${k.detail})` : ''}`);
}

/** Runs the command; resolves with the exit code. */
export async function run(args, io) {
  const { values, positionals } = parseCommandLine(args, OPTIONS);
  if (values.help) {
    io.stdout.write(usage);
    return 0;
  }
  if (positionals.length !== 1) throw usageError('name one rules file');
  const now = values.now === undefined ? undefined : parseTime(values.now);
  if (Number.isNaN(now)) throw usageError(`--now: "${values.now}" is not an ISO 8601 time`);
  const visitorFile = values.visitor || values.profile;
  const [rules, profile, events] = await Promise.all([
    readRulesFile(positionals[0]),
    visitorFile ? readJsonFile(visitorFile, 'visitor profile', engineJsonError) : null,
    values.events ? readEvents(values.events) : [],
  ]);
  const storage = memoryStorage();
  if (profile) storage.setItem('shopkeeper:v1:profile', profile);
  let clock = Date.now();
  const warnings = [];
  const shopkeeper = await createShopkeeper({
    rules, storage, now: () => clock, render: false,
    page: { url: 'https://shop.example/', referrer: '' },
    onWarning: (code, error) => warnings.push({ code, message: error.message }),
  });
  try {
    if (!shopkeeper.rules.ok) {
      io.stderr.write(`${positionals[0]}: the rules do not load\n${errorLines(shopkeeper.rules.errors).join('\n')}\n`);
      return 1;
    }
    // The engine's own profiles always read back, so an unreadable one is the --visitor file, which
    // the first call reads: simulating a first-time visitor instead would answer another question.
    const unreadable = () => {
      const w = warnings.find((x) => x.code === 'profile_corrupt' || x.code === 'profile_foreign');
      if (w) io.stderr.write(`${visitorFile}: not a stored profile the engine can read: ${w.message.replace(/; it was replaced by a fresh profile$/, '')}\n`);
      return Boolean(w);
    };
    for (const e of events) {
      if (e.at !== undefined) clock = e.at;
      const res = e.kind === 'page' ? shopkeeper.decide(e.page) : shopkeeper.track(e.name, e.properties);
      if (unreadable()) return 1;
      if (!res.ok) throw new Error(`${e.where}: the engine refused the event: ${res.error.path || '/'}: ${res.error.message}`);
    }
    if (now !== undefined) clock = now;
    const page = { url: values.url || 'https://shop.example/', referrer: values.referrer || '',
      ...pageShows({ type: values['page-type'], category: values.category, query: values.query }) };
    if (values.product) page.product = { product_id: values.product, ...(values.category ? { category: values.category } : {}) };
    const res = shopkeeper.decide(page);
    if (unreadable()) return 1;
    if (!res.ok) throw new Error(`the engine refused the page view: ${res.error.path || '/'}: ${res.error.message}`);
    if (values.json) {
      io.stdout.write(`${JSON.stringify({ ...res, profile: JSON.parse(res.profile) }, null, 2)}\n`);
    } else {
      const out = [];
      describe(res, out);
      io.stdout.write(`${out.join('\n')}\n`);
    }
    for (const w of warnings) io.stderr.write(`warning: ${w.code}: ${w.message}\n`);
    return 0;
  } finally {
    shopkeeper.destroy();
  }
}
