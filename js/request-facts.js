// Facts of the moment the engine cannot read itself: the shop's local time (schedules are in
// the rules' time zone), the browser's time zone, and the device.

const formatters = new Map();

function formatterFor(timeZone) {
  if (!formatters.has(timeZone)) {
    formatters.set(timeZone, new Intl.DateTimeFormat('en-US', {
      timeZone, hourCycle: 'h23', weekday: 'short', year: 'numeric', month: '2-digit', day: '2-digit', hour: '2-digit', minute: '2-digit',
    }));
  }
  return formatters.get(timeZone);
}

/**
 * The wall-clock time at `ms` in `timeZone` (IANA): { date: "2026-11-24", weekday: "tue", hour, minute };
 * null for a time that is not one (the engine reports the bad clock). Throws a RangeError for a time
 * zone the browser does not know.
 */
export function shopTime(ms, timeZone = 'UTC') {
  if (!Number.isFinite(ms) || Math.abs(ms) > 8.64e15) return null;
  const parts = {};
  for (const { type, value } of formatterFor(timeZone).formatToParts(new Date(ms))) parts[type] = value;
  return {
    date: `${parts.year}-${parts.month}-${parts.day}`,
    weekday: parts.weekday.slice(0, 3).toLowerCase(),
    hour: Number(parts.hour) % 24,
    minute: Number(parts.minute),
  };
}

/** The browser's IANA time zone, or null. */
export function browserTimeZone() {
  try {
    return Intl.DateTimeFormat().resolvedOptions().timeZone || null;
  } catch {
    return null;
  }
}

/** { mobile, width }: a touch-first device (coarse pointer, or a mobile user agent) and the viewport width. */
export function deviceFacts(win = globalThis.window) {
  if (!win) return { mobile: false, width: 0 };
  const nav = win.navigator || {};
  const coarse = typeof win.matchMedia === 'function' && win.matchMedia('(pointer: coarse)').matches;
  const mobileAgent = nav.userAgentData ? nav.userAgentData.mobile === true : /Mobi|Android/i.test(String(nav.userAgent));
  return { mobile: Boolean(coarse || mobileAgent), width: Number(win.innerWidth) || 0 };
}
