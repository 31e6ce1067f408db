// The calls a page may make on the script tag's global `shopkeeper`, directly or queued with
// push([name, ...args]). One list serves the facade (js/facade.js) and Shopkeeper#push.

/** Shopkeeper methods reachable through the facade and push(). */
export const CALLS = ['decide', 'track', 'setConsent', 'flush', 'syncStats', 'profile', 'forget', 'explain', 'locate',
  'shareLink', 'hash', 'rank'];

/** A value a page passed, as a warning names it: its JSON, else its type (a BigInt, a cyclic object). */
export function shown(value) {
  try {
    return JSON.stringify(value);
  } catch {
    return typeof value; // the warning must not throw in place of the call
  }
}
