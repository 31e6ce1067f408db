// The context feed (GET /v1/context[?region=IE-D][&visitor=ID]): what rules can use beyond the
// visitor, by region: what sells there (from stored "Order Completed" events) and the weather; and
// for a visitor who shared their referral link, how many friends it brought who then ordered.

import { readFileSync } from 'node:fs';
import { sendJson } from './http-util.js';
import { refCodeOf } from './referral.js';

/** How far back orders count for trends. */
const TREND_DAYS = 30;
const TOP = 5;
/** How long a browser may reuse the feed. */
const TTL_SECONDS = 300;
const REWARD = 'A bundle picked for you, 15% off';
const VISITOR_ID = /^[A-Za-z0-9-]{1,64}$/;

/** The region an order came from: properties.region, else context.location.region. */
const regionOf = (m) => String((m.properties && m.properties.region) || (m.context && m.context.location && m.context.location.region) || 'unknown');

function trends(messages) {
  const byRegion = new Map();
  for (const m of messages) {
    const counts = byRegion.get(regionOf(m)) || new Map();
    byRegion.set(regionOf(m), counts);
    for (const p of Array.isArray(m.properties && m.properties.products) ? m.properties.products : []) {
      if (!p || typeof p.product_id !== 'string') continue;
      counts.set(p.product_id, (counts.get(p.product_id) || 0) + (Number(p.quantity) > 0 ? Number(p.quantity) : 1));
    }
  }
  const result = new Map(); // region names come from events: "__proto__" is a name like any other
  for (const [region, counts] of byRegion) {
    result.set(region, [...counts].sort((a, b) => b[1] - a[1] || a[0].localeCompare(b[0])).slice(0, TOP)
      .map(([product_id, units]) => ({ product_id, units })));
  }
  return result;
}

/**
 * Successful referrals of `visitor`: other visitors who landed on a link with ?<refParam>=<visitor>
 * and then completed an order.
 */
async function referralsOf(db, visitor, refParam) {
  const rows = await db.query(`SELECT DISTINCT p.anonymous_id, json_extract_string(p.message, '$.context.page.url') AS url
    FROM events p WHERE p.type = 'page' AND p.anonymous_id <> $1
      AND EXISTS (SELECT 1 FROM events o WHERE o.type = 'track' AND o.event = 'Order Completed'
        AND o.anonymous_id = p.anonymous_id AND o.timestamp > p.timestamp)`, [visitor]);
  const referred = new Set();
  for (const { anonymous_id: id, url } of rows) {
    if (refCodeOf(url, refParam) === visitor) referred.add(id);
  }
  return referred.size;
}

/**
 * The feed over `db` (db.js), with the weather read from `weatherFile`; referral links carry
 * `refParam` (the rules' settings.refParam).
 */
export function createContextFeed(db, weatherFile, refParam) {
  const weather = JSON.parse(readFileSync(weatherFile, 'utf8')).regions;
  return async (req, res, url) => {
    const since = new Date(Date.now() - TREND_DAYS * 24 * 3600 * 1000).toISOString();
    const rows = await db.query("SELECT message FROM events WHERE type = 'track' AND event = 'Order Completed' AND timestamp >= $1::TIMESTAMPTZ", [since]);
    const trending = trends(rows.map((r) => JSON.parse(r.message)));
    const regions = new Map();
    for (const region of new Set([...Object.keys(weather), ...trending.keys()])) {
      const sells = trending.get(region) || [];
      regions.set(region, Object.hasOwn(weather, region) ? { weather: weather[region], trending: sells } : { trending: sells });
    }
    const wanted = url.searchParams.get('region');
    if (wanted && !regions.has(wanted)) return sendJson(res, 404, { error: `unknown region ${wanted}` });
    // Object.fromEntries makes own properties, a region named "__proto__" included.
    const feed = { generatedAt: new Date().toISOString(), ttlSeconds: TTL_SECONDS,
      regions: Object.fromEntries(wanted ? [[wanted, regions.get(wanted)]] : regions) };
    const visitor = url.searchParams.get('visitor');
    if (visitor && VISITOR_ID.test(visitor)) feed.referral = { successful: await referralsOf(db, visitor, refParam), reward: REWARD };
    sendJson(res, 200, feed);
  };
}
