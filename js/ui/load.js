// Loads the presenter with its renderers and trigger watchers when a decision has something to
// show. Bundlers put them in a chunk of their own or keep them unevaluated until used; the script
// tag build fetches them (load-remote.js).

/** The presenter module (./presenter.js). */
export function loadPresenter() {
  return import('./presenter.js');
}
