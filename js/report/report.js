// The report as a whole: read the events, compute every campaign's row in JS or in SQL, and say
// what a reader must know before trusting the numbers.

import { analyzeRecords, reportSettings } from './analyze.js';
import { openDuckDB } from './duckdb.js';
import { createRecordCollector } from './events.js';
import { formatP } from './format.js';
import { readDuckDBEvents, readNdjson } from './sources.js';
import { loadRecords, runReportSql } from './sql.js';

/** Below this many conversions in a group, the normal approximation behind the interval is rough. */
const FEW_CONVERSIONS = 10;

/** What the rows themselves tell a reader to be careful about. */
export function rowWarnings(rows, settings) {
  const warnings = [];
  for (const row of rows) {
    const id = row.campaign;
    if (row.srm_flagged) {
      warnings.push(`${id}: sample ratio mismatch (${formatP(row.srm_p_value)}, flagged below ${settings.srmAlpha}): `
        + 'assignment or exposure logging is broken, so its lifts cannot be trusted');
    }
    if (row.control_share === null) warnings.push(`${id}: no configured split (--rules or --split), so the sample ratio is not checked`);
    if (row.crossovers) warnings.push(`${id}: ${row.crossovers} visitor(s) exposed in both groups (counted in their first)`);
    if (Math.min(row.control_converters, row.treatment_converters) < FEW_CONVERSIONS) {
      warnings.push(`${id}: fewer than ${FEW_CONVERSIONS} conversions in a group, so the intervals are rough`);
    }
  }
  return warnings;
}

/**
 * Builds the report from `events` (an NDJSON file path or readable stream) or `db` (a DuckDB file
 * with the demo collector's `events` table), computed by `engine` 'js' or 'sql' (report.sql in
 * DuckDB). Other options are the settings of analyze.js (confidence, replicates, seed,
 * sessionMinutes, srmAlpha, splits). Resolves to `{ engine, settings, counts, campaigns, warnings }`.
 */
export async function buildReport({ events, db: dbPath, engine = 'js', ...options }) {
  if ((events === undefined) === (dbPath === undefined)) throw new Error('give either events (NDJSON) or db (DuckDB)');
  if (engine !== 'js' && engine !== 'sql') throw new Error(`engine must be js or sql, not ${engine}`);
  const settings = reportSettings(options);
  const collector = createRecordCollector({ keepMessages: engine === 'sql' && events !== undefined });
  let db = null;
  try {
    if (dbPath !== undefined) {
      db = await openDuckDB(dbPath, { readOnly: true });
      if (engine === 'js') await readDuckDBEvents(db, collector);
    } else {
      await readNdjson(events, collector);
    }
    const { records, counts, warnings } = collector.done();
    let campaigns;
    if (engine === 'js') {
      const analyzed = analyzeRecords(records, settings);
      campaigns = analyzed.campaigns;
      warnings.push(...analyzed.warnings);
    } else {
      if (!db) {
        db = await openDuckDB(':memory:');
        await loadRecords(db, records);
      }
      campaigns = await runReportSql(db, settings);
    }
    warnings.push(...rowWarnings(campaigns, settings));
    return { engine, settings, counts: dbPath !== undefined && engine === 'sql' ? null : counts, campaigns, warnings };
  } finally {
    if (db) db.close();
  }
}
