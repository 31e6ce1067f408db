// The global `shopkeeper` of the script tag. A page may queue calls before the script has
// loaded (`window.shopkeeper = window.shopkeeper || []; shopkeeper.push(['track', ...])`);
// the facade keeps them, replays them in order once the engine is ready, and runs later
// calls at once. It is awaitable: `await shopkeeper` (or `await shopkeeper.ready`) gives the
// Shopkeeper, or null when the engine could not start on this page.

import { CALLS, shown } from './calls.js';

/** Methods the facade offers directly; each is the same as pushing [name, ...args]. */
const METHODS = [...CALLS, 'debug'];

/**
 * Creates the facade with the calls queued so far (an array the page filled, or nothing).
 * `local` holds calls the facade answers itself (e.g. debug), as (shopkeeper, ...args) => result.
 * `warn(code, error)` reports a malformed or failing call; it never throws into the page.
 * Returns the facade, `start(shopkeeper, decide?)` for when the engine is ready (replays the queue, in
 * order, and resolves `ready`) and `disable()` for when it cannot run (calls are dropped,
 * `ready` gives null).
 */
export function createFacade(queued, { local = {}, warn }) {
  const pending = Array.isArray(queued) ? queued.slice() : [];
  let state = 'loading'; // then 'ready' or 'disabled'
  let instance = null;
  let settle;
  const ready = new Promise((resolve) => {
    settle = resolve;
  });

  function run(call) {
    try {
      if (typeof call === 'function') return reported(call(instance));
      if (!Array.isArray(call) || typeof call[0] !== 'string') {
        warn('unknown_call', new Error(`cannot push ${shown(call)}`));
        return undefined;
      }
      const [name, ...args] = call;
      if (Object.prototype.hasOwnProperty.call(local, name)) return local[name](instance, ...args);
      const result = instance.push(call);
      // The engine's own failures were reported where they happened.
      if (result && result.ok === false && result.error && result.error.code !== 'engine_failed') {
        warn('call_failed', new Error(`${name}: ${result.error.message}`));
      }
      return result;
    } catch (error) {
      warn('call_failed', error);
      return undefined;
    }
  }

  /** `result`, with a warning instead of an unhandled rejection when it is a promise that rejects. */
  function reported(result) {
    if (result && typeof result.then === 'function') result.then(undefined, (error) => warn('call_failed', error));
    return result;
  }

  const facade = {
    /** Resolves with the Shopkeeper once the first decision was applied, or with null. Never rejects. */
    ready,
    /** Makes `await shopkeeper` work like `await shopkeeper.ready`. */
    then(onFulfilled, onRejected) {
      return ready.then(onFulfilled, onRejected);
    },
    /**
     * Queues calls (arrays [name, ...args], or functions called with the Shopkeeper) until the
     * engine is ready, then runs them. Returns the result of the last call when it ran at once.
     */
    push(...calls) {
      let result;
      for (const call of calls) {
        if (state === 'loading') pending.push(call);
        else if (state === 'ready') result = run(call);
      }
      return result;
    },
  };
  for (const name of METHODS) facade[name] = (...args) => facade.push([name, ...args]);
  return {
    facade,
    /** Whether a call named `name` waits in the queue. */
    queued: (name) => pending.some((call) => Array.isArray(call) && call[0] === name),
    /**
     * `decide`, when given, makes the page view before the queue is replayed; consent the page
     * queued goes before it, as the page gave it before the page view was made.
     */
    start(shopkeeper, decide) {
      instance = shopkeeper;
      if (decide) {
        const consent = pending.filter((call) => Array.isArray(call) && call[0] === 'setConsent');
        for (const call of consent) run(pending.splice(pending.indexOf(call), 1)[0]);
        decide(); // calls the page makes meanwhile (on shopkeeper:ranked) queue behind the others
      }
      state = 'ready';
      for (const call of pending.splice(0)) run(call);
      settle(shopkeeper);
    },
    disable() {
      state = 'disabled';
      pending.length = 0;
      settle(null);
    },
  };
}
