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
 * Returns the facade, `start(shopkeeper)` for when the engine is ready (replays the queue, in
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
      if (typeof call === 'function') return call(instance);
      if (!Array.isArray(call) || typeof call[0] !== 'string') {
        warn('unknown_call', new Error(`cannot push ${shown(call)}`));
        return undefined;
      }
      const [name, ...args] = call;
      if (Object.prototype.hasOwnProperty.call(local, name)) return local[name](instance, ...args);
      return instance.push(call);
    } catch (error) {
      warn('call_failed', error);
      return undefined;
    }
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
    start(shopkeeper) {
      instance = shopkeeper;
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
