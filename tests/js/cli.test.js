// The rule writers' commands, run as a user runs them: `shopkeeper validate` and
// `shopkeeper simulate` as child processes, checked by exit code and output.

import { after, test } from 'node:test';
import assert from 'node:assert/strict';
import { execFile, spawn } from 'node:child_process';
import { mkdtempSync, readdirSync, rmSync, truncateSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = fileURLToPath(new URL('../../', import.meta.url));
const bin = join(root, 'bin/shopkeeper.mjs');
const welcome = join(root, 'rules/welcome.json');
const dir = mkdtempSync(join(tmpdir(), 'shopkeeper-cli-'));
after(() => rmSync(dir, { recursive: true, force: true }));

/** Runs `shopkeeper ...args`: { code, stdout, stderr }. */
function shopkeeper(...args) {
  return new Promise((resolve) => {
    execFile(process.execPath, [bin, ...args], { cwd: dir }, (error, stdout, stderr) => {
      resolve({ code: error ? error.code : 0, stdout, stderr });
    });
  });
}

/** Writes `content` (text, or an object as JSON) to a file in the temp folder; returns its path. */
function file(name, content) {
  const path = join(dir, name);
  writeFileSync(path, typeof content === 'string' ? content : JSON.stringify(content));
  return path;
}

const T0 = Date.parse('2026-11-20T10:00:00Z');
const iso = (ms) => new Date(ms).toISOString();

test('validate: every rules file of the repository is valid', async () => {
  const files = readdirSync(join(root, 'rules')).filter((f) => f.endsWith('.json') && f !== 'schema.json');
  const res = await shopkeeper('validate', ...files.map((f) => join(root, 'rules', f)));
  assert.equal(res.code, 0, res.stdout + res.stderr);
  assert.equal(res.stdout.trim().split('\n').filter((l) => / valid, \d+ campaigns?$/.test(l)).length, files.length);
});

test('validate: each problem with its JSON path, and exit 1', async () => {
  const bad = file('bad.json', { version: 1, campaigns: [{ id: 'x', action: { type: 'modal' } }] });
  const broken = file('broken.json', '{ "version": 1, "campaigns": [');
  const res = await shopkeeper('validate', bad, broken, welcome, join(dir, 'missing.json'));
  assert.equal(res.code, 1);
  const lines = res.stdout.split('\n');
  assert.equal(lines[0], `${bad}: 1 error`);
  assert.match(lines[1], /^ {2}\/campaigns\/0\/action\/title: .*title.* \[\w+\]$/);
  assert.equal(lines[2], `${broken}: 1 error`);
  assert.match(lines[3], /\[invalid_json\]$/);
  assert.equal(lines[4], `${welcome}: valid, 1 campaign`);
  assert.match(lines[6], /ENOENT.*\[unreadable\]$/);
});

test('validate: what JSON.parse takes and the engine refuses is named with its line and column', async () => {
  const surrogate = file('surrogate.json', '{ "version": 1,\n  "campaigns": [], "x": "a\\ud800b" }');
  const huge = file('huge.json', '{ "version": 1,\n  "campaigns": [], "x": [1, 1e400] }');
  const res = await shopkeeper('validate', surrogate, huge);
  assert.equal(res.code, 1);
  assert.deepEqual(res.stdout.trim().split('\n'), [
    `${surrogate}: 1 error`, '  /: line 2, column 27: \\ud800 is half of a surrogate pair [invalid_json]',
    `${huge}: 1 error`, '  /: line 2, column 29: 1e400 is beyond the largest number [invalid_json]',
  ]);
});

test('every JSON syntax error names its line and column, also where JSON.parse does not say where', async () => {
  const trailing = file('trailing.json', '{\n  "version": 1,\n  "campaigns": [\n    {"id": "a"},\n  ]\n}\n');
  const truncated = file('truncated.json', '{\n  "version": 1,\n  "campaigns": [');
  const literal = file('literal.json', '{ "version": 1, "campaigns": [], "x": nul }');
  const res = await shopkeeper('validate', trailing, truncated, literal);
  assert.equal(res.code, 1);
  const lines = res.stdout.trim().split('\n');
  assert.match(lines[1], /^ {2}\/: line 5, column 3: .+ \[invalid_json\]$/);
  assert.match(lines[3], /^ {2}\/: line 3, column 17: .+ \[invalid_json\]$/);
  assert.match(lines[5], /^ {2}\/: line 1, column 42: .+ \[invalid_json\]$/);
  const sim = await shopkeeper('simulate', trailing);
  assert.equal(sim.code, 1);
  assert.match(sim.stderr, /the rules \S*trailing\.json is not JSON: line 5, column 3: /);
  const events = await shopkeeper('simulate', welcome, '--events', file('trailing.ndjson', '{"event": "x"}\n{"event": "x",}\n'));
  assert.match(events.stderr, /trailing\.ndjson:2: not JSON: line 1, column 15: /);
});

test('a byte order mark at the start of a rules, profile or events file is no error', async () => {
  const bom = '\ufeff';
  const rules = file('bom-rules.json', `${bom}${JSON.stringify({ version: 1, campaigns: [] })}`);
  const res = await shopkeeper('validate', rules);
  assert.equal(res.code, 0, res.stdout);
  assert.equal(res.stdout, `${rules}: valid, 0 campaigns\n`);
  const first = JSON.parse((await shopkeeper('simulate', welcome, '--now', iso(T0), '--json')).stdout);
  const profile = file('bom-profile.json', `${bom}${JSON.stringify(first.profile)}`);
  const events = file('bom-events.ndjson', `${bom}${JSON.stringify({ type: 'page', properties: { url: 'https://shop.example/' } })}\n`);
  const sim = await shopkeeper('simulate', rules, '--visitor', profile, '--events', events, '--now', iso(T0 + 3600e3), '--json');
  assert.equal(sim.code, 0, sim.stderr);
  const answer = JSON.parse(sim.stdout);
  assert.equal(answer.visitor.id, first.visitor.id);
  assert.equal(answer.session.pageViews, 2);
});

test('validate: a file above the engine\'s 1 MiB is refused by its size, without reading it', async () => {
  const above = file('above.json', `{ "version": 1, "campaigns": [], "x": "${'a'.repeat((1 << 20) - 40)}" }`.padEnd((1 << 20) + 1));
  const huge = file('huge.json', '');
  truncateSync(huge, 3 * 2 ** 30); // sparse, and beyond what readFile reads at all
  const res = await shopkeeper('validate', above, huge);
  assert.equal(res.code, 1);
  assert.equal(res.stdout, `${above}: 1 error\n  /: the rules document exceeds 1 MiB [document_too_large]\n`
    + `${huge}: 1 error\n  /: the rules document exceeds 1 MiB [document_too_large]\n`);
});

test('validate: a whole number written as 1.0 is an integer; 1.5 is not', async () => {
  const rules = (n) => `{ "version": 1, "campaigns": [{ "id": "x", "priority": ${n}, "trigger": { "type": "scrollDepth", "percent": 5${n.slice(1)} },
    "action": { "type": "modal", "title": "Hi" } }] }`;
  const whole = file('whole.json', rules('1.0'));
  const ok = await shopkeeper('validate', whole);
  assert.equal(ok.code, 0, ok.stdout);
  assert.equal(ok.stdout, `${whole}: valid, 1 campaign\n`);
  const half = file('half.json', rules('1.5'));
  const res = await shopkeeper('validate', half);
  assert.equal(res.code, 1);
  assert.equal(res.stdout, `${half}: 2 errors\n`
    + '  /campaigns/0/priority: priority must be an integer from -1000000 to 1000000 [invalid_number]\n'
    + '  /campaigns/0/trigger/percent: percent must be an integer from 1 to 100 [invalid_number]\n');
});

test('validate: a misspelt time zone is an error, not schedules in UTC', async () => {
  const zone = (timeZone) => file(`zone-${timeZone.replace('/', '-')}.json`, { version: 1, settings: { timeZone }, campaigns: [] });
  const dublin = zone('Europe/Dublin');
  assert.equal((await shopkeeper('validate', dublin)).code, 0);
  const typo = zone('Europe/Dubln');
  const res = await shopkeeper('validate', typo);
  assert.equal(res.code, 1);
  assert.equal(res.stdout, `${typo}: 1 error\n`
    + '  /settings/timeZone: timeZone "Europe/Dubln" is not an IANA time zone name such as Europe/Dublin [unknown_time_zone]\n');
});

test('validate: a misspelt key below a context root, in an audience or a template, is an error', async () => {
  const typos = file('typos.json', { version: 1, campaigns: [{ id: 'x',
    audience: { 'visitor.isNwe': true, 'cart.vaule': { $gt: 100 }, 'interests.categories.boots': { $gt: 1 } },
    action: { type: 'modal', title: 'Hi {{visitor.nmae|there}}', body: '{{context.custom.greeting}}' } }] });
  const res = await shopkeeper('validate', typos);
  assert.equal(res.code, 1);
  const visitorKeys = 'id, isNew, visitCount, firstSeen, lastSeen, daysSinceLastVisit, emailCaptured, orders, totalSpent';
  assert.equal(res.stdout, `${typos}: 3 errors\n`
    + '  /campaigns/0/audience/cart.vaule: "cart.vaule" is not in the context: cart has items, count, value, removed, '
    + 'checkoutStarted, abandoned [unknown_context_key]\n'
    + `  /campaigns/0/audience/visitor.isNwe: "visitor.isNwe" is not in the context: visitor has ${visitorKeys} [unknown_context_key]\n`
    + `  /campaigns/0/action/title: "visitor.nmae" is not in the context: visitor has ${visitorKeys} [unknown_context_key]\n`);
});

test('validate --json: one object per file', async () => {
  const bad = file('bad.json', { version: 1, campaigns: [{ id: 'x', action: { type: 'modal' } }] });
  const res = await shopkeeper('validate', '--json', welcome, bad);
  assert.equal(res.code, 1);
  const [ok, notOk] = res.stdout.trim().split('\n').map((l) => JSON.parse(l));
  assert.deepEqual(ok, { file: welcome, ok: true, campaigns: 1 });
  assert.equal(notOk.ok, false);
  assert.equal(notOk.errors[0].path, '/campaigns/0/action/title');
});

test('a call without a file, with an unknown option or a --now that is no time is a usage error (exit 2)', async () => {
  // --now is checked before any file is read: the events file here does not exist.
  for (const args of [['validate'], ['validate', '--nope', welcome], ['simulate'], ['simulate', welcome, '--visits', '3'],
    ['simulate', welcome, '--events', 'missing.ndjson', '--now', 'yesterday']]) {
    const res = await shopkeeper(...args);
    assert.equal(res.code, 2, args.join(' '));
    assert.match(res.stderr, /--help/);
  }
  assert.match((await shopkeeper('simulate', welcome, '--now', 'yesterday')).stderr, /--now: "yesterday" is not an ISO 8601 time\n/);
  const help = await shopkeeper('simulate', '--help');
  assert.equal(help.code, 0);
  assert.match(help.stdout, /--events FILE/);
});

test('simulate: a first-time visitor sees the welcome popup, and why', async () => {
  const res = await shopkeeper('simulate', welcome, '--url', 'https://shop.example/?utm_source=news&utm_medium=email');
  assert.equal(res.code, 0, res.stderr);
  assert.match(res.stdout, /: new, visit 1, session page view 1\n/);
  assert.match(res.stdout, /Arrived by: email \/ news\n/);
  assert.match(res.stdout, /Shows:\n {2}welcome \(modal on pageView\) "Welcome to Timberline Outfitters"\n {4}because /);
});

test('simulate --events: a dismissal replayed from events keeps the popup away, with the reason', async () => {
  const events = file('events.ndjson', [
    { type: 'page', properties: { url: 'https://shop.example/' }, timestamp: iso(T0) },
    { type: 'identify', traits: { email: 'a@example.com' }, timestamp: iso(T0) },
    { type: 'track', event: 'Promotion Dismissed', properties: { promotion_id: 'welcome' }, timestamp: iso(T0 + 60e3) },
    '',
  ].map((e) => (e ? JSON.stringify(e) : e)).join('\n'));
  const res = await shopkeeper('simulate', welcome, '--events', events, '--now', iso(T0 + 120e3), '--json');
  assert.equal(res.code, 0, res.stderr);
  const answer = JSON.parse(res.stdout);
  assert.deepEqual(answer.decisions, []);
  assert.deepEqual(answer.skipped.map((s) => [s.campaign, s.reason]), [['welcome', 'dismissed']]);
  assert.equal(answer.session.pageViews, 2);
  const text = await shopkeeper('simulate', welcome, '--events', events, '--now', iso(T0 + 120e3));
  assert.match(text.stdout, /Shows nothing\.\n\nNot shown:\n {2}welcome: dismissed/);
});

test('simulate: page views replayed from the SDK\'s page messages, and the page simulated, keep what the page showed', async () => {
  const rules = file('product-rules.json', { version: 1, campaigns: [
    { id: 'boots-fan', audience: { 'interests.viewed': { $all: ['p07', 'p08'] }, 'interests.top': 'boots' }, action: { type: 'banner', text: 'Boots' } },
    { id: 'on-product', audience: { 'page.type': 'product', 'page.productId': 'p09' }, action: { type: 'banner', text: 'Tip' } },
  ] });
  const product = (id) => ({ product_id: id, category: 'boots', brand: 'Nordkapp' });
  const events = file('product-pages.ndjson', ['p07', 'p08'].map((id, i) => JSON.stringify({ type: 'page', timestamp: iso(T0 + i * 60e3),
    properties: { url: `https://shop.example/product/${id}`, path: `/product/${id}`, type: 'product', category: 'boots', product: product(id) } })).join('\n'));
  const res = await shopkeeper('simulate', rules, '--events', events, '--url', 'https://shop.example/product/p09',
    '--page-type', 'product', '--product', 'p09', '--category', 'boots', '--now', iso(T0 + 120e3), '--json');
  assert.equal(res.code, 0, res.stderr);
  const answer = JSON.parse(res.stdout);
  assert.deepEqual(answer.decisions.map((d) => d.campaign).sort(), ['boots-fan', 'on-product']);
  assert.deepEqual(Object.keys(answer.profile.interests.c), ['boots']);
});

test('simulate --events: an event the engine refuses is named by file, line and JSON path', async () => {
  let deep = {};
  for (let i = 0; i < 70; i += 1) deep = { a: deep };
  const events = file('refused-deep.ndjson', [{ event: 'Product Viewed', properties: { product_id: 'p1' } },
    { event: 'Product Viewed', properties: deep }].map((e) => JSON.stringify(e)).join('\n'));
  const res = await shopkeeper('simulate', welcome, '--events', events);
  assert.equal(res.code, 1);
  assert.equal(res.stderr, `shopkeeper simulate: ${events}:2: the engine refused the event: /: the request nests deeper than 64 levels\n`);
  const named = await shopkeeper('simulate', welcome, '--events', file('refused-name.ndjson', `${JSON.stringify({ event: 'x'.repeat(300) })}\n`));
  assert.match(named.stderr, /refused-name\.ndjson:1: the engine refused the event: \/name: /);
});

test('rules that are JSON but not an object get the error validate gives, not a fetch of their text', async () => {
  for (const [name, text] of [['array.json', '[]\n'], ['number.json', '5']]) {
    const rules = file(name, text);
    const validate = await shopkeeper('validate', rules);
    assert.equal(validate.stdout, `${rules}: 1 error\n  /: the rules document must be a JSON object [invalid_document]\n`);
    for (const args of [['simulate', rules], ['simulate-traffic', '--rules', rules, '--visitors', '1']]) {
      const res = await shopkeeper(...args);
      assert.equal(res.code, 1, args.join(' '));
      assert.equal(res.stderr, `shopkeeper ${args[0]}: ${rules}: the rules document must be a JSON object [invalid_document]\n`);
    }
  }
});

test('simulate --visitor: a stored profile makes a returning visitor an hour later', async () => {
  const first = JSON.parse((await shopkeeper('simulate', welcome, '--now', iso(T0), '--json')).stdout);
  const profile = file('profile.json', first.profile);
  const res = await shopkeeper('simulate', welcome, '--visitor', profile, '--now', iso(T0 + 3600e3), '--json');
  assert.equal(res.code, 0, res.stderr);
  const answer = JSON.parse(res.stdout);
  assert.equal(answer.visitor.id, first.visitor.id);
  assert.equal(answer.visitor.visitCount, 2);
  assert.deepEqual(answer.skipped.map((s) => [s.campaign, s.reason]), [['welcome', 'audience']]);
});

test('simulate --now: a date alone is local midnight, as a time without an offset is', async () => {
  const firstVisit = (now) => new Promise((resolve) => {
    execFile(process.execPath, [bin, 'simulate', welcome, '--now', now, '--json'], { cwd: dir, env: { ...process.env, TZ: 'America/New_York' } },
      (error, stdout) => resolve(JSON.parse(stdout).profile.acquisition.first.at));
  });
  assert.equal(await firstVisit('2026-11-20'), Date.parse('2026-11-20T05:00:00Z'));
  assert.equal(await firstVisit('2026-11-20T00:00'), Date.parse('2026-11-20T05:00:00Z'));
});

test('simulate: bad input is named, with exit 1', async () => {
  const events = file('bad-events.ndjson', `${JSON.stringify({ type: 'page', properties: {} })}\n{"event": \n`);
  const badLine = await shopkeeper('simulate', welcome, '--events', events);
  assert.equal(badLine.code, 1);
  assert.match(badLine.stderr, /bad-events\.ndjson:2: not JSON/);
  const noEvent = await shopkeeper('simulate', welcome, '--events', file('no-event.ndjson', '{"properties": {}}\n'));
  assert.match(noEvent.stderr, /no-event\.ndjson:1: an event needs/);
  // Event lines go to the engine as objects, so JSON.parse is their judge; a profile goes as text.
  const escaped = file('escaped.ndjson', '{"event":"Product Viewed","properties":{"product_id":"p1","name":"a\\ud800"}}\n');
  assert.equal((await shopkeeper('simulate', welcome, '--events', escaped)).code, 0);
  // The profile is read by the first event, so it is named before the second one (which the engine refuses).
  const refused = file('refused.ndjson', [{ event: 'Product Viewed', properties: { product_id: 'p1' } }, { event: 'x'.repeat(300) }]
    .map((e) => `${JSON.stringify(e)}\n`).join(''));
  const foreignFirst = await shopkeeper('simulate', welcome, '--visitor', file('foreign.json', { cart: [] }), '--events', refused);
  assert.equal(foreignFirst.code, 1);
  assert.match(foreignFirst.stderr, /^\S*foreign\.json: not a stored profile the engine can read: /);
  const foreign = await shopkeeper('simulate', welcome, '--visitor', file('foreign.json', { cart: [] }));
  assert.equal(foreign.code, 1);
  assert.match(foreign.stderr, /foreign\.json: not a stored profile the engine can read: the stored value is not a shopkeeper profile of schema version 1\.\.\d+\n$/);
  assert.equal(foreign.stdout, '');
  const corrupt = await shopkeeper('simulate', welcome, '--visitor', file('corrupt.json', { v: 1, firstSeen: 1 }));
  assert.equal(corrupt.code, 1);
  assert.match(corrupt.stderr, /corrupt\.json: not a stored profile the engine can read: the profile has no id or no session\n$/);
  const badRules = await shopkeeper('simulate', file('bad-rules.json', { version: 1, campaigns: [{ id: 'x', action: { type: 'modal' } }] }));
  assert.equal(badRules.code, 1);
  assert.match(badRules.stderr, /the rules do not load\n {2}\/campaigns\/0\/action\/title: /);
});

test('a command named like an object method is an unknown command; a reader that stops reading ends the command quietly', async () => {
  const res = await shopkeeper('toString');
  assert.equal(res.code, 2);
  assert.match(res.stderr, /^unknown command "toString"\n/);
  // As `shopkeeper simulate ... | head -c 0`: the pipe is closed before the command writes.
  const child = spawn(process.execPath, [bin, 'simulate', welcome, '--json'], { cwd: dir, stdio: ['ignore', 'pipe', 'pipe'] });
  child.stdout.destroy();
  let stderr = '';
  child.stderr.on('data', (chunk) => { stderr += chunk; });
  const code = await new Promise((resolve) => child.on('close', resolve));
  assert.deepEqual({ code, stderr }, { code: 0, stderr: '' });
});
