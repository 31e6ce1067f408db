// Types of the public API of the `shopkeeper` package.

/**
 * Any object with the three methods of the Web Storage API. Without `key()` and `length`, Shopkeeper
 * lists the keys it writes under `shopkeeper:v1:keys`, where the event queue finds what earlier pages left.
 */
export interface StorageLike {
  getItem(key: string): string | null;
  setItem(key: string, value: string): void;
  removeItem(key: string): void;
  key?(index: number): string | null;
  readonly length?: number;
}

/** Whether events may leave the device: kept on it until decided, sent, or dropped. */
export type ConsentState = 'pending' | 'granted' | 'denied';

/** A Segment-spec message as the collector receives it. */
export interface SegmentMessage {
  type: 'track' | 'page' | 'identify';
  messageId: string;
  anonymousId: string;
  timestamp: string;
  event?: string;
  properties?: Record<string, unknown>;
  traits?: Record<string, unknown>;
  context: {
    page: { url: string; path: string; search: string; referrer: string; title: string };
    campaign?: { name?: string; source?: string; medium?: string; term?: string; content?: string };
    library: { name: 'shopkeeper'; version: string };
    /** Events dropped from the full queue since the last report. */
    shopkeeper?: { dropped: number };
  };
}

/** What goes to the collector in one request. */
export interface SegmentBatch {
  batch: SegmentMessage[];
  sentAt: string;
}

/**
 * Sends one batch. Resolve with `{ status, retryAfter }` (an HTTP answer; 2xx sent, 408/429/5xx
 * retried, other 4xx refused for good) or with nothing when it was sent; reject to retry later.
 * `keepalive` is true when the page is hidden or being left, `unloading` when it is being left
 * (pagehide): no answer may come back then.
 */
export type SyncTransport = (
  batch: SegmentBatch,
  options: { keepalive: boolean; unloading: boolean },
) => Promise<{ status: number; retryAfter?: string | null } | void>;

/** Counters and state of event sync. */
export interface SyncStats {
  /** False without an endpoint or a transport: nothing is queued. */
  enabled: boolean;
  /**
   * Whether the sender runs on this page. The script-tag build fetches it once the first decision is made;
   * until then, and if it cannot be loaded, events wait in the queue. Always true elsewhere when enabled.
   */
  senderReady: boolean;
  consent: ConsentState;
  /** Global Privacy Control is on and honoured: nothing is queued or sent. */
  gpc: boolean;
  /** Events the collector took (2xx), and in how many batches. */
  sent: number;
  batches: number;
  /** Failed attempts that will be retried. */
  retries: number;
  /** Events a collector refused with a 4xx; not sent again. */
  rejected: number;
  /** The latest failure, e.g. "HTTP 503". */
  lastError: string | null;
  /** Events waiting in the queue (all tabs). */
  queued: number;
  /** No send before this time (ms) because of a backoff or Retry-After (all tabs). */
  retryAt: number | null;
  /** Events this page dropped: the queue was full, or a message exceeded the batch size. */
  dropped: number;
  /** Events removed because consent was denied or the visitor forgotten. */
  purged: number;
}

/** A problem with an input, with the JSON Pointer of the offending part. */
export interface ShopkeeperError {
  code: string;
  message: string;
  path: string;
}

/** What the page shows. In a browser it is read from data-* attributes of <body>. */
export interface PageContext {
  url?: string;
  referrer?: string;
  title?: string;
  /** The shop's page type: "home", "category", "product", "cart", "search", ... */
  type?: string;
  category?: string;
  /** The search term of a search results page. */
  query?: string;
  /** The product of a product page, as in Segment's "Product Viewed". */
  product?: { product_id: string; category?: string; brand?: string; name?: string; price?: number; tags?: string[] };
  /**
   * A location hint from the shop, e.g. filled by its server from a CDN geo header: country (ISO 3166-1
   * alpha-2), region (ISO 3166-2 "US-CA", or "CA" within the country), city. In a browser it is read
   * from data-location-country, data-location-region and data-location-city on <body>.
   */
  location?: { country?: string; region?: string; city?: string };
  /** True for a single-page app's route change (set by Shopkeeper when it decides again on one). */
  routeChange?: boolean;
}

