// Product tiles in the page. A grid is any element matching the shop's selector; its tiles
// are its child elements with data-product-id (plus data-category, data-brand, data-tags,
// data-popularity, data-pinned; no score uses data-price, so it is not read). Ordering moves
// the nodes in one DOM write, so keyboard and screen-reader order follow the visual order
// (never CSS `order`). Until the first ordering, only the grids are hidden, with visibility
// (so nothing shifts), and at most for the time-out; a grid rendered or re-rendered later is
// ordered as it arrives. A tile the shopper may have seen keeps its place: tiles appended to a
// grid on screen (infinite scroll) are ordered among themselves, and a grid the time-out showed
// is not reordered.

import { rankedProducts } from '../ranking.js';
import { measure, measureStart } from '../timing.js';

const HIDING_CLASS = 'shopkeeper-ranking';
/** What readTiles reads: a change to one of them in a grid makes its tiles read again. */
const TILE_ATTRIBUTES = ['data-product-id', 'data-category', 'data-brand', 'data-tags', 'data-popularity', 'data-pinned'];

/** The tiles of a grid: { nodes, products }, products with what the ranking reads. */
export function readTiles(grid) {
  const nodes = [];
  const products = [];
  // getAttribute rather than dataset: a DOMStringMap lookup costs several times as much, which
  // shows on a grid of 1,000 tiles (6,000 reads) before the first paint. Sibling links rather
  // than iterating grid.children, which asks the live collection twice a step.
  for (let el = grid.firstElementChild; el; el = el.nextElementSibling) {
    const id = el.getAttribute('data-product-id');
    if (id === null) continue;
    const pinned = el.getAttribute('data-pinned');
    nodes.push(el);
    products.push({
      id,
      category: el.getAttribute('data-category') || '',
      brand: el.getAttribute('data-brand') || '',
      tags: el.getAttribute('data-tags') || '',
      popularity: Number(el.getAttribute('data-popularity')) || 0,
      pinned: pinned !== null && pinned !== 'false',
    });
  }
  return { nodes, products };
}

/**
 * Where the tile `nodes` are among `grid`'s child nodes: { children, at } (at[k]: the place of
 * nodes[k]), or null when they are not the grid's tiles as readTiles found them.
 */
function layoutOf(grid, nodes) {
  const children = Array.from(grid.childNodes);
  const at = new Int32Array(nodes.length);
  let found = 0;
  for (let i = 0; i < children.length && found < nodes.length; i++) {
    if (children[i] === nodes[found]) at[found++] = i;
  }
  return found < nodes.length ? null : { children, at };
}

/**
 * Puts the tile `nodes` in `order` (order[k] is the index of the node placed k-th) with one
 * DOM write. Other children, text included, keep their places; focus inside the grid stays.
 * `layout` is layoutOf(grid, nodes), when taken before (its children are written over).
 * Returns false when the order is the current one (nothing written).
 */
export function applyOrder(grid, nodes, order, layout) {
  if (order.every((index, k) => index === k)) return false;
  const start = measureStart();
  const { children, at } = layout || layoutOf(grid, nodes) || {};
  if (!children) return false;
  // The child wanted at each place, and where it is now.
  const from = new Int32Array(children.length);
  for (let i = 0; i < children.length; i++) from[i] = i;
  for (let k = 0; k < nodes.length; k++) {
    children[at[k]] = nodes[order[k]];
    from[at[k]] = at[order[k]];
  }
  const doc = grid.ownerDocument;
  const focused = doc.activeElement && grid.contains(doc.activeElement) ? doc.activeElement : null;
  // Without moveBefore, one call writes the whole list: Chromium inserts a batch faster than as
  // many removals and insertions (measured on 1,000 tiles).
  if (!moveInto(grid, children, from)) grid.replaceChildren(...children);
  // replaceChildren blurs what it removes. moveBefore keeps focus by specification, yet CI once
  // saw it gone after an ordering (not reproduced since), so focus is put back either way.
  if (focused && doc.activeElement !== focused) focused.focus({ preventScroll: true });
  measure('dom-write', start);
  return true;
}

/**
 * Which nodes can stay where they are when nodes at positions `indexes` (in the order wanted)
 * are put in that order: a longest increasing run of their positions, marked 1. Moving only the
 * others is the fewest moves that give the order.
 * @param {number[]} indexes
 * @returns {Uint8Array}
 */
