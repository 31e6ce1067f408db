// The script-tag builds parse in old browsers: their syntax is ES2017 plus import(), which loads
// the later parts (scripts/bundle.mjs), so that Safari 11.1 to 13 (old iPhones), Chrome 63+ and
// Firefox 67+ get the SDK's one warning where it cannot run, never a SyntaxError.

import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { parse } from 'acorn';

const built = (file) => readFileSync(new URL(`../../dist/${file}`, import.meta.url), 'utf8');
/** The code with each import( as a plain call, which ES2017 has (a string holding "import(" stays a string). */
const withoutImportCalls = (code) => code.replace(/\bimport\(/g, 'Import(');

for (const file of ['shopkeeper.js', 'shopkeeper.single.js']) {
  test(`dist/${file} is ES2017 syntax, import() apart`, () => {
    assert.doesNotThrow(() => parse(withoutImportCalls(built(file)), { ecmaVersion: 2017, sourceType: 'script' }));
  });
}

test('the check itself refuses ES2020 syntax', () => {
  for (const code of ['a?.b', 'a ?? b', 'x = 1n', 'import.meta']) {
    assert.throws(() => parse(withoutImportCalls(code), { ecmaVersion: 2017 }), SyntaxError, code);
  }
});