/**
 * The shop's context feed: what rules see under `context` for the visitor's region (trends, weather),
 * plus referral results and anything custom. Plain JSON the shop publishes.
 */
export interface ContextFeed {
  generatedAt: string;
  /** How long a browser may reuse it (default: the contextTtlSeconds option). */
  ttlSeconds?: number;
  regions: Record<string, {
    weather?: { name?: string; condition?: string; temperatureC?: number; snowExpected?: boolean };
    trending?: { product_id: string; units: number }[];
  }>;
  referral?: { successful: number; reward?: string };
  custom?: Record<string, unknown>;
}

export interface ShopkeeperOptions {
  /** The rules document: an object, JSON text, or a URL to fetch. */
  rules?: object | string | URL;
  /** Where the profile is kept. Defaults to localStorage in browsers, memory in node. */
  storage?: StorageLike | null;
  /** The page being viewed. Defaults to location.href, document.referrer, document.title and the page's data-* attributes. */
  page?: PageContext;
  /** A clock in ms since the epoch, for tests and simulation. Defaults to Date.now. */
  now?: () => number;
  /**
   * Makes the ids of new visitors and of event messages, for reproducible tests and simulation
   * (holdout groups hash the visitor id). Defaults to random UUIDs.
   */
  newId?: () => string;
  /** Render popups (default: true in a browser, false in node). Route changes are decided again either way (routeChanges). */
  render?: boolean;
  /** URL of shopkeeper.wasm when it is not next to the script. */
  wasmUrl?: string;
  /** The wasm bytes, when they are already at hand. */
  wasmBinary?: ArrayBuffer | Uint8Array | Promise<ArrayBuffer | Uint8Array | null>;
  /** fetch() used for a rules URL. */
  fetch?: typeof fetch;
  /**
   * How long the rules and the context feed may take to arrive when given as URLs, in ms (default 5000):
   * rules that have not arrived by then are reported like rules that cannot be fetched (rules_invalid;
   * visits are still recorded, no campaign shows), a feed is ignored (context_unavailable).
   */
  fetchTimeout?: number;
  /**
   * Receives problems that were handled: storage (storage_unavailable, storage_read_failed,
   * storage_write_failed, storage_quota_exceeded, profile_compacted, profile_corrupt, profile_foreign),
   * rules_invalid, location_hint_ignored, geolocation_failed; from sync: sync_rejected, sync_dropped,
   * sync_oversized, sync_queue_corrupt, consent_invalid; in the script-tag build, later_unavailable (what it
   * fetches after the first decision could not be loaded: events stay queued for the next page). Defaults to console.warn.
   */
  onWarning?: (code: string, error: Error) => void;
  /** The collector's batch URL (Segment, RudderStack, Jitsu or the shop's own). Events are sent only with this or `transport`. */
  endpoint?: string;
  /** Sends batches instead of the built-in fetch/sendBeacon POST to `endpoint`. */
  transport?: SyncTransport;
  /** Consent at start (default 'pending': events are kept on the device). */
  consent?: ConsentState;
  /** Treat Global Privacy Control as denied consent (default true). */
  honorGlobalPrivacyControl?: boolean;
  /** The GPC signal; defaults to navigator.globalPrivacyControl. */
  globalPrivacyControl?: boolean;
  /** Most events in one batch (default 20). */
  batchSize?: number;
  /** Most bytes in one batch (default 32768; at most 65536, the keepalive budget). */
  batchBytes?: number;
  /** How long an event waits for more to join its batch, in ms (default 5000). */
  flushInterval?: number;
  /** Most events kept in the queue; the oldest go first (default 500). */
  maxQueueEvents?: number;
  /** Most bytes of events kept in the queue (default 262144). */
  maxQueueBytes?: number;
  /**
   * Browser geolocation (default false: never). 'manual': only when the shop calls locate(); true: also
   * once at start, unless the visitor refused in the last 30 days. A granted position is rounded to two
   * decimals (about 1 km), kept on the device for a day and used by later decisions.
   */
  geolocation?: boolean | 'manual';
  /**
   * The shop's context feed: an object, JSON text, or a URL (fetched, and cached in localStorage for its
   * ttlSeconds). A URL may hold `{visitorId}`, filled in only while consent allows sending. A feed that
   * cannot be fetched or is malformed is ignored with one warning (context_unavailable, context_invalid).
   */
  context?: ContextFeed | string | URL;
  /** How long a fetched feed without ttlSeconds is reused, in seconds (default 600). */
  contextTtlSeconds?: number;
  /** Where email capture and coupon reveal popups ask for a code (default: "coupons" next to `endpoint`, else /v1/coupons). */
  couponEndpoint?: string;
  /** ISO 4217 currency of the prices in bundle offers, e.g. "EUR". Without it prices show as plain numbers. */
  currency?: string;
  /** Locale for prices (default: the browser's). */
  locale?: string;
  /**
   * Decide again on single-page-app route changes (history.pushState/replaceState, back/forward), unless the
   * app decided the new URL itself first (in the same task). Default true; false for an app that decides its routes later.
   */
  routeChanges?: boolean;
  /**
   * After the first decide() in a browser tab, run the page view's engine calls a few more times in idle
   * time on a scratch engine, so that the next page of the shop in this tab starts with optimized engine
   * code. Once per tab (sessionStorage). Default true; script tag: data-warm-up="false" turns it off, and
   * with it the script-tag build's compiling worker of a first visit (README, product grids).
   */
  warmUp?: boolean;
  /** Timers for the flusher, for tests and simulation. Defaults to the global setTimeout/clearTimeout. */
  scheduler?: { setTimeout(fn: () => void, ms: number): unknown; clearTimeout(handle: unknown): void };
  /**
   * Selector of the product grids to order for the visitor (script tag: data-grid). Their tiles are the
   * child elements with data-product-id. The grids are hidden from createShopkeeper() until decide()
   * orders them, and grids rendered later are ordered as they arrive.
   */
  grid?: string;
  /** Longest time in ms the grids stay hidden (default 300; 0 never hides). Script tag: data-grid-timeout. */
  gridTimeout?: number;
}

