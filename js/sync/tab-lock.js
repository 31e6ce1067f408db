// One flusher at a time across the tabs of a shop: the Web Locks API where the browser has
// it, otherwise a lease in storage ({ owner, until }) that a crashed tab cannot hold forever.

import { live } from './queue.js';

/**
 * A lock named `name` (Web Locks) or kept under `key` in `store` (the lease), held by `owner`
 * for `leaseMs` at a time. `locks` is navigator.locks, when there is one.
 */
export function createTabLock({ locks, name, store, key, owner, now, leaseMs }) {
  function readLease() {
    try {
      const lease = JSON.parse(store.get(key) || 'null');
      return lease && typeof lease.owner === 'string' && typeof lease.until === 'number' ? lease : null;
    } catch {
      return null;
    }
  }

  /** Takes (or renews) the lease unless another owner holds a live one. */
  function takeLease() {
    const lease = readLease();
    if (lease && lease.owner !== owner && live(lease.until, now(), leaseMs)) return false;
    store.set(key, JSON.stringify({ owner, until: now() + leaseMs }));
    // Read back: of two tabs writing at once, the later write wins and the other backs off.
    const held = readLease();
    return Boolean(held && held.owner === owner);
  }

  function dropLease() {
    const lease = readLease();
    if (lease && lease.owner === owner) store.remove(key);
  }

  async function withLease(task) {
    if (!takeLease()) return false;
    try {
      await task(takeLease);
    } finally {
      dropLease();
    }
    return true;
  }

  return {
    /**
     * Runs `task(renew)` if no other tab holds the lock, and resolves whether it ran. `renew()`
     * extends the hold before each long step and returns false if the hold was lost.
     */
    async run(task) {
      if (!locks || typeof locks.request !== 'function') return withLease(task);
      let ran = false;
      try {
        return await locks.request(name, { ifAvailable: true }, async (lock) => {
          if (!lock) return false;
          ran = true;
          await task(() => true);
          return true;
        });
      } catch {
        // Web Locks refused here (an opaque origin, say): the storage lease still works.
        return ran || withLease(task);
      }
    },
  };
}
