// User Timing measures of a page view, for the browser's performance panel and for
// bench/page-view.mjs: shopkeeper:wasm, :rules, :context, :setup (rules into the engine, the
// stored profile read ahead, the Shopkeeper built), :precompile (js/precompile.js's worker, from
// its start to its report: { ok: true } or { error }), :profile-load, :decide (or :track),
// :profile-save, :read-tiles (or :read-ahead, at DOM ready before the engine came), :rank and
// :dom-write. Browsers only: a server deciding for many visitors would pile the entries up.

const on = typeof document === 'object' && typeof performance === 'object' && typeof performance.measure === 'function';

/** The start of a measure: performance.now(), or 0 outside a browser. */
export const measureStart = () => (on ? performance.now() : 0);

/** Records the measure `shopkeeper:<name>` from `start` (a measureStart()) to now, with its `detail`. */
export function measure(name, start, detail) {
  if (!on) return;
  try {
    performance.measure(`shopkeeper:${name}`, { start, end: performance.now(), detail });
  } catch {
    // Browsers before the options form of measure() (2020) have nothing to record into.
  }
}
