// The demo backend's embedded database (DuckDB): the events the collector took and the coupons
// it minted. Every statement goes through one queue: DuckDB's optimistic concurrency would turn
// two simultaneous inserts of one messageId into a conflict error instead of a skipped duplicate.

import { mkdirSync } from 'node:fs';
import { dirname } from 'node:path';
import { DuckDBInstance } from '@duckdb/node-api';

const SCHEMA = `
CREATE TABLE IF NOT EXISTS events (
  message_id   VARCHAR PRIMARY KEY,
  type         VARCHAR NOT NULL,
  event        VARCHAR,
  anonymous_id VARCHAR,
  user_id      VARCHAR,
  timestamp    TIMESTAMPTZ NOT NULL,
  received_at  TIMESTAMPTZ NOT NULL,
  message      JSON NOT NULL
);
CREATE TABLE IF NOT EXISTS coupons (
  code        VARCHAR PRIMARY KEY,
  email       VARCHAR NOT NULL, -- the holder: an address, or visitor:<id> for a coupon revealed without one
  created_at  TIMESTAMPTZ NOT NULL,
  redeemed_at TIMESTAMPTZ
);
-- the coupon kind (welcome10, referral15); added after the table, so older databases get it too
ALTER TABLE coupons ADD COLUMN IF NOT EXISTS kind VARCHAR;`;

const INSERT_EVENT = `INSERT INTO events VALUES ($1, $2, $3, $4, $5, $6::TIMESTAMPTZ, $7::TIMESTAMPTZ, $8)
  ON CONFLICT DO NOTHING RETURNING message_id`;

async function open(path) {
  if (path !== ':memory:') mkdirSync(dirname(path), { recursive: true });
  const instance = await DuckDBInstance.create(path);
  const connection = await instance.connect();
  await connection.run(SCHEMA);
  return { instance, connection };
}

/**
 * Opens (creating if needed) the database at `path` (':memory:' for none on disk). Returns at
 * once; the first statement waits for the opening, and an opening that failed fails every call.
 */
export function openDatabase(path) {
  const opened = open(path);
  opened.catch(() => {}); // reported by every call instead
  let tail = Promise.resolve();
  const serial = (work) => {
    const result = tail.then(() => opened).then(work);
    tail = result.catch(() => {});
    return result;
  };
  let closing = null;
  const rows = async (connection, sql, params) => (await connection.runAndReadAll(sql, params)).getRowObjectsJson();

  return {
    /** Stores validated Segment messages; a messageId already stored is skipped. Returns how many were new. */
    insertEvents(messages, receivedAt) {
      return serial(async ({ connection }) => {
        await connection.run('BEGIN TRANSACTION');
        try {
          let added = 0;
          for (const m of messages) {
            const inserted = await rows(connection, INSERT_EVENT, [m.messageId, m.type, m.event ?? null,
              m.anonymousId ?? null, m.userId ?? null, m.timestamp, receivedAt, JSON.stringify(m)]);
            added += inserted.length;
          }
          await connection.run('COMMIT');
          return added;
        } catch (error) {
          await connection.run('ROLLBACK');
          throw error;
        }
      });
    },

    /** Runs a query with positional parameters ($1, ...) and returns the rows as JSON-safe objects. */
    query(sql, params = []) {
      return serial(({ connection }) => rows(connection, sql, params));
    },

    /** Closes the database (once, however often it is called). */
    close() {
      closing ??= serial(({ instance, connection }) => {
        connection.closeSync();
        instance.closeSync();
      });
      return closing;
    },
  };
}
