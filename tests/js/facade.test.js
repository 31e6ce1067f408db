// The script tag's global facade: every call Shopkeeper#push accepts is also a method of the
// facade, queued until the engine is ready and then run on the instance.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { CALLS } from '../../js/calls.js';
import { createFacade } from '../../js/facade.js';

test('each call is a facade method, queued before start and run in order after it', () => {
  const warnings = [];
  const { facade, start } = createFacade([], { warn: (code) => warnings.push(code) });
  const ran = [];
  const instance = { push: (call) => ran.push(call) && call[0] };
  for (const name of CALLS) {
    assert.equal(typeof facade[name], 'function', `facade.${name}`);
    assert.equal(facade[name](1), undefined, `${name} is queued while loading`);
  }
  assert.deepEqual(ran, []);
  start(instance);
  assert.deepEqual(ran, CALLS.map((name) => [name, 1]));
  assert.equal(facade.locate(), 'locate', 'runs at once after start');
  assert.deepEqual(warnings, []);
});

test('debug is answered by the facade itself', () => {
  const { facade, start } = createFacade([['debug', true]], { local: { debug: (sk, on) => `debug ${on} on ${sk.name}` }, warn: () => {} });
  start({ name: 'sk', push: () => assert.fail('debug must not reach the instance') });
  assert.equal(facade.debug(false), 'debug false on sk');
});

test('a call of what is not a method name, a BigInt or a cyclic array included, is an unknown call, not a failure', () => {
  const warnings = [];
  const { facade, start } = createFacade([], { warn: (code, error) => warnings.push(`${code}: ${error.message}`) });
  start({ push: () => assert.fail('an unknown call must not reach the instance') });
  const cyclic = [];
  cyclic.push(cyclic);
  for (const call of [[1n], cyclic, 7]) assert.equal(facade.push(call), undefined);
  assert.deepEqual(warnings, ['unknown_call: cannot push object', 'unknown_call: cannot push object', 'unknown_call: cannot push 7']);
});

test('consent the page queued applies before the first page view; the other queued calls follow it in order', () => {
  const { facade, start } = createFacade([['track', 'A'], ['setConsent', 'granted'], ['track', 'B']], { warn: () => {} });
  const ran = [];
  const instance = { push: (call) => ran.push(call.join(' ')) };
  facade.push(['setConsent', 'denied']);
  start(instance, () => {
    ran.push('decide');
    facade.push(['track', 'during']); // e.g. from a shopkeeper:ranked listener
  });
  assert.deepEqual(ran, ['setConsent granted', 'setConsent denied', 'decide', 'track A', 'track B', 'track during']);
});

test('a failing call is a warning: a result with ok false, a pushed function whose promise rejects', async () => {
  const warnings = [];
  const { facade, start } = createFacade([], { warn: (code, error) => warnings.push(`${code}: ${error.message}`) });
  start({ push: ([name]) => (name === 'track'
    ? { ok: false, error: { code: 'invalid_request', message: 'name must be a non-empty event name', path: '/name' } }
    : { ok: false, error: { code: 'engine_failed', message: 'abort', path: '' } }) });
  assert.equal(facade.track().ok, false, 'the result still comes back');
  facade.decide(); // the engine's failure was reported where it happened
  const rejected = facade.push(async () => {
    throw new Error('boom');
  });
  await rejected.catch(() => {});
  await new Promise((resolve) => setImmediate(resolve));
  assert.deepEqual(warnings, ['call_failed: track: name must be a non-empty event name', 'call_failed: boom']);
});
