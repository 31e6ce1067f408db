// The device, a fact of the moment the engine cannot read itself. (The browser's time zone is in
// location.js, the shop's local time in shop-time.js.)

/** { mobile, width }: a touch-first device (coarse pointer, or a mobile user agent) and the viewport width. */
export function deviceFacts(win = globalThis.window) {
  if (!win) return { mobile: false, width: 0 };
  const nav = win.navigator || {};
  // A page's own matchMedia (a test double, a polyfill) may answer with anything.
  const query = typeof win.matchMedia === 'function' && win.matchMedia('(pointer: coarse)');
  const coarse = query && query.matches === true;
  const mobileAgent = nav.userAgentData ? nav.userAgentData.mobile === true : /Mobi|Android/i.test(String(nav.userAgent));
  return { mobile: Boolean(coarse || mobileAgent), width: Number(win.innerWidth) || 0 };
}
