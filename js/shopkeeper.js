// createShopkeeper(): the public entry. JS gathers raw signals and does storage
// and the DOM; every decision comes from the wasm engine.

import { CALLS, shown } from './calls.js';
import { couponEndpointOf } from './coupon-client.js';
import { loadContextFeed } from './context-feed.js';
import { loadEngine } from './engine.js';
import { createLater } from './later/later.js';
import { browserTimeZone, cachedPosition } from './location.js';
import { readPageContext } from './page-context.js';
import { createPresenter } from './presenter.js';
import { encodeTiles, rankedProducts, StringTable } from './ranking.js';
import { deviceFacts } from './request-facts.js';
import { readRules } from './rules-source.js';
import { shopTime } from './shop-time.js';
import { createStore, KEYS, memoryStorage, SET_ASIDE_KEYS } from './storage.js';
import { consentOf, createSync } from './sync/sync.js';
import { measure, measureStart } from './timing.js';
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
 * The visitor id in a stored profile, or '' when there is none or it is not an id the engine
 * makes (1 to 64 letters, digits, - or _): the stored text may be anything.
 */
function storedVisitorId(store) {
  try {
    const profile = JSON.parse(store.get(KEYS.profile) || 'null');
    return profile && typeof profile.id === 'string' && /^[\w-]{1,64}$/.test(profile.id) ? profile.id : '';
  } catch {
    return '';
  }
}

/**
 * Creates a Shopkeeper, fully ready when the promise resolves: engine, rules and context feed loaded.
 * @param {import('./index').ShopkeeperOptions} [options]
 */
export async function createShopkeeper(options = {}) {
  const warn = options.onWarning || ((code, error) => console.warn(`[shopkeeper] ${code}: ${error && error.message}`));
  // The engine's string table, made now so that the tiles can be encoded while the wasm compiles.
  const strings = new StringTable();
  // Hidden now, before anything is awaited: the grid must not be painted in the shop's order first.
  const grid = options.grid && hasDocument()
    ? createGridRanker({ selector: String(options.grid), timeout: options.gridTimeout ?? 300, warn,
      encode: (products) => encodeTiles(products, strings) })
    : null;
  if (grid) grid.hide();
  const start = measureStart();
  const timed = (name) => (value) => {
    measure(name, start);
    return value;
  };
  try {
    const storage = options.storage === undefined && !hasDocument() ? memoryStorage() : options.storage;
    const store = createStore(storage, warn);
    const now = typeof options.now === 'function' ? options.now : () => Date.now();
    // The visitor id goes into a context URL's {visitorId} only when the visitor's data may leave the device.
    const share = consentOf(options, () => {}).mode === 'send';
    const timeout = Number.isFinite(options.fetchTimeout) && options.fetchTimeout > 0 ? options.fetchTimeout : undefined;
    const [engine, rules, feed] = await Promise.all([
      loadEngine(options, strings).then(timed('wasm')),
      readRules(options.rules, options.fetch, timeout).then(timed('rules')),
      loadContextFeed(options.context, { store, fetchImpl: options.fetch, now, ttlSeconds: options.contextTtlSeconds,
        visitorId: share ? storedVisitorId(store) : '', timeout }).then(timed('context')),
    ]);
    const setup = measureStart();
    const rulesResult = 'text' in rules ? engine.load(rules.text) : { ok: false, errors: [{ code: 'rules_unavailable', message: rules.error, path: '' }] };
    if (!rulesResult.ok) warn('rules_invalid', new Error(rulesResult.errors.map((e) => `${e.path || '/'}: ${e.message}`).join('; ')));
    if (feed) useContextFeed(engine, feed, now(), warn);
    preloadProfile(engine, store, warn);
    const shopkeeper = new Shopkeeper(engine, store, { ...options, refParam: rulesResult.refParam, rulesText: rules.text,
      personalFeed: Boolean(feed && feed.personal) }, warn, rulesResult, grid);
    measure('setup', setup);
    return shopkeeper;
  } catch (error) {
    if (grid) grid.reveal();
    throw error;
  }
}

/**
 * Has the engine read the stored profile now, while the page may still be loading, rather than
 * in the first decide(), which brings the same text and then finds it read.
 */
