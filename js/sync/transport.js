// Putting a batch on the wire: fetch; with `keepalive` while the page is hidden (within the
// browsers' 64 KB budget for such requests); a beacon while the page is being left, fetch
// keepalive when the browser refuses the beacon; a beacon for any keepalive send where fetch is missing.
// text/plain keeps a cross-origin POST "simple": no CORS preflight, like Segment's own library.

/** What browsers allow in flight for keepalive requests and beacons of one page. */
export const KEEPALIVE_BUDGET = 64 * 1024;

/** Give up on a request after this long; the lease of its batch outlives it. */
export const REQUEST_TIMEOUT_MS = 10 * 1000;

const TEXT = 'text/plain;charset=UTF-8';

/** Queues `body` as a beacon; false when there is no sendBeacon or the browser refuses it (over its budget). */
function beacon(nav, endpoint, body) {
  return Boolean(nav && typeof nav.sendBeacon === 'function' && nav.sendBeacon(endpoint, new Blob([body], { type: TEXT })));
}

/**
 * A transport posting batches to `endpoint`. It resolves to { status, retryAfter } for an
 * answer, { status: 0, beacon: true } for a beacon (no answer comes), and rejects on a network
 * error or a keepalive request the browser refused. `env` supplies fetch and navigator (the
 * globals by default).
 */
export function httpTransport(endpoint, env = globalThis) {
  return async (batch, { keepalive = false, unloading = false } = {}) => {
    const body = JSON.stringify(batch);
    const hasFetch = typeof env.fetch === 'function';
    // A page being left hears no answer: a beacon is the surest way out of it.
    if ((unloading || (keepalive && !hasFetch)) && beacon(env.navigator, endpoint, body)) return { status: 0, beacon: true };
    if (!hasFetch) throw new Error('no way to send: neither fetch nor sendBeacon is available');
    const init = { method: 'POST', body, keepalive: keepalive || unloading, credentials: 'same-origin',
      headers: { 'Content-Type': TEXT } };
    if (!init.keepalive && typeof AbortSignal !== 'undefined' && AbortSignal.timeout) {
      init.signal = AbortSignal.timeout(REQUEST_TIMEOUT_MS);
    }
    const response = await env.fetch(endpoint, init);
    return { status: response.status, retryAfter: response.headers.get('Retry-After') };
  };
}

/**
 * What a transport's outcome means for its batch: 'sent', 'rejected' (a 4xx other than 408
 * and 429: sending it again cannot help), 'unknown' (a beacon: the lease expires and the batch
 * goes again, the collector deduplicating by messageId) or 'retry'. A custom transport that
 * resolves without a status has sent the batch.
 */
export function classify(outcome) {
  if (!outcome || typeof outcome.status !== 'number') return 'sent';
  if (outcome.beacon) return 'unknown';
  const { status } = outcome;
  if (status >= 200 && status < 300) return 'sent';
  if (status >= 400 && status < 500 && status !== 408 && status !== 429) return 'rejected';
  return 'retry';
}
