// The parts of ./parts.js, bundled: npm builds, node and the single-file build have them from
// the start. scripts/bundle.mjs puts load-remote.js in place of this file for dist/shopkeeper.js.

import * as parts from './parts.js';

/** The parts, when they are bundled with the rest (else null: loadParts() fetches them). */
export const bundledParts = parts;

/** The parts module. */
export function loadParts() {
  return Promise.resolve(parts);
}
