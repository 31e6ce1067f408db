// The raw location signals of a page view: the browser's time zone, and the position browser
// geolocation gave earlier (geolocation.js asks for it) when the shop enabled it and the visitor
// granted it. The engine resolves them, with the shop's hint, into the context's `location`
// (src/core/location.hpp). Nothing is looked up anywhere: no IP service, no third party.

import { KEYS } from './storage.js';

/** A position is reused this long before it is asked for again (the permission stays granted). */
export const FIX_MAX_AGE_MS = 24 * 60 * 60 * 1000;

/**
 * The browser's IANA time zone ("Europe/Dublin"), or '' when it cannot tell. Temporal first:
 * asking Intl starts ICU, which costs a page 15 to 40 ms in Chromium (see shop-time.js).
 */
export function browserTimeZone() {
  try {
    const zone = globalThis.Temporal?.Now?.timeZoneId?.();
    if (zone) return String(zone);
  } catch {
    // a partial Temporal (a polyfill): Intl knows too
  }
  try {
    return String(Intl.DateTimeFormat().resolvedOptions().timeZone || '');
  } catch {
    return '';
  }
}

/** Whether `mode`, the `geolocation` option, lets positions be used: true or 'manual'. */
export const geolocationEnabled = (mode) => mode === true || mode === 'manual';

/** What geolocation stored: { latitude, longitude, accuracy, at } or { deniedAt }; null when nothing readable is. */
export function storedLocation(store) {
  try {
    const value = JSON.parse(store.get(KEYS.location) || 'null');
    return value && typeof value === 'object' ? value : null;
  } catch {
    return null; // unreadable: as if nothing were cached; the next fix replaces it
  }
}

/**
 * The cached position { latitude, longitude, accuracy } while fresh and `mode` (the
 * `geolocation` option) enables it, else null. `store` is the storage wrapper of storage.js.
 */
export function cachedPosition(mode, store, now) {
  const r = storedLocation(store);
  if (!r || !Number.isFinite(r.latitude) || !Number.isFinite(r.longitude)) return null;
  // A fix from the future (the clock was set back, or the value edited) is as stale as an old one;
  // a stale one leaves the device, also when geolocation has been turned off since.
  if (!(now - r.at < FIX_MAX_AGE_MS) || !(r.at <= now)) {
    store.remove(KEYS.location);
    return null;
  }
  if (!geolocationEnabled(mode)) return null;
  return { latitude: r.latitude, longitude: r.longitude, accuracy: Number.isFinite(r.accuracy) ? r.accuracy : undefined };
}