function preloadProfile(engine, store, warn) {
  try {
    engine.preloadProfile(store.get(KEYS.profile));
  } catch (error) {
    warn('engine_failed', error); // a wasm abort: decide() reports it again, and the page goes on
  }
}

/**
 * Hands the feed to the engine; a feed it refuses is ignored with one warning, and so is one
 * that has expired (by the device's clock) before it came.
 */
function useContextFeed(engine, feed, now, warn) {
  if (feed.error) return warn('context_unavailable', new Error(feed.error));
  let res;
  try {
    res = engine.setFeed(feed.text);
  } catch (error) {
    return warn('engine_failed', error); // a wasm abort: the page goes on without the feed
  }
  if (!res.ok) {
    const errors = res.errors || [res.error];
    return warn('context_invalid', new Error(`the context feed was ignored: ${errors.map((e) => `${e.path || '/'}: ${e.message}`).join('; ')}`));
  }
  if (res.warnings && res.warnings.length) warn('context_warnings', new Error(res.warnings.map((w) => w.message || w).join('; ')));
  if (feed.expiresAt < now) {
    const iso = (ms) => new Date(ms).toISOString();
    return warn('context_stale', new Error(`the context feed had expired when it came (at ${iso(feed.expiresAt)}, by this device's clock ${iso(now)}): not used`));
  }
  feed.save();
}

/**
 * Tells the page about a decision: `shopkeeper:decided` on document, the result as its detail.
 * In a microtask, so that the script tag's global has replayed the calls queued before the first
 * decision (and answers at once) when the page's listeners run; still before the next paint. A
 * decision made while the document is interactive but before DOMContentLoaded waits for it: the
 * page's deferred scripts, which may listen, run in between.
 */
function decided(res) {
  if (!hasDocument()) return res;
  const dispatch = () => document.dispatchEvent(new CustomEvent('shopkeeper:decided', { detail: res }));
  const nav = performance.getEntriesByType && performance.getEntriesByType('navigation')[0];
  if (document.readyState === 'interactive' && nav && !(nav.domContentLoadedEventStart > 0)) {
    document.addEventListener('DOMContentLoaded', dispatch, { once: true });
  } else {
    queueMicrotask(dispatch);
  }
  return res;
}

