// The shop's context feed (trends and weather by region, referral rewards, anything custom):
// an object, JSON text, or a URL fetched and cached in storage for its time to live. The engine
// validates it (setFeed); this file only finds the text.

import { fetchText, isDocument, isJsonText } from './rules-source.js';
import { KEYS } from './storage.js';

/** How long a fetched feed is reused when it does not say (its `ttlSeconds`). */
export const DEFAULT_TTL_SECONDS = 600;

function ttlOf(text, fallback) {
  try {
    const ttl = JSON.parse(text).ttlSeconds;
    return Number.isFinite(ttl) && ttl >= 0 ? ttl : fallback;
  } catch {
    return fallback; // malformed: the engine says so
  }
}

/**
 * Resolves the `context` option to { text, save() } (save() caches a fetched feed once the
 * engine took it), { error } when it could not be fetched within `timeout` ms, or null when there is none.
 * A URL may hold `{visitorId}`, replaced by `visitorId` (empty when the id may not leave the device).
 */
export async function loadContextFeed(source, { store, fetchImpl = globalThis.fetch, now, ttlSeconds, visitorId = '', timeout }) {
  if (source === undefined || source === null || source === '') return null;
  if (isDocument(source)) {
    try {
      return { text: JSON.stringify(source), save() {} };
    } catch (e) {
      return { error: `the context object cannot be serialized: ${e.message}` };
    }
  }
  const text = String(source);
  if (isJsonText(text)) return { text, save() {} };
  const url = text.replace(/\{visitorId\}/g, encodeURIComponent(visitorId));
  let cached = null;
  try {
    cached = JSON.parse(store.get(KEYS.context) || 'null');
  } catch {
    cached = null; // an unreadable cache is only a cache
  }
  if (cached && cached.url === url && typeof cached.text === 'string' && cached.expires > now()) {
    return { text: cached.text, save() {} };
  }
  const fetched = await fetchText(url, fetchImpl, timeout);
  if (fetched.error) return fetched;
  const body = fetched.text;
  const ttl = ttlOf(body, Number.isFinite(ttlSeconds) && ttlSeconds >= 0 ? ttlSeconds : DEFAULT_TTL_SECONDS);
  return {
    text: body,
    save: () => store.set(KEYS.context, JSON.stringify({ url, expires: now() + ttl * 1000, text: body })),
  };
}
