// The report over the demo collector's database: messages POSTed to /v1/batch (stored in DuckDB,
// deduplicated by messageId), then `shopkeeper report --db` in JS and in SQL.

import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { execFile } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { buildReport } from 'shopkeeper/report';
import { createDemoServer } from '../../demo_site/server.js';
import { assertRowsAgree, knownDataset } from './report-support.js';

const bin = fileURLToPath(new URL('../../bin/shopkeeper.mjs', import.meta.url));
const splits = { welcome: 0.5, banner: 0.1 };
let dir;
let dbPath;

before(async () => {
  dir = mkdtempSync(join(tmpdir(), 'shopkeeper-report-db-'));
  dbPath = join(dir, 'shop.duckdb');
  const server = createDemoServer({ db: dbPath, couponSecret: 'test-secret' });
  await new Promise((resolve) => server.listen(0, '127.0.0.1', resolve));
  // What a collector would take: the readable messages, one of them twice.
  const messages = knownDataset().split('\n').flatMap((line) => {
    try {
      const m = JSON.parse(line);
      return m && typeof m.timestamp === 'string' && m.timestamp.endsWith('Z') ? [m] : [];
    } catch {
      return [];
    }
  });
  for (let i = 0; i < messages.length; i += 50) {
    const res = await fetch(`http://127.0.0.1:${server.address().port}/v1/batch`, { method: 'POST',
      body: JSON.stringify({ batch: messages.slice(i, i + 50), sentAt: new Date().toISOString() }) });
    assert.equal(res.status, 200, await res.text());
  }
  await new Promise((resolve) => server.close(resolve));
  await server.demo.db.close();
});

after(() => rmSync(dir, { recursive: true, force: true }));

test('JS and SQL give the hand-checked numbers from the collector database', async () => {
  const [js, sql] = await Promise.all([buildReport({ db: dbPath, splits, replicates: 300 }),
    buildReport({ db: dbPath, splits, replicates: 300, engine: 'sql' })]);
  // 164 lines: one is not JSON, one has no time zone, one is a duplicate, one an identify the report does not read.
  assert.equal(js.counts.messages, 160, 'the events table holds each message once');
  assert.equal(js.counts.duplicates, 0);
  assert.equal(sql.counts, null);
  assertRowsAgree(js.campaigns, sql.campaigns);
  const welcome = js.campaigns.find((r) => r.campaign === 'welcome');
  assert.equal(welcome.control_revenue, 150);
  assert.equal(welcome.treatment_converters, 5);
  assert.equal(welcome.crossovers, 1);
  assert.equal(js.campaigns.find((r) => r.campaign === 'banner').srm_flagged, true);
});

test('shopkeeper report --db prints the report', async () => {
  const { stdout } = await new Promise((resolve, reject) => {
    execFile(process.execPath, [bin, 'report', '--db', dbPath, '--split', 'welcome=50'], (error, out, err) =>
      (error ? reject(new Error(err)) : resolve({ stdout: out })));
  });
  assert.match(stdout, /\| control \| 10 \| 20\.00% \| 3 \| 50\.00 \| 15\.00 \| 50\.00% \|/);
  assert.match(stdout, /banner: no configured split/);
});
