// npm run bench:size — raw, gzip and brotli bytes of every built artefact, what a page loads
// before its first decision, and the peers a shop would otherwise combine. KB = 1000 bytes.
// Run after `npm run build`.

import { existsSync } from 'node:fs';
import { ROOT, sizeBudget, sizesOf } from './sizes.mjs';

// Brotli sizes of the script tags a shop would otherwise combine for the same job, as published
// by their projects: GrowthBook's auto script (experiments, targeting) and Segment's analytics.js (events).
const PEERS = [['GrowthBook script tag', 16200], ['Segment analytics.js', 27400]];

const kb = (n) => `${(n / 1000).toFixed(1)} KB`;
const row = (cells) => `${cells[0].padEnd(50)}${cells.slice(1).map((c) => String(c).padStart(11)).join('')}`;

const budget = sizeBudget();
const artefacts = Object.keys(budget.artefacts);
const glue = 'build/wasm/dist/shopkeeper.js';
const sizes = Object.fromEntries([...artefacts, glue].filter((f) => existsSync(new URL(f, ROOT))).map((f) => [f, sizesOf(f)]));

console.log(row(['artefact', 'raw', 'gzip', 'brotli', 'budget']));
for (const file of artefacts) {
  const s = sizes[file];
  console.log(row([file, s ? kb(s.raw) : 'missing', s ? kb(s.gzip) : '', s ? kb(s.brotli) : '', kb(budget.artefacts[file])]));
}

const first = budget.firstDecision.files.map((f) => sizes[f]);
const total = (key) => first.reduce((sum, s) => sum + s[key], 0);
const peers = PEERS.reduce((sum, [, n]) => sum + n, 0);
console.log('');
const names = budget.firstDecision.files.map((f) => f.split('/').pop()).join(' + ');
console.log(row([`first decision (${names})`, kb(total('raw')), kb(total('gzip')), kb(total('brotli')), kb(budget.firstDecision.brotli)]));
for (const [name, n] of PEERS) console.log(row([`  peer: ${name}`, '', '', kb(n), '']));
console.log(row(['  peers combined', '', '', kb(peers), '']));

const wasm = sizes['dist/shopkeeper.wasm'].brotli;
const script = sizes['dist/shopkeeper.js'].brotli;
const glueBrotli = sizes[glue] ? sizes[glue].brotli : 0;
console.log(`
Shopkeeper's first decision costs ${kb(total('brotli'))} brotli, ${(total('brotli') / peers).toFixed(2)}x the ${kb(peers)} of the two
peers combined (lower is better). What bounds it: the wasm engine, ${kb(wasm)} (${Math.round((100 * wasm) / total('brotli'))}%): the
core's features as compiled code (rules and their checks, conditions and their regex engine, the profile and its
merge, campaigns, ranking, arrival and location), libc++ containers, and data (time zones, known sites, Unicode
case tables, messages). The script is ${kb(script)}, of which the Emscripten glue is about ${kb(glueBrotli)} and the
JS layer (storage, the event queue, page facts, grid ordering, the facade) the rest. After the first decision
the page fetches the sender of events, route watching and geolocation (${kb(sizes['dist/shopkeeper.later.js'].brotli)}), and when a campaign
shows, the presenter and its renderers (${kb(sizes['dist/shopkeeper.ui.js'].brotli)}); the debug overlay (${kb(sizes['dist/shopkeeper.debug.js'].brotli)}) only when
asked for. The single-file build inlines the wasm gzipped in base64 (${kb(sizes['dist/shopkeeper.single.js'].brotli)}), for shops that cannot
host a second file.`);