/** A product to rank: what a tile's data- attributes say. */
export interface RankProduct {
  id: string | number;
  category?: string;
  brand?: string;
  /** An array, or names separated by spaces. At most 10 count. */
  tags?: string[] | string;
  price?: number;
  /** Any non-negative scale (sales, a 0..1 score): it counts relative to the highest of the list. */
  popularity?: number;
  /** Keeps its place. A string counts as data-pinned does: pinned unless "false" (so a tile's dataset fits). */
  pinned?: boolean | string;
}

/** Why a product got its place: the parts of its score that count, and diversity or pinning. */
export type RankReason = 'category' | 'brand' | 'tag' | 'viewed' | 'bought' | 'cart' | 'trending' | 'weather' |
  'boost' | 'popularity' | 'diversity' | 'pinned';

/** The reasons in the order of their bits in Engine#rankTiles' `reasons` (bit 1 << index). */
export declare const rankReasons: readonly RankReason[];

/** One product of rank()'s answer, best first. */
export interface RankedProduct {
  id: string;
  score: number;
  reasons: RankReason[];
}

export interface Visitor {
  id: string;
  isNew: boolean;
  visitCount: number;
  firstSeen: number;
  lastSeen: number;
  daysSinceLastVisit: number | null;
  emailCaptured: boolean;
  /** Orders completed. */
  orders: number;
  /** What those orders came to, in the shop's currency. */
  totalSpent: number;
}

/** A call to action: a label and a link (a path or an http(s) URL). */
export interface Cta {
  label: string;
  href?: string;
}

