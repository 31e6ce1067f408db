// Segment-spec messages (track, page, identify), as any Segment-compatible collector takes them.

import { uuid } from '../uuid.js';

const CAMPAIGN_PARAMS = { utm_campaign: 'name', utm_source: 'source', utm_medium: 'medium', utm_term: 'term',
  utm_content: 'content' };

// Each page fact goes in every message, twice in a page message: uncut, a long URL (a tracking
// parameter of a few KB) would make every message of the page too big for a batch, and drop it.
// 2048 bytes is what the engine reads of a page's URL and referrer.
const encoder = new TextEncoder();
const factBytes = new Uint8Array(2048);

/** The first 2048 bytes of `text` in UTF-8, cut between characters. */
const capped = (text) => text.slice(0, encoder.encodeInto(text, factBytes).read);

/** context.page and page properties from a page { url, referrer, title }, each cut to 2048 bytes. */
export function pageFacts(page) {
  const url = capped(String(page.url || ''));
  let path = '';
  let search = '';
  try {
    const parsed = new URL(url);
    path = capped(parsed.pathname); // escaped by URL: longer than in `url` when it was not
    search = capped(parsed.search);
  } catch {
    // Not an absolute URL (headless use): the facts stay empty rather than wrong.
  }
  return { url, path, search, referrer: capped(String(page.referrer || '')), title: capped(String(page.title || '')) };
}

/**
 * The `page` message's properties: the page facts, and what the page shows (type, category, query,
 * product) where known, so that the page view can be replayed (shopkeeper simulate --events).
 */
export function pageProperties(page) {
  const properties = pageFacts(page);
  for (const key of ['type', 'category', 'query', 'product']) if (page[key] !== undefined) properties[key] = page[key];
  return properties;
}

/** context.campaign from the utm_* parameters of `url`, or null when it has none. */
export function campaignOf(url) {
  let params;
  try {
    params = new URL(url).searchParams;
  } catch {
    return null;
  }
  const campaign = {};
  for (const [param, field] of Object.entries(CAMPAIGN_PARAMS)) {
    const value = params.get(param);
    if (value) campaign[field] = value;
  }
  return Object.keys(campaign).length ? campaign : null;
}

/**
 * One message. `fields` holds what the type adds (`event` and `properties`, `properties`, or `traits`);
 * the last argument gives the messageId (a new UUID by default), anonymousId, the page { url, referrer,
 * title }, the time in ms and the library version.
 */
export function buildMessage(type, fields, { messageId = uuid(), anonymousId, page, now, version }) {
  const context = { page: pageFacts(page), library: { name: 'shopkeeper', version } };
  const campaign = campaignOf(context.page.url);
  if (campaign) context.campaign = campaign;
  return { type, ...fields, messageId, anonymousId: String(anonymousId || ''),
    timestamp: new Date(now).toISOString(), context };
}

/** Bytes of `text` as UTF-8, as it goes on the wire. */
export function byteLength(text) {
  return encoder.encode(text).length;
}
