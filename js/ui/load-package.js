// The npm builds' loader of the presenter and its renderers: the package's own
// dist/shopkeeper.ui.js, imported by name so that the shop's bundler puts it in a chunk of its
// own, loaded when there is something to show. scripts/bundle.mjs puts this file in place of
// ./load.js for dist/index.mjs and index.cjs.

/** The presenter module. */
export function loadPresenter() {
  return import('shopkeeper/shopkeeper.ui.js');
}
