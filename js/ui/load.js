// Loads the renderers when a decision has something to show. Bundlers put them in a chunk of
// their own or keep them unevaluated until used; the script tag build fetches them (load-remote.js).

/** The renderers module (./render.js). */
export function loadRenderers() {
  return import('./render.js');
}
