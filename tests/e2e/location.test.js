// Where the visitor is, in Chromium on the demo shop: the hint its server fills from CDN geo
// headers, the guess from the browser's time zone, browser geolocation granted and refused
// (on a shop that enables it), and nothing at all when nothing is known.

import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { startShop, visit } from './harness.js';

let shop;
let geoShop; // the same shop with data-geolocation="true"
before(async () => {
  [shop, geoShop] = await Promise.all([startShop(), startShop({ geolocation: 'true' })]);
});
after(async () => {
  await Promise.all([shop.close(), geoShop.close()]);
});

const DUBLIN = { latitude: 53.34981, longitude: -6.26031, accuracy: 20 };
const storedLocation = (page) => page.evaluate(() => JSON.parse(localStorage.getItem('shopkeeper:v1:location')));

test('the hint the server fills from CDN geo headers is the location', async () => {
  const page = await shop.newPage({ timezoneId: 'America/New_York',
    extraHTTPHeaders: { 'CF-IPCountry': 'IE', 'CF-Region-Code': 'D', 'CF-IPCity': 'Dublin' } });
  const { ok, detail } = await visit(page, `${shop.base}/`);
  assert.equal(ok, true);
  assert.equal(await page.getAttribute('body', 'data-location-country'), 'IE');
  assert.deepEqual(detail.location, { country: 'IE', region: 'IE-D', city: 'Dublin', timeZone: 'America/New_York',
    source: 'hint', latitude: null, longitude: null, accuracy: null });
  assert.deepEqual(page.problems, []);
  await page.context().close();
});

test('without a hint the browser time zone gives the country, and the region only where the zone implies one', async () => {
  for (const [timezoneId, country, region] of [['Europe/Dublin', 'IE', null], ['America/Phoenix', 'US', 'US-AZ'],
    ['America/Denver', 'US', null], ['Asia/Kolkata', 'IN', null], ['Australia/Melbourne', 'AU', 'AU-VIC']]) {
    const page = await shop.newPage({ timezoneId });
    const { detail } = await visit(page, `${shop.base}/`);
    assert.deepEqual([detail.location.country, detail.location.region, detail.location.source],
      [country, region, 'timezone'], timezoneId);
    assert.ok([timezoneId, 'Asia/Calcutta'].includes(detail.location.timeZone), detail.location.timeZone);
    assert.deepEqual(page.problems, []);
    await page.context().close();
  }
});

test('nothing is known in UTC without a hint, and an unusable hint changes nothing', async () => {
  for (const extraHTTPHeaders of [{}, { 'CF-IPCountry': 'XX' }, { 'CF-IPCountry': 'T1' }]) {
    const page = await shop.newPage({ timezoneId: 'UTC', extraHTTPHeaders });
    const { ok, detail } = await visit(page, `${shop.base}/product/p07`);
    assert.equal(ok, true);
    assert.deepEqual(detail.location, { country: null, region: null, city: null, timeZone: 'UTC', source: 'unknown',
      latitude: null, longitude: null, accuracy: null });
    assert.deepEqual(page.problems, []);
    await page.context().close();
  }
});

test('a shop without the geolocation option never asks for the position', async () => {
  const page = await shop.newPage({ timezoneId: 'Europe/Dublin', permissions: ['geolocation'], geolocation: DUBLIN });
  await page.addInitScript(() => {
    window.__geolocationAsked = 0;
    const original = navigator.geolocation.getCurrentPosition.bind(navigator.geolocation);
    navigator.geolocation.getCurrentPosition = (...args) => {
      window.__geolocationAsked++;
      return original(...args);
    };
  });
  await visit(page, `${shop.base}/`);
  await page.reload();
  const { detail } = await page.evaluate(() => window.__shopkeeperOutcome);
  assert.equal(detail.location.source, 'timezone');
  assert.equal(await page.evaluate(() => window.__geolocationAsked), 0);
  assert.equal(await storedLocation(page), null);
  await page.context().close();
});

test('geolocation granted: the rounded position is kept and later page views use it', async () => {
  const page = await geoShop.newPage({ timezoneId: 'Europe/Dublin', permissions: ['geolocation'], geolocation: DUBLIN });
  const first = await visit(page, `${geoShop.base}/`);
  assert.equal(first.ok, true);
  await page.waitForFunction(() => localStorage.getItem('shopkeeper:v1:location'));
  const stored = await storedLocation(page);
  assert.deepEqual([stored.latitude, stored.longitude, stored.accuracy], [53.35, -6.26, 20]);

  const { detail } = await visit(page, `${geoShop.base}/category/jackets`);
  assert.deepEqual(detail.location, { country: 'IE', region: null, city: null, timeZone: 'Europe/Dublin',
    source: 'geolocation', latitude: 53.35, longitude: -6.26, accuracy: 20 });
  assert.deepEqual(page.problems, []);
  await page.context().close();
});

test('geolocation refused: no position, the refusal is remembered, and the time zone still counts', async () => {
  const page = await geoShop.newPage({ timezoneId: 'Europe/Dublin' });
  await page.addInitScript(() => {
    window.__geolocationAsked = 0;
    navigator.geolocation.getCurrentPosition = (onPosition, onError) => {
      window.__geolocationAsked++;
      setTimeout(() => onError({ code: 1, message: 'User denied Geolocation' }), 10);
    };
  });
  await visit(page, `${geoShop.base}/`);
  await page.waitForFunction(() => localStorage.getItem('shopkeeper:v1:location'));
  assert.ok((await storedLocation(page)).deniedAt > 0);

  const { detail } = await visit(page, `${geoShop.base}/`);
  assert.deepEqual([detail.location.country, detail.location.source, detail.location.latitude], ['IE', 'timezone', null]);
  assert.equal(await page.evaluate(() => window.__geolocationAsked), 0, 'the next page does not ask again');
  assert.deepEqual(page.problems, []);
  await page.context().close();
});

test('geolocation blocked by the browser: nothing is asked and nothing breaks', async () => {
  const page = await geoShop.newPage({ timezoneId: 'Asia/Tokyo' });
  const cdp = await page.context().newCDPSession(page);
  await cdp.send('Browser.setPermission', { permission: { name: 'geolocation' }, setting: 'denied' });
  const { ok, detail } = await visit(page, `${geoShop.base}/`);
  assert.equal(ok, true);
  assert.deepEqual([detail.location.country, detail.location.source], ['JP', 'timezone']);
  assert.deepEqual(page.problems, []);
  await page.context().close();
});
