// shopTime(): the shop-local time the engine's schedules and daily caps need, from Intl.

import { test } from 'node:test';
import assert from 'node:assert/strict';
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
