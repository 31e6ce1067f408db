// The single-file build (dist/shopkeeper.single.js) carries the wasm inside the script:
// gzipped, then base64, as __SHOPKEEPER_INLINE_WASM__ (see scripts/bundle.mjs). Gzip before
// base64 makes the file smaller raw, gzipped and brotli'd than plain base64 (bench/size.mjs);
// every other build fetches shopkeeper.wasm and has nothing inlined.

/* global __SHOPKEEPER_INLINE_WASM__ */
const INLINED = typeof __SHOPKEEPER_INLINE_WASM__ === 'string' ? __SHOPKEEPER_INLINE_WASM__ : '';

/**
 * The inlined wasm bytes, or null when this build has none. Decoding needs DecompressionStream
 * (Chrome 80, Firefox 113, Safari 16.4); without it this rejects and the page stays as it was.
 * No fetch() of a data: URL, so a Content-Security-Policy connect-src has nothing to block.
 */
export async function inlinedWasm() {
  if (!INLINED) return null;
  if (typeof DecompressionStream !== 'function') throw new Error('DecompressionStream is not available in this browser');
  const gzipped = Uint8Array.from(atob(INLINED), (c) => c.charCodeAt(0));
  const stream = new Blob([gzipped]).stream().pipeThrough(new DecompressionStream('gzip'));
  return new Uint8Array(await new Response(stream).arrayBuffer());
}
