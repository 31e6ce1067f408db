// What the npm package ships is whole: every relative import of a shipped source file names a file
// the package also ships (package.json "files"). The npm package browser test finds the same by
// installing the tarball; this says which import, in a second.

import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { dirname, join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = fileURLToPath(new URL('../../', import.meta.url));
const pkg = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8'));

/** The files that package.json "files" names, as paths from the root. */
function shipped() {
  const out = [];
  const walk = (path) => {
    if (statSync(join(root, path)).isDirectory()) for (const name of readdirSync(join(root, path))) walk(join(path, name));
    else out.push(path);
  };
  for (const entry of pkg.files) walk(entry.replace(/\/$/, ''));
  return out;
}

test('every relative import of a shipped source file is shipped too', () => {
  const files = shipped();
  const inPackage = new Set(files);
  const sources = files.filter((f) => /\.(m?js)$/.test(f) && !f.startsWith('dist/'));
  assert.ok(sources.includes('bin/shopkeeper.mjs') && sources.some((f) => f.startsWith('js/cli/')), 'the CLI is shipped');
  const missing = [];
  for (const file of sources) {
    const text = readFileSync(join(root, file), 'utf8');
    // Any relative path to a module in quotes: import and export statements, import(), and the
    // paths bin/shopkeeper.mjs keeps in a table for import() of a variable.
    for (const [, target] of text.matchAll(/['"](\.{1,2}\/[^'"\s]+\.m?js)['"]/g)) {
      const path = relative(root, join(root, dirname(file), target));
      if (!inPackage.has(path)) missing.push(`${file} imports ${target}`);
    }
  }
  assert.deepEqual(missing, []);
});
