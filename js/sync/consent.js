// Consent decides what happens to an event: sent, kept on the device, or dropped.

import { shown } from '../calls.js';

/** The states a shop can set. */
export const CONSENT_STATES = Object.freeze(['pending', 'granted', 'denied']);

/**
 * Consent starting at `initial` (default 'pending'). With `honorGpc` (the default) a browser
 * sending Global Privacy Control counts as denied, whatever the state.
 */
export function createConsent(initial, { gpc = false, honorGpc = true, warn }) {
  const parse = (value, fallback) => {
    if (CONSENT_STATES.includes(value)) return value;
    warn('consent_invalid', new Error(`consent must be one of ${CONSENT_STATES.join(', ')}, not ${shown(value)}`));
    return fallback;
  };
  let state = initial === undefined ? 'pending' : parse(initial, 'pending');
  const gpcDenies = Boolean(honorGpc && gpc);

  return {
    /** The state the shop set. */
    get state() {
      return state;
    },
    /** Whether Global Privacy Control overrides the state. */
    get gpc() {
      return gpcDenies;
    },
    /** 'send', 'buffer' (keep on the device until consent is given) or 'drop'. */
    get mode() {
      if (gpcDenies || state === 'denied') return 'drop';
      return state === 'granted' ? 'send' : 'buffer';
    },
    /** Sets the state; an unknown value is a warning and changes nothing. Returns whether it changed. */
    set(value) {
      const next = parse(value, state);
      const changed = next !== state;
      state = next;
      return changed;
    },
  };
}
