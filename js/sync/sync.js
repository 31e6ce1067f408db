// The sync layer: what the SDK and the shop record becomes Segment-spec messages in the
// persisted queue, which goes to the shop's collector in batches when consent allows. The
// sending itself (flusher, tab lock, HTTP transport) comes with the parts loaded after the
// first decision (../later/): until they are here, events wait in the queue like any other.

import { createLater } from '../later/later.js';
import { KEYS } from '../storage.js';
import { uuid } from '../uuid.js';
import { createConsent } from './consent.js';
import { buildMessage, byteLength, pageProperties } from './message.js';
import { createQueue } from './queue.js';
import { KEEPALIVE_BUDGET, REQUEST_TIMEOUT_MS } from './transport.js';

/** Defaults of the sync options (see index.d.ts). */
export const SYNC_DEFAULTS = Object.freeze({
  batchSize: 20, batchBytes: 32 * 1024, flushInterval: 5000, maxQueueEvents: 500, maxQueueBytes: 256 * 1024,
});

/** A batch in flight is left alone by other tabs this long: longer than any request may take. */
const LEASE_MS = REQUEST_TIMEOUT_MS + 5000;

const positive = (value, fallback) => (Number.isFinite(value) && value > 0 ? value : fallback);

const defaultScheduler = {
  setTimeout: (fn, ms) => globalThis.setTimeout(fn, ms),
  clearTimeout: (t) => globalThis.clearTimeout(t),
};

/** The consent of the Shopkeeper options: `consent`, with Global Privacy Control honoured unless turned off. */
export function consentOf(options, warn) {
  const nav = globalThis.navigator;
  const gpc = options.globalPrivacyControl !== undefined ? options.globalPrivacyControl === true
    : Boolean(nav && nav.globalPrivacyControl === true);
  return createConsent(options.consent, { gpc, honorGpc: options.honorGlobalPrivacyControl !== false, warn });
}

/**
 * Creates the sync layer from the Shopkeeper options (endpoint, transport, consent, ...).
 * `deps` gives the store (storage.js), warn, the clock, the maker of ids, the library version
 * and `later` (../later/later.js), which brings the flusher. Without an endpoint or a
 * transport nothing is queued or sent.
 */
