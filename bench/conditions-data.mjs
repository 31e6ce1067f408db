// The data of the conditions benchmark: a realistic visitor context (the engine's context of a
// returning visitor on a product page: UTM arrival, cart, location, interests, plus the 200 view
// events a GrowthBook user would pass as an attribute) and 40 targeting conditions shops write.

import { seeded } from './measure.mjs';

const NOW = Date.parse('2026-11-24T18:30:00Z');
const DAY = 24 * 3600 * 1000;
const CATEGORIES = ['boots', 'jackets', 'hats', 'gloves', 'sweaters', 'socks', 'scarves', 'gear'];

const rand = seeded(2026);
/** The visitor's 200 product views over the last two months, oldest first. */
const views = Array.from({ length: 200 }, (_, i) => {
  const n = rand(400);
  return { product_id: `p${n}`, category: CATEGORIES[n % 8], brand: `brand-${n % 23}`, price: 15 + (n % 180),
    at: NOW - (200 - i) * 7 * 3600 * 1000 };
});

const touch = (fields, at) => ({ medium: 'direct', source: null, term: null, campaign: null, content: null, clickId: null, refCode: null, ...fields, at });

export const context = {
  visitor: { id: 'v-3f9c2a71', isNew: false, visitCount: 7, firstSeen: NOW - 61 * DAY, lastSeen: NOW - 3 * DAY,
    daysSinceLastVisit: 3, emailCaptured: true, orders: 2, totalSpent: 245.8 },
  session: { number: 7, pageViews: 5, startedAt: NOW - 9 * 60000, landingPage: '/category/boots' },
  page: { url: 'https://shop.example/product/p07?utm_source=newsletter&utm_medium=email&utm_campaign=winter-sale&utm_term=boots',
    path: '/product/p07', referrer: 'https://mail.google.com/', type: 'product', category: 'boots', query: '', productId: 'p07' },
  product: { id: 'p07', name: 'Trailblazer Waterproof Boot', price: 129, category: 'boots', brand: 'Northwind' },
  acquisition: {
    first: touch({ medium: 'search', source: 'Google' }, NOW - 61 * DAY),
    current: touch({ medium: 'email', source: 'newsletter', campaign: 'winter-sale', term: 'boots' }, NOW - 9 * 60000),
    page: touch({ medium: 'internal' }, NOW),
  },
  interests: {
    top: ['boots', 'jackets', 'hats', 'gloves', 'socks'],
    categories: { boots: 4.21, jackets: 3.05, hats: 1.8, gloves: 1.12, socks: 0.7, scarves: 0.31 },
    brands: { Northwind: 3.4, Fjellrev: 1.9, 'brand-4': 0.8 },
    tags: { winter: 6.2, waterproof: 3.3, wool: 1.4 },
    viewed: views.slice(-50).reverse().map((v) => v.product_id),
    previousVisit: ['p13', 'p44', 'p07'],
    searches: ['waterproof boots', 'merino socks', 'down jacket'],
    bought: ['p102', 'p215', 'p9'],
  },
  cart: {
    items: [{ id: 'p07', category: 'boots', quantity: 1, price: 129 }, { id: 'p301', category: 'socks', quantity: 2, price: 12.5 }],
    count: 3, value: 154, removed: [{ id: 'p13', category: 'hats', price: 24, at: NOW - DAY, duringCheckout: false }],
    checkoutStarted: false, abandoned: { at: NOW - 3 * DAY, value: 89, items: ['p44'] },
  },
  location: { country: 'IE', region: 'IE-D', city: 'Dublin', timeZone: 'Europe/Dublin', source: 'hint', latitude: null,
    longitude: null, accuracy: null },
  device: { mobile: true, width: 390 },
  consent: 'granted',
  context: { region: 'IE-D', weather: { name: 'Dublin', condition: 'snow', temperatureC: 1.5 }, trending: ['p07', 'p44', 'p88'],
    referral: null, custom: { catalogVersion: '2026.11.2' } },
  campaigns: {
    welcome: { impressions: 2, lastShown: NOW - 60 * DAY, dismissed: NOW - 60 * DAY, converted: 0, group: null },
    'boots-bundle': { impressions: 1, lastShown: NOW - 3 * DAY, dismissed: 0, converted: 0, group: 'treatment' },
  },
  now: { ms: NOW, date: '2026-11-24', weekday: 'tue', hour: 18, minute: 30 },
  views,
};

