// The ranking formula of src/core/ranking*.cpp written in plain JS, as a shop would without the
// engine: objects and Maps, no string table, no typed arrays. The benchmark checks that it gives
// the engine's order before timing both. Operations are in the engine's order, so the floating-
// point sums match.

const DEFAULT_WEIGHTS = { category: 1, brand: 0.4, tag: 0.5, viewed: 0.6, bought: -1.5, cart: 0.5, trending: 0.4, weather: 0.3, boost: 1, popularity: 0.2 };
const DEFAULT_WEATHER = {
  rain: { waterproof: 1, rain: 1 }, snow: { winter: 1, insulated: 1, waterproof: 0.5 }, cold: { winter: 1, insulated: 1, wool: 0.5 },
  wind: { wind: 1, windproof: 1 }, sun: { summer: 1, sun: 1 }, hot: { summer: 1, lightweight: 0.5 },
};

/** settings.ranking with the engine's defaults. */
export function rankingSettings(ranking = {}) {
  return {
    weights: { ...DEFAULT_WEIGHTS, ...ranking.weights },
    viewedCap: ranking.viewedCap ?? 3,
    maxPerCategory: ranking.diversity?.maxPerCategory ?? 4,
    window: ranking.diversity?.window ?? 12,
    coldBelowC: ranking.coldBelowC ?? 5,
    hotAboveC: ranking.hotAboveC ?? 25,
    complements: ranking.complements ?? {},
    weather: Object.fromEntries(Object.entries(ranking.weather ?? DEFAULT_WEATHER).map(([k, v]) => [k.toLowerCase(), v])),
  };
}

const decayed = (score, at, now, halfLife) => (now <= at ? score : score * 2 ** (-(now - at) / halfLife));

function affinities(stored, now, halfLife) {
  const out = new Map();
  let strongest = 0;
  for (const name of Object.keys(stored || {})) {
    const v = decayed(stored[name][0], stored[name][1], now, halfLife);
    if (v > 0) out.set(name, v);
    strongest = Math.max(strongest, v);
  }
  for (const [name, v] of out) out.set(name, v / (strongest + 1));
  return out;
}

function addWeights(from, to, keepLarger) {
  for (const [name, v] of Object.entries(from || {})) {
    const old = to.get(name);
    to.set(name, old === undefined ? v : keepLarger ? Math.max(old, v) : old + v);
  }
}

/**
 * What the formula knows of the visitor, from the stored profile (the engine's format), the
 * feed's context for the region ({ trending, weather }) and the campaigns' boosts.
 */
export function snapshotFromProfile(profileText, { now, halfLifeMs = 14 * 24 * 3600 * 1000, settings, context = {}, boosts = null, hadHistory = true }) {
  const p = JSON.parse(profileText);
  const s = {
    categories: affinities(p.interests.c, now, halfLifeMs),
    brands: affinities(p.interests.b, now, halfLifeMs),
    tags: affinities(p.interests.t, now, halfLifeMs),
    viewed: new Map(),
    bought: new Map(p.orders.bought.map((id) => [id, 1])),
    complements: new Map(),
    trending: new Map(),
    weather: new Map(),
    boosts: { categories: new Map(), brands: new Map(), tags: new Map(), products: new Map() },
  };
  const inCart = new Set(p.cart.items.map((i) => i[0]));
  for (const [id, , count, last] of p.viewed) {
    if (s.bought.has(id) || inCart.has(id)) continue;
    s.viewed.set(id, (Math.min(count, settings.viewedCap) / settings.viewedCap) * decayed(1, last, now, halfLifeMs));
  }
  for (const [, category] of p.cart.items) addWeights(settings.complements[category], s.complements, true);
  const trending = (context.trending || []).slice(0, 100);
  trending.forEach((entry, i) => {
    const id = typeof entry === 'string' ? entry : entry && entry.product_id;
    if (id && !s.trending.has(id)) s.trending.set(id, (trending.length - i) / trending.length);
  });
  const w = context.weather;
  if (w) {
    const conditions = new Set();
    if (typeof w.condition === 'string') conditions.add(w.condition.toLowerCase());
    if (w.snowExpected === true) conditions.add('snow');
    if (typeof w.temperatureC === 'number' && w.temperatureC <= settings.coldBelowC) conditions.add('cold');
    if (typeof w.temperatureC === 'number' && w.temperatureC >= settings.hotAboveC) conditions.add('hot');
    for (const c of conditions) addWeights(settings.weather[c], s.weather, false);
  }
  for (const kind of Object.keys(s.boosts)) addWeights(boosts && boosts[kind], s.boosts[kind], false);
  const anyBoost = Object.values(s.boosts).some((m) => [...m.values()].some((v) => v !== 0));
  s.personal = hadHistory || anyBoost;
  return s;
}

/** Ranks products for the snapshot: { order, scores } as the engine answers. */
export function rankPlain(products, s, settings) {
  const n = products.length;
  const order = Array.from({ length: n }, (_, i) => i);
  const scores = new Array(n).fill(0);
  if (!s.personal || n === 0) return { order, scores };
  const w = settings.weights;
  const get = (map, key) => map.get(key) || 0;
  let top = 0;
  for (const p of products) if (Number.isFinite(p.popularity)) top = Math.max(top, p.popularity);
  for (let i = 0; i < n; i++) {
    const p = products[i];
    const category = 0 + w.category * get(s.categories, p.category) + w.weather * get(s.weather, p.category) +
      w.boost * get(s.boosts.categories, p.category) + w.cart * get(s.complements, p.category);
    const brand = 0 + w.brand * get(s.brands, p.brand) + w.boost * get(s.boosts.brands, p.brand);
    const product = 0 + w.viewed * get(s.viewed, p.id) + w.bought * get(s.bought, p.id) + w.trending * get(s.trending, p.id) +
      w.boost * get(s.boosts.products, p.id);
    let score = category + brand + product;
    let best = 0;
    let worst = 0;
    for (const t of p.tags) {
      const v = 0 + w.tag * get(s.tags, t) + w.weather * get(s.weather, t) + w.boost * get(s.boosts.tags, t);
      if (v > best) best = v;
      if (v < worst) worst = v;
    }
    score += best + worst;
    if (top > 0 && Number.isFinite(p.popularity) && p.popularity > 0) score += w.popularity * (p.popularity / top);
    scores[i] = score;
  }
  diversify(products, scores, order, settings);
  return { order, scores };
}

function diversify(products, scores, order, settings) {
  const n = products.length;
  const sorted = [];
  for (let i = 0; i < n; i++) if (!products[i].pinned) sorted.push(i);
  sorted.sort((a, b) => scores[b] - scores[a] || a - b);
  const window = Math.min(settings.window, n);
  const counts = new Map();
  const count = (c) => counts.get(c) || 0;
  for (let i = 0; i < window; i++) if (products[i].pinned && products[i].category) counts.set(products[i].category, count(products[i].category) + 1);
  const placed = new Array(sorted.length).fill(false);
  let next = 0;
  for (let place = 0; place < n; place++) {
    if (products[place].pinned) continue;
    while (placed[next]) next++;
    let pick = next;
    if (place < window) {
      while (pick < sorted.length && (placed[pick] || (products[sorted[pick]].category && count(products[sorted[pick]].category) >= settings.maxPerCategory))) pick++;
      if (pick === sorted.length) pick = next;
      const c = products[sorted[pick]].category;
      if (c) counts.set(c, count(c) + 1);
    }
    order[place] = sorted[pick];
    placed[pick] = true;
  }
}

