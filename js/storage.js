// Storage that never throws into the page: localStorage can be missing, disabled
// (SecurityError on access), full (QuotaExceededError) or hold anything at all.

/** Keys are namespaced and versioned so a future layout can live beside this one. */
export const KEYS = Object.freeze({
  profile: 'shopkeeper:v1:profile',
  profileSetAside: 'shopkeeper:v1:profile:set-aside',
  /** The queue's own record (the count of dropped events); each queued event is under `${queue}:${messageId}`. */
  queue: 'shopkeeper:v1:queue',
  flushLease: 'shopkeeper:v1:flush-lease',
  /** The backoff all tabs keep to after a failed send: { at, failures }, no send before `at`. */
  retry: 'shopkeeper:v1:retry',
  /** The latest position from browser geolocation (rounded), or the time the visitor refused it. */
  location: 'shopkeeper:v1:location',
  /** The last fetched context feed: { url, expires, text }. */
  context: 'shopkeeper:v1:context',
});

/** Where a storage that cannot list its keys (no key() and length) has Shopkeeper's listed. */
const INDEX = 'shopkeeper:v1:keys';

/** Where unreadable stored profiles are kept, the first one found first: at most three, never overwritten. */
export const SET_ASIDE_KEYS = [KEYS.profileSetAside, `${KEYS.profileSetAside}:2`, `${KEYS.profileSetAside}:3`];

/** A Storage-like object kept in memory: the fallback, and the default in node. */
export function memoryStorage() {
  const map = new Map();
  let keys = null; // the keys in order, listed again only after one is added or removed
  return {
    getItem: (k) => (map.has(k) ? map.get(k) : null),
    setItem: (k, v) => {
      const key = String(k);
      if (!map.has(key)) keys = null;
      map.set(key, String(v));
    },
    removeItem: (k) => {
      if (map.delete(k)) keys = null;
    },
    key: (i) => (keys ??= [...map.keys()])[i] ?? null,
    get length() {
      return map.size;
    },
  };
}

/** Whether `storage` can list its keys (key() and length). */
function listable(storage) {
  try {
    return typeof storage.key === 'function' && typeof storage.length === 'number';
  } catch {
    return false;
  }
}

/** The keys of `storage` that start with `prefix`. */
function keysOf(storage, prefix) {
  const keys = [];
  for (let i = 0, n = storage.length; i < n; i++) {
    const key = storage.key(i);
    if (typeof key === 'string' && key.startsWith(prefix)) keys.push(key);
  }
  return keys;
}

/** True for the error a full storage throws (its name and legacy codes differ across browsers). */
export function isQuotaError(error) {
  return Boolean(error) && (error.name === 'QuotaExceededError' || error.name === 'NS_ERROR_DOM_QUOTA_REACHED' ||
    error.code === 22 || error.code === 1014);
}

function defaultStorage() {
  try {
    return globalThis.localStorage || null; // the getter itself throws in sandboxed frames
  } catch {
    return null;
  }
}

/**
 * Wraps `storage` (localStorage by default; any object with getItem/setItem/removeItem).
 * `persistent` is false when writes do not survive (no storage, or a failing one):
 * values are then kept in memory for this page only. `warn` receives each problem once:
 * storage_unavailable, storage_read_failed, storage_write_failed, storage_quota_exceeded.
 */
export function createStore(storage, warn) {
  const backing = storage === undefined ? defaultStorage() : storage;
  const memory = memoryStorage();
  const warned = new Set();
  const unsaved = new Set(); // keys whose latest value only memory holds
  const report = (code, error) => {
    if (warned.has(code)) return;
    warned.add(code);
    warn(code, error);
  };
  let persistent = probe(backing);
  if (!persistent) report('storage_unavailable', new Error('storage is unavailable; nothing persists beyond this page'));
  // A storage that cannot list its keys gets a list of ours: without it, the events earlier pages
  // queued would be neither sent, nor bounded, nor removed by forget().
  const indexed = persistent && !listable(backing);

  /** The keys in the index (none when it is unreadable); throws what getItem throws. */
  function index() {
    const raw = backing.getItem(INDEX);
    try {
      const keys = JSON.parse(raw);
      return Array.isArray(keys) ? keys.filter((k) => typeof k === 'string') : [];
    } catch {
      return [];
    }
  }

  /** Adds `key` to the index, or takes it out; throws what the storage throws. */
  function reindex(key, add) {
    const keys = index();
    if (keys.includes(key) === add) return;
    const next = add ? [...keys, key] : keys.filter((k) => k !== key);
    if (next.length) backing.setItem(INDEX, JSON.stringify(next));
    else backing.removeItem(INDEX);
  }

  return {
    get persistent() {
      return persistent;
    },
    /** The stored string, or null. Non-string values (a broken polyfill) read as null. */
    get(key) {
      if (persistent && !unsaved.has(key)) {
        try {
          const v = backing.getItem(key);
          return typeof v === 'string' ? v : null;
        } catch (error) {
          report('storage_read_failed', error);
        }
      }
      return memory.getItem(key);
    },
    /**
     * Stores a string; returns false when it could only be kept in memory. When storage is full,
     * `makeRoom(attempt)` (attempt 0, 1, ...) may free space or give a smaller value: it returns
     * the value to try again, or null to give up and keep `value` in memory.
     */
    set(key, value, makeRoom) {
      memory.setItem(key, value);
      if (!persistent) return false;
      let attempt = value;
      for (let round = 0; ; round++) {
        try {
          // Listed before it is written: a key the index misses would never be found again.
          if (indexed) reindex(key, true);
          backing.setItem(key, attempt);
          unsaved.delete(key);
          memory.setItem(key, attempt);
          return true;
        } catch (error) {
          const quota = isQuotaError(error);
          const next = quota && makeRoom ? makeRoom(round) : null;
          if (typeof next !== 'string') {
            unsaved.add(key);
            report(quota ? 'storage_quota_exceeded' : 'storage_write_failed', error);
            return false;
          }
          attempt = next;
        }
      }
    },
    /** Whether the latest value of `key` reached storage (false when only memory holds it). */
    saved(key) {
      return persistent && !unsaved.has(key);
    },
    /** The stored keys starting with `prefix`. */
    keys(prefix) {
      const found = new Set(keysOf(memory, prefix));
      if (persistent) {
        try {
          for (const key of indexed ? index().filter((k) => k.startsWith(prefix)) : keysOf(backing, prefix)) found.add(key);
        } catch (error) {
          report('storage_read_failed', error);
        }
      }
      return [...found];
    },
    remove(key) {
      memory.removeItem(key);
      unsaved.delete(key);
      if (!persistent) return;
      try {
        backing.removeItem(key);
        if (indexed) reindex(key, false);
      } catch (error) {
        report('storage_write_failed', error);
      }
    },
  };
}

function probe(storage) {
  if (!storage || typeof storage.getItem !== 'function' || typeof storage.setItem !== 'function' ||
      typeof storage.removeItem !== 'function') {
    return false;
  }
  const key = 'shopkeeper:v1:probe';
  try {
    storage.setItem(key, '1');
    const ok = storage.getItem(key) === '1';
    storage.removeItem(key);
    return ok;
  } catch (error) {
    // A full storage still works: each write then makes room or falls back to memory.
    return isQuotaError(error);
  }
}
