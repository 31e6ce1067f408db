// Tiles as numbers for the wasm ranker. Every string of a tile (product id, category, brand,
// tag) becomes an id in a string table that this module and the engine share: the JS half
// maps strings to ids, the engine's half holds the strings in the same order. A grid is
// encoded with one Map lookup per string; only strings the engine has not seen yet cross
// the boundary, as one text, usually once per page. The tiles themselves cross as
// typed arrays written straight into the engine's buffers (see Engine#rankTiles).

/** Words per tile: product id, category, brand, first tag, tag count, flags. */
export const TILE_WORDS = 6;
const PINNED = 1;
/** Tags per tile that count, as in the profile. */
const MAX_TAGS = 10;
/** A table this large starts over, which keeps both halves bounded (the engine's limit is 65,536). */
const MAX_STRINGS = 50000;

/** Reason codes by bit, as the engine reports them (src/core/ranking.hpp). */
export const REASONS = ['category', 'brand', 'tag', 'viewed', 'bought', 'cart', 'trending', 'weather', 'boost',
  'popularity', 'diversity', 'pinned'];

/** Generations count across tables: tiles encoded for one engine are never taken as another's. */
let generations = 0;

/** The JS half of the string table; `sent` strings are known to the engine. */
export class StringTable {
  constructor() {
    this.reset();
  }

  /** Starts over; the engine's half follows at the next sync, from id 1. */
  reset() {
    this.ids = new Map([['', 0]]);
    this.strings = [''];
    this.sent = 1;
    this.generation = ++generations;
    this.tagLists = new Map(); // a data-tags text → its tags: grids repeat a few texts, page after page
  }

  /** The id of `value`, a string. */
  id(value) {
    if (value === '') return 0;
    let id = this.ids.get(value);
    if (id === undefined) {
      id = this.strings.length;
      this.ids.set(value, id);
      // The table crosses as strings each followed by a NUL: one holding a NUL goes as "" (no match).
      this.strings.push(value.includes('\0') ? '' : value);
    }
    return id;
  }
}

const NO_PRODUCT = {};
const text = (value) => (typeof value === 'string' ? value : typeof value === 'number' && Number.isFinite(value) ? String(value) : '');

/**
 * A product's id as the ranker sees it: a string, a finite number as text, else '' (no match).
 * `productId` when there is no `id`: a tile's dataset holds data-product-id so.
 */
export const productId = (product) => {
  const p = product || NO_PRODUCT;
  return text(p.id === undefined ? p.productId : p.id);
};

/** As data-pinned: a string pins unless it is "false" (so an element's dataset can be passed as it is). */
const pinnedOf = (pinned) => (typeof pinned === 'string' ? pinned !== 'false' : Boolean(pinned));
const NO_TAGS = [];

/**
 * Encodes products ([{ id, category, brand, tags, popularity, pinned }]; tags an array or a
 * space-separated string) for the ranker: `words` holds the tiles' attributes then their tag
 * ids, `popularity` one number per tile.
 */
export function encodeTiles(products, table) {
  if (table.strings.length > MAX_STRINGS || table.tagLists.size > MAX_STRINGS) table.reset();
  const count = products.length;
  const base = count * TILE_WORDS;
  let words = new Uint32Array(base + 4 * count); // room for 4 tags a tile; grown when needed
  const popularity = new Float64Array(count);
  let tag = base;
  for (let i = 0; i < count; i++) {
    const p = products[i] || NO_PRODUCT;
    const w = i * TILE_WORDS;
    words[w] = table.id(productId(p));
    words[w + 1] = table.id(text(p.category));
    words[w + 2] = table.id(text(p.brand));
    words[w + 5] = pinnedOf(p.pinned) ? PINNED : 0;
    const first = tag;
    if (tag + MAX_TAGS > words.length) words = grown(words);
    // No array per tile: this runs before the grid is shown.
    const tags = typeof p.tags === 'string' ? tagListOf(p.tags, table) : Array.isArray(p.tags) ? p.tags : NO_TAGS;
    for (let k = 0; k < tags.length && tag - first < MAX_TAGS; k++) {
      const id = table.id(text(tags[k]));
      if (id) words[tag++] = id;
    }
    words[w + 3] = first - base;
    words[w + 4] = tag - first;
    const v = p.popularity; // a number or text only: never a throwing valueOf or a Symbol's TypeError
    const pop = typeof v === 'number' ? v : typeof v === 'string' ? Number(v) : 0;
    popularity[i] = pop > 0 && pop < Infinity ? pop : 0;
  }
  return { count, tagCount: tag - base, words: words.subarray(0, tag), popularity, products, generation: table.generation };
}

/** The tags of a space-separated text, the list kept in the table. */
function tagListOf(tags, table) {
  let list = table.tagLists.get(tags);
  if (list === undefined) table.tagLists.set(tags, (list = tags.split(/\s+/)));
  return list;
}

function grown(words) {
  const bigger = new Uint32Array(words.length * 2);
  bigger.set(words);
  return bigger;
}

/**
 * [{ id, score, reasons }] in ranked order, from the products and what Engine#rankTiles gave for
 * them; with no ranking (null), the products in their order, scores 0.
 */
export function rankedProducts(products, ranked) {
  if (!ranked) return products.map((p) => ({ id: productId(p), score: 0, reasons: [] }));
  return Array.from(ranked.order, (i) => ({ id: productId(products[i]), score: ranked.scores[i], reasons: reasonNames(ranked.reasons[i]) }));
}

/** The reason codes of a reasons bit set. */
export function reasonNames(bits) {
  const names = [];
  for (let bit = 0; bit < REASONS.length; bit++) if (bits & (1 << bit)) names.push(REASONS[bit]);
  return names;
}
