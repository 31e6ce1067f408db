// The script-tag build's loader of ./parts.js: dist/shopkeeper.later.js, an ES module next to
// the script, fetched once the first decision is made. scripts/bundle.mjs puts this file in
// place of ./load.js for dist/shopkeeper.js.

const script = typeof document !== 'undefined' ? document.currentScript : null;
const base = script && script.src ? script.src : undefined;

/** Not bundled: loadParts() fetches them. */
export const bundledParts = null;

/** The parts module, imported from next to the script. */
export function loadParts() {
  return import(new URL('shopkeeper.later.js', base || location.href).href);
}
