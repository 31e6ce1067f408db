// Where the report's events come from: an NDJSON export of Segment messages (one per line, or one
// { batch: [...] } per line as a collector receives them), or the demo collector's DuckDB database.

import { open } from 'node:fs/promises';
import { createInterface } from 'node:readline';
import { EXPOSURE_EVENT, ORDER_EVENT } from './events.js';

/** Feeds every message of an NDJSON stream (a file path, or a readable stream such as stdin) to `collector`. */
export async function readNdjson(input, collector) {
  // Opening first makes a missing file a rejection here rather than an error event later.
  const stream = typeof input === 'string' ? (await open(input)).createReadStream() : input;
  const lines = createInterface({ input: stream, crlfDelay: Infinity });
  for await (const line of lines) {
    if (line.trim() === '') continue;
    let value;
    try {
      // A byte order mark starts a file (or each of files put together): not JSON, but no bad line either.
      value = JSON.parse(line.charCodeAt(0) === 0xfeff ? line.slice(1) : line);
    } catch {
      collector.skip('a line that is not JSON');
      continue;
    }
    if (value && Array.isArray(value.batch)) for (const message of value.batch) collector.add(message);
    else collector.add(value);
  }
}

/** The events the report reads, from a table laid out as the demo collector's `events`. */
export const EVENTS_QUERY = `SELECT epoch_ms(timestamp)::DOUBLE AS ts, message::VARCHAR AS message FROM events
  WHERE type = 'page' OR (type = 'track' AND event IN ('${EXPOSURE_EVENT}', '${ORDER_EVENT}'))`;

/** Feeds the messages of the `events` table of an open DuckDB database (duckdb.js) to `collector`. */
export async function readDuckDBEvents(db, collector) {
  for (const row of await db.rows(EVENTS_QUERY)) collector.add(JSON.parse(row.message), row.ts);
}
