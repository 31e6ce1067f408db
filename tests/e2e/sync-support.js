// Helpers of the browser tests of event sync: what the demo collector stored and how it was sent,
// visitors with a given consent, and the SDK's queue as the page's localStorage holds it.

import assert from 'node:assert/strict';
import { visit, waitFor } from './harness.js';

const QUEUE_PREFIX = 'shopkeeper:v1:queue:';

/** The stored events of the visitors `ids` in the database of `shop`, oldest first. */
export const storedFor = (shop, ...ids) => shop.server.demo.db.query(
  `SELECT message_id, type, event, message FROM events WHERE anonymous_id IN (${ids.map((_, i) => `$${i + 1}`).join(', ')})
   ORDER BY timestamp, received_at`, ids);

/** Waits until the database holds exactly `n` events of the visitors `ids` (never more) and returns them. */
export const rowsReach = (shop, n, ...ids) => waitFor(`${n} stored events`, async () => {
  const rows = await storedFor(shop, ...ids);
  assert.ok(rows.length <= n, `more events than expected: ${rows.map((r) => r.event || r.type)}`);
  return rows.length === n && rows;
});

/**
 * Records each request to the collector of `shop` as it is answered: { mode, contentType, status,
 * accepted, duplicates }. `mode` is the Sec-Fetch-Mode Chromium sends: a beacon of text/plain is
 * "no-cors", a fetch "cors". Call stop() when done.
 */
export function watchCollector(shop) {
  const seen = [];
  const onRequest = (req, res) => {
    if (req.method !== 'POST' || !req.url.startsWith('/v1/batch')) return;
    const end = res.end;
    res.end = function recordAnswer(chunk, ...rest) {
      let answer = {};
      try {
        answer = JSON.parse(String(chunk));
      } catch {
        // Not JSON: nothing accepted.
      }
      seen.push({ mode: req.headers['sec-fetch-mode'], contentType: req.headers['content-type'], status: res.statusCode,
        accepted: answer.accepted || 0, duplicates: answer.duplicates || 0 });
      return end.call(this, chunk, ...rest);
    };
  };
  shop.server.prependListener('request', onRequest); // before the collector can answer
  return { seen, stop: () => shop.server.off('request', onRequest) };
}

/**
 * Makes the collector of `shop` fail: from now on its requests are neither answered nor stored,
 * as if it never got them. They hang (the page that sent one may close meanwhile), or with `cut`
 * their connection is reset, as by a server that stopped. release() makes it work again for the
 * requests that come next; `held` counts those it failed.
 */
export function stallCollector(shop, { cut = false } = {}) {
  const { server } = shop;
  const listeners = server.listeners('request');
  const stall = { held: 0 };
  server.removeAllListeners('request');
  server.on('request', (req, res) => {
    if (req.method !== 'POST' || !req.url.startsWith('/v1/batch')) {
      for (const listener of listeners) listener.call(server, req, res);
      return;
    }
    stall.held++;
    if (cut) req.socket.destroy();
  });
  stall.release = () => {
    server.removeAllListeners('request');
    for (const listener of listeners) server.on('request', listener);
  };
  return stall;
}

/**
 * A new visitor on the home page of `shop` (or `path`), served with data-consent set to `state` and
 * `prepare(page)` done first: { page, id, batches } where batches.count counts the requests to the collector.
 */
export async function visitWithConsent(shop, state, prepare = async () => {}, path = '/') {
  const page = await shop.newPage();
  await page.route((url) => !url.pathname.includes('.') && !url.pathname.startsWith('/v1/'), async (route) => {
    const response = await route.fetch();
    const body = (await response.text()).replace('data-consent="granted"', `data-consent="${state}"`);
    await route.fulfill({ response, body });
  });
  const batches = { count: 0 };
  page.on('request', (r) => {
    if (r.url().endsWith('/v1/batch')) batches.count++;
  });
  await prepare(page);
  const id = (await visit(page, `${shop.base}${path}`)).detail.visitor.id;
  return { page, id, batches };
}

/** The events queued in `page`'s localStorage: { id, inFlight, message } each. */
export const queuedIn = (page) => page.evaluate((prefix) => Object.keys(localStorage).filter((k) => k.startsWith(prefix))
  .map((k) => JSON.parse(localStorage.getItem(k)))
  .map((e) => ({ id: e.id, inFlight: Boolean(e.lease && e.lease.until > Date.now()), message: e.message })), QUEUE_PREFIX);

/** Records an event through the page's SDK; returns whether it was recorded. */
export const track = (page, name, properties) => page.evaluate(([n, p]) => window.shopkeeper.track(n, p).ok, [name, properties]);

/** The page's syncStats(). */
export const syncStats = (page) => page.evaluate(() => window.shopkeeper.syncStats());

/** Sends what the page queued now and waits until that is done. */
export const flushIn = (page) => page.evaluate(() => window.shopkeeper.flush());
