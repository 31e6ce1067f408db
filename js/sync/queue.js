// The persisted event queue: one JSON document under shopkeeper:v1:queue. Every change
// reads it fresh, changes it and writes it back at once, so the tabs of a shop share one
// truth and a crash loses nothing that was written. An entry is { id, size, message } plus
// `lease: { owner, until }` while a flusher has it in flight.

/** Bytes a batch adds around its messages: {"batch":[...],"sentAt":"..."} and the dropped counter. */
export const BATCH_OVERHEAD = 128;

const empty = () => ({ v: 1, events: [], dropped: 0 });

const isEntry = (e) => e && typeof e.id === 'string' && typeof e.size === 'number' && e.message && typeof e.message === 'object';

const inFlight = (entry, now) => entry.lease && entry.lease.until > now;

/**
 * A queue over `store` (see storage.js) under `key`, bounded to `maxEvents` entries and
 * `maxBytes` of messages. Problems with the stored value go to `warn`.
 */
export function createQueue(store, { key, maxEvents, maxBytes, warn }) {
  function read() {
    const raw = store.get(key);
    if (!raw) return empty();
    try {
      const q = JSON.parse(raw);
      if (q && q.v === 1 && Array.isArray(q.events)) {
        return { v: 1, events: q.events.filter(isEntry), dropped: Math.max(0, Number(q.dropped) || 0) };
      }
    } catch {
      // Reported below, like any foreign value.
    }
    warn('sync_queue_corrupt', new Error(`${key} held an unreadable queue; it was discarded`));
    store.remove(key);
    return empty();
  }

  function write(q) {
    if (q.events.length || q.dropped) store.set(key, JSON.stringify(q));
    else store.remove(key);
  }

  function update(change) {
    const q = read();
    const result = change(q);
    write(q);
    return result;
  }

  return {
    /** Appends entries, then drops the oldest entries not in flight beyond the bounds. Returns how many were dropped. */
    push(entries, now) {
      return update((q) => {
        q.events.push(...entries);
        let bytes = q.events.reduce((n, e) => n + e.size, 0);
        let dropped = 0;
        while (q.events.length > maxEvents || bytes > maxBytes) {
          const oldest = q.events.findIndex((e) => !inFlight(e, now));
          if (oldest < 0) break;
          bytes -= q.events[oldest].size;
          q.events.splice(oldest, 1);
          dropped++;
        }
        q.dropped += dropped;
        return dropped;
      });
    },

    /**
     * Takes the oldest entries no other flusher has in flight, up to `count` entries and `bytes`
     * on the wire, and marks them in flight for `owner` until `until`.
     * Returns { entries, dropped }: `dropped` is the drop count not yet reported to the collector.
     */
    lease(owner, now, until, { count, bytes }) {
      return update((q) => {
        const entries = [];
        let size = BATCH_OVERHEAD;
        for (const e of q.events) {
          if (entries.length >= count) break;
          if (inFlight(e, now)) continue;
          if (size + e.size + 1 > bytes) break;
          size += e.size + 1;
          e.lease = { owner, until };
          entries.push(e);
        }
        return { entries, dropped: q.dropped };
      });
    },

    /** Clears the in-flight mark of `ids` (a failed send), so they go again later. */
    release(ids) {
      const set = new Set(ids);
      update((q) => {
        for (const e of q.events) if (set.has(e.id)) delete e.lease;
      });
    },

    /** Removes `ids` (sent, or refused for good) and subtracts `reportedDrops` from the drop count. */
    remove(ids, reportedDrops = 0) {
      const set = new Set(ids);
      update((q) => {
        q.events = q.events.filter((e) => !set.has(e.id));
        q.dropped = Math.max(0, q.dropped - reportedDrops);
      });
    },

    /** Empties the queue; returns how many entries it held. */
    purge() {
      const n = read().events.length;
      store.remove(key);
      return n;
    },

    /** { count, ready }: all entries, and those not in flight at `now`. */
    size(now) {
      const { events } = read();
      return { count: events.length, ready: events.filter((e) => !inFlight(e, now)).length };
    },
  };
}
