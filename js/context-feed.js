// The shop's context feed (trends and weather by region, referral rewards, anything custom):
// an object, JSON text, or a URL fetched and cached in storage for its time to live. The engine
// validates it (setFeed); this file only finds the text.

import { fetchText, isDocument, isJsonText } from './rules-source.js';
import { KEYS } from './storage.js';

/** How long a fetched feed is reused when it does not say (its `ttlSeconds`). */
export const DEFAULT_TTL_SECONDS = 600;

/**
 * When the feed `doc` (the parsed feed, or anything) expires by the device's clock, in ms:
 * `expiresAt`, generatedAt + ttlSeconds as the engine judges it (NaN when the feed does not say),
 * and `cacheUntil`, no later than `now` + its ttl (`fallbackTtl` s when it has none).
 */
function expiryOf(doc, now, fallbackTtl) {
  const own = doc && Number.isFinite(doc.ttlSeconds) && doc.ttlSeconds >= 0;
  const ttl = own ? doc.ttlSeconds : fallbackTtl;
  const expiresAt = own && typeof doc.generatedAt === 'string' ? Date.parse(doc.generatedAt) + ttl * 1000 : NaN;
  // A feed served already aged (a CDN's copy) is fetched again once the engine stops using it.
  return { expiresAt, cacheUntil: Math.min(now + ttl * 1000, expiresAt >= 0 ? expiresAt : Infinity) };
}

/** expiryOf() of JSON text; a malformed feed has no expiry (the engine says what is wrong). */
function expiryOfText(text, now, fallbackTtl) {
  try {
    return expiryOf(JSON.parse(text), now, fallbackTtl);
  } catch {
    return expiryOf(null, now, fallbackTtl);
  }
}

/**
 * Resolves the `context` option to { text, save(), personal, expiresAt } (save() caches a fetched
 * feed once the engine took it; expiresAt as expiryOf() gives it, NaN for a feed from the cache,
 * which is never kept past it), { error } when it could not be fetched within `timeout` ms, or null
 * when there is none.
 * A URL may hold `{visitorId}`, replaced by `visitorId` (empty when the id may not leave the device);
 * `personal` says the feed is the visitor's own, fetched with their id.
 */
export async function loadContextFeed(source, { store, fetchImpl = globalThis.fetch, now, ttlSeconds, visitorId = '', timeout }) {
  if (source === undefined || source === null || source === '') return null;
  if (isDocument(source)) {
    try {
      return { text: JSON.stringify(source), save() {}, expiresAt: expiryOf(source, 0, 0).expiresAt };
    } catch (e) {
      return { error: `the context object cannot be serialized: ${e.message}` };
    }
  }
  const text = String(source);
  if (isJsonText(text)) return { text, save() {}, expiresAt: expiryOfText(text, 0, 0).expiresAt };
  const url = text.replace(/\{visitorId\}/g, encodeURIComponent(visitorId));
  const personal = Boolean(visitorId) && url !== text;
  let cached = null;
  try {
    cached = JSON.parse(store.get(KEYS.context) || 'null');
  } catch {
    cached = null; // an unreadable cache is only a cache
  }
  if (cached && cached.url === url && typeof cached.text === 'string' && cached.expires > now()) {
    return { text: cached.text, save() {}, personal, expiresAt: NaN };
  }
  const fetched = await fetchText(url, fetchImpl, timeout);
  if (fetched.error) return fetched;
  const body = fetched.text;
  const { expiresAt, cacheUntil } = expiryOfText(body, now(), Number.isFinite(ttlSeconds) && ttlSeconds >= 0 ? ttlSeconds : DEFAULT_TTL_SECONDS);
  return {
    text: body,
    save: () => store.set(KEYS.context, JSON.stringify({ url, expires: cacheUntil, text: body })),
    personal,
    expiresAt,
  };
}