export interface ModalAction {
  type: 'modal';
  title: string;
  body?: string;
  cta?: Cta;
  closeLabel?: string;
}

export interface SlideInAction extends Omit<ModalAction, 'type'> {
  type: 'slideIn';
  position?: 'bottom-right' | 'bottom-left';
}

/** A top banner; not a popup. */
export interface BannerAction {
  type: 'banner';
  text: string;
  cta?: Cta;
  closeLabel?: string;
}

/** Content for the element marked `data-shopkeeper-slot="<slot>"`; not a popup. */
export interface SlotAction {
  type: 'slot';
  slot: string;
  title?: string;
  body?: string;
  cta?: Cta;
}

/** An email signup; the coupon code comes from the shop's backend, never from the SDK. */
export interface EmailCaptureAction {
  type: 'emailCapture';
  title: string;
  body?: string;
  placeholder?: string;
  submitLabel?: string;
  successTitle?: string;
  successBody?: string;
  closeLabel?: string;
  couponKind?: string;
  presentation?: 'modal' | 'slideIn';
}

export interface CouponRevealAction {
  type: 'couponReveal';
  title: string;
  body?: string;
  couponKind?: string;
  closeLabel?: string;
  presentation?: 'modal' | 'slideIn';
}

export interface BundleItem {
  id: string;
  name: string;
  price: number;
  url: string | null;
  category: string | null;
}

export interface BundleOfferAction {
  type: 'bundleOffer';
  title: string;
  body?: string;
  cta?: Cta;
  closeLabel?: string;
  discountPercent: number;
  from?: ('removed' | 'abandoned' | 'mostViewed' | 'lastVisit' | 'cart')[];
  complements: Record<string, { id: string; name: string; price: number; url?: string; category?: string }[]>;
  /** Added by the engine: the visitor's product and its complement, and the prices. */
  bundle?: { items: BundleItem[]; regularPrice: number; bundlePrice: number; discountPercent: number; source: string };
}

/** Weights handed to the ranking; not rendered. */
export interface Boosts {
  categories: Record<string, number>;
  brands: Record<string, number>;
  tags: Record<string, number>;
  products: Record<string, number>;
}

export interface BoostTilesAction {
  type: 'boostTiles';
  boost: Partial<Boosts>;
}

/** What a campaign shows; text fields come with their {{templates}} already rendered, as plain text. */
export type Action =
  | ModalAction | SlideInAction | BannerAction | SlotAction | EmailCaptureAction | CouponRevealAction | BundleOfferAction | BoostTilesAction;

/** When a decision's action may appear; page-view triggers are armed by the JS, event triggers come from track(). */
export type Trigger =
  | { type: 'pageView'; delaySeconds: number }
  | { type: 'scrollDepth'; percent: number }
  | { type: 'inactivity'; seconds: number }
  | { type: 'custom'; event: string }
  | { type: 'exitIntent' | 'productAdded' | 'productRemoved' | 'checkoutAbandoned' | 'routeChange' };

export interface Decision {
  campaign: string;
  priority: number;
  trigger: Trigger;
  action: Action;
  /** "treatment" when the campaign has a holdout, else null. */
  group: 'treatment' | null;
  /** Why it shows. */
  why: string[];
}

export interface Skipped {
  campaign: string;
  /**
   * trigger, schedule, converted, dismissed, cooldown, lifetime_cap, day_cap, session_cap, audience,
   * storage_unavailable, holdout, group, session_popup_cap, popup_cap, no_bundle
   */
  reason: string;
  detail: string;
}

/** Where the visitor is, as rules see it (`location.*`); unknown values are null. */
export interface VisitorLocation {
  /** ISO 3166-1 alpha-2, e.g. "IE". */
  country: string | null;
  /** ISO 3166-2, e.g. "IE-D"; from a time zone only where the zone lies in one region ("US-AZ"). */
  region: string | null;
  city: string | null;
  /** The browser's IANA time zone. */
  timeZone: string | null;
  /** What it rests on: geolocation (coordinates; the country still from the hint or the time zone), the shop's hint, the time zone, or nothing. */
  source: 'geolocation' | 'hint' | 'timezone' | 'unknown';
  latitude: number | null;
  longitude: number | null;
  /** Meters, as the browser reported. */
  accuracy: number | null;
}

