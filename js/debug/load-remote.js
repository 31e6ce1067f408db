// The script-tag build's loader of the debug overlay: dist/shopkeeper.debug.js, an ES module
// next to the script, fetched only when the overlay is asked for. scripts/bundle.mjs puts this
// file in place of ./load.js for dist/shopkeeper.js.

const script = typeof document !== 'undefined' ? document.currentScript : null;
const base = script && script.src ? script.src : undefined;

/** The overlay module, imported from next to the script. */
export function loadOverlay() {
  return import(new URL('shopkeeper.debug.js', base || location.href).href);
}
