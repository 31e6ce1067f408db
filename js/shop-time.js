// The shop's local time for the engine's schedules and daily caps: the core has no
// time zone database, so the browser computes it and the request carries it. Temporal
// (Chrome 144, Firefox 139) when the runtime has it, else Intl: the first Intl.DateTimeFormat
// of a page costs ICU's start-up, 15 to 40 ms in Chromium, Temporal's zoned time under 1 ms.

const WEEKDAYS = ['mon', 'tue', 'wed', 'thu', 'fri', 'sat', 'sun'];
const formats = new Map();
const pad = (n) => String(n).padStart(2, '0');

function formatFor(timeZone) {
  if (!formats.has(timeZone)) {
    // hour12, not hourCycle: browsers before hourCycle (Chrome 73, Safari 13) took en-US's 12-hour clock.
    formats.set(timeZone, new Intl.DateTimeFormat('en-US', {
      timeZone, hour12: false, year: 'numeric', month: '2-digit', day: '2-digit', weekday: 'short', hour: '2-digit', minute: '2-digit',
    }));
  }
  return formats.get(timeZone);
}

/** shopTime() with Intl; throws for an unknown zone. */
export function shopTimeIntl(ms, timeZone) {
  const parts = Object.fromEntries(formatFor(timeZone).formatToParts(new Date(ms)).map((p) => [p.type, p.value]));
  return { date: `${parts.year}-${parts.month}-${parts.day}`, weekday: parts.weekday.toLowerCase(), hour: Number(parts.hour) % 24, minute: Number(parts.minute) }; // some print midnight as 24
}

/** shopTime() with `temporal` (the Temporal namespace); throws for a zone it does not know. */
export function shopTimeTemporal(temporal, ms, timeZone) {
  const t = temporal.Instant.fromEpochMilliseconds(ms).toZonedDateTimeISO(timeZone);
  return { date: `${t.year}-${pad(t.month)}-${pad(t.day)}`, weekday: WEEKDAYS[t.dayOfWeek - 1], hour: t.hour, minute: t.minute };
}

/**
 * `ms` as { date: "YYYY-MM-DD", weekday: "mon".."sun", hour, minute } in the IANA `timeZone`
 * (what load() returns as timeZone); null when the zone is unknown to this browser.
 */
export function shopTime(ms, timeZone = 'UTC') {
  const zone = String(timeZone);
  const temporal = globalThis.Temporal;
  if (temporal && typeof temporal.Instant === 'function') {
    try {
      return shopTimeTemporal(temporal, ms, zone);
    } catch {
      // A zone Temporal refuses: Intl has the last word.
    }
  }
  try {
    return shopTimeIntl(ms, zone);
  } catch {
    return null;
  }
}
