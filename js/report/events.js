// The Segment-spec messages the report reads, reduced to what it needs: page views, exposures
// ("Experiment Viewed") and orders ("Order Completed"), each with its visitor and time in ms.

/** Event names the report reads. */
export const EXPOSURE_EVENT = 'Experiment Viewed';
export const ORDER_EVENT = 'Order Completed';

/** The two groups of a holdout, as the SDK names them in `variation_id`. */
export const GROUPS = ['control', 'treatment'];

// ISO 8601 with a zone: without one, a time would mean something else on every machine.
const ISO_WITH_ZONE = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d+)?)?(Z|[+-]\d{2}:?\d{2})$/i;

const isObject = (v) => v !== null && typeof v === 'object' && !Array.isArray(v);
const text = (v) => (typeof v === 'string' && v !== '' ? v : null);
const number = (v) => (typeof v === 'number' && Number.isFinite(v) ? v : null);

/**
 * What the report keeps of one message, or a reason to skip it:
 * `{ record: { id, type: 'page' | 'exposure' | 'order', visitor, ts, ... } }`, `{ ignored: true }`
 * for messages the report has no use for, or `{ problem }`.
 * `ts` may be given (ms) when the store already parsed the timestamp.
 */
export function readMessage(message, ts) {
  if (!isObject(message)) return { problem: 'not an object' };
  const kind = message.type === 'page' ? 'page'
    : message.type === 'track' && message.event === EXPOSURE_EVENT ? 'exposure'
      : message.type === 'track' && message.event === ORDER_EVENT ? 'order' : null;
  if (!kind) return { ignored: true };
  const id = text(message.messageId);
  if (!id) return { problem: 'no messageId' };
  const visitor = text(message.anonymousId) ?? text(message.userId);
  if (!visitor) return { problem: 'no anonymousId or userId' };
  if (ts === undefined) {
    ts = typeof message.timestamp === 'string' && ISO_WITH_ZONE.test(message.timestamp) ? Date.parse(message.timestamp) : NaN;
  }
  if (!Number.isFinite(ts)) return { problem: 'no ISO 8601 timestamp with a time zone' };
  const properties = isObject(message.properties) ? message.properties : {};
  const record = { id, type: kind, visitor, ts };
  if (kind === 'exposure') {
    record.campaign = text(properties.experiment_id) ?? text(properties.campaign);
    record.group = text(properties.variation_id) ?? text(properties.group);
    if (!record.campaign) return { problem: 'an Experiment Viewed without experiment_id' };
  } else if (kind === 'order') {
    record.value = number(properties.revenue) ?? number(properties.total);
  }
  return { record };
}

/**
 * Collects records from messages, keeping the first of each messageId (delivery is at least
 * once). `add(message, ts?)` takes one message, `skip(problem)` counts one that could not be read
 * (a line that is not JSON); `done()` returns `{ records, counts, warnings }`.
 * With `keepMessages` each record also holds its message (to load them into SQL unchanged).
 */
export function createRecordCollector({ keepMessages = false } = {}) {
  const seen = new Set();
  const records = [];
  const counts = { messages: 0, duplicates: 0, ignored: 0, skipped: 0 };
  const problems = new Map();
  const skip = (problem) => {
    counts.skipped++;
    problems.set(problem, (problems.get(problem) || 0) + 1);
  };
  return {
    add(message, ts) {
      counts.messages++;
      const read = readMessage(message, ts);
      if (read.ignored) counts.ignored++;
      else if (read.problem) skip(read.problem);
      else if (seen.has(read.record.id)) counts.duplicates++;
      else {
        seen.add(read.record.id);
        if (keepMessages) read.record.message = message;
        records.push(read.record);
      }
    },
    skip(problem) {
      counts.messages++;
      skip(problem);
    },
    done() {
      const warnings = [...problems].map(([problem, n]) => `${n} message(s) skipped: ${problem}`);
      return { records, counts, warnings };
    },
  };
}
