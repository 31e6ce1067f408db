// The persisted event queue. Each event is its own storage entry, `${key}:${messageId}`, and
// `${key}` holds the queue's record ({ v: 1, dropped }). Tabs of a shop write localStorage from
// different processes whose views of it lag each other by a moment: a queue kept as one value
// would lose one tab's append to another tab's read-modify-write. Appending here writes a new
// key, removing removes one. An entry is rewritten only to mark it in flight, by the flusher
// holding the tab lock or by a page handing its queue to beacons as it goes away (which cannot
// wait for a lock): a race between the two can send an event twice, for the collector to
// deduplicate, but never loses one. An entry is { id, at, seq, size, message } plus
// `lease: { owner, until }` while a flusher has it in flight.

/**
 * Whether a lease ending at `until` (ms) is live at `now`. None is taken for longer than `leaseMs`:
 * one ending later was taken by a clock running ahead since put right, or is corrupt, and has expired.
 */
export const live = (until, now, leaseMs) => until > now && until <= now + leaseMs;

/** Bytes a batch adds around its messages: {"batch":[...],"sentAt":"..."} and the dropped counter. */
export const BATCH_OVERHEAD = 128;

const isEntry = (e) => e && typeof e.id === 'string' && typeof e.at === 'number' && typeof e.size === 'number' &&
  e.message && typeof e.message === 'object';
const byAge = (a, b) => a.at - b.at || (a.seq || 0) - (b.seq || 0) || (a.id < b.id ? -1 : 1);

/**
 * A queue over `store` (see storage.js) under `key`, bounded to `maxEvents` entries and
 * `maxBytes` of messages, sent in batches of at most `batchBytes`, each in flight for at most
 * `leaseMs`. Problems with stored values go to `warn`; an entry too big for any batch is removed
 * and handed to `oversized`.
 */
export function createQueue(store, { key, maxEvents, maxBytes, batchBytes, leaseMs, warn, oversized }) {
  const prefix = `${key}:`;
  let seq = 0; // orders the events of this page within one millisecond
  const inFlight = (entry, now) => Boolean(entry.lease && live(entry.lease.until, now, leaseMs));
  /** Whether an entry is too big for a batch on its own, as lease() counts it. */
  const tooBig = (e) => BATCH_OVERHEAD + e.size + 1 > batchBytes;

  /** All entries, oldest first; an unreadable one is reported and removed. */
  function entries() {
    const list = [];
    for (const k of store.keys(prefix)) {
      const raw = store.get(k);
      if (raw === null) continue;
      let entry = null;
      try {
        entry = JSON.parse(raw);
      } catch {
        // Reported below, like any foreign value.
      }
      if (isEntry(entry) && k === prefix + entry.id) list.push(entry);
      else {
        warn('sync_queue_corrupt', new Error(`${k} held an unreadable event; it was discarded`));
        store.remove(k);
      }
    }
    return list.sort(byAge);
  }

  const save = (entry, makeRoom) => store.set(prefix + entry.id, JSON.stringify(entry), makeRoom);

  /** Removes up to `n` of the oldest stored entries not in flight, other than `keep`; returns how many. */
  function dropOldest(n, now, keep) {
    let dropped = 0;
    for (const e of entries()) {
      if (dropped >= n) break;
      // Only a stored entry frees room; one kept in memory would be lost for nothing.
      if (e.id === keep || inFlight(e, now) || !store.saved(prefix + e.id)) continue;
      store.remove(prefix + e.id);
      dropped++;
    }
    return dropped;
  }

  function readDropped() {
    try {
      const record = JSON.parse(store.get(key) || 'null');
      return Math.max(0, Number(record && record.dropped) || 0);
    } catch {
      return 0;
    }
  }

  function writeDropped(dropped) {
    if (dropped > 0) store.set(key, JSON.stringify({ v: 1, dropped }));
    else store.remove(key);
  }

  return {
    /**
     * Appends a message ({ id, size, message }) unless it is too big for a batch, then drops the
     * oldest entries not in flight beyond the bounds (or to make room in a full storage). Returns how
     * many were dropped.
     */
    push(entry, now) {
      if (tooBig(entry)) {
        oversized(entry);
        return 0;
      }
      const record = { ...entry, at: now, seq: seq++ };
      // A full storage makes room by dropping the oldest events: one, then two, four, ...
      let dropped = 0;
      save(record, (round) => {
        const n = dropOldest(2 ** round, now, record.id);
        dropped += n;
        return n > 0 ? JSON.stringify(record) : null;
      });
      const all = entries();
      let bytes = all.reduce((n, e) => n + e.size, 0);
      let count = all.length;
      for (const e of all) {
        if (count <= maxEvents && bytes <= maxBytes) break;
        if (inFlight(e, now)) continue;
        store.remove(prefix + e.id);
        bytes -= e.size;
        count--;
        dropped++;
      }
      if (dropped) writeDropped(readDropped() + dropped);
      return dropped;
    },

    /** Drops up to `n` of the oldest stored events to make room for something else; returns how many. */
    shed(n, now) {
      const dropped = dropOldest(n, now, null);
      if (dropped) writeDropped(readDropped() + dropped);
      return dropped;
    },

    /**
     * Takes the oldest entries not in flight, up to `count` entries and `bytes` on the wire, and
     * marks them in flight for `owner` until `until`. Returns { entries, dropped }: `dropped` is
     * the drop count not yet reported to the collector.
     */
    lease(owner, now, until, { count, bytes }) {
      const taken = [];
      let size = BATCH_OVERHEAD;
      for (const e of entries()) {
        if (taken.length >= count) break;
        if (inFlight(e, now)) continue;
        // Queued under a larger batchBytes (an earlier page's): it would stop every later event.
        if (tooBig(e)) {
          store.remove(prefix + e.id);
          oversized(e);
          continue;
        }
        if (size + e.size + 1 > bytes) break;
        size += e.size + 1;
        e.lease = { owner, until };
        save(e);
        taken.push(e);
      }
      return { entries: taken, dropped: readDropped() };
    },

    /**
     * Clears the in-flight mark of `ids` (a failed send), so they go again later. Returns how many
     * of them are still queued.
     */
    release(ids) {
      let queued = 0;
      for (const id of ids) {
        try {
          const { lease, ...entry } = JSON.parse(store.get(prefix + id));
          if (!isEntry(entry)) continue;
          save(entry);
          queued++;
        } catch {
          // Gone or unreadable: entries() reports an unreadable one.
        }
      }
      return queued;
    },

    /** Removes `ids` (sent, or refused for good) and subtracts `reportedDrops` from the drop count. */
    remove(ids, reportedDrops = 0) {
      for (const id of ids) store.remove(prefix + id);
      if (reportedDrops) writeDropped(readDropped() - reportedDrops);
    },

    /** Empties the queue and forgets the drop count; returns how many entries it held. */
    purge() {
      const all = entries();
      for (const e of all) store.remove(prefix + e.id);
      store.remove(key);
      return all.length;
    },

    /** { count, ready }: all entries, and those not in flight at `now`. */
    size(now) {
      const all = entries();
      return { count: all.length, ready: all.filter((e) => !inFlight(e, now)).length };
    },
  };
}
