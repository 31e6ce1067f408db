// Types of the public API of the `shopkeeper` package.

/** Any object with the three methods of the Web Storage API. */
export interface StorageLike {
  getItem(key: string): string | null;
  setItem(key: string, value: string): void;
  removeItem(key: string): void;
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
  /** The shop's page type: "home", "category", "product", "cart", "search", ... */
  type?: string;
  category?: string;
  /** The search term of a search results page. */
  query?: string;
  /** The product of a product page, as in Segment's "Product Viewed". */
  product?: { product_id: string; category?: string; brand?: string; name?: string; price?: number; tags?: string[] };
  /** A location hint from the shop (e.g. from a CDN geo header). */
  location?: { country?: string; region?: string; city?: string };
}

export interface ShopkeeperOptions {
  /** The rules document: an object, JSON text, or a URL to fetch. */
  rules?: object | string;
  /** Where the profile is kept. Defaults to localStorage in browsers, memory in node. */
  storage?: StorageLike | null;
  /** The page being viewed. Defaults to location.href, document.referrer and the page's data-* attributes. */
  page?: PageContext;
  /** A clock in ms since the epoch, for tests and simulation. Defaults to Date.now. */
  now?: () => number;
  /** Render popups (default: true in a browser, false in node). */
  render?: boolean;
  /** URL of shopkeeper.wasm when it is not next to the script. */
  wasmUrl?: string;
  /** The wasm bytes, when they are already at hand. */
  wasmBinary?: ArrayBuffer | Uint8Array;
  /** fetch() used for a rules URL. */
  fetch?: typeof fetch;
  /** Receives problems that were handled (storage failures, invalid rules). Defaults to console.warn. */
  onWarning?: (code: string, error: Error) => void;
}

export interface Visitor {
  id: string;
  isNew: boolean;
  visitCount: number;
  firstSeen: number;
  lastSeen: number;
  daysSinceLastVisit: number | null;
  emailCaptured: boolean;
}

export interface ModalAction {
  type: 'modal';
  title: string;
  body?: string;
  cta?: { label: string; href?: string };
  closeLabel?: string;
}

export interface Decision {
  campaign: string;
  priority: number;
  action: ModalAction;
  /** Why it shows. */
  why: string[];
}

export interface Skipped {
  campaign: string;
  /** audience, dismissed, converted, session_cap, lifetime_cap, popup_cap, storage_unavailable */
  reason: string;
  detail: string;
}

export type ProfileStatus = 'fresh' | 'loaded' | 'corrupt' | 'foreign';

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
      decisions: Decision[];
      skipped: Skipped[];
      /** The profile as stored. */
      profile: string;
      profileStatus: ProfileStatus;
      warnings: { code: string; message: string }[];
    }
  | Failure;

export type TrackResult =
  | { ok: true; handled: boolean; profile: string; profileStatus: ProfileStatus; warnings: { code: string; message: string }[] }
  | Failure;

export type LoadResult = { ok: true; campaigns: number } | { ok: false; errors: ShopkeeperError[] };

export declare class Shopkeeper {
  /** What loading the rules reported. */
  readonly rules: LoadResult;
  /** Records a page view and decides what to show; in a browser the winning popup is rendered. */
  decide(page?: PageContext): DecideResult;
  /** Records an event (Segment e-commerce names) on the profile. */
  track(name: string, properties?: Record<string, unknown>): TrackResult;
  /** The stored profile, or null. */
  profile(): Record<string, unknown> | null;
  /** Removes everything stored about the visitor. */
  forget(): void;
  /** Runs a call queued as ['track', name, properties], ['decide', page] or ['forget']. */
  push(call: [string, ...unknown[]]): unknown;
  /** Frees the engine. */
  destroy(): void;
}

/** Creates a Shopkeeper; resolves when it is fully ready. */
export declare function createShopkeeper(options?: ShopkeeperOptions): Promise<Shopkeeper>;

/** The raw engine: JSON requests in, objects out (see src/core/engine.hpp). */
export declare class Engine {
  readonly version: string;
  load(rules: object | string): LoadResult;
  decide(request: object): DecideResult;
  track(request: object): TrackResult;
  /** Whether the attributes satisfy the condition (GrowthBook semantics); an invalid condition is false. */
  evaluateCondition(condition: object, attributes: object, savedGroups?: Record<string, unknown[]>): boolean;
  /** The problems of a condition, with JSON paths; [] when valid. */
  validateCondition(condition: object): ShopkeeperError[];
  /** Compiles conditions once to evaluate them together many times. */
  compileConditions(conditions: object[]): ConditionSet;
  /** Joins two stored profiles written concurrently by two tabs. */
  merge(ours: string, theirs: string): { ok: true; profile: string } | Failure;
  /** Classifies an arrival; a pure function of its input. */
  classifyAcquisition(input: AcquisitionInput): ({ ok: true } & Acquisition) | Failure;
  destroy(): void;
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

/** Conditions compiled once. */
export declare class ConditionSet {
  readonly errors: ShopkeeperError[];
  readonly size: number;
  /** One boolean per condition, in order. */
  evaluate(attributes: object, savedGroups?: Record<string, unknown[]>): boolean[];
  destroy(): void;
}

/** Loads the WebAssembly engine. */
export declare function loadEngine(options?: { wasmUrl?: string; wasmBinary?: ArrayBuffer | Uint8Array }): Promise<Engine>;

/** An in-memory StorageLike. */
export declare function memoryStorage(): StorageLike;
