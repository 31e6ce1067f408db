// When a decision's moment comes: the trigger of its campaign, watched in the page.
// pageView (after delaySeconds), scrollDepth (percent of the page seen), exitIntent (desktop: the
// pointer leaves through the top of the viewport; touch devices: a fast scroll back up, which is
// how a phone user heads for the address bar or the back button: the back button itself is never
// hijacked), inactivity (seconds without input). Event triggers (productAdded, productRemoved,
// custom) come back from track() and show at once, as do checkoutAbandoned and routeChange.

/** Triggers that fire from track() responses, never from a page view's decisions. */
export const EVENT_TRIGGERS = new Set(['productAdded', 'productRemoved', 'custom']);

const ACTIVITY = ['pointermove', 'pointerdown', 'keydown', 'scroll', 'wheel', 'touchstart'];
/** Fast scroll-up on touch devices: this far (px, or a share of the viewport height) within FAST_MS. */
const FAST_UP_PX = 120;
const FAST_UP_SHARE = 0.25;
const FAST_MS = 300;
/** Scroll events come a frame apart while the page moves; a longer gap means it had been still. */
const FRAME_MS = 16;
const STILL_MS = 100;

/** The trigger of a decision as { type, ... }; a bare string names the type. Default: pageView. */
export function triggerOf(decision) {
  const t = decision && decision.trigger;
  if (typeof t === 'string') return { type: t };
  return t && typeof t === 'object' && typeof t.type === 'string' ? t : { type: 'pageView' };
}

const seconds = (value, fallback = 0) => (Number.isFinite(Number(value)) && Number(value) >= 0 ? Number(value) : fallback);

function listen(target, type, handler, cleanups) {
  target.addEventListener(type, handler, { passive: true });
  cleanups.push(() => target.removeEventListener(type, handler));
}

/** How much of the page has been seen, in percent; null when the page does not scroll. */
function scrolledPercent(win) {
  const doc = win.document.documentElement;
  const scrollable = doc.scrollHeight - win.innerHeight;
  if (scrollable <= 0) return null;
  return ((win.scrollY + win.innerHeight) / doc.scrollHeight) * 100;
}

function armScrollDepth(trigger, fire, win, cleanups) {
  const wanted = Math.min(100, Math.max(1, seconds(trigger.percent, 50)));
  const check = () => {
    const seen = scrolledPercent(win);
    if (seen !== null && seen >= wanted - 0.5) fire();
  };
  listen(win, 'scroll', check, cleanups);
  if (win.scrollY > 0) check(); // a reload keeps the scroll position
}

function armExitIntent(fire, win, mobile, cleanups) {
  if (!mobile) {
    listen(win.document, 'mouseout', (event) => {
      if (!event.relatedTarget && event.clientY <= 0) fire();
    }, cleanups);
    return;
  }
  let last = { y: win.scrollY, t: win.performance.now() };
  let stroke = []; // the samples of the current upward movement, within FAST_MS
  listen(win, 'scroll', () => {
    const t = win.performance.now();
    const y = win.scrollY;
    if (y >= last.y) stroke = [];
    else {
      // The movement began at the previous sample, or a frame ago when the page had been still.
      if (!stroke.length) stroke.push({ y: last.y, t: t - last.t > STILL_MS ? t - FRAME_MS : last.t });
      stroke.push({ y, t });
      stroke = stroke.filter((s) => t - s.t <= FAST_MS);
      const from = Math.max(...stroke.map((s) => s.y));
      if (from - y >= Math.max(FAST_UP_PX, win.innerHeight * FAST_UP_SHARE)) fire();
    }
    last = { y, t };
  }, cleanups);
}

function armInactivity(trigger, fire, win, setTimer, clearTimer, cleanups) {
  const quiet = seconds(trigger.seconds, 30) * 1000;
  let last = Date.now();
  let timer = null;
  const wait = (ms) => {
    timer = setTimer(() => {
      const idle = Date.now() - last;
      if (idle >= quiet - 5) fire();
      else wait(quiet - idle);
    }, ms);
  };
  for (const type of ACTIVITY) listen(win, type, () => { last = Date.now(); }, cleanups);
  wait(quiet);
  cleanups.push(() => clearTimer(timer));
}

/**
 * Watches the trigger of `decision` and calls `fire(decision)` once when it fires.
 * `env`: { window, mobile, setTimeout, clearTimeout }. Returns cancel(), which stops watching.
 */
export function armTrigger(decision, fire, env) {
  const win = env.window;
  const setTimer = env.setTimeout || ((fn, ms) => win.setTimeout(fn, ms));
  const clearTimer = env.clearTimeout || ((id) => win.clearTimeout(id));
  const cleanups = [];
  let done = false;
  const cancel = () => {
    done = true;
    for (const cleanup of cleanups.splice(0)) cleanup();
  };
  const once = () => {
    if (done) return;
    cancel();
    fire(decision);
  };
  const trigger = triggerOf(decision);
  switch (trigger.type) {
    case 'scrollDepth':
      armScrollDepth(trigger, once, win, cleanups);
      break;
    case 'exitIntent':
      armExitIntent(once, win, Boolean(env.mobile), cleanups);
      break;
    case 'inactivity':
      armInactivity(trigger, once, win, setTimer, clearTimer, cleanups);
      break;
    default: {
      // pageView, checkoutAbandoned, routeChange and event triggers from track(): now or after the delay.
      const timer = setTimer(once, seconds(trigger.delaySeconds) * 1000);
      cleanups.push(() => clearTimer(timer));
    }
  }
  return cancel;
}
