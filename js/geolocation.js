// Asking the browser for the visitor's position, when the shop enabled it and the visitor
// allows it. The position is rounded and cached (location.js reads it for each page view);
// a refusal is remembered so that the page does not ask again for a while.

import { cachedPosition, geolocationEnabled, storedLocation } from './location.js';
import { KEYS } from './storage.js';

/** After the visitor refuses, the page does not ask again for this long. */
export const DENIAL_MS = 30 * 24 * 60 * 60 * 1000;
const REQUEST = { enableHighAccuracy: false, maximumAge: 10 * 60 * 1000, timeout: 15000 };
/**
 * How long locate() waits for any answer: the request's own timeout starts only once the visitor
 * allowed it, and a browser may never answer a prompt the visitor dismissed (Firefox's "Not now").
 */
export const ANSWER_MS = 60000;

// Two decimals of a degree are about a kilometre: enough for "near our Dublin store",
// and all that is kept on the device.
const coarse = (degrees) => Math.round(degrees * 100) / 100;

function failure(code, message) {
  return { ok: false, error: { code, message, path: '' } };
}

/**
 * Geolocation for one page. `mode` is the `geolocation` option: false (never), 'manual'
 * (only when the shop calls locate()) or true (also once at start, unless the visitor
 * refused). `store` is the storage wrapper of storage.js.
 */
export function createGeolocation({ mode, store, now, warn, geolocation = globalThis.navigator?.geolocation,
  permissions = globalThis.navigator?.permissions }) {
  let pending = null;
  let generation = 0; // bumped by forget() and stop(): an answer to an earlier question is not stored
  let stopped = false;
  let settleNow = null; // ends the question in flight (stop())

  const refusedRecently = () => {
    const r = storedLocation(store);
    return Boolean(r && Number.isFinite(r.deniedAt) && now() - r.deniedAt < DENIAL_MS);
  };

  function ask() {
    const asked = generation;
    const keep = (value) => asked === generation && store.set(KEYS.location, JSON.stringify({ v: 1, ...value }));
    return new Promise((settle) => {
      const timer = setTimeout(() => settle(failure('geolocation_failed', `no answer in ${ANSWER_MS / 1000} s`)), ANSWER_MS);
      const resolve = (value) => {
        clearTimeout(timer);
        settleNow = null;
        settle(value);
      };
      settleNow = resolve;
      const onPosition = (position) => {
        const { latitude, longitude, accuracy } = position.coords;
        const fix = { latitude: coarse(latitude), longitude: coarse(longitude), accuracy: Math.round(accuracy) };
        keep({ ...fix, at: now() });
        resolve({ ok: true, ...fix });
      };
      const onError = (error) => {
        if (error && error.code === 1) { // PERMISSION_DENIED
          keep({ deniedAt: now() });
          resolve(failure('geolocation_denied', 'the visitor did not allow geolocation'));
        } else {
          resolve(failure('geolocation_failed', String((error && error.message) || 'no position')));
        }
      };
      try {
        geolocation.getCurrentPosition(onPosition, onError, REQUEST);
      } catch (error) {
        onError(error);
      }
    });
  }

  /**
   * Asks the browser for the visitor's position (the browser may prompt) and caches it.
   * Resolves { ok, latitude, longitude, accuracy } or { ok: false, error }; never rejects.
   */
  function locate() {
    if (!geolocationEnabled(mode)) return Promise.resolve(failure('geolocation_disabled', 'the geolocation option is off'));
    if (!geolocation || typeof geolocation.getCurrentPosition !== 'function') {
      return Promise.resolve(failure('geolocation_unavailable', 'this browser has no geolocation'));
    }
    if (stopped) return Promise.resolve(failure('geolocation_unavailable', 'this Shopkeeper was destroyed'));
    if (!pending) {
      // Cleared only if still the question in flight: forget() may have asked a new one since.
      const asked = ask().finally(() => { if (pending === asked) pending = null; });
      pending = asked;
    }
    return pending;
  }

  /** With mode true: asks once at start when no fresh position is cached and the visitor has not refused. */
  async function start() {
    if (mode !== true || cachedPosition(mode, store, now()) || refusedRecently() || !geolocation) return;
    try {
      const state = permissions && typeof permissions.query === 'function'
        ? (await permissions.query({ name: 'geolocation' })).state : 'prompt';
      if (state === 'denied') return;
    } catch {
      // No Permissions API for geolocation here: asking is still allowed.
    }
    if (stopped) return;
    const res = await locate();
    if (!res.ok && res.error.code === 'geolocation_failed') warn('geolocation_failed', new Error(res.error.message));
  }

  /** The visitor was forgotten: a position asked for before is not stored when it comes. */
  function forget() {
    generation++;
    pending = null;
  }

  /** destroy(): nothing more is asked or stored, and the question in flight ends now (no timer left). */
  function stop() {
    stopped = true;
    forget();
    if (settleNow) settleNow(failure('geolocation_unavailable', 'this Shopkeeper was destroyed'));
  }

  return { locate, start, forget, stop };
}
