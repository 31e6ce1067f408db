// Shared by the report tests: a hand-checked dataset, and the check that rows of the JS and the
// SQL computation are the same numbers.

import assert from 'node:assert/strict';

/** When the hand-checked dataset starts. */
export const T0 = Date.parse('2026-11-02T08:00:00.000Z');
const MIN = 60000;

/**
 * NDJSON of a small dataset whose numbers were worked out by hand (report-known.test.js):
 * campaign welcome (50% holdout, 10 + 10 visitors) and banner (10% holdout, a broken 30/70 split).
 */
export function knownDataset() {
  const lines = [];
  let n = 0;
  const message = (visitor, hour, minutes, fields) => {
    const m = { messageId: `m${String(n++).padStart(4, '0')}`, anonymousId: visitor,
      timestamp: new Date(T0 + hour * 60 * MIN + minutes * MIN).toISOString(), ...fields };
    lines.push(JSON.stringify(m));
    return m;
  };
  const page = (v, h, at) => message(v, h, at, { type: 'page', properties: { url: 'https://shop.example/' } });
  const exposure = (v, h, at, campaign, group) => message(v, h, at, { type: 'track', event: 'Experiment Viewed',
    properties: { experiment_id: campaign, variation_id: group } });
  const order = (v, h, at, properties) => message(v, h, at, { type: 'track', event: 'Order Completed', properties });

  // welcome, 50% holdout: control c0..c9, treatment t0..t9, each exposed on a page at the top of its hour.
  for (let i = 0; i < 10; i++) {
    page(`c${i}`, i, 0);
    exposure(`c${i}`, i, 0, 'welcome', 'control');
    if (i !== 9) page(`t${i}`, 20 + i, 0);
    exposure(`t${i}`, 20 + i, 0, 'welcome', 'treatment');
  }
  order('c0', 0, 10, { revenue: 50 });
  page('c0', 0, 10);
  order('c1', 1, 5, { revenue: 30 });
  order('c1', 1, 24 * 60, { total: 70 }); // a day later, `total` when there is no `revenue`
  order('c2', 2, -1, { revenue: 100 }); // before the exposure: not the campaign's
  page('c5', 5, 29); // 29 minutes later: the same session
  page('c6', 6, 31); // 31 minutes later: a new session, so the first one bounced
  for (const i of [7, 8, 9]) page(`c${i}`, i, 5);
  const t0 = order('t0', 20, 10, { revenue: 40 });
  lines.push(JSON.stringify(t0)); // delivered twice: counted once
  order('t1', 21, 10, { revenue: 60 });
  order('t2', 22, 10, { revenue: 80 });
  order('t3', 23, 10, { revenue: 20 });
  order('t5', 25, 10, { revenue: 'abc' }); // an order without a number: it converts, with 0
  for (const i of [0, 1, 2, 3]) page(`t${i}`, 20 + i, 2);
  exposure('t4', 24, 48 * 60, 'welcome', 'control'); // later in the other group: a crossover
  page('t9', 29, -5); // t9's only page came 5 minutes before its exposure, in the same session: a bounce

  // banner, 10% holdout, assignment broken: 30 control and 70 treatment.
  for (let i = 0; i < 100; i++) exposure(`b${i}`, 40, i, 'banner', i < 30 ? 'control' : 'treatment');

  // What the report skips or ignores.
  lines.push('{ not json');
  lines.push(JSON.stringify({ type: 'page', messageId: 'x1', anonymousId: 'z', timestamp: '2026-11-02T08:00:00' }));
  lines.push(JSON.stringify({ type: 'identify', messageId: 'x2', anonymousId: 'z', timestamp: '2026-11-02T08:00:00Z',
    traits: {} }));
  return `${lines.join('\n')}\n`;
}


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
