// The flusher: sends the queue in batches (by count and bytes) on a timer, at once when a
// batch is full, and with keepalive when the page goes away; retries with backoff; counts.

import { backoffDelay, parseRetryAfter, RETRY_AFTER_CAP } from './backoff.js';
import { BATCH_OVERHEAD, live } from './queue.js';
import { classify, KEEPALIVE_BUDGET } from './transport.js';

const NO_BACKOFF = Object.freeze({ at: 0, failures: 0 });

/**
 * A flusher of `queue` through `transport`, one tab at a time through `lock`, while `consent`
 * allows. `limits` holds batchSize, batchBytes, flushInterval and leaseMs (how long a batch in
 * flight is left alone by other tabs); `scheduler` is { setTimeout, clearTimeout }. The backoff
 * after a failed send is kept in `store` under `retryKey`, for the shop's other tabs and next pages.
 */
export function createFlusher({ queue, lock, transport, consent, owner, now, scheduler, warn, random, limits, store,
  retryKey }) {
  const { batchSize, batchBytes, flushInterval, leaseMs } = limits;
  const counts = { sent: 0, batches: 0, retries: 0, rejected: 0 };
  let lastError = null;
  let timer = null;
  let timerAt = Infinity;
  let running = null;
  let stopped = false;
  // Bytes of keepalive requests not yet answered, and of beacons sent since the page was last shown:
  // the browser's budget covers them all, and a pagehide is followed by a visibilitychange.
  const keepalive = { pending: 0, beacons: 0 };
  // Drops reported by batches not yet answered: a batch taken meanwhile reports only those since.
  let carried = 0;

  /** The stored backoff: { at, failures }, no send before `at` (0 when there is no wait). */
  function backoff() {
    const stored = store.get(retryKey);
    if (stored === null) return NO_BACKOFF;
    try {
      const { at, failures } = JSON.parse(stored);
      // A wait beyond the longest there is was set by a clock running ahead, or is corrupt; failures
      // long past (a tab closed days ago) no longer count.
      if (!(now() < at + RETRY_AFTER_CAP)) return NO_BACKOFF;
      return { at: live(at, now(), RETRY_AFTER_CAP) ? at : 0, failures: Number(failures) || 0 };
    } catch {
      return NO_BACKOFF;
    }
  }

  const sending = () => !stopped && consent.mode === 'send' && now() >= backoff().at;

  function schedule(delay) {
    if (stopped) return;
    const at = Math.max(now() + delay, backoff().at);
    if (timer !== null && timerAt <= at) return;
    if (timer !== null) scheduler.clearTimeout(timer);
    timerAt = at;
    timer = scheduler.setTimeout(() => {
      timer = null;
      timerAt = Infinity;
      flush();
    }, at - now());
    if (timer && typeof timer.unref === 'function') timer.unref(); // never keeps a node process alive
  }

  function toBatch({ entries, dropped }) {
    const batch = entries.map((e) => e.message);
    // Drops are reported on the wire too, so the shop's backend sees the gap.
    if (dropped) batch[0] = { ...batch[0], context: { ...batch[0].context, shopkeeper: { dropped } } };
    return { batch, sentAt: new Date(now()).toISOString() };
  }

  /** Applies a transport outcome to its batch; returns whether sending may go on. */
  function settle(taken, outcome, error) {
    const ids = taken.entries.map((e) => e.id);
    const kind = error ? 'retry' : classify(outcome);
    // A beacon: if it never arrived, its lease runs out and it goes again (its drops with the next page).
    if (kind === 'unknown') return false;
    carried -= taken.dropped;
    if (kind === 'sent') {
      queue.remove(ids, taken.dropped);
      counts.sent += ids.length;
      counts.batches++;
      store.remove(retryKey);
      return true;
    }
    if (kind === 'rejected') {
      queue.remove(ids);
      counts.rejected += ids.length;
      lastError = `HTTP ${outcome.status}`;
      warn('sync_rejected', new Error(`the collector refused ${ids.length} event(s) with HTTP ${outcome.status}; they are not sent again`));
      return true;
    }
    // Events forgotten meanwhile (forget(), denied consent) are not retried and leave no wait behind.
    if (!queue.release(ids)) return false;
    const failures = backoff().failures + 1;
    counts.retries++;
    lastError = error ? String((error && error.message) || error) : `HTTP ${outcome.status}`;
    // Retry-After may ask for longer than the backoff, never shorter: a collector answering every try
    // with "Retry-After: 0" would otherwise have every tab of every shopper retry at once, in a loop.
    const delay = Math.max(parseRetryAfter(outcome && outcome.retryAfter, now()) ?? 0, backoffDelay(failures, { random }));
    store.set(retryKey, JSON.stringify({ at: now() + delay, failures }));
    schedule(delay);
    return false;
  }

  function take(bytes) {
    const taken = queue.lease(owner, now(), now() + leaseMs, { count: batchSize, bytes });
    if (taken.entries.length) {
      taken.dropped = Math.max(0, taken.dropped - carried);
      carried += taken.dropped;
    }
    return taken;
  }

  async function sendBatches(renew) {
    while (sending() && renew()) {
      const taken = take(batchBytes);
      if (!taken.entries.length) return;
      let outcome;
      let error = null;
      try {
        outcome = await transport(toBatch(taken), { keepalive: false, unloading: false });
      } catch (e) {
        error = e || new Error('the transport failed');
      }
      if (!settle(taken, outcome, error)) return;
    }
  }

  async function run() {
    if (!sending()) return;
    await lock.run(sendBatches);
    // Left over: another tab's batch in flight (its lease may run out) or events queued meanwhile.
    if (timer === null && queue.size(now()).count > 0) schedule(flushInterval);
  }

  function flush() {
    if (!running) {
      running = run()
        .catch((error) => warn('sync_failed', error))
        .finally(() => {
          running = null;
        });
    }
    return running;
  }

  return {
    /** Sends what is queued now, unless consent, a backoff or another tab's flush stands in the way. */
    flush,

    /** Tells the flusher an event was queued: a full batch goes at once, anything else on the timer. */
    queued() {
      if (consent.mode !== 'send') return;
      if (sending() && queue.size(now()).ready >= batchSize) flush();
      else schedule(flushInterval);
    },

    /**
     * The page is hidden, or being left (`unloading`: pagehide): hands what is not in flight to
     * keepalive requests (beacons when unloading), within the budget the browser gives them all.
     * What does not fit stays queued, not in flight, for the next flush or the next page.
     */
    flushKeepalive(unloading = false) {
      const budget = () => KEEPALIVE_BUDGET - keepalive.pending - keepalive.beacons;
      while (sending() && budget() > BATCH_OVERHEAD) {
        const taken = take(Math.min(batchBytes, budget()));
        if (!taken.entries.length) return;
        const bytes = taken.entries.reduce((n, e) => n + e.size + 1, BATCH_OVERHEAD);
        keepalive.pending += bytes;
        let pending;
        try {
          pending = Promise.resolve(transport(toBatch(taken), { keepalive: true, unloading }));
        } catch (error) {
          pending = Promise.reject(error);
        }
        // Runs only if the page lives on long enough; otherwise the leases run out and the next page resends.
        pending.then((o) => {
          keepalive.pending -= bytes;
          if (o && o.beacon) keepalive.beacons += bytes;
          settle(taken, o, null);
        }, (e) => {
          keepalive.pending -= bytes;
          settle(taken, undefined, e || new Error('the transport failed'));
        });
      }
    },

    /** The page is visible again: the beacons it sent while away have long left the browser's budget. */
    shown() {
      keepalive.beacons = 0;
    },

    /** The counters of syncStats(). */
    stats() {
      return { ...counts, lastError, queued: queue.size(now()).count, retryAt: backoff().at || null };
    },

    /** Stops the timer; nothing is sent after this. */
    stop() {
      stopped = true;
      if (timer !== null) scheduler.clearTimeout(timer);
      timer = null;
    },
  };
}
