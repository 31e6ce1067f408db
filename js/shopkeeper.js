// createShopkeeper(): the public entry. JS gathers raw signals and does storage
// and the DOM; every decision comes from the wasm engine.

import { loadEngine } from './engine.js';
import { browserTimeZone, createLocator } from './location.js';
import { readPageContext } from './page-context.js';
import { reasonNames } from './ranking.js';
import { readRules } from './rules-source.js';
import { createStore, KEYS, memoryStorage } from './storage.js';
import { createSync } from './sync/sync.js';
import { measure, now } from './timing.js';
import { showModal } from './ui/popup.js';
import { createGridRanker } from './ui/tiles.js';
import { uuid } from './uuid.js';

const hasDocument = () => typeof document !== 'undefined' && typeof window !== 'undefined';

function defaultPage() {
  if (!hasDocument()) return { url: '', referrer: '', title: '' };
  return {
    url: String(location.href),
    referrer: String(document.referrer || ''),
    title: String(document.title || ''),
    ...readPageContext(document),
  };
}

/**
 * Creates a Shopkeeper, fully ready when the promise resolves.
 * @param {import('./index').ShopkeeperOptions} [options]
 */
export async function createShopkeeper(options = {}) {
  const warn = options.onWarning || ((code, error) => console.warn(`[shopkeeper] ${code}: ${error && error.message}`));
  // Hidden now, before anything is awaited: the grid must not be painted in the shop's order first.
  const grid = options.grid && hasDocument()
    ? createGridRanker({ selector: String(options.grid), timeout: options.gridTimeout ?? 300, warn })
    : null;
  if (grid) grid.hide();
  const start = now();
  const timed = (name) => (value) => {
    measure(name, start);
    return value;
  };
  try {
    const [engine, rules] = await Promise.all([
      loadEngine(options).then(timed('wasm')),
      readRules(options.rules, options.fetch).then(timed('rules')),
    ]);
    const rulesResult = 'text' in rules ? engine.load(rules.text) : { ok: false, errors: [{ code: 'rules_unavailable', message: rules.error, path: '' }] };
    if (!rulesResult.ok) warn('rules_invalid', new Error(rulesResult.errors.map((e) => `${e.path || '/'}: ${e.message}`).join('; ')));
    const storage = options.storage === undefined && !hasDocument() ? memoryStorage() : options.storage;
    return new Shopkeeper(engine, createStore(storage, warn), options, warn, rulesResult, grid);
  } catch (error) {
    if (grid) grid.reveal();
    throw error;
  }
}

const PUSHABLE = new Set(['decide', 'track', 'setConsent', 'flush', 'syncStats', 'profile', 'forget', 'explain', 'locate', 'rank']);

/** One shopper's personalization on one page (or one headless session). */
export class Shopkeeper {
  constructor(engine, store, options, warn, rulesResult, grid = null) {
    this._engine = engine;
    this._grid = grid;
    this._store = store;
    this._warn = warn;
    this._now = typeof options.now === 'function' ? options.now : () => Date.now();
    this._newId = typeof options.newId === 'function' ? () => String(options.newId()) : uuid;
    this._page = options.page;
    this._render = options.render !== undefined ? Boolean(options.render) : hasDocument();
    this._popup = null;
    this._written = null; // the profile this tab wrote last
    this._compactionReported = false;
    if (hasDocument()) {
      this._onStorage = (event) => this._mergeForeignWrite(event);
      window.addEventListener('storage', this._onStorage);
    }
    this._lastPage = null; // the page of the latest decide(), the page of later events
    this._hint = undefined; // the shop's location hint on that page
    this._sync = createSync(options, { store, warn, now: this._now, newId: this._newId, version: engine.version });
    this._locator = createLocator({ mode: options.geolocation ?? false, store, now: this._now, warn });
    this._locator.start().catch((error) => warn('geolocation_failed', error));
    /** What loading the rules reported: { ok, campaigns } or { ok: false, errors }. */
    this.rules = rulesResult;
  }

