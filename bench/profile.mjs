// The profile's cost per page view in node, and its stored size after a simulated year of heavy
// browsing. Prints figures; asserts nothing. Run with `npm run bench:profile` (after a build).
//
// One page view = load the stored profile string, decide() (classify the arrival, record the
// page view, evaluate the campaigns) and store the new profile string: one engine round trip.
// Next to it: JSON.parse + JSON.stringify of the same profile as a plain JS object, the floor
// of any JS library that keeps a JSON profile in localStorage.

import { readFileSync } from 'node:fs';
import { createShopkeeper, loadEngine, memoryStorage } from 'shopkeeper';
import { formatNs, nsPerCallInterleaved, printTable, seeded } from './measure.mjs';

const KEY = 'shopkeeper:v1:profile';
const DAY = 24 * 3600 * 1000;
const T0 = Date.parse('2026-01-05T09:00:00Z');
const EVENTS = 20000;
const CATEGORIES = ['jackets', 'boots', 'hats', 'gloves', 'sweaters', 'gear', 'socks', 'scarves'];

const rules = {
  version: 1,
  settings: { sessionTimeoutMinutes: 30, interestHalfLifeDays: 14 },
  campaigns: [
    ...JSON.parse(readFileSync(new URL('../rules/welcome.json', import.meta.url), 'utf8')).campaigns,
    ...[
      { 'visitor.visitCount': { $gte: 3 }, 'cart.count': { $gte: 1 }, 'cart.checkoutStarted': false },
      { 'acquisition.current.medium': 'email', 'acquisition.current.campaign': { $regex: '^winter' } },
      { 'interests.top': { $elemMatch: { $eq: 'boots' } }, 'page.type': 'category' },
      { 'location.country': { $in: ['IE', 'GB'] }, 'cart.value': { $gte: 40, $lt: 75 } },
      { 'visitor.orders': 0, 'visitor.daysSinceLastVisit': { $gte: 7 } },
      { $or: [{ 'visitor.totalSpent': { $gte: 300 } }, { 'visitor.orders': { $gte: 3 } }] },
      { 'cart.abandoned': { $exists: true }, 'visitor.emailCaptured': false },
    ].map((audience, i) => ({
      id: `campaign-${i + 1}`, priority: 90 - i, audience,
      frequency: { perSession: 1, lifetime: 5, stopAfterDismiss: true, stopAfterConversion: true },
      action: { type: 'modal', title: `Offer ${i + 1}`, body: 'A realistic offer text of a sentence or two.', cta: { label: 'Shop now', href: '/sale' } },
    })),
  ],
};

const ARRIVALS = [
  { url: 'https://shop.example/', referrer: '' },
  { url: 'https://shop.example/category/boots', referrer: 'https://www.google.com/' },
  { url: 'https://shop.example/?utm_source=newsletter&utm_medium=email&utm_campaign=winter-sale', referrer: '' },
  { url: 'https://shop.example/product/p123?gclid=Cj0KCQiA', referrer: 'https://www.google.ie/' },
  { url: 'https://shop.example/category/jackets', referrer: 'https://www.instagram.com/' },
  { url: 'https://shop.example/?ref=FRIEND42', referrer: 'https://chatgpt.com/' },
];

/** A product of the heavy visitor's world: 5000 products over 8 categories and 60 brands. */
function product(rand) {
  const n = rand(5000);
  return { product_id: `product-${n}`, category: CATEGORIES[n % 8], brand: `brand-${n % 60}`, name: `Product ${n}`,
    price: 10 + (n % 490), tags: [`tag-${rand(90)}`, 'winter'] };
}

/**
 * A year of heavy browsing through the public API: one session a day, 20,000 events in all
 * (page views and tracked events). Returns the storage, the stored size at the end and the largest seen.
 */
