// Where the visitor is: the shared location cases (tests/cases/location.json) through the public
// engine.resolveLocation, as tests/cpp/test_location.cpp runs them through the C++ engine; every
// time zone the runtime knows; and the hint, time zone and geolocation through createShopkeeper.

import { after, before, mock, test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { createShopkeeper, loadEngine, memoryStorage } from 'shopkeeper';

const suite = JSON.parse(readFileSync(new URL('../cases/location.json', import.meta.url), 'utf8'));
const T0 = 1700000000000;
const HOUR = 3600 * 1000;
let engine;
before(async () => {
  engine = await loadEngine();
});
after(() => engine.destroy());

for (const c of suite.cases) {
  test(c.name, () => {
    const res = engine.resolveLocation(c.request);
    assert.equal(res.ok, true);
    for (const [key, want] of Object.entries(c.expected)) assert.deepEqual(res[key], want, `${key} in ${JSON.stringify(res)}`);
    assert.deepEqual(res.warnings.map((w) => w.path), c.warnings);
    for (const w of res.warnings) assert.equal(w.code, 'location_hint_ignored');
  });
}

test('a request that is not an object is an error, not an exception', () => {
  assert.equal(engine.resolveLocation('Europe/Dublin').ok, false);
  assert.equal(engine.resolveLocation([]).error.code, 'invalid_request');
});

test('every time zone this runtime knows gives a country, except the ones of no country', () => {
  const zones = Intl.supportedValuesOf('timeZone');
  assert.ok(zones.length > 400);
  const countryless = zones.filter((tz) => engine.resolveLocation({ timeZone: tz }).source !== 'timezone');
  assert.deepEqual(countryless.filter((tz) => !/^(Etc\/|UTC$|GMT$)/.test(tz)), []);
});

/** A Shopkeeper with memory storage, a fixed clock and the given options. */
async function shopkeeper(options = {}) {
  const warnings = [];
  const sk = await createShopkeeper({ rules: { version: 1, campaigns: [] }, storage: memoryStorage(), now: () => T0,
    onWarning: (code) => warnings.push(code), ...options });
  return { sk, warnings };
}

test('the page hint reaches the engine and comes back in the decision', async () => {
  const { sk } = await shopkeeper();
  const res = sk.decide({ url: 'https://shop.test/', location: { country: 'ie', region: 'D', city: 'Dublin' } });
  assert.equal(res.ok, true);
  assert.deepEqual(res.location, { country: 'IE', region: 'IE-D', city: 'Dublin', timeZone: res.location.timeZone,
    source: 'hint', latitude: null, longitude: null, accuracy: null });
  sk.destroy();
});

test('without a hint the browser time zone gives the country', async (t) => {
  const saved = process.env.TZ;
  process.env.TZ = 'America/Phoenix'; // node re-reads TZ for Intl
  t.after(() => {
    if (saved === undefined) delete process.env.TZ;
    else process.env.TZ = saved;
  });
  const { sk } = await shopkeeper();
  const res = sk.decide({ url: 'https://shop.test/' });
  assert.deepEqual([res.location.country, res.location.region, res.location.timeZone, res.location.source],
    ['US', 'US-AZ', 'America/Phoenix', 'timezone']);
  sk.destroy();
});

test('an unusable hint is reported to onWarning and the time zone is used instead', async () => {
  const { sk, warnings } = await shopkeeper();
  const res = sk.decide({ url: 'https://shop.test/', location: { country: 'XX' } });
  assert.equal(res.location.source === 'hint', false);
  assert.deepEqual(warnings, ['location_hint_ignored']);
  sk.destroy();
});

test('audiences can target the location', async () => {
  const rules = { version: 1, campaigns: [{ id: 'dublin', audience: { 'location.region': 'IE-D' },
    action: { type: 'modal', title: 'Free delivery in Dublin' } }] };
  const { sk } = await shopkeeper({ rules });
  assert.deepEqual(sk.decide({ url: 'https://shop.test/', location: { country: 'IE', region: 'IE-D' } }).decisions
    .map((d) => d.campaign), ['dublin']);
  assert.deepEqual(sk.decide({ url: 'https://shop.test/', location: { country: 'IE', region: 'IE-CO' } }).decisions, []);
  sk.destroy();
});

/**
 * A navigator.geolocation stand-in that counts the asks and answers each with `answer` (a
 * position or an error) when the test calls answer(), as a visitor answers a prompt.
 */
function fakeGeolocation(answer) {
  const waiting = [];
  const geo = {
    asked: 0,
    getCurrentPosition(onPosition, onError) {
      geo.asked++;
      waiting.push(() => (answer.coords ? onPosition(answer) : onError(answer)));
    },
    answer() {
      for (const reply of waiting.splice(0)) reply();
    },
  };
  return geo;
}

const DUBLIN = { coords: { latitude: 53.34981, longitude: -6.26031, accuracy: 35.4 } };
const DENIED = { code: 1, message: 'User denied Geolocation' };

async function withGeolocation(geolocation, options) {
  const nav = Object.getOwnPropertyDescriptor(globalThis, 'navigator');
  Object.defineProperty(globalThis, 'navigator', { value: { geolocation }, configurable: true });
  try {
    return await shopkeeper(options);
  } finally {
    if (nav) Object.defineProperty(globalThis, 'navigator', nav);
    else delete globalThis.navigator;
  }
}

test('with geolocation on, a granted position is rounded, cached and used by the next decide()', async () => {
  const geo = fakeGeolocation(DUBLIN);
  const storage = memoryStorage();
  const { sk } = await withGeolocation(geo, { geolocation: true, storage });
  assert.equal(sk.decide({ url: 'https://shop.test/', location: { country: 'IE' } }).location.source, 'hint');
  const located = sk.locate(); // joins the request made at start
  geo.answer();
  const fix = await located;
  assert.deepEqual(fix, { ok: true, latitude: 53.35, longitude: -6.26, accuracy: 35 });
  assert.equal(geo.asked, 1);
  const res = sk.decide({ url: 'https://shop.test/', location: { country: 'IE' } });
  assert.deepEqual([res.location.source, res.location.country, res.location.latitude, res.location.longitude, res.location.accuracy],
    ['geolocation', 'IE', 53.35, -6.26, 35]);
  sk.destroy();

  // The next page reuses the cached position without asking again.
  const next = await withGeolocation(geo, { geolocation: true, storage });
  assert.equal(next.sk.decide({ url: 'https://shop.test/' }).location.source, 'geolocation');
  assert.equal(geo.asked, 1);
  next.sk.forget();
  assert.equal(storage.getItem('shopkeeper:v1:location'), null);
  next.sk.destroy();
});

/**
 * A locate() on a manual-mode page, `end(sk)` called while the browser is asking, then the answer:
 * { storage, settledFirst } (what locate() resolved with before the answer, else null).
 */
async function endedWhileAsking(end) {
  const geo = fakeGeolocation(DUBLIN);
  const storage = memoryStorage();
  const { sk } = await withGeolocation(geo, { geolocation: 'manual', storage });
  sk.decide({ url: 'https://shop.test/' });
  let settledFirst = null;
  const located = sk.locate().then((value) => (settledFirst = value));
  await new Promise((resolve) => setImmediate(resolve)); // the browser is asking
  end(sk);
  await new Promise((resolve) => setImmediate(resolve));
  const before = settledFirst;
  geo.answer();
  await located;
  sk.destroy();
  return { storage, settledFirst: before };
}

test('a position that comes after forget() is not stored: the forgotten visitor leaves no location behind', async () => {
  const { storage } = await endedWhileAsking((sk) => sk.forget());
  assert.equal(storage.getItem('shopkeeper:v1:location'), null);
});

test('a prompt the browser never answers (dismissed in Firefox) ends locate() after a minute, not never', async () => {
  const { ANSWER_MS, createGeolocation } = await import('../../js/geolocation.js');
  const { createStore } = await import('../../js/storage.js');
  mock.timers.enable({ apis: ['setTimeout'] });
  try {
    const geo = { getCurrentPosition() {} }; // neither callback, ever
    const located = createGeolocation({ mode: 'manual', store: createStore(memoryStorage(), () => {}), now: () => T0,
      warn: () => {}, geolocation: geo }).locate();
    mock.timers.tick(ANSWER_MS);
    assert.deepEqual(await located, { ok: false, error: { code: 'geolocation_failed', message: 'no answer in 60 s', path: '' } });
  } finally {
    mock.timers.reset();
  }
});

test('a position older than a day is not used, and is asked for again', async () => {
  const geo = fakeGeolocation(DUBLIN);
  const storage = memoryStorage();
  storage.setItem('shopkeeper:v1:location', JSON.stringify({ v: 1, latitude: 1, longitude: 2, at: T0 - 25 * HOUR }));
  const { sk } = await withGeolocation(geo, { geolocation: true, storage });
  assert.notEqual(sk.decide({ url: 'https://shop.test/' }).location.source, 'geolocation');
  const located = sk.locate();
  geo.answer();
  await located;
  assert.equal(geo.asked, 1);
  assert.equal(sk.decide({ url: 'https://shop.test/' }).location.latitude, 53.35);
  sk.destroy();
});

test('a refusal is remembered: no position, and no asking again at start', async () => {
  const geo = fakeGeolocation(DENIED);
  const storage = memoryStorage();
  const { sk } = await withGeolocation(geo, { geolocation: true, storage });
  const located = sk.locate();
  geo.answer();
  assert.deepEqual((await located).error.code, 'geolocation_denied');
  assert.notEqual(sk.decide({ url: 'https://shop.test/' }).location.source, 'geolocation');
  sk.destroy();
  const next = await withGeolocation(geo, { geolocation: true, storage });
  await new Promise((resolve) => setTimeout(resolve, 10));
  assert.equal(geo.asked, 1);
  next.sk.destroy();
});

test('geolocation stays off unless the shop enables it; manual mode asks only on locate()', async () => {
  const geo = fakeGeolocation(DUBLIN);
  const storage = memoryStorage();
  storage.setItem('shopkeeper:v1:location', JSON.stringify({ v: 1, latitude: 1, longitude: 2, at: T0 }));
  const off = await withGeolocation(geo, { storage });
  assert.equal((await off.sk.locate()).error.code, 'geolocation_disabled');
  assert.notEqual(off.sk.decide({ url: 'https://shop.test/' }).location.source, 'geolocation');
  off.sk.destroy();

  storage.removeItem('shopkeeper:v1:location');
  const manual = await withGeolocation(geo, { geolocation: 'manual', storage });
  await new Promise((resolve) => setTimeout(resolve, 10));
  assert.equal(geo.asked, 0);
  const located = manual.sk.locate();
  geo.answer();
  assert.equal((await located).ok, true);
  assert.equal(geo.asked, 1);
  manual.sk.destroy();
});

test('without navigator.geolocation locate() reports it, and nothing throws', async () => {
  const { sk } = await withGeolocation(undefined, { geolocation: true });
  assert.equal((await sk.locate()).error.code, 'geolocation_unavailable');
  assert.equal(sk.decide({ url: 'https://shop.test/' }).ok, true);
  sk.destroy();
});

test('an unreadable cached position is ignored', async () => {
  const storage = memoryStorage();
  storage.setItem('shopkeeper:v1:location', '{not json');
  const { sk } = await withGeolocation(fakeGeolocation(DENIED), { geolocation: 'manual', storage });
  assert.notEqual(sk.decide({ url: 'https://shop.test/' }).location.source, 'geolocation');
  sk.destroy();
});

test('a position past its day leaves the device, also with geolocation turned off since', async () => {
  for (const geolocation of [false, 'manual']) {
    const storage = memoryStorage();
    storage.setItem('shopkeeper:v1:location', JSON.stringify({ v: 1, latitude: 53.35, longitude: -6.26, at: T0 - 25 * HOUR }));
    const { sk } = await shopkeeper({ geolocation, storage });
    sk.decide({ url: 'https://shop.test/' });
    assert.equal(storage.getItem('shopkeeper:v1:location'), null, String(geolocation));
    sk.destroy();
  }
});

test('destroy() ends geolocation: a question in flight ends at once, and its answer is not stored', async () => {
  const { storage, settledFirst } = await endedWhileAsking((sk) => sk.destroy());
  assert.equal(settledFirst.error.code, 'geolocation_unavailable', 'ended before the browser answered');
  assert.equal(storage.getItem('shopkeeper:v1:location'), null);
});

test('locate() after forget() asks once more, not twice, while the browser has not answered', async () => {
  const { createGeolocation } = await import('../../js/geolocation.js');
  const { createStore } = await import('../../js/storage.js');
  const questions = [];
  const geo = { getCurrentPosition: (onPosition) => questions.push(() => onPosition(DUBLIN)) };
  const located = createGeolocation({ mode: 'manual', store: createStore(memoryStorage(), () => {}), now: () => T0, warn: () => {}, geolocation: geo });
  const first = located.locate();
  located.forget();
  const second = located.locate();
  questions[0](); // the question before forget() is answered; the second is still open
  await first;
  assert.equal(located.locate(), second, 'joins the open question');
  assert.equal(questions.length, 2);
  questions[1]();
  await second;
});
