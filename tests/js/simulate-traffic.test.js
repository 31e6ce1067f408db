// simulate-traffic through the real engine: visitors of the four kinds on the holdout campaigns of
// rules/experiments.json, a planted lift, a deliberately broken split; then the report in JS and
// SQL. And the command itself, sending to the demo collector, read back with report --db.

import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { execFile, spawn } from 'node:child_process';
import { once } from 'node:events';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { buildReport, splitsFromRules } from 'shopkeeper/report';
import { simulateTraffic } from '../../js/simulate/traffic.js';
import { createDemoServer } from '../../demo_site/server.js';
import { assertRowsAgree } from './report-support.js';

const root = fileURLToPath(new URL('../../', import.meta.url));
const rulesFile = join(root, 'rules/experiments.json');
const rules = readFileSync(rulesFile, 'utf8');
const splits = splitsFromRules(JSON.parse(rules));
let dir;
before(() => {
  dir = mkdtempSync(join(tmpdir(), 'shopkeeper-simulate-'));
});
after(() => rmSync(dir, { recursive: true, force: true }));

test('2,000 visitors through the engine: the planted lift is found, the broken split flagged, JS = SQL', async () => {
  const messages = [];
  const summary = await simulateTraffic({ rules, visitors: 2000, seed: 1, lifts: { welcome: 2 },
    loseExposures: { 'product-tips': { treatment: 0.3 } }, emit: (m) => messages.push(m) });
  assert.deepEqual(summary.warnings, []);
  assert.equal(Object.values(summary.kinds).reduce((a, b) => a + b), 2000);
  assert.ok(summary.kinds['passing by'] > summary.kinds['came to buy'], JSON.stringify(summary.kinds));
  assert.ok(summary.lostExposures > 0);
  // Once per session per campaign: never two exposures of a visitor to a campaign within 30 minutes.
  const last = new Map();
  for (const m of messages.filter((x) => x.event === 'Experiment Viewed')) {
    const key = `${m.anonymousId} ${m.properties.experiment_id}`;
    const at = Date.parse(m.timestamp);
    assert.ok(!last.has(key) || at - last.get(key) > 30 * 60000, `${key} exposed twice in a session`);
    last.set(key, at);
  }
  const file = join(dir, 'sim.ndjson');
  writeFileSync(file, messages.map((m) => JSON.stringify(m)).join('\n'));
  const options = { events: file, splits, replicates: 500 };
  const [js, sql] = await Promise.all([buildReport(options), buildReport({ ...options, engine: 'sql' })]);
  assertRowsAgree(js.campaigns, sql.campaigns);
  const row = (id) => js.campaigns.find((r) => r.campaign === id);
  assert.deepEqual(js.campaigns.map((r) => r.campaign), ['product-tips', 'returning-banner', 'welcome']);

  const welcome = row('welcome');
  console.log(`welcome: ${welcome.control_visitors}/${welcome.treatment_visitors} visitors, conversion lift `
    + `${welcome.conversion_lift.toFixed(3)} [${welcome.conversion_lift_lower.toFixed(3)}, ${welcome.conversion_lift_upper.toFixed(3)}], planted 1`);
  assert.equal(welcome.control_visitors + welcome.treatment_visitors, 2000, 'every visitor is new on arrival');
  assert.equal(welcome.srm_flagged, false);
  assert.ok(welcome.conversion_lift_lower <= 1 && 1 <= welcome.conversion_lift_upper);
  assert.equal(welcome.conversion_significant, true);
  assert.ok(welcome.revenue_lift_lower <= 1 && 1 <= (welcome.revenue_lift_upper ?? Infinity));

  const banner = row('returning-banner');
  assert.ok(banner.control_visitors > 0 && banner.treatment_visitors > 2 * banner.control_visitors);
  assert.equal(banner.srm_flagged, false);
  assert.ok(banner.treatment_bounce_rate < row('product-tips').treatment_bounce_rate, 'returning visitors bounce less');

  assert.equal(row('product-tips').srm_flagged, true, 'losing 30% of the treatment\'s exposures is flagged');
});

