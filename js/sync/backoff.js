// When to try again after a failed send.

/**
 * Delay in ms before retry number `attempt` (1, 2, ...): exponential from `base`, capped at `max`,
 * with "equal jitter" (half fixed, half random) so tabs and shoppers do not retry in step.
 */
export function backoffDelay(attempt, { base = 1000, max = 5 * 60 * 1000, random = Math.random } = {}) {
  const ceiling = Math.min(max, base * 2 ** Math.max(0, attempt - 1));
  return Math.round(ceiling / 2 + (random() * ceiling) / 2);
}

/** Longest Retry-After we wait for, and so the longest wait; a collector asking for more is retried then anyway. */
export const RETRY_AFTER_CAP = 60 * 60 * 1000;

/**
 * A Retry-After header value (delay in seconds, or an HTTP date) as ms from `now`,
 * or null when absent or unreadable.
 */
export function parseRetryAfter(value, now) {
  if (value === null || value === undefined) return null;
  const text = String(value).trim();
  let ms;
  if (/^\d+(\.\d+)?$/.test(text)) ms = Number(text) * 1000;
  else {
    const date = Date.parse(text);
    if (Number.isNaN(date)) return null;
    ms = date - now;
  }
  return Math.min(RETRY_AFTER_CAP, Math.max(0, Math.round(ms)));
}