export function createSync(options, { store, warn, now, newId = uuid, version, later = createLater(warn) }) {
  const nav = globalThis.navigator;
  const send = typeof options.transport === 'function' || Boolean(options.endpoint);
  const consent = consentOf(options, warn);
  const limits = {
    batchSize: positive(options.batchSize, SYNC_DEFAULTS.batchSize),
    batchBytes: Math.min(positive(options.batchBytes, SYNC_DEFAULTS.batchBytes), KEEPALIVE_BUDGET),
    flushInterval: positive(options.flushInterval, SYNC_DEFAULTS.flushInterval),
    leaseMs: LEASE_MS,
  };
  const owner = newId(); // this page: the holder of leases
  const queue = createQueue(store, {
    key: KEYS.queue,
    maxEvents: positive(options.maxQueueEvents, SYNC_DEFAULTS.maxQueueEvents),
    maxBytes: positive(options.maxQueueBytes, SYNC_DEFAULTS.maxQueueBytes),
    batchBytes: limits.batchBytes,
    leaseMs: LEASE_MS,
    warn,
    oversized,
  });
  let flusher = null; // until the later parts are here
  let hiddenMeanwhile = false; // the page was hidden before the flusher came, and still is
  let stopped = false;
  let dropped = 0;
  let purged = 0;

  const purge = () => {
    purged += queue.purge();
    store.remove(KEYS.retry);
  };
  if (send && consent.mode === 'drop') purge();
  if (send) {
    later.use((parts) => {
      if (!parts || stopped) return; // not loaded: the queue waits for the next page
      const transport = typeof options.transport === 'function' ? options.transport : parts.httpTransport(String(options.endpoint));
      const lock = parts.createTabLock({ locks: nav && nav.locks, name: 'shopkeeper:v1:flush', store, key: KEYS.flushLease,
        owner, now, leaseMs: LEASE_MS });
      flusher = parts.createFlusher({ queue, lock, transport, consent, owner, now, warn, limits, store, retryKey: KEYS.retry,
        scheduler: options.scheduler || defaultScheduler, random: Math.random });
      // What earlier pages left (unsent, or kept while consent was pending), and what this page
      // queued before the flusher came, goes with the next flush; at once if the page was hidden meanwhile.
      if (hiddenMeanwhile) flusher.flushKeepalive(false);
      else if (queue.size(now()).count > 0) flusher.queued();
    });
  }

  /** Sends what is queued, once the flusher is here (resolves when done, or at once when it cannot come). */
  function flush() {
    if (!send) return Promise.resolve();
    if (flusher) return flusher.flush();
    later.load();
    return new Promise((resolve) => later.use(() => resolve(flusher && flusher.flush())));
  }

  function record(type, fields, anonymousId, page) {
    if (!send || consent.mode === 'drop') return;
    const message = buildMessage(type, fields, { messageId: newId(), anonymousId, page, now: now(), version });
    let size;
    try {
      size = byteLength(JSON.stringify(message));
    } catch (error) {
      warn('sync_unserializable', error); // a cycle or a BigInt in the properties
      return;
    }
    countDropped(queue.push({ id: message.messageId, size, message }, now()));
    if (flusher) flusher.queued();
  }

  /** Counts and reports a message ({ message, size }) too big for any batch. */
  function oversized({ message, size }) {
    dropped++;
    warn('sync_oversized', new Error(`a ${message.type} message of ${size} bytes exceeds the batch limit and was dropped`));
  }

  function countDropped(lost) {
    if (!lost) return;
    dropped += lost;
    warn('sync_dropped', new Error(`the event queue is full: the ${lost} oldest event(s) were dropped`));
  }

  /**
   * Queues a `track` message. An `email` property never goes out in a track: it becomes an
   * `identify` with the address as a trait, and only while consent allows sending.
   */
  function track(anonymousId, page, event, properties) {
    const { email, ...rest } = properties && typeof properties === 'object' ? properties : {};
    record('track', { event: String(event), properties: rest }, anonymousId, page);
    if (typeof email === 'string' && email && consent.mode === 'send') {
      record('identify', { traits: { email } }, anonymousId, page);
    }
  }

  /**
   * An "Experiment Viewed" for each exposure ({ campaign, group }) the engine reported: the first
   * time in a session a campaign with a holdout found the visitor eligible, treatment and control alike.
   */
  function exposed(anonymousId, page, exposures) {
    for (const e of Array.isArray(exposures) ? exposures : []) {
      track(anonymousId, page, 'Experiment Viewed', { experiment_id: e.campaign, variation_id: String(e.group),
        campaign: e.campaign, group: e.group });
    }
  }

  // Leaving the page: beacons. Hidden (it may live on and hear the answers): keepalive requests.
  // A page left before the flusher is here leaves its queue to the next page.
  const onPageHide = () => flusher && flusher.flushKeepalive(true);
  const onVisibility = () => {
    if (!flusher) hiddenMeanwhile = document.visibilityState === 'hidden';
    else if (document.visibilityState === 'hidden') flusher.flushKeepalive(false);
    else flusher.shown(); // back, from another tab or the back/forward cache
  };
  const listening = Boolean(send && typeof window !== 'undefined' && typeof document !== 'undefined');
  if (listening) {
    window.addEventListener('pagehide', onPageHide);
    document.addEventListener('visibilitychange', onVisibility);
  }

  return {
    /**
     * Queues the `page` message of a decide() result on `page` ({ url, referrer, title }), and an
     * "Experiment Viewed" for each of its exposures.
     */
    decided(result, page) {
      const id = result.visitor.id;
      record('page', { properties: pageProperties(page) }, id, page);
      exposed(id, page, result.exposures);
    },

    track,
    exposed,

    /** The consent the visitor's data is under now: 'denied' when Global Privacy Control is honoured. */
    consentState() {
      return consent.mode === 'drop' ? 'denied' : consent.state;
    },

    /** Whether the visitor's data may leave the device now (consent granted, no GPC). */
    mayShare() {
      return consent.mode === 'send';
    },

    /** Changes consent: granted sends what was kept, denied drops it. */
    setConsent(state) {
      consent.set(state);
      if (!send) return;
      if (consent.mode === 'drop') purge();
      else if (consent.mode === 'send') flush();
    },

    /** Drops every queued event (the visitor is forgotten). */
    purge,

    /** Drops up to `n` of the oldest queued events to make room in a full storage; returns how many. */
    makeRoom(n) {
      const lost = queue.shed(n, now());
      countDropped(lost);
      return lost;
    },

    /** Sends what is queued now (resolves when done; never rejects). */
    flush,

    /** Counters and state of the sync layer. */
    stats() {
      const sending = flusher ? flusher.stats()
        : { sent: 0, batches: 0, retries: 0, rejected: 0, lastError: null, queued: queue.size(now()).count, retryAt: null };
      return { enabled: send, senderReady: Boolean(flusher), consent: consent.state, gpc: consent.gpc, ...sending, dropped, purged };
    },

    /** Stops timers and listeners. */
    destroy() {
      stopped = true;
      if (flusher) flusher.stop();
      if (listening) {
        window.removeEventListener('pagehide', onPageHide);
        document.removeEventListener('visibilitychange', onVisibility);
      }
    },
  };
}