const PUSHABLE = new Set(CALLS);

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
    this._trackRoutes = options.routeChanges !== false && hasDocument();
    this._personalFeed = options.personalFeed;
    this._stopRoutes = null;
    this._destroyed = false;
    this._refParam = options.refParam || 'ref';
    this._visitorId = null; // of the latest exchange
    this._decidedUrl = null; // of the latest decide()
    // The page view's engine calls, replayed in idle time for the next page (js/warm-up.js).
    this._warmUp = options.warmUp !== false && hasDocument() && rulesResult.ok
      ? { rules: options.rulesText, products: null, scheduled: false } : null;
    this._timeZone = this._checkedTimeZone(rulesResult.timeZone);
    this._written = null; // the profile this tab wrote last
    this._unranked = false; // the engine's ranking is a forgotten visitor's, until the next decide()
    this._compactionReported = false;
    if (hasDocument()) {
      this._onStorage = (event) => this._mergeForeignWrite(event);
      window.addEventListener('storage', this._onStorage);
    }
    this._lastPage = null; // the page of the latest decide(), the page of later events
    this._hint = undefined; // the shop's location hint on that page
    // Sending events, watching route changes and asking for a position come after the first decision.
    this._later = createLater(warn);
    this._sync = createSync(options, { store, warn, now: this._now, newId: this._newId, version: engine.version, later: this._later });
    this._geolocationMode = options.geolocation ?? false;
    this._geolocation = null;
    this._later.use((parts) => {
      if (!parts || this._destroyed) return;
      this._geolocation = parts.createGeolocation({ mode: this._geolocationMode, store, now: this._now, warn });
      this._geolocation.start().catch((error) => warn('geolocation_failed', error));
    });
    this._presenter = hasDocument() && options.render !== false ? createPresenter({
      track: (name, properties) => this.track(name, properties),
      // The visitor id goes with a coupon request only when the visitor's data may leave the device.
      coupons: { url: couponEndpointOf(options), fetch: options.fetch,
        anonymousId: () => (this._sync.mayShare() ? this._visitorId : null) },
      prices: { currency: options.currency, locale: options.locale },
      warn,
      env: { window, mobile: deviceFacts(window).mobile },
    }) : null;
    /** What loading the rules reported: { ok, campaigns } or { ok: false, errors }. */
    this.rules = rulesResult;
  }

  /**
   * Records a page view and decides what to show. In a browser each decision is shown when its
   * trigger fires (one popup per page view). Queues a `page` message, and an "Experiment Viewed"
   * for each exposure to a campaign with a holdout.
   * @param {import('./index').PageContext} [page] overrides the page read from the document
   */
  decide(page) {
    const { location: hint, ...p } = { ...defaultPage(), ...this._page, ...page };
    p.url = String(p.url || '');
    p.referrer = String(p.referrer || '');
    this._decidedUrl = p.url;
    const res = this._exchange('decide', this._facts(p, hint));
    this._later.load();
    if (!res.ok) {
      if (this._grid) this._grid.reveal();
      return decided(res);
    }
    this._unranked = false;
    if (this._grid) {
      this._ranking = null;
      this._grid.start((products, encoded) => this._rankGrid(products, encoded));
      const ranking = this._ranking;
      // Read by the debug overlay; built only when read, not on the way to the first paint.
      if (ranking) Object.defineProperty(res, 'ranking', { get: () => rankedProducts(ranking.products, ranking.ranked) });
    }
    this._visitorId = res.visitor.id;
    this._lastPage = p;
    this._hint = hint;
    this._sync.decided(res, p);
    if (this._warmUp && !this._warmUp.scheduled) this._scheduleWarmUp(p, hint);
    if (this._presenter) this._presenter.pageView(res.decisions);
    // A single-page app's next route is a new page view, decided again (rendered or not: render is about popups).
    if (this._trackRoutes && !this._stopRoutes) this._watchRoutes();
    return decided(res);
  }

  /**
   * Orders products for the visitor of the latest decide(), best first:
   * [{ id, score, reasons }]. Products are { id, category, brand, tags, popularity, pinned };
   * pinned ones keep their place. Before any decide(), and after forget() until the next one, the order
   * is the one given; for a visitor without history, only campaign boosts move products up, the rest
   * keep the order given.
   */
  rank(products) {
    if (!Array.isArray(products)) {
      this._warn('rank_invalid', new Error('rank() takes an array of products'));
      return [];
    }
    const ranked = this._rankTiles(products);
    return rankedProducts(products, ranked);
  }

  /**
   * Records an event (Segment e-commerce names, e.g. "Product Viewed") on the profile and queues
   * it as a `track` message. An `email` property goes out only as an `identify`, with consent.
   * Campaigns with a holdout that the event makes eligible queue an "Experiment Viewed" too.
   */
  track(name, properties = {}) {
    const { page, hint } = this._latestPage();
    // Not String(name): a missing name would be recorded as "undefined". The engine refuses ''.
    const res = this._exchange('track', { ...this._facts(page, hint), name: typeof name === 'string' ? name : '', properties });
    if (!res.ok) return res;
    this._visitorId = res.visitorId;
    this._sync.track(res.visitorId, page, name, properties);
    this._sync.exposed(res.visitorId, page, res.exposures); // campaigns this event made eligible
    if (this._presenter && Array.isArray(res.decisions)) this._presenter.events(res.decisions);
    return res;
  }

  /**
   * Asks the browser for the visitor's position (the browser may prompt; best from a click)
   * when the `geolocation` option is on. The next decide() uses it. Resolves
   * { ok, latitude, longitude, accuracy } or { ok: false, error }; never rejects.
   */
  locate() {
    this._later.load();
    return new Promise((resolve) => this._later.use(() => resolve(this._geolocation ? this._geolocation.locate()
      : { ok: false, error: { code: 'geolocation_unavailable', message: 'geolocation could not be loaded on this page', path: '' } })));
  }

  /**
   * Why campaign `campaignId` does or does not show now, on the latest page:
   * { ok, campaign, wouldShow, checks: [{ check, passed, detail }], audience: [{ path, matched }] }.
   * Changes nothing.
   */
  explain(campaignId) {
    const stored = this._store.get(KEYS.profile);
    const { page, hint } = this._latestPage();
    try {
      return this._engine.explain({ ...this._clocked(this._facts(page, hint)), campaign: String(campaignId), profile: stored });
    } catch (error) {
      this._warn('engine_failed', error);
      return { ok: false, error: { code: 'engine_failed', message: String(error && error.message), path: '' } };
    }
  }

  /**
   * The link this visitor shares to refer a friend: `url` (default: the shop's home page) with the
   * rules' refParam set to the visitor's id. Null before the visitor has an id.
   */
  shareLink(url) {
    const id = this._visitorId || storedVisitorId(this._store);
    const base = url !== undefined ? String(url) : hasDocument() ? `${location.origin}/` : '';
    if (!id || !base) return null;
    try {
      const link = hasDocument() ? new URL(base, location.href) : new URL(base);
      if (link.protocol !== 'https:' && link.protocol !== 'http:') return null;
      link.searchParams.set(this._refParam, id);
      return link.href;
    } catch {
      return null;
    }
  }

  /**
   * GrowthBook's hash: a number in [0, 1) from FNV-1a 32 over `seed` and `value` (version 1 or 2),
   * null for an unknown version. Holdouts bucket visitors with it.
   */
  hash(seed, value, version = 2) {
    return this._engine.hash(String(seed), String(value), Number(version));
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

  /** Forgets the visitor: removes everything Shopkeeper stored and any popup on screen; other tabs let go of them too. */
  forget() {
    this._sync.purge();
    for (const key of [...Object.values(KEYS), ...SET_ASIDE_KEYS]) this._store.remove(key);
    this._forgotten();
    if (this._presenter) this._presenter.clear();
  }

  /** The visitor was forgotten, in this tab or another: this tab lets go of them too. */
  _forgotten() {
    if (this._geolocation) this._geolocation.forget();
    // A feed fetched with the visitor's id is theirs (a referrer's reward): not the next visitor's.
    if (this._personalFeed) this._engine.setFeed('{}');
    this._visitorId = null;
    this._unranked = true;
    // Joined with another tab's next write, the profile this tab wrote last would bring them back.
    this._written = null;
  }

  /**
   * Runs a queued call, as the script-tag snippet queues them before the engine is ready:
   * `(window.shopkeeper = window.shopkeeper || []).push(['track', 'Product Added', {...}])`.
   */
  push(call) {
    if (!Array.isArray(call) || !PUSHABLE.has(call[0]) || typeof this[call[0]] !== 'function') {
      this._warn('unknown_call', new Error(`cannot push ${shown(call && call[0])}`));
      return undefined;
    }
    return this[call[0]](...call.slice(1));
  }

  /** Frees the engine and stops event sync (queued events stay stored), route watching and geolocation. */
  destroy() {
    this._destroyed = true;
    if (this._onStorage) window.removeEventListener('storage', this._onStorage);
    if (this._grid) this._grid.destroy();
    this._sync.destroy();
    if (this._stopRoutes) this._stopRoutes();
    if (this._geolocation) this._geolocation.stop();
    if (this._presenter) this._presenter.clear();
    this._engine.destroy();
  }

  /**
   * Watches route changes from the page decided now, once the watcher is here (see later.js):
   * a change made before it came is a new page view as soon as it does.
   */
  _watchRoutes() {
    const since = location.href;
    this._stopRoutes = () => {}; // until the watcher is here
    this._later.use((parts) => {
      if (!parts || this._destroyed) return;
      // An app that decided the new route itself (with its facts) before the watcher's turn has counted that page view.
      this._stopRoutes = parts.watchRouteChanges((url, referrer) => parts.routeOf(url) !== parts.routeOf(this._decidedUrl)
        && this.decide({ url, referrer, routeChange: true }), { since });
    });
  }

  /** { order, scores, reasons } from the engine, or null (too large, the engine failed, or no visitor to rank for). */
  _rankTiles(products, encoded) {
    if (this._unranked) return null;
    const start = measureStart();
    try {
      const ranked = this._engine.rankTiles(encoded || this._engine.encodeTiles(products));
      measure('rank', start);
      if (!ranked && products.length && !this._destroyed) {
        this._warn('rank_too_large', new Error('over 20,000 products or 65,536 texts: order kept'));
      }
      return ranked;
    } catch (error) {
      this._warn('engine_failed', error);
      return null;
    }
  }

  /** Ranks a grid's products for js/ui/tiles.js, keeping the latest for decide()'s `ranking`. */
  _rankGrid(products, encoded) {
    if (this._warmUp && !this._warmUp.scheduled) this._warmUp.products = products;
    const ranked = this._rankTiles(products, encoded);
    if (ranked) this._ranking = { products, ranked };
    return ranked;
  }

  /** Replays this first page view's engine calls in idle time, once per tab, once the later part is here (js/warm-up.js). */
  _scheduleWarmUp(page, hint) {
    const warm = this._warmUp;
    warm.scheduled = true;
    this._later.use((parts) => {
      if (!parts || this._destroyed) return;
      parts.scheduleWarmUp(this._engine, () => {
        const calls = { rules: warm.rules, products: warm.products, profile: this._store.get(KEYS.profile),
          request: this._clocked(this._facts(page, hint)) };
        warm.rules = warm.products = null; // the rounds hold them while they run
        return calls;
      }, { session: () => window.sessionStorage, idle: window.requestIdleCallback && window.requestIdleCallback.bind(window), warn: this._warn });
    });
  }

  /** `request` with the clock (now, the shop's time) and a new id. */
  _clocked(request) {
    const now = this._now();
    return { ...request, shopTime: shopTime(now, this._timeZone), now, newId: this._newId() };
  }

  /**
   * What the engine needs beside the profile and the clock: the page, whether storage persists,
   * the browser's time zone, the device, the consent, and the shop's location hint.
   */
  _facts(page, hint) {
    return { page, timeZone: browserTimeZone(), device: deviceFacts(hasDocument() ? window : undefined),
      consent: this._sync.consentState(), location: { ...hint, ...cachedPosition(this._geolocationMode, this._store, this._now()) },
      // A dismissal that cannot be stored cannot be honoured: with no working storage, no popup.
      storage: this._store.saved(KEYS.profile) };
  }

  /** The page of the latest decide() (else the document's) and the shop's location hint on it. */
  _latestPage() {
    if (this._lastPage) return { page: this._lastPage, hint: this._hint };
    const { location: hint, ...page } = { ...defaultPage(), ...this._page };
    return { page, hint };
  }

  /** The rules' time zone when the browser knows it, else UTC with a warning. */
  _checkedTimeZone(timeZone) {
    if (typeof timeZone !== 'string' || !timeZone) return 'UTC';
    if (shopTime(0, timeZone)) return timeZone;
    this._warn('time_zone_unknown', new Error(`the browser does not know the time zone ${timeZone}; schedules use UTC`));
    return 'UTC';
  }

  _exchange(kind, request) {
    let start = measureStart();
    const stored = this._store.get(KEYS.profile);
    measure('profile-load', start);
    let res;
    try {
      start = measureStart();
      res = this._engine[kind]({ ...this._clocked(request), profile: stored });
      measure(kind, start);
    } catch (error) {
      // A wasm abort must not escape into the page; the stored profile is left as it was.
      this._warn('engine_failed', error);
      return { ok: false, error: { code: 'engine_failed', message: String(error && error.message), path: '' } };
    }
    if (!res.ok) return res;
    if ((res.profileStatus === 'corrupt' || res.profileStatus === 'foreign') && stored) {
      this._setAside(stored);
    }
    for (const w of res.warnings) this._warn(w.code, new Error(w.message));
    start = measureStart();
    this._writeProfile(res.profile, stored);
    measure('profile-save', start);
    return res;
  }

  /** Never lose data: an unreadable stored profile goes to the first free set-aside key before it is replaced. */
  _setAside(value) {
    for (const key of SET_ASIDE_KEYS) {
      const kept = this._store.get(key);
      if (kept === null) return void this._store.set(key, value);
      if (kept === value) return;
    }
    this._warn('profile_not_set_aside', new Error('three are set aside already; this one is replaced'));
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
   * so the two are joined and written back when that adds anything. A removed profile
   * (forget(), or localStorage.clear(): key null) is a forgotten visitor.
   */
  _mergeForeignWrite(event) {
    if (event.key !== KEYS.profile && event.key !== null) return;
    if (event.newValue === null) return this._forgotten();
    if (!event.newValue || !this._written || event.newValue === this._written) return;
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
}