export const savedGroups = { vip: Array.from({ length: 120 }, (_, i) => `v-${(i * 2654435761 >>> 0).toString(16).slice(0, 8)}`).concat(['v-3f9c2a71']) };

/** Forty audiences as shops write them. */
export const conditions = [
  { 'visitor.isNew': true },
  { 'visitor.visitCount': { $gte: 3 } },
  { 'visitor.daysSinceLastVisit': { $gt: 7 } },
  { 'visitor.orders': 0, 'cart.value': { $gte: 50 } },
  { 'visitor.totalSpent': { $gte: 200 } },
  { 'visitor.emailCaptured': false },
  { 'session.pageViews': { $gte: 3, $lte: 20 } },
  { 'acquisition.current.medium': 'email' },
  { 'acquisition.current.source': { $in: ['newsletter', 'klaviyo', 'mailchimp'] } },
  { 'acquisition.current.campaign': { $regex: '^winter-(sale|clearance)$' } },
  { 'acquisition.first.medium': { $in: ['paid', 'social'] }, 'acquisition.current.medium': { $ne: 'paid' } },
  { 'acquisition.current.clickId': { $exists: true } },
  { 'acquisition.current.term': { $regexi: 'BOOTS?' } },
  { 'page.path': { $regex: '^/(category|product)/' } },
  { 'page.type': { $in: ['product', 'category'] } },
  { 'page.url': { $regexi: 'utm_campaign=winter' } },
  { 'page.referrer': { $regex: 'google\\.[a-z.]+/' } },
  { 'product.price': { $gt: 100 }, 'product.category': 'boots' },
  { 'product.brand': { $ini: ['northwind', 'fjellrev'] } },
  { 'interests.top': { $elemMatch: { $eq: 'boots' } } },
  { 'interests.categories.boots': { $gte: 2.5 } },
  { 'interests.viewed': { $all: ['p07', 'p13'] } },
  { 'interests.viewed': { $size: { $gte: 20 } } },
  { 'interests.bought': { $nin: ['p07', 'p301'] } },
  { 'interests.searches': { $elemMatch: { $regexi: 'waterproof' } } },
  { 'cart.count': { $gte: 1 }, 'cart.checkoutStarted': false },
  { 'cart.items': { $elemMatch: { category: 'boots', price: { $gte: 80 } } } },
  { 'cart.removed': { $size: 1 } },
  { 'cart.abandoned': { $exists: true }, 'visitor.emailCaptured': true },
  { 'cart.value': { $gte: 40, $lt: 75 } },
  { 'location.country': { $in: ['IE', 'GB'] } },
  { 'location.region': 'IE-D', 'context.weather.condition': { $in: ['snow', 'rain'] } },
  { 'location.source': { $ne: 'unknown' }, 'location.country': { $nin: ['US', 'CA'] } },
  { 'device.mobile': true, 'device.width': { $lt: 768 } },
  { 'now.hour': { $gte: 18 }, 'now.weekday': { $in: ['fri', 'sat', 'sun'] } },
  { $or: [{ 'visitor.orders': { $gte: 3 } }, { 'visitor.totalSpent': { $gte: 300 } }] },
  { $and: [{ 'visitor.isNew': false }, { $nor: [{ 'acquisition.current.medium': 'paid' }, { 'acquisition.current.medium': 'affiliate' }] }] },
  { $not: { 'campaigns.welcome.dismissed': { $gt: 0 } } },
  { views: { $elemMatch: { category: 'gloves', price: { $gte: 150 }, at: { $gte: NOW - 14 * DAY } } } },
  { 'visitor.id': { $inGroup: 'vip' }, 'context.custom.catalogVersion': { $vgte: '2026.10.0' } },
];
