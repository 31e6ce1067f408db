// DuckDB for the report, loaded only when asked for: reading a DuckDB database and running
// report.sql need it; the JS report over NDJSON does not.

const MISSING = 'this needs DuckDB\'s node client: npm install @duckdb/node-api';

/**
 * Opens a DuckDB database (':memory:' for a new empty one) and returns
 * `{ rows(sql, params?), appender(table), close() }`. Rejects with a clear message when
 * @duckdb/node-api is not installed.
 */
export async function openDuckDB(path, { readOnly = false } = {}) {
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
