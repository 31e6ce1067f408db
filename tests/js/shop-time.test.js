// shopTime(): the shop-local time the engine's schedules and daily caps need, from Temporal or Intl.

import { test } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { loadEngine, shopTime } from 'shopkeeper';

const T = Date.UTC(2026, 10, 24, 14, 5); // Tue 2026-11-24 14:05 UTC

test('the local date, weekday, hour and minute in a time zone', () => {
  assert.deepEqual(shopTime(T, 'UTC'), { date: '2026-11-24', weekday: 'tue', hour: 14, minute: 5 });
  assert.deepEqual(shopTime(T, 'Pacific/Auckland'), { date: '2026-11-25', weekday: 'wed', hour: 3, minute: 5 });
  assert.deepEqual(shopTime(T, 'America/Los_Angeles'), { date: '2026-11-24', weekday: 'tue', hour: 6, minute: 5 });
  assert.deepEqual(shopTime(Date.UTC(2026, 6, 1, 23, 30), 'Europe/Dublin'), { date: '2026-07-02', weekday: 'thu', hour: 0, minute: 30 });
  assert.equal(shopTime(T, 'Mars/Olympus'), null);
});

test('the engine takes it as the request shopTime, without a warning', async () => {
  const engine = await loadEngine();
  const loaded = engine.load({ version: 1, settings: { timeZone: 'Pacific/Auckland' },
    campaigns: [{ id: 'wed', schedule: { weekdays: ['wed'] }, action: { type: 'banner', text: 'Wednesday' } }] });
  const res = engine.decide({ now: T, newId: 'v1', page: { url: 'https://shop.test/' }, shopTime: shopTime(T, loaded.timeZone) });
  assert.deepEqual(res.warnings, []);
  assert.deepEqual(res.decisions.map((d) => d.campaign), ['wed']);
  const utc = engine.decide({ now: T, newId: 'v1', page: { url: 'https://shop.test/' } });
  assert.deepEqual(utc.warnings.map((w) => w.code), ['shop_time_missing']);
  assert.deepEqual(utc.skipped.map((s) => s.reason), ['schedule']);
});

// Chromium computes shop time with Temporal, node 20 with Intl: the two must agree, around
// daylight-saving changes and date lines too. Node 20 has Temporal behind a flag.
test('Temporal and Intl give the same shop time', () => {
  const source = `
    import { shopTimeIntl, shopTimeTemporal } from ${JSON.stringify(new URL('../../js/shop-time.js', import.meta.url).href)};
    const zones = ['UTC', 'Europe/Dublin', 'America/Los_Angeles', 'Pacific/Auckland', 'Asia/Kolkata', 'Australia/Lord_Howe',
      'Pacific/Kiritimati', 'America/St_Johns', 'Asia/Calcutta', 'US/Eastern'];
    const start = Date.UTC(2026, 0, 1);
    const differences = [];
    for (const zone of zones) {
      for (let ms = start; ms < start + 366 * 86400000; ms += 3 * 3600000 + 17 * 60000) {
        const a = JSON.stringify(shopTimeTemporal(Temporal, ms, zone));
        const b = JSON.stringify(shopTimeIntl(ms, zone));
        if (a !== b) differences.push([zone, new Date(ms).toISOString(), a, b]);
      }
    }
    let refused = 0;
    try { shopTimeTemporal(Temporal, start, 'Mars/Olympus'); } catch { refused += 1; }
    console.log(JSON.stringify({ differences: differences.slice(0, 5), refused }));`;
  const flags = typeof Temporal === 'object' ? [] : ['--harmony-temporal'];
  const out = execFileSync(process.execPath, [...flags, '--input-type=module', '-e', source], { encoding: 'utf8' });
  assert.deepEqual(JSON.parse(out), { differences: [], refused: 1 });
});

test('a browser whose Intl knows no hourCycle (Chrome < 73, Safari < 13) still gets a 24-hour clock', async () => {
  const { shopTimeIntl } = await import('../../js/shop-time.js');
  const Real = Intl.DateTimeFormat;
  // As those browsers did: hourCycle ignored (en-US's 12-hour clock unless hour12 says otherwise), midnight as "24".
  Intl.DateTimeFormat = function OldFormat(locale, { hourCycle, ...options }) {
    const real = new Real(locale, options);
    return { formatToParts: (d) => real.formatToParts(d).map((p) => (p.type === 'hour' && p.value === '00' ? { ...p, value: '24' } : p)) };
  };
  try {
    assert.equal(shopTimeIntl(Date.UTC(2026, 10, 24, 13, 30), 'UTC').hour, 13);
    assert.equal(shopTimeIntl(Date.UTC(2026, 10, 24, 0, 30), 'UTC').hour, 0);
  } finally {
    Intl.DateTimeFormat = Real;
  }
});

test('where the visitor is: a partial Temporal falls back to Intl; a stored fix from the future is stale', async () => {
  const { browserTimeZone, cachedPosition } = await import('../../js/location.js');
  const { createStore, KEYS, memoryStorage } = await import('../../js/storage.js');
  const real = globalThis.Temporal;
  globalThis.Temporal = { Now: { timeZoneId() { throw new Error('not implemented'); } } };
  try {
    assert.equal(browserTimeZone(), Intl.DateTimeFormat().resolvedOptions().timeZone);
  } finally {
    globalThis.Temporal = real;
  }
  const store = createStore(memoryStorage(), () => {});
  const now = Date.UTC(2026, 10, 24);
  store.set(KEYS.location, JSON.stringify({ latitude: 53.3, longitude: -6.3, at: now - 60000 }));
  assert.deepEqual(cachedPosition(true, store, now), { latitude: 53.3, longitude: -6.3, accuracy: undefined });
  store.set(KEYS.location, JSON.stringify({ latitude: 53.3, longitude: -6.3, at: now + 3600000 }));
  assert.equal(cachedPosition(true, store, now), null);
});

test('single-file bytes that cannot be decoded are named as the engine failing to load', async () => {
  const failed = await loadEngine({ wasmBinary: Promise.reject(new Error('DecompressionStream is not available')) }).catch((e) => e);
  assert.equal(failed.message, 'the WebAssembly engine could not be loaded: DecompressionStream is not available');
});
