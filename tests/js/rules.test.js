// Every rules file in rules/ is valid against rules/schema.json (ajv, draft 2020-12) and loads
// in the engine with no errors, so neither the files, the schema nor the engine can drift apart.

import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readdirSync, readFileSync } from 'node:fs';
import Ajv2020 from 'ajv/dist/2020.js';
import { loadEngine } from 'shopkeeper';

const rulesDir = new URL('../../rules/', import.meta.url);
const schema = JSON.parse(readFileSync(new URL('schema.json', rulesDir), 'utf8'));
const files = readdirSync(rulesDir).filter((f) => f.endsWith('.json') && f !== 'schema.json');
const validate = new Ajv2020({ allErrors: true, strict: true, allowUnionTypes: true }).compile(schema);
const engine = await loadEngine();

test('the rules directory holds rule files', () => {
  assert.ok(files.length >= 2, files.join(', '));
});

for (const file of files) {
  test(`rules/${file} matches the schema and loads without errors`, () => {
    const doc = JSON.parse(readFileSync(new URL(file, rulesDir), 'utf8'));
    assert.equal(doc.$schema, './schema.json', 'editors find the schema through $schema');
    assert.ok(validate(doc), JSON.stringify(validate.errors, null, 2));
    const loaded = engine.load(doc);
    assert.deepEqual(loaded.errors, undefined);
    assert.equal(loaded.ok, true);
    assert.equal(loaded.campaigns, doc.campaigns.length);
  });
}

// Documents both the schema and the engine reject, each for a problem of its own.
const base = () => ({ version: 1, campaigns: [{ id: 'a', action: { type: 'modal', title: 'Hi' } }] });
const broken = {
  'an unknown campaign field': (d) => { d.campaigns[0].colour = 'red'; },
  'an unknown trigger type': (d) => { d.campaigns[0].trigger = { type: 'hover' }; },
  'an unknown action type': (d) => { d.campaigns[0].action = { type: 'toast', title: 'Hi' }; },
  'a script link': (d) => { d.campaigns[0].action.cta = { label: 'Go', href: 'javascript:alert(1)' }; },
  'a holdout above 100%': (d) => { d.campaigns[0].holdout = { percent: 120 }; },
  'empty weekdays': (d) => { d.campaigns[0].schedule = { weekdays: [] }; },
  'a scroll depth without its percent': (d) => { d.campaigns[0].trigger = { type: 'scrollDepth' }; },
  'a bundle offer without complements': (d) => { d.campaigns[0].action = { type: 'bundleOffer', title: 'B', discountPercent: 10 }; },
};
for (const [name, breakIt] of Object.entries(broken)) {
  test(`the schema and the engine both reject ${name}`, () => {
    const doc = base();
    breakIt(doc);
    assert.equal(validate(doc), false);
    const loaded = engine.load(doc);
    assert.equal(loaded.ok, false);
    assert.ok(loaded.errors.every((e) => e.path.startsWith('/campaigns/0')), JSON.stringify(loaded.errors));
  });
}

// What only the engine can see: meaning beyond the shape.
const meaning = {
  'an audience outside the context': [(d) => { d.campaigns[0].audience = { user: { $exists: true } }; }, '/campaigns/0/audience/user', 'unknown_context_key'],
  'a template outside the context': [(d) => { d.campaigns[0].action.body = 'Hi {{user.name}}'; }, '/campaigns/0/action/body', 'unknown_context_key'],
  'a schedule that ends before it starts': [(d) => { d.campaigns[0].schedule = { start: '2026-12-01', end: '2026-11-01' }; }, '/campaigns/0/schedule/end', 'impossible_schedule'],
  'hours from after to': [(d) => { d.campaigns[0].schedule = { hours: { from: 18, to: 9 } }; }, '/campaigns/0/schedule/hours', 'impossible_schedule'],
  'a duplicate id': [(d) => { d.campaigns.push(structuredClone(d.campaigns[0])); }, '/campaigns/1/id', 'duplicate_id'],
  'a saved group that does not exist': [(d) => { d.campaigns[0].audience = { 'visitor.id': { $inGroup: 'vip' } }; }, '/campaigns/0/audience/visitor.id/$inGroup', 'unknown_group'],
  'a misspelt key below a context root': [(d) => { d.campaigns[0].audience = { 'cart.vaule': { $gt: 100 } }; }, '/campaigns/0/audience/cart.vaule', 'unknown_context_key'],
  'a misspelt key below a root in a template': [(d) => { d.campaigns[0].action.title = 'Hi {{visitor.nmae|there}}'; }, '/campaigns/0/action/title', 'unknown_context_key'],
  'a misspelt time zone': [(d) => { d.settings = { timeZone: 'Europe/Dubln' }; }, '/settings/timeZone', 'unknown_time_zone'],
};
for (const [name, [breakIt, path, code]] of Object.entries(meaning)) {
  test(`the engine rejects ${name} at ${path}`, () => {
    const doc = base();
    breakIt(doc);
    const loaded = engine.load(doc);
    assert.equal(loaded.ok, false);
    assert.deepEqual(loaded.errors.map((e) => [e.code, e.path]), [[code, path]]);
  });
}

test('every time zone this runtime\'s Intl knows is a time zone the rules may name, in any case', () => {
  const zones = Intl.supportedValuesOf('timeZone');
  assert.ok(zones.length > 400);
  const refused = zones.filter((timeZone) => !engine.load({ version: 1, settings: { timeZone }, campaigns: [] }).ok);
  assert.deepEqual(refused, []);
  assert.equal(engine.load({ version: 1, settings: { timeZone: 'america/new_york' }, campaigns: [] }).timeZone, 'america/new_york');
});

test('a whole number written as 1.0 is an integer for the schema and the engine alike; 1.5 for neither', () => {
  const text = (n) => `{"version":1,"campaigns":[{"id":"a","priority":${n},"trigger":{"type":"pageView","delaySeconds":${n}},
    "action":{"type":"modal","title":"Hi"}}]}`;
  assert.equal(validate(JSON.parse(text('1.0'))), true);
  assert.deepEqual(engine.load(text('1.0')), { ok: true, campaigns: 1, timeZone: 'UTC', refParam: 'ref' });
  assert.equal(validate(JSON.parse(text('1.5'))), false);
  assert.deepEqual(engine.load(text('1.5')).errors.map((e) => e.path), ['/campaigns/0/priority', '/campaigns/0/trigger/delaySeconds']);
});

test('deeply nested rules, feeds and requests are refused, and the engine keeps working', () => {
  const deep = (n) => '['.repeat(n) + ']'.repeat(n);
  const rules = engine.load(`{"version":1,"campaigns":[{"id":"a","action":{"type":"modal","title":"x","body":${deep(50000)}}}]}`);
  assert.deepEqual(rules.errors.map((e) => e.code), ['document_too_deep']);
  assert.equal(engine.setFeed(`{"custom":{"x":${deep(50000)}}}`).ok, false);
  const res = engine.decide({ now: 1795529100000, newId: 'v1', page: { url: 'https://shop.test/', product: { x: JSON.parse(deep(1000)) } } });
  assert.equal(res.error.code, 'invalid_request');
  assert.equal(engine.load({ version: 1, campaigns: [] }).ok, true);
  assert.equal(engine.decide({ now: 1795529100000, newId: 'v1', page: { url: 'https://shop.test/' } }).ok, true);
});
