// The shop's local time for the engine's schedules and daily caps: the core has no
// time zone database, so the browser's Intl computes it and the request carries it.

const WEEKDAYS = { Mon: 'mon', Tue: 'tue', Wed: 'wed', Thu: 'thu', Fri: 'fri', Sat: 'sat', Sun: 'sun' };
const formats = new Map();

function formatFor(timeZone) {
  if (!formats.has(timeZone)) {
    formats.set(timeZone, new Intl.DateTimeFormat('en-US', {
      timeZone, hourCycle: 'h23', year: 'numeric', month: '2-digit', day: '2-digit', weekday: 'short', hour: '2-digit', minute: '2-digit',
    }));
  }
  return formats.get(timeZone);
}

/**
 * `ms` as { date: "YYYY-MM-DD", weekday: "mon".."sun", hour, minute } in the IANA `timeZone`
 * (what load() returns as timeZone); null when the zone is unknown to this browser.
 */
export function shopTime(ms, timeZone = 'UTC') {
  let parts;
  try {
    parts = Object.fromEntries(formatFor(String(timeZone)).formatToParts(new Date(ms)).map((p) => [p.type, p.value]));
  } catch {
    return null;
  }
  return { date: `${parts.year}-${parts.month}-${parts.day}`, weekday: WEEKDAYS[parts.weekday], hour: Number(parts.hour), minute: Number(parts.minute) };
}
