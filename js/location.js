// The raw location signals of a page view: the browser's time zone, and a position from
// browser geolocation when the shop enabled it and the visitor granted it. The engine
// resolves them, with the shop's hint, into the context's `location` (src/core/location.hpp).
// Nothing is looked up anywhere: no IP service, no third party.

import { KEYS } from './storage.js';

/** A position is reused this long before it is asked for again (the permission stays granted). */
export const FIX_MAX_AGE_MS = 24 * 60 * 60 * 1000;
/** After the visitor refuses, the page does not ask again for this long. */
export const DENIAL_MS = 30 * 24 * 60 * 60 * 1000;
const REQUEST = { enableHighAccuracy: false, maximumAge: 10 * 60 * 1000, timeout: 15000 };

/**
 * The browser's IANA time zone ("Europe/Dublin"), or '' when it cannot tell. Temporal first:
 * asking Intl starts ICU, which costs a page 15 to 40 ms in Chromium (see shop-time.js).
 */
export function browserTimeZone() {
  try {
    const temporal = globalThis.Temporal;
    const zone = temporal && temporal.Now && typeof temporal.Now.timeZoneId === 'function' ? temporal.Now.timeZoneId() : '';
    return String(zone || Intl.DateTimeFormat().resolvedOptions().timeZone || '');
  } catch {
    return '';
  }
}

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
export function createLocator({ mode, store, now, warn, geolocation = globalThis.navigator?.geolocation,
  permissions = globalThis.navigator?.permissions }) {
  const enabled = mode === true || mode === 'manual';
  let pending = null;

  function record() {
    try {
      const value = JSON.parse(store.get(KEYS.location) || 'null');
      return value && typeof value === 'object' ? value : null;
    } catch {
      return null; // unreadable: as if nothing were cached; the next fix replaces it
    }
  }

  /** The cached position { latitude, longitude, accuracy } while fresh, else null. */
  function cached() {
    if (!enabled) return null;
    const r = record();
    if (!r || !Number.isFinite(r.latitude) || !Number.isFinite(r.longitude) || !(now() - r.at < FIX_MAX_AGE_MS)) return null;
    return { latitude: r.latitude, longitude: r.longitude, accuracy: Number.isFinite(r.accuracy) ? r.accuracy : undefined };
  }

  const refusedRecently = () => {
    const r = record();
    return Boolean(r && Number.isFinite(r.deniedAt) && now() - r.deniedAt < DENIAL_MS);
  };

  function ask() {
    return new Promise((resolve) => {
      const onPosition = (position) => {
        const { latitude, longitude, accuracy } = position.coords;
        const fix = { latitude: coarse(latitude), longitude: coarse(longitude), accuracy: Math.round(accuracy) };
        store.set(KEYS.location, JSON.stringify({ v: 1, ...fix, at: now() }));
        resolve({ ok: true, ...fix });
      };
      const onError = (error) => {
        if (error && error.code === 1) { // PERMISSION_DENIED
          store.set(KEYS.location, JSON.stringify({ v: 1, deniedAt: now() }));
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
    if (!enabled) return Promise.resolve(failure('geolocation_disabled', 'the geolocation option is off'));
    if (!geolocation || typeof geolocation.getCurrentPosition !== 'function') {
      return Promise.resolve(failure('geolocation_unavailable', 'this browser has no geolocation'));
    }
    if (!pending) pending = ask().finally(() => { pending = null; });
    return pending;
  }

  /** With mode true: asks once at start when no fresh position is cached and the visitor has not refused. */
  async function start() {
    if (mode !== true || cached() || refusedRecently() || !geolocation) return;
    try {
      const state = permissions && typeof permissions.query === 'function'
        ? (await permissions.query({ name: 'geolocation' })).state : 'prompt';
      if (state === 'denied') return;
    } catch {
      // No Permissions API for geolocation here: asking is still allowed.
    }
    const res = await locate();
    if (!res.ok && res.error.code === 'geolocation_failed') warn('geolocation_failed', new Error(res.error.message));
  }

  return { cached, locate, start };
}
