// Where the rules document comes from: an object, JSON text, or a URL to fetch.

/** Whether an option holding a document or its URL (rules, context feed) holds the JSON text itself. */
export const isJsonText = (source) => String(source).trimStart().startsWith('{');

/** Whether such an option holds the document as an object (a URL object is an address, not a document). */
export const isDocument = (source) => typeof source === 'object' && !(typeof URL === 'function' && source instanceof URL);

/** How long the rules or the context feed may take to arrive, in ms (the `fetchTimeout` option). */
export const FETCH_TIMEOUT_MS = 5000;

/**
 * The text at `url`, or { error } when it cannot be fetched, is not a 2xx, or has not fully arrived
 * after `timeout` ms: createShopkeeper() waits for it, and a host that never answers would keep the
 * page's calls waiting for ever. Never rejects.
 * @returns {Promise<{ text: string } | { error: string }>}
 */
export async function fetchText(url, fetchImpl, timeout = FETCH_TIMEOUT_MS) {
  if (typeof fetchImpl !== 'function') return { error: `cannot fetch ${url}: no fetch() here` };
  const abort = typeof AbortController === 'function' ? new AbortController() : null;
  let timer;
  // Raced, not only aborted: a fetch of the shop's own may ignore the signal, an old browser has none.
  const late = new Promise((_, reject) => {
    timer = setTimeout(() => {
      reject(new Error(`no answer in ${timeout} ms`));
      if (abort) abort.abort();
    }, timeout);
  });
  try {
    const response = await Promise.race([fetchImpl(url, { credentials: 'same-origin', headers: { Accept: 'application/json' },
      signal: abort ? abort.signal : undefined }), late]);
    if (!response.ok) return { error: `fetching ${url} failed: HTTP ${response.status}` };
    return { text: await Promise.race([response.text(), late]) };
  } catch (e) {
    return { error: `fetching ${url} failed: ${e && e.message}` };
  } finally {
    clearTimeout(timer);
  }
}

/**
 * Resolves `rules` to JSON text, fetching a URL within `timeout` ms. Never rejects: a failure becomes { error }.
 * @returns {Promise<{ text: string } | { error: string }>}
 */
export async function readRules(rules, fetchImpl = globalThis.fetch, timeout = FETCH_TIMEOUT_MS) {
  if (rules === undefined || rules === null) return { error: 'no rules were given' };
  if (isDocument(rules)) {
    try {
      return { text: JSON.stringify(rules) };
    } catch (e) {
      return { error: `the rules object cannot be serialized: ${e.message}` };
    }
  }
  const source = String(rules);
  return isJsonText(source) ? { text: source } : fetchText(source, fetchImpl, timeout);
}