export function stayingPut(indexes) {
  const previous = new Int32Array(indexes.length);
  const tails = []; // tails[l]: where the increasing run of length l + 1 with the smallest last position ends
  for (let i = 0; i < indexes.length; i++) {
    let lo = 0;
    let hi = tails.length;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if (indexes[tails[mid]] < indexes[i]) lo = mid + 1;
      else hi = mid;
    }
    previous[i] = lo > 0 ? tails[lo - 1] : -1;
    tails[lo] = i;
  }
  const stay = new Uint8Array(indexes.length);
  for (let i = tails.length > 0 ? tails[tails.length - 1] : -1; i >= 0; i = previous[i]) stay[i] = 1;
  return stay;
}

/**
 * Puts `grid`'s child nodes in `children` order, `from[i]` being where children[i] is now, with
 * Element.moveBefore (Chromium 133), the state-preserving move: no removal and insertion steps,
 * so focus, iframes and animations inside are kept. Only the nodes out of place move (see
 * stayingPut), so tiles the ranking left in their order cost nothing. False when the browser has
 * no moveBefore or refuses a move (the caller then writes the whole list at once).
 */
function moveInto(grid, children, from) {
  if (typeof grid.moveBefore !== 'function') return false;
  const stay = stayingPut(from);
  try {
    for (let i = children.length - 1, anchor = null; i >= 0; anchor = children[i--]) {
      if (!stay[i]) grid.moveBefore(children[i], anchor);
    }
    return true;
  } catch {
    return false;
  }
}

/**
 * Orders the grids matching `selector` with `rank(products, encoded)`, which gives what
 * Engine#rankTiles does ({ order, scores, reasons }) or null; `encoded` is `encode(products)`
 * when the tiles were read ahead, else undefined.
 * `hide()` right away (the script early in <head>); `start(rank)` once the engine has decided:
 * it orders the grids, shows them and watches for tiles rendered later; `reveal()` shows them
 * unordered (the engine failed). Dispatches `shopkeeper:ranked` ({ ids, tiles }) on each grid it orders.
 * When the DOM is ready before the engine, the grids' tiles are read, encoded and located then,
 * while the wasm still compiles, and taken as they are at `start` unless the grids changed since.
 * @param {{ selector: string, timeout?: number, warn: (code: string, error: Error) => void, document?: Document,
 *   encode?: (products: object[]) => object }} options
 */