/** A holdout exposure, once per session: send "Experiment Viewed". */
export interface Exposure {
  campaign: string;
  group: 'treatment' | 'control';
}

/** The request fields decide(), track() and explain() share (the JS fills profile, now and newId). */
export interface EngineRequest {
  profile?: string | null;
  now: number;
  newId?: string;
  storage?: boolean;
  page?: PageContext & { routeChange?: boolean };
  /** Now in the shop's time zone (the `timeZone` load() returned); see shopTime(). Without it, UTC. */
  shopTime?: ShopTime;
  device?: { mobile?: boolean; width?: number };
  consent?: ConsentState;
  /** The shop's hint and/or coordinates from browser geolocation; the engine resolves them (see VisitorLocation). */
  location?: { country?: string; region?: string; city?: string; latitude?: number; longitude?: number; accuracy?: number };
  /** The browser's IANA time zone: where the visitor is when nothing else tells. */
  timeZone?: string;
}

/** A local date and time to the minute. */
export interface ShopTime {
  date: string;
  weekday: 'mon' | 'tue' | 'wed' | 'thu' | 'fri' | 'sat' | 'sun';
  hour: number;
  minute: number;
}

export interface Explanation {
  ok: true;
  campaign: string;
  /** What decide() would do with it now. */
  wouldShow: boolean;
  /** trigger, schedule, frequency, audience, holdout, group, caps (and bundle), each judged on its own. */
  checks: { check: string; passed: boolean; detail: string }[];
  /** Each top-level condition of the audience. */
  audience: { path: string; matched: boolean }[];
}

export type ProfileStatus = 'fresh' | 'loaded' | 'migrated' | 'corrupt' | 'foreign';

export type Failure = { ok: false; error: ShopkeeperError };

export type DecideResult =
  | {
      ok: true;
      visitor: Visitor;
      session: { number: number; pageViews: number; isNew: boolean };
      /** The arrival of the first and the current session, and of this page view. */
      acquisition: {
        first: (Acquisition & { at: number }) | null;
        current: (Acquisition & { at: number }) | null;
        page: Acquisition;
      };
      location: VisitorLocation;
      decisions: Decision[];
      exposures: Exposure[];
      skipped: Skipped[];
      /** The merged weights of the boostTiles decisions, for the ranking. */
      boosts: Boosts;
      /** The profile as stored. */
      profile: string;
      profileStatus: ProfileStatus;
      warnings: { code: string; message: string }[];
      /**
       * In a browser with a grid to order: the tiles of the grid this decision ordered, best first
       * (the last grid when there are several). Built when read.
       */
      readonly ranking?: RankedProduct[];
    }
  | Failure;

export type TrackResult =
  | {
      ok: true;
      handled: boolean;
      visitorId: string;
      /** Decisions of the campaigns this event triggers (productAdded, productRemoved, custom). */
      decisions: Decision[];
      exposures: Exposure[];
      skipped: Skipped[];
      profile: string;
      profileStatus: ProfileStatus;
      warnings: { code: string; message: string }[];
    }
  | Failure;

/** timeZone: the shop's (settings.timeZone, default UTC); refParam: the parameter of referral links (default "ref"). */
export type LoadResult = { ok: true; campaigns: number; timeZone: string; refParam: string } | { ok: false; errors: ShopkeeperError[] };

