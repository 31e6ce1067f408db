// The compiling worker's side (js/precompile.js), in node with a stand-in for the worker's
// scope: the page view's engine calls on the visitor's profile, one report, then close.
// tests/e2e/precompile.test.js has the page's side and the real worker in Chromium.

import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { serveWorker } from '../../js/precompile.js';
import { WARM_ROUNDS } from '../../js/warm-up.js';

const RULES = readFileSync(new URL('../../rules/demo-shop.json', import.meta.url), 'utf8');
const PAGE = { url: 'https://shop.test/category/boots?utm_source=google', referrer: '' };

/** Runs the worker's side on one message; resolves with { reports, closed } once it closed. */
function runWorker(message) {
  return new Promise((resolve) => {
    const reports = [];
    const scope = { postMessage: (data) => reports.push(data), close: () => resolve({ reports, closed: true }) };
    serveWorker(scope);
    scope.onmessage({ data: message });
  });
}

test('the worker makes the page view\'s calls WARM_ROUNDS times, reports, and closes', async () => {
  // readRules takes JSON text as well as a URL: node's fetch has no file: URLs.
  const profile = JSON.stringify({ interests: { categories: { boots: 3 }, brands: { Nord: 1 }, tags: { wool: 2 } } });
  assert.deepEqual(await runWorker({ rulesUrl: RULES, profile, page: PAGE }), { reports: [{ rounds: WARM_ROUNDS }], closed: true });
});

test('no stored profile, or a corrupt one, is still a full warm-up', async () => {
  for (const profile of [null, '{"interests": [1, 2', 'null', '"text"']) {
    assert.deepEqual((await runWorker({ rulesUrl: RULES, profile, page: PAGE })).reports, [{ rounds: WARM_ROUNDS }], String(profile));
  }
});

test('rules that cannot be fetched: a report of the error, and the worker closes', async () => {
  const { reports, closed } = await runWorker({ rulesUrl: 'http://127.0.0.1:9/rules.json', profile: null, page: PAGE });
  assert.equal(closed, true);
  assert.equal(reports.length, 1);
  assert.match(reports[0].error, /^fetching http:\/\/127\.0\.0\.1:9\/rules\.json failed/);
});
