// Shared by the report tests: rows of the JS and the SQL computation must be the same numbers.

import assert from 'node:assert/strict';

/** Asserts two lists of report rows hold the same columns and values (doubles to 1e-9 relative). */
export function assertRowsAgree(jsRows, sqlRows) {
  assert.deepEqual(sqlRows.map((r) => r.campaign), jsRows.map((r) => r.campaign));
  jsRows.forEach((js, i) => {
    const sql = sqlRows[i];
    assert.deepEqual(Object.keys(sql).sort(), Object.keys(js).sort(), 'the same columns');
    for (const [key, value] of Object.entries(js)) {
      if (typeof value === 'number' && typeof sql[key] === 'number') {
        assert.ok(Math.abs(sql[key] - value) <= 1e-9 * Math.max(1, Math.abs(value)),
          `${js.campaign}.${key}: SQL ${sql[key]}, JS ${value}`);
      } else assert.equal(sql[key], value, `${js.campaign}.${key}`);
    }
  });
}