test('simulate-traffic sends to the demo collector; report --db reads it back', async () => {
  const db = join(dir, 'shop.duckdb');
  const server = createDemoServer({ db, couponSecret: 'test-secret' });
  await new Promise((resolve) => server.listen(0, '127.0.0.1', resolve));
  const run = (args) => new Promise((resolve) => {
    execFile(process.execPath, [join(root, 'bin/shopkeeper.mjs'), ...args], (error, stdout, stderr) =>
      resolve({ code: error ? error.code : 0, stdout, stderr }));
  });
  const sim = await run(['simulate-traffic', '--rules', rulesFile, '--visitors', '150', '--seed', '7', '--lift', 'welcome=1.2',
    '--endpoint', `http://127.0.0.1:${server.address().port}/v1/batch`]);
  assert.equal(sim.code, 0, sim.stderr);
  const summary = JSON.parse(sim.stderr);
  assert.equal(summary.visitors, 150);
  assert.equal(server.demo.collector.stats.duplicates, 0);
  await new Promise((resolve) => server.close(resolve));
  await server.demo.db.close();
  const report = await run(['report', '--db', db, '--rules', rulesFile]);
  assert.equal(report.code, 0, report.stderr);
  assert.match(report.stdout, /## welcome/);
  const exposed = summary.exposures.welcome.control + summary.exposures.welcome.treatment;
  assert.ok(exposed >= 150, `${exposed} welcome exposures`);
});

test('--lose-exposures, repeated for the two groups of one campaign, drops each group\'s share', async () => {
  const out = join(dir, 'lost.ndjson');
  const res = await new Promise((resolve) => {
    execFile(process.execPath, [join(root, 'bin/shopkeeper.mjs'), 'simulate-traffic', '--rules', rulesFile, '--visitors', '100',
      '--lose-exposures', 'welcome:control=100', '--lose-exposures', 'welcome:treatment=0', '--out', out],
    (error, stdout, stderr) => resolve({ code: error ? error.code : 0, stderr }));
  });
  assert.equal(res.code, 0, res.stderr);
  const summary = JSON.parse(res.stderr);
  const welcome = readFileSync(out, 'utf8').trim().split('\n').map((l) => JSON.parse(l))
    .filter((m) => m.event === 'Experiment Viewed' && m.properties.experiment_id === 'welcome');
  assert.ok(summary.exposures.welcome.control > 0 && summary.exposures.welcome.treatment > 0);
  assert.equal(summary.lostExposures, summary.exposures.welcome.control);
  assert.deepEqual([...new Set(welcome.map((m) => m.properties.variation_id))], ['treatment']);
  assert.equal(welcome.length, summary.exposures.welcome.treatment);
});

test('a --days that is not above 0 is a usage error that says so', async () => {
  const res = await new Promise((resolve) => {
    execFile(process.execPath, [join(root, 'bin/shopkeeper.mjs'), 'simulate-traffic', '--rules', rulesFile, '--days', '0'],
      (error, stdout, stderr) => resolve({ code: error ? error.code : 0, stderr }));
  });
  assert.equal(res.code, 2);
  assert.match(res.stderr, /^shopkeeper simulate-traffic: --days must be a number above 0, not "0"\n/);
});

test('--out that cannot be written is a one-line error', async () => {
  const run = (args) => new Promise((resolve) => {
    execFile(process.execPath, [join(root, 'bin/shopkeeper.mjs'), 'simulate-traffic', '--rules', rulesFile, '--visitors', '5', ...args],
      (error, stdout, stderr) => resolve({ code: error ? error.code : 0, stderr }));
  });
  const missing = join(dir, 'missing', 'x.ndjson');
  assert.deepEqual(await run(['--out', missing]),
    { code: 1, stderr: `shopkeeper simulate-traffic: ENOENT: no such file or directory, open '${missing}'\n` });
  assert.deepEqual(await run(['--out', dir]), { code: 1, stderr: `shopkeeper simulate-traffic: EISDIR: illegal operation on a directory, open '${dir}'\n` });
});

test('a reader of stdout that stops early (| head) ends it quietly, with exit 0', async () => {
  const child = spawn(process.execPath, [join(root, 'bin/shopkeeper.mjs'), 'simulate-traffic', '--rules', rulesFile, '--visitors', '5000']);
  let stderr = '';
  child.stderr.on('data', (chunk) => { stderr += chunk; });
  child.stdout.once('data', () => child.stdout.destroy()); // as head does once it has its lines
  const [code] = await once(child, 'close');
  assert.equal(stderr, '');
  assert.equal(code, 0);
});
