// `shopkeeper report` as a user runs it: the bin entry of package.json in a child process, with
// files and stdin, its outputs, and its errors (exit 2 for a wrong call, 1 for unreadable input).

import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { execFile } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { knownDataset } from './report-support.js';

const root = fileURLToPath(new URL('../../', import.meta.url));
const pkg = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8'));
const bin = join(root, pkg.bin.shopkeeper);
let dir;
let events;
let rules;
before(() => {
  dir = mkdtempSync(join(tmpdir(), 'shopkeeper-cli-'));
  events = join(dir, 'events.ndjson');
  writeFileSync(events, knownDataset());
  rules = join(dir, 'rules.json');
  writeFileSync(rules, JSON.stringify({ version: 1, campaigns: [{ id: 'welcome', holdout: { percent: 50 } },
    { id: 'banner', holdout: { percent: 10 } }] }));
});
after(() => rmSync(dir, { recursive: true, force: true }));

function shopkeeper(args, stdin) {
  return new Promise((resolve) => {
    const child = execFile(process.execPath, [bin, ...args], { cwd: dir }, (error, stdout, stderr) => {
      resolve({ code: error ? error.code : 0, stdout, stderr });
    });
    if (stdin !== undefined) child.stdin.end(stdin);
  });
}

test('report writes Markdown, HTML and JSON from an NDJSON file, splits from the rules', async () => {
  const res = await shopkeeper(['report', '--events', events, '--rules', rules, '--markdown', 'r.md', '--html', 'r.html',
    '--json', 'r.json', '--replicates', '200']);
  assert.equal(res.code, 0, res.stderr);
  assert.equal(res.stdout, '', 'nothing on stdout when files are asked for');
  const markdown = readFileSync(join(dir, 'r.md'), 'utf8');
  assert.match(markdown, /^# Shopkeeper lift report/);
  assert.match(markdown, /## welcome[\s\S]*\| treatment \| 10 \| 50\.00% \| 5 \| 40\.00 \| 20\.00 \| 60\.00% \|/);
  assert.match(markdown, /expected 10\.00% control: χ² = 44\.44, p < 0\.0001, MISMATCH/);
  assert.match(markdown, /200 replicates, seed 1/);
  const html = readFileSync(join(dir, 'r.html'), 'utf8');
  assert.match(html, /^<!doctype html>/);
  assert.match(html, /<svg [^>]*viewBox="0 0 760 /);
  const json = JSON.parse(readFileSync(join(dir, 'r.json'), 'utf8'));
  assert.deepEqual(json.settings.splits, { welcome: 0.5, banner: 0.1 });
  assert.equal(json.campaigns.find((r) => r.campaign === 'welcome').conversion_lift, 1.5);
});

test('report reads stdin with --events -, prints Markdown, and the SQL engine gives the same table', async () => {
  const js = await shopkeeper(['report', '--events', '-', '--split', 'welcome=50', '--split', 'banner=10%'], knownDataset());
  assert.equal(js.code, 0, js.stderr);
  assert.match(js.stdout, /computed in JS/);
  const sql = await shopkeeper(['report', '--events', events, '--split', 'welcome=50', '--split', 'banner=10', '--engine', 'sql']);
  assert.equal(sql.code, 0, sql.stderr);
  assert.match(sql.stdout, /computed in SQL/);
  const tables = (text) => text.split('\n').filter((l) => l.startsWith('|')).join('\n');
  assert.equal(tables(sql.stdout), tables(js.stdout));
});

test('report reads the first line and the rules of files that start with a byte order mark', async () => {
  const bom = (name, text) => {
    writeFileSync(join(dir, name), `\ufeff${text}`);
    return name;
  };
  const plain = await shopkeeper(['report', '--events', events, '--rules', rules, '--json', 'plain.json', '--replicates', '50']);
  assert.equal(plain.code, 0, plain.stderr);
  const marked = await shopkeeper(['report', '--events', bom('bom.ndjson', knownDataset()), '--rules', bom('bom-rules.json', readFileSync(rules, 'utf8')),
    '--json', 'bom.json', '--replicates', '50']);
  assert.equal(marked.code, 0, marked.stderr);
  const read = (name) => JSON.parse(readFileSync(join(dir, name), 'utf8'));
  assert.deepEqual(read('bom.json'), read('plain.json'));
});

test('report refuses a wrong call with exit 2 and unreadable input with exit 1', async () => {
  const none = await shopkeeper(['report']);
  assert.equal(none.code, 2);
  assert.match(none.stderr, /give one input: --events FILE or --db FILE[\s\S]*--help/);
  const both = await shopkeeper(['report', '--events', events, '--db', 'x.duckdb']);
  assert.equal(both.code, 2);
  assert.match((await shopkeeper(['report', '--events', events, '--split', 'welcome=150'])).stderr, /0 < percent < 100/);
  assert.match((await shopkeeper(['report', '--events', events, '--confidence', '95'])).stderr, /--confidence must be a number above 0 and below 1/);
  assert.match((await shopkeeper(['report', '--events', events, '--session-minutes', '0'])).stderr, /--session-minutes must be a number above 0, not "0"\n/);
  assert.match((await shopkeeper(['report', '--events', events, '--engine', 'r'])).stderr, /--engine must be js or sql/);
  assert.match((await shopkeeper(['report', '--events', events, '--colour'])).stderr, /Unknown option '--colour'/);
  const missing = await shopkeeper(['report', '--events', join(dir, 'missing.ndjson')]);
  assert.equal(missing.code, 1);
  assert.match(missing.stderr, /^shopkeeper report: ENOENT/);
  const noDb = await shopkeeper(['report', '--db', join(dir, 'missing.duckdb')]);
  assert.equal(noDb.code, 1);
  assert.match(noDb.stderr, /missing\.duckdb/);
  // DuckDB opens a *.json file as an in-memory database over it, and says so confusingly when read-only.
  for (const notDb of [rules, events]) {
    const res = await shopkeeper(['report', '--db', notDb]);
    assert.equal(res.code, 1);
    assert.equal(res.stderr, `shopkeeper report: ${notDb} is not a DuckDB database\n`);
  }
});

test('the dispatcher lists the commands and refuses unknown ones', async () => {
  const help = await shopkeeper(['--help']);
  assert.equal(help.code, 0);
  assert.match(help.stdout, /report {13}lift of each campaign/);
  assert.match(help.stdout, /simulate-traffic/);
  const unknown = await shopkeeper(['reprot']);
  assert.equal(unknown.code, 2);
  assert.match(unknown.stderr, /unknown command "reprot"/);
  const option = await shopkeeper(['--bogus']);
  assert.equal(option.code, 2);
  assert.equal(option.stdout, '');
  assert.match(option.stderr, /^unknown option "--bogus"\n\nusage: shopkeeper <command>/);
  const usage = await shopkeeper(['report', '--help']);
  assert.equal(usage.code, 0);
  assert.match(usage.stdout, /--session-minutes N/);
});
