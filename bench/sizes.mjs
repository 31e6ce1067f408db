// Sizes of the built files as a page gets them: raw, gzip -9 and brotli (quality 11) bytes.
// Compression at fixed settings is deterministic, so the budget test can compare bytes exactly.

import { readFileSync } from 'node:fs';
import { gzipSync, brotliCompressSync, constants } from 'node:zlib';

/** The package's root folder. */
export const ROOT = new URL('../', import.meta.url);

/** { raw, gzip, brotli } bytes of the file at `path` (relative to the package root). */
export function sizesOf(path) {
  const bytes = readFileSync(new URL(path, ROOT));
  return {
    raw: bytes.length,
    gzip: gzipSync(bytes, { level: 9 }).length,
    brotli: brotliCompressSync(bytes, { params: { [constants.BROTLI_PARAM_QUALITY]: 11, [constants.BROTLI_PARAM_SIZE_HINT]: bytes.length } }).length,
  };
}

/** The `sizeBudget` of package.json: { firstDecision: { files, brotli }, artefacts: { path: brotli } }. */
export function sizeBudget() {
  return JSON.parse(readFileSync(new URL('package.json', ROOT), 'utf8')).sizeBudget;
}