export declare class Shopkeeper {
  /** Made by createShopkeeper(), never with new. */
  private constructor();
  /** What loading the rules reported. */
  readonly rules: LoadResult;
  /** Records a page view and decides what to show; in a browser the winning popup is rendered and the grids ordered. */
  decide(page?: PageContext): DecideResult;
  /**
   * Orders products for the visitor of the latest decide(), best first. Before any decide(), after
   * forget() until the next decide(), and for a visitor without history whose campaign boosts reach
   * none of them, the order is the one given (scores 0). So is a list
   * beyond the engine's limits (see Engine#rankTiles), with the warning `rank_too_large`.
   */
  rank(products: RankProduct[]): RankedProduct[];
  /**
   * Records an event (Segment e-commerce names) on the profile and queues it as a `track` message.
   * An `email` property is never sent in a track: it becomes an `identify`, only with consent.
   */
  track(name: string, properties?: Record<string, unknown>): TrackResult;
  /**
   * Asks for the visitor's position (the browser may prompt; best from a click) when the `geolocation`
   * option is on; later decisions use it. Never rejects; without any answer from the browser in a minute
   * (a prompt left open or dismissed), it resolves with geolocation_failed.
   */
  locate(): Promise<
    | { ok: true; latitude: number; longitude: number; accuracy: number }
    | { ok: false; error: ShopkeeperError & { code: 'geolocation_disabled' | 'geolocation_unavailable' | 'geolocation_denied' | 'geolocation_failed' } }
  >;
  /** Why campaign `campaignId` does or does not show now, on the latest page. Changes nothing. */
  explain(campaignId: string): Explanation | Failure;
  /**
   * The visitor's referral link: `url` (default: the shop's home page) with the rules' refParam set to
   * the visitor's id. Null before the visitor has an id.
   */
  shareLink(url?: string): string | null;
  /** GrowthBook's hash (FNV-1a 32 over UTF-16 code units) in [0, 1) for version 1 or 2; null otherwise. */
  hash(seed: string, value: string, version?: 1 | 2): number | null;
  /** Changes consent at run time: 'granted' sends what was kept, 'denied' drops it. */
  setConsent(state: ConsentState): void;
  /** Sends the queued events now; resolves when done, never rejects. */
  flush(): Promise<void>;
  /** Counters and state of event sync. */
  syncStats(): SyncStats;
  /** The stored profile, or null. */
  profile(): Record<string, unknown> | null;
  /** Removes everything stored about the visitor, queued events included; the shop's other open tabs let go of them too. */
  forget(): void;
  /** Runs a call queued as ['track', name, properties], ['decide', page], ['locate'] or ['forget']. */
  push(call: [string, ...unknown[]]): unknown;
  /**
   * Frees the engine and stops what runs for the page: event sync (queued events stay stored for the
   * next page), route watching, geolocation (a question in flight ends), the grid's observer, popups.
   */
  destroy(): void;
}

/** Creates a Shopkeeper; resolves when it is fully ready. */
export declare function createShopkeeper(options?: ShopkeeperOptions): Promise<Shopkeeper>;

