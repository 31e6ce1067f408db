// Readies the engine for the next page of this tab. V8 runs a wasm function first as baseline
// code and optimizes it only once it has run enough, and a page view runs most of the engine
// once. The optimized code stays with the module in the tab's renderer process, where the
// shop's next page finds it. So after the first decision, in idle time and once per tab, the
// page view's engine calls run a few more times on a scratch engine: its own rules, profile
// and string table, in the same module. The page's engine, storage and grid are not touched.
// bench/page-view.mjs shows the effect on the next page in the same tab.

/** sessionStorage key: the engine version this tab has warmed up. */
export const WARM_KEY = 'shopkeeper:v1:warm';
/** Rounds of the page view's calls: the next page's setup gains little from more (bench/page-view.mjs). */
export const WARM_ROUNDS = 3;

/**
 * Schedules the rounds, each in its own idle callback, unless this tab did them already.
 * `calls()` gives what the page view did, read in the first round: { rules (the JSON text),
 * profile (the stored text or null), request (the decide() request without its profile),
 * products (the grid's, or null) }. `session` gives the tab's sessionStorage (or throws),
 * `idle` is requestIdleCallback (or undefined). Nothing runs before the first idle callback.
 * Never throws; a failing round is reported with `warn('warm_up_failed', error)` and ends it.
 */
export function scheduleWarmUp(engine, calls, { session, idle, warn }) {
  if (typeof idle !== 'function') return;
  let scratch = null;
  let work = null;
  let round = 0;
  const step = () => {
    try {
      if (!work) {
        if (!firstInTab(session, String(engine.version))) return;
        work = calls();
        if (typeof work.rules !== 'string') return;
        scratch = engine.sibling();
      }
      scratch.load(work.rules);
      scratch.preloadProfile(work.profile);
      scratch.decide({ ...work.request, profile: work.profile });
      if (work.products) scratch.rankTiles(scratch.encodeTiles(work.products));
      round += 1;
    } catch (error) {
      warn('warm_up_failed', error);
      round = WARM_ROUNDS;
    }
    if (round < WARM_ROUNDS) idle(step);
    else if (scratch) scratch.destroy();
  };
  idle(step);
}

/**
 * Whether this tab has not warmed this engine version up yet; marks it as done. Marked before
 * the rounds, so that a tab where they fail does not try again on every page; false when
 * sessionStorage does not work (no way to do it only once per tab).
 */
function firstInTab(session, version) {
  try {
    const storage = session();
    if (storage.getItem(WARM_KEY) === version) return false;
    storage.setItem(WARM_KEY, version);
    return true;
  } catch {
    return false;
  }
}