export function createGridRanker({ selector, timeout = 300, warn, document: doc = globalThis.document, encode }) {
  try {
    doc.createDocumentFragment().querySelector(selector);
  } catch {
    warn('grid_invalid', new Error(`data-grid ${JSON.stringify(selector)} is not a valid selector`));
    return null;
  }
  let sheet = null;
  let timer = null;
  let rank = null;
  let observer = null;
  let timedOut = false;
  const seen = new WeakSet(); // tiles that were on screen
  const ahead = new Map(); // grid → its tiles read ahead: { nodes, products, encoded, layout }
  let aheadWatch = null; // drops a grid's when its tiles change before start

  const grids = () => Array.from(doc.querySelectorAll(selector));

  function show() {
    clearTimeout(timer);
    doc.documentElement.classList.remove(HIDING_CLASS);
  }

  /** Reads the grids' tiles ahead of the engine (see above). */
  function readAhead() {
    if (rank || timedOut || typeof MutationObserver !== 'function') return;
    const start = measureStart();
    aheadWatch = new MutationObserver((records) => records.forEach(dropChanged));
    for (const grid of grids()) {
      const tiles = readTiles(grid);
      tiles.encoded = encode(tiles.products);
      tiles.layout = layoutOf(grid, tiles.nodes);
      ahead.set(grid, tiles);
      aheadWatch.observe(grid, { childList: true, subtree: true, attributes: true, attributeFilter: TILE_ATTRIBUTES });
    }
    measure('read-ahead', start);
  }

  /**
   * Drops the read-ahead of the grid a mutation record changed: tiles added or removed, or an
   * attribute the ranking reads on a tile. Changes inside a tile (lazy images, hydration) keep it.
   */
  function dropChanged(record) {
    ahead.delete(record.type === 'childList' ? record.target : record.target.parentNode);
  }

  /** Ends the watch: the changes it saw until now drop the read-ahead of their grids. */
  function endWatch() {
    if (!aheadWatch) return;
    aheadWatch.takeRecords().forEach(dropChanged);
    aheadWatch.disconnect();
    aheadWatch = null;
  }

  /** Ends reading ahead: the engine came, or failed. */
  function dropAhead() {
    doc.removeEventListener('DOMContentLoaded', readAhead);
    endWatch();
    ahead.clear();
  }

  /**
   * The tiles read ahead for `grid`, if it has not changed since start() ended the watch; each is
   * taken once. None of them is in `seen`: a reveal drops them all.
   */
  function takeAhead(grid) {
    const tiles = ahead.get(grid);
    ahead.delete(grid);
    return tiles;
  }

  /** Shows the grids as they are; their tiles keep these places from now on. */
  function reveal() {
    dropAhead();
    const shown = grids();
    for (const grid of shown) for (const tile of grid.children) seen.add(tile);
    show();
    return shown.length;
  }

  function order(grid) {
    let { nodes, products, encoded, layout } = takeAhead(grid) || {};
    if (!nodes) {
      const start = measureStart();
      ({ nodes, products } = readTiles(grid));
      measure('read-tiles', start);
    }
    nodes.forEach((node, i) => { products[i].pinned = products[i].pinned || seen.has(node); });
    if (products.every((p) => p.pinned)) return;
    const ranked = rank(products, encoded);
    for (const node of nodes) seen.add(node);
    if (ranked && applyOrder(grid, nodes, ranked.order, layout)) observer && observer.takeRecords(); // our own write
    const ids = Array.from(ranked ? ranked.order : products.keys(), (i) => products[i].id);
    // tiles, for the debug overlay, is built only when read.
    const detail = { ids, get tiles() { return rankedProducts(products, ranked); } };
    grid.dispatchEvent(new CustomEvent('shopkeeper:ranked', { bubbles: true, detail }));
  }

  /** Grids among the added nodes of `records`, and grids whose children changed. */
  function touched(records) {
    const found = new Set();
    for (const r of records) {
      if (r.target.nodeType === 1 && r.target.matches(selector)) found.add(r.target);
      for (const node of r.addedNodes) {
        if (node.nodeType !== 1) continue;
        if (node.matches(selector)) found.add(node);
        for (const grid of node.querySelectorAll(selector)) found.add(grid);
      }
    }
    return found;
  }

  return {
    hide() {
      if (!(timeout > 0) || typeof CSSStyleSheet !== 'function' || !('adoptedStyleSheets' in doc)) return;
      // A constructed sheet: no inline <style>, so a strict style-src CSP is fine.
      sheet = new CSSStyleSheet();
      sheet.replaceSync(`html.${HIDING_CLASS} :is(${selector}) { visibility: hidden !important; }`);
      doc.adoptedStyleSheets = [...doc.adoptedStyleSheets, sheet];
      doc.documentElement.classList.add(HIDING_CLASS);
      if (encode && doc.readyState === 'loading') doc.addEventListener('DOMContentLoaded', readAhead, { once: true });
      timer = setTimeout(() => {
        timedOut = true;
        if (reveal()) warn('grid_timeout', new Error(`the grid was shown in the shop's order after ${timeout} ms`));
      }, Math.min(timeout, 2e9)); // setTimeout runs a delay over 2 ** 31 - 1 ms (Infinity too) at once
    },
    reveal,
    start(rankFn) {
      const first = !rank;
      rank = rankFn;
      // A grid rendered between the time-out and now (a single-page app) has been on screen unhidden;
      // grids rendered after this decision have not.
      if (timedOut) {
        timedOut = false;
        reveal();
      }
      // Before the DOM writes, which the watch would record, a mutation for each tile moved.
      endWatch();
      for (const grid of grids()) order(grid);
      dropAhead();
      show();
      if (!first || typeof MutationObserver !== 'function') return;
      // Mutation callbacks run before the next paint: a new grid is ordered before it is seen.
      observer = new MutationObserver((records) => {
        for (const grid of touched(records)) order(grid);
      });
      observer.observe(doc.documentElement, { childList: true, subtree: true });
    },
    destroy() {
      dropAhead();
      if (observer) observer.disconnect();
      show();
      if (sheet) doc.adoptedStyleSheets = doc.adoptedStyleSheets.filter((s) => s !== sheet);
    },
  };
}