async function simulateYear() {
  const rand = seeded(12345);
  const storage = memoryStorage();
  let now = T0;
  const sk = await createShopkeeper({ rules, storage, now: () => now, onWarning: () => {} });
  let largest = 0;
  const start = process.hrtime.bigint();
  for (let i = 0; i < EVENTS; i++) {
    const dayStart = T0 + Math.floor((i * 365) / EVENTS) * DAY;
    now = Math.max(now + 20000 + rand(100000), dayStart);
    const kind = rand(100);
    if (now === dayStart || kind < 40) {
      const arrival = now === dayStart ? ARRIVALS[rand(ARRIVALS.length)] : { url: 'https://shop.example/product/x', referrer: 'https://shop.example/' };
      sk.decide({ ...arrival, type: 'product', product: product(rand), location: { country: 'IE', region: 'D' } });
    } else if (kind < 50) {
      sk.decide({ url: 'https://shop.example/category/c', referrer: 'https://shop.example/', type: 'category', category: CATEGORIES[rand(8)] });
    } else if (kind < 55) {
      sk.decide({ url: 'https://shop.example/search', referrer: 'https://shop.example/', type: 'search', query: `warm waterproof ${rand(300)}` });
    } else if (kind < 70) sk.track('Product Added', { ...product(rand), quantity: 1 + rand(2) });
    else if (kind < 78) sk.track('Product Removed', product(rand));
    else if (kind < 84) sk.track('Cart Viewed', {});
    else if (kind < 89) sk.track('Checkout Started', {});
    else if (kind < 91) sk.track('Order Completed', { total: 20 + rand(300) });
    else if (kind < 95) sk.track('Promotion Viewed', { promotion_id: `campaign-${1 + rand(7)}` });
    else if (kind < 97) sk.track('Promotion Dismissed', { promotion_id: `campaign-${1 + rand(7)}` });
    else sk.track('Products Searched', { query: `wool socks ${rand(500)}` });
    if (i % 500 === 499) largest = Math.max(largest, storage.getItem(KEY).length);
  }
  const totalMs = Number(process.hrtime.bigint() - start) / 1e6;
  sk.destroy();
  const stored = storage.getItem(KEY);
  return { stored, bytes: Buffer.byteLength(stored), largest: Math.max(largest, stored.length), totalMs };
}

const year = await simulateYear();
const engine = await loadEngine();
engine.load(rules);
const pages = [
  { url: 'https://shop.example/product/p07', referrer: 'https://shop.example/category/boots', type: 'product',
    product: { product_id: 'p07', category: 'boots', brand: 'Northwind', price: 129, tags: ['winter', 'waterproof'] } },
  { url: 'https://shop.example/category/jackets', referrer: 'https://shop.example/', type: 'category', category: 'jackets' },
  { url: 'https://shop.example/?utm_source=newsletter&utm_medium=email&utm_campaign=winter-sale', referrer: '' },
];

function roundTrip(storage) {
  let now = T0 + 400 * DAY;
  return (i) => {
    now += 60000;
    const res = engine.decide({ profile: storage.getItem(KEY), page: pages[i % pages.length], now, newId: 'v-bench',
      storage: true, location: { country: 'IE', region: 'D', city: 'Dublin' }, timeZone: 'Europe/Dublin' });
    storage.setItem(KEY, res.profile);
  };
}

const heavy = memoryStorage();
heavy.setItem(KEY, year.stored);
const fresh = memoryStorage();
const sdkStorage = memoryStorage();
sdkStorage.setItem(KEY, year.stored);
let sdkNow = T0 + 400 * DAY;
const sdk = await createShopkeeper({ rules, storage: sdkStorage, now: () => (sdkNow += 60000), onWarning: () => {} });

const freshTrip = roundTrip(fresh);
// Measured in alternating rounds, so that all four see the same load on a shared machine.
const [heavyNs, freshNs, sdkNs, jsonNs] = nsPerCallInterleaved([
  roundTrip(heavy),
  (i) => {
    fresh.removeItem(KEY); // a first visit every time: nothing stored yet
    freshTrip(i);
  },
  (i) => sdk.decide(pages[i % pages.length]),
  () => JSON.stringify(JSON.parse(year.stored)),
], { roundMs: 100 });
const figures = { heavy: heavyNs, fresh: freshNs, sdk: sdkNs, json: jsonNs };
sdk.destroy();
engine.destroy();

console.log(`Profile benchmark (node ${process.versions.node}, ${rules.campaigns.length} campaigns)\n`);
console.log(`Simulated year: ${EVENTS} events (page views and tracked events, one session a day) in ${(year.totalMs / 1000).toFixed(1)} s, ` +
  `${((year.totalMs * 1000) / EVENTS).toFixed(0)} µs per event`);
console.log(`Stored profile after the year: ${year.bytes} bytes (${(year.bytes / 1024).toFixed(1)} KB; budget 16 KB); largest seen during it: ${year.largest} bytes\n`);
printTable([
  ['per page view', 'time', 'vs JSON.parse+stringify'],
  ['decide() round trip, heavy profile (engine: string in, string stored)', formatNs(figures.heavy), `${(figures.heavy / figures.json).toFixed(1)}×`],
  ['decide() round trip, first visit (nothing stored)', formatNs(figures.fresh), `${(figures.fresh / figures.json).toFixed(1)}×`],
  ['Shopkeeper.decide(), heavy profile (whole JS layer, no rendering)', formatNs(figures.sdk), `${(figures.sdk / figures.json).toFixed(1)}×`],
  [`JSON.parse + JSON.stringify of the same profile as a JS object (${year.bytes} bytes)`, formatNs(figures.json), '1.0×'],
]);
