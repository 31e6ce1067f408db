// Loads the debug overlay when it is asked for. Bundlers put it in a chunk of its own (or,
// in the single-file build, keep it inside the file but unevaluated until used).

/** The overlay module (./overlay.js). */
export function loadOverlay() {
  return import('./overlay.js');
}