/** The raw engine: JSON requests in, objects out (see src/core/engine.hpp). */
export declare class Engine {
  /** Made by loadEngine(), never with new. */
  private constructor();
  readonly version: string;
  load(rules: object | string): LoadResult;
  decide(request: EngineRequest): DecideResult;
  track(request: EngineRequest & { name: string; properties?: Record<string, unknown> }): TrackResult;
  /**
   * Reads a stored profile ahead of the call that brings it (e.g. while the page loads): the next
   * decide, track or explain whose `profile` is this same text takes it as read.
   */
  preloadProfile(stored: string | null): void;
  /** Why a campaign would or would not show on this page view; records nothing. */
  explain(request: EngineRequest & { campaign: string }): Explanation | Failure;
  /** Sets the shop's context feed; a rejected feed also drops the previous one. */
  setFeed(feed: object | string): { ok: true; warnings: ShopkeeperError[] } | { ok: false; errors: ShopkeeperError[] };
  /** GrowthBook's hash (FNV-1a 32 over UTF-16 code units): a number in [0, 1), or null for a version other than 1 and 2. */
  hash(seed: string, value: string, version: number): number | null;
  /** Whether the attributes satisfy the condition (GrowthBook semantics); an invalid condition is false. */
  evaluateCondition(condition: object, attributes: object, savedGroups?: Record<string, unknown[]>): boolean;
  /** The problems of a condition, with JSON paths; [] when valid. */
  validateCondition(condition: object): ShopkeeperError[];
  /** Compiles conditions once to evaluate them together many times. */
  compileConditions(conditions: object[]): ConditionSet;
  /** Compacts a stored profile to `maxBytes` (default 4096) by shedding its oldest history, for a full storage. */
  compact(profile: string, maxBytes?: number): { ok: true; profile: string; bytes: number } | Failure;
  /** Joins two stored profiles written concurrently by two tabs. */
  merge(ours: string, theirs: string): { ok: true; profile: string } | Failure;
  /** Classifies an arrival; a pure function of its input. */
  classifyAcquisition(input: AcquisitionInput): ({ ok: true } & Acquisition) | Failure;
  /**
   * Where the visitor is, from the shop's hint and/or geolocation coordinates and the browser's time zone;
   * a pure function of its input. Unusable hint fields are ignored and listed in `warnings`.
   */
  resolveLocation(input: {
    location?: { country?: string; region?: string; city?: string; latitude?: number; longitude?: number; accuracy?: number };
    timeZone?: string;
  }): ({ ok: true; warnings: ShopkeeperError[] } & VisitorLocation) | Failure;
  /** Encodes products once for rankTiles: their strings become ids of a table the engine shares. */
  encodeTiles(products: RankProduct[]): EncodedTiles;
  /**
   * Ranks encoded tiles for the visitor of the latest decide(): order[k] is the index of the product
   * placed k-th; scores and reason bits (see RankReason, in order) by product index. Null beyond the
   * engine's limits: 20,000 tiles, 65,536 different texts (ids, categories, brands, tags) in one grid.
   */
  rankTiles(tiles: EncodedTiles): { order: Uint32Array; scores: Float64Array; reasons: Uint32Array } | null;
  /** Another engine in the same wasm module: its own rules, profile and string table, the same compiled code. */
  sibling(): Engine;
  destroy(): void;
}

/** Products as numbers (see js/ranking.js). */
export interface EncodedTiles {
  readonly count: number;
  readonly tagCount: number;
  readonly words: Uint32Array;
  readonly popularity: Float64Array;
  readonly products: RankProduct[];
  readonly generation: number;
}

/** How a page view arrived. */
export interface Acquisition {
  /** search, social, email, paid, referral, internal, direct, ai, or the lowercased utm_medium */
  medium: string;
  source: string | null;
  term: string | null;
  campaign: string | null;
  content: string | null;
  clickId: { param: string; value: string } | null;
  refCode: string | null;
}

export interface AcquisitionInput {
  url?: string;
  referrer?: string;
  /** The URL parameter that carries a customer's referral code (default "ref"). */
  refParam?: string;
  /** The shop's other domains: a referrer on one of them is internal navigation. */
  internalDomains?: string[];
}

/** Conditions compiled once (from Engine#compileConditions; not constructed directly). */
export interface ConditionSet {
  readonly errors: ShopkeeperError[];
  readonly size: number;
  /** One boolean per condition, in order. */
  evaluate(attributes: object, savedGroups?: Record<string, unknown[]>): boolean[];
  /** Evaluates again against the attributes of the last evaluate(), held by the engine; [] before any. */
  evaluateHeld(): boolean[];
  destroy(): void;
}

/**
 * Loads the WebAssembly engine. Rejects with one Error ("the WebAssembly engine could not be loaded: <first cause>")
 * when the .wasm cannot be fetched, compiled or instantiated; the glue's own messages never reach the console.
 */
export declare function loadEngine(options?: { wasmUrl?: string; wasmBinary?: ArrayBuffer | Uint8Array | Promise<ArrayBuffer | Uint8Array | null> }): Promise<Engine>;

/**
 * `ms` as the shop's local time in the IANA `timeZone` (what load() returns as `timeZone`), for the
 * `shopTime` of engine requests; null when the zone is unknown to this runtime.
 */