  /**
   * Records a page view and decides what to show. In a browser the winning popup is rendered.
   * Queues a `page` message, and an "Experiment Viewed" for each campaign that puts the visitor in a group.
   * @param {import('./index').PageContext} [page] overrides the page read from the document
   */
  decide(page) {
    const { location: hint, ...p } = { ...defaultPage(), ...this._page, ...page };
    p.url = String(p.url || '');
    p.referrer = String(p.referrer || '');
    // A dismissal that cannot be stored cannot be honoured: with no working storage, no popup.
    const res = this._exchange('decide', { page: p, storage: this._store.saved(KEYS.profile) }, hint);
    if (!res.ok) {
      if (this._grid) this._grid.reveal();
      return res;
    }
    if (this._grid) this._grid.start((products) => this._rankOrder(products));
    this._lastPage = p;
    this._hint = hint;
    this._sync.decided(res, p);
    if (this._render) this._renderDecisions(res.decisions);
    return res;
  }

  /**
   * Orders products for the visitor of the latest decide(), best first:
   * [{ id, score, reasons }]. Products are { id, category, brand, tags, popularity, pinned };
   * pinned ones keep their place. Before any decide(), or for a visitor without history,
   * the order is the one given.
   */
  rank(products) {
    if (!Array.isArray(products)) {
      this._warn('rank_invalid', new Error('rank() takes an array of products'));
      return [];
    }
    const ranked = this._rankTiles(products);
    const id = (i) => String(products[i] && products[i].id != null ? products[i].id : '');
    if (!ranked) return products.map((_, i) => ({ id: id(i), score: 0, reasons: [] }));
    return Array.from(ranked.order, (i) => ({ id: id(i), score: ranked.scores[i], reasons: reasonNames(ranked.reasons[i]) }));
  }

  /**
   * Records an event (Segment e-commerce names, e.g. "Product Viewed") on the profile and queues
   * it as a `track` message. An `email` property goes out only as an `identify`, with consent.
   * Campaigns with a holdout that the event makes eligible queue an "Experiment Viewed" too.
   */
  track(name, properties = {}) {
    const page = this._lastPage || { ...defaultPage(), ...this._page };
    const hint = this._lastPage ? this._hint : page.location;
    const res = this._exchange('track', { name: String(name), properties }, hint);
    if (res.ok) {
      this._sync.track(res.visitorId, page, name, properties);
      this._sync.exposed(res.visitorId, page, res.exposures); // campaigns this event made eligible
    }
    return res;
  }

  /**
   * Asks the browser for the visitor's position (the browser may prompt; best from a click)
   * when the `geolocation` option is on. The next decide() uses it. Resolves
   * { ok, latitude, longitude, accuracy } or { ok: false, error }; never rejects.
   */
  locate() {
    return this._locator.locate();
  }

  /** Sets the visitor's consent to sending events: 'pending' (kept on the device), 'granted' or 'denied' (dropped). */
  setConsent(state) {
    this._sync.setConsent(state);
  }

  /** Sends the queued events now; resolves when done and never rejects. */
  flush() {
    return this._sync.flush();
  }

  /** Counters and state of event sync: sent, rejected, dropped, queued, consent, ... */
  syncStats() {
    return this._sync.stats();
  }

  /** The stored profile as an object (null when nothing is stored or it is unreadable). */
  profile() {
    const raw = this._store.get(KEYS.profile);
    try {
      return raw ? JSON.parse(raw) : null;
    } catch {
      return null;
    }
  }

  /** Forgets the visitor: removes everything Shopkeeper stored and any popup on screen. */
  forget() {
    this._sync.purge();
    for (const key of Object.values(KEYS)) this._store.remove(key);
    if (this._popup) this._popup.remove();
    this._popup = null;
  }

  /**
   * Runs a queued call, as the script-tag snippet queues them before the engine is ready:
   * `(window.shopkeeper = window.shopkeeper || []).push(['track', 'Product Added', {...}])`.
   */
  push(call) {
    if (!Array.isArray(call) || !PUSHABLE.has(call[0]) || typeof this[call[0]] !== 'function') {
      this._warn('unknown_call', new Error(`cannot push ${JSON.stringify(call && call[0])}`));
      return undefined;
    }
    return this[call[0]](...call.slice(1));
  }

  /** Frees the engine and stops event sync (queued events stay stored for the next page). */
  destroy() {
    if (this._onStorage) window.removeEventListener('storage', this._onStorage);
    if (this._grid) this._grid.destroy();
    this._sync.destroy();
    if (this._popup) this._popup.remove();
    this._engine.destroy();
  }

