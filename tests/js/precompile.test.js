// The compiling worker's side (js/precompile.js), in node with a stand-in for the worker's
// scope: the page view's engine calls on the visitor's profile, one report, then close.
// tests/e2e/precompile.test.js has the page's side and the real worker in Chromium.

import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { serveWorker } from '../../js/precompile.js';


const RULES = readFileSync(new URL('../../rules/demo-shop.json', import.meta.url), 'utf8');
const PAGE = { url: 'https://shop.test/category/boots?utm_source=google', referrer: '' };

/**
 * Runs the worker's side as the page starts it: { wasmUrl, rules, page } in its URL's
 * fragment, then a message with the profile. Resolves with { reports, closed } once it closed.
 */
function runWorker({ profile, ...inputs }) {
  return new Promise((resolve) => {
    const reports = [];
    const scope = { location: { hash: `#${encodeURIComponent(JSON.stringify(inputs))}` },
      postMessage: (data) => reports.push(data), close: () => resolve({ reports, closed: true }) };
    serveWorker(scope);
    setTimeout(() => scope.onmessage({ data: { profile } }), 10);
  });
}

test('the worker makes the page view\'s calls once, reports, and closes', async () => {
  // readRules takes JSON text as well as a URL: node's fetch has no file: URLs.
  const profile = JSON.stringify({ interests: { categories: { boots: 3 }, brands: { Nord: 1 }, tags: { wool: 2 } } });
  assert.deepEqual(await runWorker({ rules: RULES, profile, page: PAGE }), { reports: [{ ok: true, profile: true }], closed: true });
});

test('no stored profile, or a corrupt one, is still a full warm-up', async () => {
  for (const profile of [null, '{"interests": [1, 2', 'null', '"text"']) {
    assert.deepEqual((await runWorker({ rules: RULES, profile, page: PAGE })).reports, [{ ok: true, profile: profile !== null }], String(profile));
  }
});

test('a fragment that is not what the page writes: a report of the error, and the worker closes', async () => {
  for (const hash of ['', '#%7B', '#null', `#${encodeURIComponent('{"rules": 5}')}`]) {
    const reports = [];
    await new Promise((resolve) => serveWorker({ location: { hash }, postMessage: (data) => reports.push(data), close: resolve }));
    assert.equal(reports.length, 1, hash);
    assert.equal(typeof reports[0].error, 'string', hash);
  }
});

test('rules that cannot be fetched: a report of the error, and the worker closes', async () => {
  const { reports, closed } = await runWorker({ rules: 'http://127.0.0.1:9/rules.json', profile: null, page: PAGE });
  assert.equal(closed, true);
  assert.equal(reports.length, 1);
  assert.match(reports[0].error, /^fetching http:\/\/127\.0\.0\.1:9\/rules\.json failed/);
});