export declare function shopTime(ms: number, timeZone?: string): ShopTime | null;

/** An in-memory StorageLike. */
export declare function memoryStorage(): StorageLike;

/**
 * A call for the script tag's global `shopkeeper`: [method, ...arguments], or a function that gets
 * the Shopkeeper once it is ready. Calls pushed before the engine is ready are replayed in order.
 */
export type ShopkeeperCall =
  | ['decide', PageContext?]
  | ['track', string, Record<string, unknown>?]
  | ['setConsent', ConsentState]
  | ['flush']
  | ['syncStats']
  | ['profile']
  | ['forget']
  | ['explain', string]
  | ['locate']
  | ['rank', RankProduct[]]
  | ['shareLink', string?]
  | ['hash', string, string, (1 | 2)?]
  | ['debug', boolean?]
  | ((shopkeeper: Shopkeeper) => void);

/**
 * `window.shopkeeper` once the script tag has run (before, it is the array the page pushed into).
 * Awaitable: `await shopkeeper` gives the Shopkeeper once the first decision was applied, or null
 * when the engine cannot run on this page (then every call is dropped). Methods called before the
 * engine is ready are queued and return undefined; afterwards they return what the Shopkeeper's do.
 */
export interface ShopkeeperGlobal extends PromiseLike<Shopkeeper | null> {
  /** Resolves like awaiting the global itself; never rejects. */
  readonly ready: Promise<Shopkeeper | null>;
  /** Queues calls until the engine is ready, then runs them; returns the last result when they ran at once. */
  push(...calls: ShopkeeperCall[]): unknown;
  decide(page?: PageContext): DecideResult | undefined;
  track(name: string, properties?: Record<string, unknown>): TrackResult | undefined;
  setConsent(state: ConsentState): void;
  flush(): Promise<void> | undefined;
  syncStats(): SyncStats | undefined;
  profile(): Record<string, unknown> | null | undefined;
  forget(): void;
  /** Why a campaign does or does not show now. */
  explain(campaign: string): Explanation | Failure | undefined;
  /** Asks the browser for the visitor's position (see Shopkeeper#locate). */
  locate(): ReturnType<Shopkeeper['locate']> | undefined;
  /** The visitor's referral link (see Shopkeeper#shareLink). */
  shareLink(url?: string): string | null | undefined;
  /** GrowthBook's hash (see Shopkeeper#hash). */
  hash(seed: string, value: string, version?: 1 | 2): number | null | undefined;
  /** Orders products for the visitor (see Shopkeeper#rank); undefined until the engine is ready. */
  rank(products: RankProduct[]): RankedProduct[] | undefined;
  /** Opens (or with false closes) the debug overlay, loading it first. */
  debug(on?: boolean): Promise<void> | undefined;
}

declare global {
  /**
   * The script tag's global (also `window.shopkeeper`): the calls a page queued before the script
   * ran, then the facade. Start the queue with `window.shopkeeper = window.shopkeeper || []`.
   */
  var shopkeeper: ShopkeeperGlobal | ShopkeeperCall[];
  interface DocumentEventMap {
    /** Decisions were applied, by each decide() (route changes too); `detail` is what decide() returned. */
    'shopkeeper:decided': CustomEvent<DecideResult>;
    /**
     * A grid was ordered (bubbles from the grid): `ids` in the new order, and `tiles` with their
     * scores and reasons (built when read).
     */
    'shopkeeper:ranked': CustomEvent<{ ids: string[]; readonly tiles: RankedProduct[] }>;
    /** The engine cannot run on this page (blocked, no WebAssembly, CSP); the page is left as it was. */
    'shopkeeper:failed': CustomEvent<{ message: string }>;
    /** A call to action was followed; the shop may act on it (e.g. put `action.bundle` in its cart) before the link is. */
    'shopkeeper:cta': CustomEvent<{ campaign: string; action: Action }>;
  }
}
