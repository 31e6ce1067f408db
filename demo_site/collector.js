// The demo collector: POST /v1/batch takes Segment-spec batches ({ batch: [...], sentAt }),
// validates them whole, and stores each message once (deduplicated by messageId).

import { jsonRoute, readJson, sendJson } from './http-util.js';

/** The largest request body taken. */
export const MAX_BODY_BYTES = 512 * 1024;
/** The most messages in one batch. */
export const MAX_MESSAGES = 1000;

/** How deep a message may nest (a deeper one could not be stored). */
export const MAX_DEPTH = 32;

const TYPES = new Set(['track', 'page', 'screen', 'identify', 'group', 'alias']);
const isObject = (v) => v !== null && typeof v === 'object' && !Array.isArray(v);
const isText = (v, max = 1000) => typeof v === 'string' && v.length > 0 && v.length <= max;
const ISO_TIME = /^(\d{4})-(\d{2})-(\d{2})T([01]\d|2[0-3]):[0-5]\d(:[0-5]\d(\.\d{1,9})?)?(Z|[+-]([01]\d|2[0-3]):?[0-5]\d)$/i;

/** An ISO 8601 time with a zone, of a day that exists, in years 1000 to 9999 (what the database stores). */
function isTime(v) {
  const m = typeof v === 'string' && ISO_TIME.exec(v);
  if (!m || m[1] < '1000') return false;
  const day = new Date(Date.UTC(Number(m[1]), Number(m[2]) - 1, Number(m[3])));
  return day.getUTCMonth() === Number(m[2]) - 1 && day.getUTCDate() === Number(m[3]);
}

/**
 * Makes every string of `value` (keys too) well-formed in place: a lone surrogate, which a page's
 * text can hold and the SDK sends escaped, becomes U+FFFD, as the database stores only UTF-8.
 * False when it nests deeper than `depth`.
 */
function makeWellFormed(value, depth = MAX_DEPTH) {
  if (depth === 0) return false;
  for (const key of Object.keys(value)) {
    const v = value[key];
    if (typeof v === 'string') value[key] = v.toWellFormed();
    else if (v !== null && typeof v === 'object' && !makeWellFormed(v, depth - 1)) return false;
    if (!key.isWellFormed()) {
      value[key.toWellFormed()] = value[key];
      delete value[key];
    }
  }
  return true;
}

function messageProblem(m) {
  if (!isObject(m)) return 'must be an object';
  if (!makeWellFormed(m)) return `nests deeper than ${MAX_DEPTH} levels`;
  if (!TYPES.has(m.type)) return `type must be one of ${[...TYPES].join(', ')}`;
  if (!isText(m.messageId, 200)) return 'messageId is required';
  if (!isText(m.anonymousId) && !isText(m.userId)) return 'anonymousId or userId is required';
  for (const id of ['anonymousId', 'userId']) {
    if (m[id] !== undefined && m[id] !== null && !isText(m[id])) return `${id} must be a string of 1 to 1000 characters`;
  }
  if (!isTime(m.timestamp)) return 'timestamp must be an ISO 8601 time with a time zone, of a day that exists';
  if (m.type === 'track' && !isText(m.event, 200)) return 'event is required in a track';
  for (const field of ['properties', 'traits', 'context']) {
    if (m[field] !== undefined && !isObject(m[field])) return `${field} must be an object`;
  }
  return null;
}

/** Why `body` is not an acceptable batch, or null when it is. */
export function batchProblem(body) {
  if (!isObject(body) || !Array.isArray(body.batch)) return 'the body must be { "batch": [...] }';
  if (body.batch.length === 0) return 'the batch is empty';
  if (body.batch.length > MAX_MESSAGES) return `a batch holds at most ${MAX_MESSAGES} messages`;
  for (let i = 0; i < body.batch.length; i++) {
    const problem = messageProblem(body.batch[i]);
    if (problem) return `batch[${i}]: ${problem}`;
  }
  return null;
}

/**
 * The collector over `db` (db.js). `available` can be switched off to answer 503 (the tests'
 * outage); `stats` counts what was accepted and what was a duplicate.
 */
export function createCollector(db) {
  const collector = {
    available: true,
    stats: { accepted: 0, duplicates: 0 },
    /** Handles POST /v1/batch. */
    handle: jsonRoute(async (req, res) => {
      if (!collector.available) return sendJson(res, 503, { error: 'the collector is down' }, { 'Retry-After': '1' });
      const body = await readJson(req, MAX_BODY_BYTES);
      const problem = batchProblem(body);
      if (problem) return sendJson(res, 400, { error: problem });
      const added = await db.insertEvents(body.batch, new Date().toISOString());
      collector.stats.accepted += added;
      collector.stats.duplicates += body.batch.length - added;
      sendJson(res, 200, { success: true, accepted: added, duplicates: body.batch.length - added });
    }),
  };
  return collector;
}
