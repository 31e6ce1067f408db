// The npm package as users get it: `npm pack`, the tarball installed into an empty folder
// (offline: from the tarball and the npm cache), imported from node as ESM and CommonJS, its
// types compiled by tsc from consumer files, and a Vite app built with it and opened in Chromium.

import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { execFile } from 'node:child_process';
import { cpSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:http';
import { tmpdir } from 'node:os';
import { extname, join, normalize } from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { launchChromium } from './harness.js';

const run = promisify(execFile);
const root = fileURLToPath(new URL('../../', import.meta.url));
const fixtures = join(root, 'tests/package');
const pkg = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8'));

let tmp;
let app; // the user's project, with the tarball installed
let packed; // npm pack's report: { filename, files: [{ path }] }

before(async () => {
  tmp = mkdtempSync(join(tmpdir(), 'shopkeeper-pack-'));
  const { stdout } = await run('npm', ['pack', '--json', '--ignore-scripts', '--pack-destination', tmp], { cwd: root });
  [packed] = JSON.parse(stdout);
  app = join(tmp, 'app');
  cpSync(join(fixtures, 'app'), app, { recursive: true });
  cpSync(join(fixtures, 'types'), join(app, 'types'), { recursive: true });
  cpSync(join(root, 'rules/welcome.json'), join(app, 'rules.json'));
  writeFileSync(join(app, 'package.json'), JSON.stringify({ name: 'a-shop', private: true, type: 'module' }));
  await run('npm', ['install', '--offline', '--no-audit', '--no-fund', '--ignore-scripts', join(tmp, packed.filename)], { cwd: app });
});
after(() => {
  if (tmp) rmSync(tmp, { recursive: true, force: true });
});

test('the tarball holds what package.json "files" names, and nothing of the sources, tests or build', async () => {
  const { stdout } = await run('git', ['ls-files', ...pkg.files.filter((f) => f.endsWith('/'))], { cwd: root });
  const expected = ['LICENSE', 'README.md', 'package.json', ...pkg.files.filter((f) => !f.endsWith('/')), ...stdout.split('\n').filter(Boolean)];
  const shipped = packed.files.map((f) => f.path);
  assert.deepEqual([...shipped].sort(), [...expected].sort());
  assert.deepEqual(shipped.filter((p) => /^(src|build|tests|demo_site|scripts|bench|rules|node_modules)\/|\.map$|^CMake/.test(p)), []);
});

test('node imports it as an ES module and requires it as CommonJS', async () => {
  const use = (load) => `${load}
const rules = JSON.parse(require('fs').readFileSync('rules.json', 'utf8'));
sk.createShopkeeper({ rules, now: () => 1700000000000 }).then((shopkeeper) => {
  const result = shopkeeper.decide({ url: 'https://shop.example/' });
  console.log(JSON.stringify({ shown: result.decisions.map((d) => d.campaign), wasm: require.resolve('shopkeeper/shopkeeper.wasm').endsWith('dist/shopkeeper.wasm') }));
});`;
  writeFileSync(join(app, 'use.cjs'), use("const sk = require('shopkeeper');"));
  writeFileSync(join(app, 'use.mjs'), use("import * as sk from 'shopkeeper';\nimport { createRequire } from 'node:module';\nconst require = createRequire(import.meta.url);"));
  for (const file of ['use.cjs', 'use.mjs']) {
    const { stdout } = await run(process.execPath, [file], { cwd: app });
    assert.deepEqual(JSON.parse(stdout), { shown: ['welcome'], wasm: true }, file);
  }
});

test('the installed command validates a rules file', async () => {
  const { stdout } = await run(join(app, 'node_modules/.bin/shopkeeper'), ['validate', 'rules.json'], { cwd: app });
  assert.equal(stdout, 'rules.json: valid, 1 campaign\n');
});

test('the installed command reports lift from NDJSON, and asks for DuckDB only to read a database', async () => {
  const at = (minutes) => new Date(Date.UTC(2026, 10, 24, 10, minutes)).toISOString();
  const lines = ['control', 'treatment'].flatMap((group, i) => [
    { type: 'page', messageId: `p${i}`, anonymousId: `v${i}`, timestamp: at(0), properties: {} },
    { type: 'track', event: 'Experiment Viewed', messageId: `e${i}`, anonymousId: `v${i}`, timestamp: at(0),
      properties: { experiment_id: 'welcome', variation_id: group } },
  ]);
  writeFileSync(join(app, 'events.ndjson'), lines.map((m) => JSON.stringify(m)).join('\n'));
  const bin = join(app, 'node_modules/.bin/shopkeeper');
  const { stdout } = await run(bin, ['report', '--events', 'events.ndjson', '--split', 'welcome=50'], { cwd: app });
  assert.match(stdout, /## welcome\n\n\| group \| visitors[^\n]*\n[^\n]*\n\| control \| 1 \| 0\.00% \|/);
  const noDuckDB = await run(bin, ['report', '--db', 'shop.duckdb'], { cwd: app }).catch((error) => error);
  assert.equal(noDuckDB.code, 1);
  assert.match(noDuckDB.stderr, /this needs DuckDB's node client: npm install @duckdb\/node-api/);
});

test('the types compile for ES module, CommonJS and bundler consumers', async () => {
  const tsc = join(root, 'node_modules/.bin/tsc');
  for (const config of ['tsconfig.json', 'tsconfig.bundler.json']) {
    const res = await run(tsc, ['-p', join(app, 'types', config)], { cwd: app }).catch((error) => error);
    assert.equal(res.code ?? 0, 0, `${config}:\n${res.stdout}${res.stderr}`);
  }
});

const TYPES = { '.html': 'text/html', '.js': 'text/javascript', '.wasm': 'application/wasm', '.css': 'text/css' };

/** Serves `folder` on a free loopback port, as any static host would. */
async function serve(folder) {
  const server = createServer((req, res) => {
    const path = normalize(decodeURIComponent(new URL(req.url, 'http://x').pathname));
    const file = join(folder, path === '/' ? 'index.html' : path);
    try {
      const body = readFileSync(file);
      res.writeHead(200, { 'Content-Type': TYPES[extname(file)] || 'application/octet-stream' });
      res.end(body);
    } catch {
      res.writeHead(404);
      res.end();
    }
  });
  await new Promise((resolve) => server.listen(0, '127.0.0.1', resolve));
  return server;
}

test('a Vite app built with it decides and renders in Chromium; a page that uses none of it gets none of it', async () => {
  const { build } = await import('vite');
  const outDir = join(app, 'dist');
  await build({
    root: app, configFile: false, logLevel: 'error',
    build: { outDir, rollupOptions: { input: { main: join(app, 'index.html'), bare: join(app, 'bare.html') } } },
  });
  const assets = readdirSync(join(outDir, 'assets'));
  assert.equal(assets.filter((f) => f.endsWith('.wasm')).length, 1, `Vite emitted the wasm: ${assets}`);
  const bareScripts = [...readFileSync(join(outDir, 'bare.html'), 'utf8').matchAll(/(?:src|href)="\/(assets\/[^"]+\.js)"/g)].map((m) => m[1]);
  for (const script of bareScripts) {
    assert.ok(!readFileSync(join(outDir, script), 'utf8').includes('.wasm'), `${script} should not carry the engine`);
  }

  const server = await serve(outDir);
  const browser = await launchChromium();
  try {
    const page = await browser.newPage();
    const problems = [];
    const requested = [];
    page.on('console', (msg) => ['error', 'warning'].includes(msg.type()) && problems.push(msg.text()));
    page.on('pageerror', (error) => problems.push(error.message));
    page.on('request', (request) => requested.push(new URL(request.url()).pathname));
    await page.goto(`http://127.0.0.1:${server.address().port}/`);
    await page.locator('#result', { hasNotText: 'deciding' }).waitFor();
    assert.deepEqual(JSON.parse(await page.locator('#result').textContent()), { ok: true, shown: ['welcome'] });
    await page.getByRole('dialog', { name: 'Welcome to Timberline Outfitters' }).waitFor();
    assert.equal(requested.filter((p) => /^\/assets\/.*\.wasm$/.test(p)).length, 1);
    assert.deepEqual(problems, []);
  } finally {
    await browser.close();
    server.closeAllConnections();
    await new Promise((resolve) => server.close(resolve));
  }
});
