// The calls a page may make on the script tag's global `shopkeeper`, directly or queued with
// push([name, ...args]). One list serves the facade (js/facade.js) and Shopkeeper#push.

/** Shopkeeper methods reachable through the facade and push(). */
export const CALLS = ['decide', 'track', 'setConsent', 'flush', 'syncStats', 'profile', 'forget', 'explain', 'locate',
  'shareLink', 'hash', 'rank'];
