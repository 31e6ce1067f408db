// Simulated traffic through the real engine: visitors of the four kinds browse a shop headless in
// node with createShopkeeper, the engine assigns holdout groups and logs exposures, and each
// visitor's chance to order is multiplied by the planted lift of every campaign whose treatment
// group they are in. What comes out are the Segment messages the SDK sends.

import { createShopkeeper } from 'shopkeeper';
import { createRandom } from '../report/random.js';
import { EXPOSURE_EVENT } from '../report/events.js';
import { checkCatalog, createShop, defaultCatalog } from './shop.js';
import { drawKind, drawOrderValue, drawsOrder, VISITOR_KINDS } from './visitors.js';

const MINUTE = 60000;
const DAY = 24 * 60 * MINUTE;
const NEVER = { setTimeout: () => null, clearTimeout: () => {} }; // the simulation flushes itself

/** A version 4 UUID from a seeded generator: ids that are the same on every run of a seed. */
function seededUuid(random) {
  const hex = Array.from({ length: 4 }, () => Math.floor(random.next() * 4294967296).toString(16).padStart(8, '0')).join('');
  const variant = ((parseInt(hex[16], 16) & 0x3) | 0x8).toString(16);
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-4${hex.slice(13, 16)}-${variant}${hex.slice(17, 20)}-${hex.slice(20, 32)}`;
}

/**
 * Runs the simulation. `rules` is a rules document (object or JSON text) with holdout campaigns;
 * `lifts` maps a campaign id to its planted multiplier of the order chance (absent = 1);
 * `loseExposures` maps a campaign id to `{ control?, treatment? }` shares: that share of each
 * group's "Experiment Viewed" messages is dropped, as a broken tracking call would (a deliberate sample-ratio
 * mismatch). Each message goes to `emit(message)` (awaited) in the order sent.
 * Resolves to a summary: visitors by kind, exposures by campaign and group, orders and revenue.
 */
export async function simulateTraffic({ rules, visitors, seed = 1, lifts = {}, loseExposures = {}, emit,
  start = Date.parse('2026-11-02T00:00:00Z'), days = 14, catalog = defaultCatalog(), origin = 'https://shop.example' }) {
  const random = createRandom(seed);
  const ids = createRandom(`${seed}:ids`);
  const losses = createRandom(`${seed}:losses`);
  const shop = createShop(checkCatalog(catalog), origin);
  let clock = start;
  const sent = [];
  const warnings = [];
  const shopkeeper = await createShopkeeper({
    rules, now: () => clock, newId: () => seededUuid(ids), consent: 'granted', render: false, scheduler: NEVER,
    batchSize: 1000, transport: async ({ batch }) => void sent.push(...batch),
    onWarning: (code, error) => warnings.push(`${code}: ${error.message}`),
  });
  if (!shopkeeper.rules.ok) {
    shopkeeper.destroy();
    throw new Error(`the rules do not load: ${shopkeeper.rules.errors.map((e) => `${e.path || '/'}: ${e.message}`).join('; ')}`);
  }
  const summary = { visitors, kinds: Object.fromEntries(VISITOR_KINDS.map((k) => [k.kind, 0])), exposures: {},
    orders: 0, revenue: 0, lostExposures: 0, warnings };

  for (let v = 0; v < visitors; v++) {
    const kind = drawKind(random);
    summary.kinds[kind.kind]++;
    const groups = new Map();
    const note = (result) => {
      for (const { campaign, group } of (result.ok && result.exposures) || []) {
        if (!groups.has(campaign)) groups.set(campaign, group);
        const counts = (summary.exposures[campaign] ??= { control: 0, treatment: 0 });
        counts[group] = (counts[group] || 0) + 1;
      }
    };
    // Sending after each page keeps the queue short: queueing an event reads every queued one.
    const view = async (page) => {
      note(shopkeeper.decide(page));
      if (page.product) note(shopkeeper.track('Product Viewed', page.product));
      await shopkeeper.flush();
    };
    const slug = shop.anyCategory(random);
    let t = start + ((v + random.next()) / visitors) * days * DAY; // arrivals spread evenly over the days
    let page = null;
    const visits = random.geometric(kind.visits);
    for (let visit = 0; visit < visits; visit++) {
      if (visit > 0) t += 2 * 60 * MINUTE - Math.log(1 - random.next()) * 2 * DAY; // back hours or days later
      page = shop.landing(random, kind, slug, visit);
      for (let n = random.geometric(kind.pages); n > 0; n--) {
        clock = t;
        await view(page);
        t += Math.min(20 * MINUTE, random.logNormal(40000, 0.8));
        page = shop.next(random, slug, page);
      }
    }
    let multiplier = 1;
    for (const [campaign, group] of groups) if (group === 'treatment') multiplier *= lifts[campaign] ?? 1;
    if (drawsOrder(random, kind, multiplier)) {
      const product = page.product || shop.pages.product(shop.productOf(random, slug)).product;
      const value = drawOrderValue(random, kind);
      clock = t;
      note(shopkeeper.track('Product Added', { ...product, quantity: 1 }));
      await view({ ...shop.pages.cart(), referrer: page.url });
      clock = t += MINUTE;
      await view({ ...shop.pages.checkout(), referrer: `${origin}/cart` });
      note(shopkeeper.track('Checkout Started', { value, currency: 'EUR' }));
      clock = t += 2 * MINUTE;
      note(shopkeeper.track('Order Completed', { order_id: `o${v}`, revenue: value, total: value, currency: 'EUR',
        products: [{ product_id: product.product_id, quantity: 1 }] }));
      summary.orders++;
      summary.revenue += value;
    }
    await shopkeeper.flush();
    for (const message of sent.splice(0)) {
      const lose = message.event === EXPOSURE_EVENT && loseExposures[message.properties.experiment_id];
      const share = lose && Object.hasOwn(lose, message.properties.variation_id) ? lose[message.properties.variation_id] : undefined;
      if (share !== undefined && losses.chance(share)) summary.lostExposures++;
      else await emit(message);
    }
    shopkeeper.forget(); // the next visitor arrives with nothing stored
  }
  shopkeeper.destroy();
  summary.revenue = Math.round(summary.revenue * 100) / 100;
  return summary;
}
