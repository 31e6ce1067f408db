// The script-tag build's loader of the presenter and its renderers: dist/shopkeeper.ui.js, an ES
// module next to the script, fetched once a page view has something to show. scripts/bundle.mjs
// puts this file in place of ./load.js for dist/shopkeeper.js.

const script = typeof document !== 'undefined' ? document.currentScript : null;
const base = script && script.src ? script.src : undefined;

/** The presenter module, imported from next to the script. */
export function loadPresenter() {
  return import(new URL('shopkeeper.ui.js', base || location.href).href);
}
