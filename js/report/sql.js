// Runs report.sql in DuckDB: over a collector's database as it is, or over records loaded into
// a fresh in-memory one. The settings and the configured splits go in as two temporary tables.

import { readFile } from 'node:fs/promises';

const REPORT_SQL = new URL('./report.sql', import.meta.url);

/** The events table report.sql reads (the demo collector's layout, without what the report ignores). */
const EVENTS_TABLE = `CREATE TABLE events (message_id VARCHAR PRIMARY KEY, type VARCHAR NOT NULL, event VARCHAR,
  anonymous_id VARCHAR, user_id VARCHAR, timestamp TIMESTAMPTZ NOT NULL, message JSON NOT NULL)`;

/**
 * JSON text of `value` that DuckDB's JSON reads: JSON.stringify writes a lone surrogate (a page's
 * text can hold one) as an escape (backslash, u, D800 to DFFF), which DuckDB refuses; those are
 * the only such escapes it writes, so each becomes U+FFFD.
 */
function wellFormedJson(value) {
  return JSON.stringify(value).replace(/(?<!\\)((?:\\\\)*)\\ud[89a-f][0-9a-f]{2}/gi, '$1\\ufffd');
}

/** Creates `events` in an empty database (duckdb.js) and loads records kept with their messages. */
export async function loadRecords(db, records) {
  await db.rows(EVENTS_TABLE);
  const appender = await db.appender('events');
  for (const r of records) {
    appender.appendVarchar(r.id);
    appender.appendVarchar(r.message.type);
    if (typeof r.message.event === 'string') appender.appendVarchar(r.message.event);
    else appender.appendNull();
    appender.appendVarchar(r.visitor);
    appender.appendNull();
    appender.appendVarchar(new Date(r.ts).toISOString());
    appender.appendVarchar(wellFormedJson(r.message));
    appender.endRow();
  }
  appender.flushSync();
  appender.closeSync();
}

/** Runs report.sql on `db` (which has an `events` table) with `settings` (analyze.js); returns its rows. */
export async function runReportSql(db, settings) {
  await db.rows(`CREATE OR REPLACE TEMP TABLE report_settings (confidence DOUBLE, z DOUBLE, replicates INTEGER,
    seed UBIGINT, session_minutes DOUBLE, srm_alpha DOUBLE)`);
  await db.rows('INSERT INTO report_settings VALUES ($1, $2, $3, $4, $5, $6)', [settings.confidence, settings.z,
    settings.replicates, settings.seed >>> 0, settings.sessionMinutes, settings.srmAlpha]);
  await db.rows('CREATE OR REPLACE TEMP TABLE campaign_splits (campaign VARCHAR, control_share DOUBLE)');
  for (const [campaign, share] of settings.splits) {
    await db.rows('INSERT INTO campaign_splits VALUES ($1, $2)', [campaign, share]);
  }
  return db.rows(await readFile(REPORT_SQL, 'utf8'));
}