  /** { order, scores, reasons } from the engine, or null (too large, or the engine failed). */
  _rankTiles(products) {
    const start = now();
    try {
      const ranked = this._engine.rankTiles(this._engine.encodeTiles(products));
      measure('rank', start);
      return ranked;
    } catch (error) {
      this._warn('engine_failed', error);
      return null;
    }
  }

  _rankOrder(products) {
    const ranked = this._rankTiles(products);
    return ranked && ranked.order;
  }

  /** One engine call with the stored profile and the signals of this moment; `hint` is the shop's location hint. */
  _exchange(kind, request, hint) {
    let start = now();
    const stored = this._store.get(KEYS.profile);
    measure('profile-load', start);
    const signals = { location: { ...hint, ...this._locator.cached() }, timeZone: browserTimeZone() };
    let res;
    try {
      start = now();
      res = this._engine[kind]({ ...request, ...signals, profile: stored, now: this._now(), newId: this._newId() });
      measure(kind, start);
    } catch (error) {
      // A wasm abort must not escape into the page; the stored profile is left as it was.
      this._warn('engine_failed', error);
      return { ok: false, error: { code: 'engine_failed', message: String(error && error.message), path: '' } };
    }
    if (!res.ok) return res;
    if ((res.profileStatus === 'corrupt' || res.profileStatus === 'foreign') && stored) {
      // Never lose data: an unreadable value is set aside, not overwritten.
      this._store.set(KEYS.profileSetAside, stored);
    }
    for (const w of res.warnings) this._warn(w.code, new Error(w.message));
    start = now();
    this._writeProfile(res.profile, stored);
    measure('profile-save', start);
    return res;
  }

  /** Stores `profile`, joined with whatever another tab wrote since `read` was read. */
  _writeProfile(profile, read) {
    const current = this._store.get(KEYS.profile);
    let value = profile;
    if (current !== read && current) {
      const merged = this._engine.merge(profile, current);
      if (merged.ok) value = merged.profile;
    }
    // A full storage gets the profile compacted (history shed, oldest first), then the oldest
    // queued events dropped for it: the profile is what keeps dismissed popups away. If even
    // that does not fit, it lives in memory for this page and no popup is shown (see decide).
    let compacted = null;
    const saved = this._store.set(KEYS.profile, value, (attempt) => {
      if (attempt === 0) {
        const res = this._engine.compact(value);
        if (res.ok && res.profile.length < value.length) return (compacted = res.profile);
      }
      return this._sync.makeRoom(2 ** Math.max(0, attempt - 1)) ? compacted || value : null;
    });
    this._written = saved && compacted ? compacted : value;
    if (saved && compacted && !this._compactionReported) {
      this._compactionReported = true;
      this._warn('profile_compacted', new Error('storage is full: the profile was compacted, its oldest history shed'));
    }
  }

  /**
   * Another tab wrote the profile. Its write was based on what it had read, which may
   * miss this tab's latest changes (localStorage propagates between tabs asynchronously),
   * so the two are joined and written back when that adds anything.
   */
  _mergeForeignWrite(event) {
    if (event.key !== KEYS.profile || !event.newValue || !this._written || event.newValue === this._written) return;
    try {
      const merged = this._engine.merge(this._written, event.newValue);
      if (!merged.ok || merged.profile === event.newValue) {
        this._written = event.newValue;
        return;
      }
      this._written = merged.profile;
      this._store.set(KEYS.profile, merged.profile);
    } catch (error) {
      this._warn('engine_failed', error);
    }
  }

  _renderDecisions(decisions) {
    const decision = decisions.find((d) => d.action && d.action.type === 'modal');
    if (!decision || this._popup) return;
    const promotion = { promotion_id: decision.campaign, creative: 'modal', name: decision.action.title };
    try {
      this._popup = showModal(decision.action, {
        onClose: () => {
          this._popup = null;
          this.track('Promotion Dismissed', promotion);
        },
        onCta: () => {
          this._popup = null;
          this.track('Promotion Clicked', promotion);
        },
      });
      this.track('Promotion Viewed', promotion);
    } catch (error) {
      this._warn('render_failed', error);
    }
  }
}
