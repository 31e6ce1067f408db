// DuckDB for the report, loaded only when asked for: reading a DuckDB database and running
// report.sql need it; the JS report over NDJSON does not.

import { open } from 'node:fs/promises';

const MISSING = 'this needs DuckDB\'s node client: npm install @duckdb/node-api';

/**
 * Rejects when the file at `path` is there but does not start as a DuckDB database does ("DUCK"
 * after the 8-byte checksum of its header). DuckDB itself opens a file named *.json or *.csv as an
 * in-memory database over it, and read-only says "Cannot launch in-memory database in read-only mode!".
 */
async function checkDatabaseFile(path) {
  const handle = await open(path).catch((error) => {
    if (error.code !== 'ENOENT') throw error;
  });
  if (!handle) return; // DuckDB says what it does with a missing file
  try {
    const { buffer, bytesRead } = await handle.read(Buffer.alloc(12), 0, 12, 0);
    if (bytesRead < 12 || buffer.toString('latin1', 8, 12) !== 'DUCK') throw new Error(`${path} is not a DuckDB database`);
  } finally {
    await handle.close();
  }
}

/**
 * Opens a DuckDB database (':memory:' for a new empty one) and returns
 * `{ rows(sql, params?), appender(table), close() }`. Rejects with a clear message when
 * @duckdb/node-api is not installed or the file is not a DuckDB database.
 */
export async function openDuckDB(path, { readOnly = false } = {}) {
  if (path !== ':memory:') await checkDatabaseFile(path);
  let duckdb;
  try {
    duckdb = await import('@duckdb/node-api');
  } catch (error) {
    if (error && error.code === 'ERR_MODULE_NOT_FOUND') throw new Error(`${MISSING} (${error.message})`);
    throw error;
  }
  const instance = await duckdb.DuckDBInstance.create(path, readOnly ? { access_mode: 'READ_ONLY' } : {});
  const connection = await instance.connect();
  return {
    /** Runs SQL (several statements: the last one's rows) and returns rows as JSON-safe objects. */
    async rows(sql, params) {
      return (await connection.runAndReadAll(sql, params)).getRowObjectsJson();
    },
    /** An appender to `table` (appendVarchar, appendDouble, ..., endRow, flushSync, closeSync). */
    appender(table) {
      return connection.createAppender(table);
    },
    close() {
      connection.closeSync();
      instance.closeSync();
    },
  };
}
