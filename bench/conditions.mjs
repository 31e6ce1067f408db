// Targeting conditions: 40 realistic audiences against a realistic visitor context, in node, side by
// side with @growthbook/growthbook (evalCondition), sift, mingo and json-logic-js. Every peer's answers
// are checked against GrowthBook's (whose semantics Shopkeeper follows) before anything is timed; a
// condition a peer cannot express, or answers differently, is left out of that peer's figures and named.
// Prints figures; asserts nothing. Run with `npm run bench:conditions` (after a build).
//
// Shopkeeper runs the compiled fast path: engine.compileConditions() once, then one boundary crossing
// per evaluation of the whole set. Steady state is timed with the context held by the engine
// (ConditionSet.evaluateHeld(), as decide() evaluates audiences against the context it built), and
// also with the attributes sent as JSON on every call (ConditionSet.evaluate(attributes)).
// First evaluation: in a fresh node process per sample, the engine or library loaded but never run;
// it times compiling (where a library compiles) and one evaluation of every condition (Shopkeeper:
// compileConditions + evaluate(attributes), the attributes crossing once).

import { execFileSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import * as growthbook from '@growthbook/growthbook';
import jsonLogic from 'json-logic-js';
import { Query } from 'mingo';
import sift from 'sift';
import { loadEngine } from 'shopkeeper';
import { conditions, context, savedGroups } from './conditions-data.mjs';
import { toJsonLogic, Unsupported } from './json-logic.mjs';
import { formatNs, median, nsPerCallInterleaved, printTable } from './measure.mjs';

/**
 * Each peer: `prepare(conditions)` compiles what it can and returns evaluate(context) → one boolean
 * per condition; `supports(condition)` says whether it can express it (throwing is "no").
 */
const PEERS = {
  shopkeeper: {
    label: 'Shopkeeper ConditionSet (wasm)',
    async load() {
      const engine = await loadEngine();
      return (list) => {
        const set = engine.compileConditions(list);
        if (set.errors.length) throw new Error(JSON.stringify(set.errors));
        const evaluate = (data) => set.evaluate(data, savedGroups);
        evaluate.held = () => set.evaluateHeld();
        return evaluate;
      };
    },
  },
  growthbook: {
    label: '@growthbook/growthbook evalCondition',
    async load() {
      return (list) => (data) => list.map((c) => growthbook.evalCondition(data, c, savedGroups));
    },
  },
  sift: {
    label: 'sift',
    async load() {
      return (list) => {
        const tests = list.map((c) => sift(c));
        return (data) => tests.map((t) => t(data));
      };
    },
  },
  mingo: {
    label: 'mingo',
    async load() {
      return (list) => {
        const queries = list.map((c) => new Query(c));
        return (data) => queries.map((q) => q.test(data));
      };
    },
  },
  jsonLogic: {
    label: 'json-logic-js (translated)',
    async load() {
      return (list) => {
        const rules = list.map((c) => toJsonLogic(c, context, savedGroups));
        return (data) => rules.map((r) => Boolean(jsonLogic.apply(r, data)));
      };
    },
  },
};

/** In a child process: the first evaluation of `indices` by `peer`, in ns, printed as JSON. */
async function firstEvaluation(peer, indices) {
  const prepare = await PEERS[peer].load();
  const list = indices.map((i) => conditions[i]);
  const start = process.hrtime.bigint();
  const results = prepare(list)(context);
  const ns = Number(process.hrtime.bigint() - start);
  process.stdout.write(JSON.stringify({ ns, trues: results.filter(Boolean).length }));
}

/**
 * Median first-evaluation ns of each peer over `indices`, the fresh processes of the peers
 * alternating; `nodeFlags` go to those processes.
 */
function firstEvaluationSamples(peers, indices, { samples = 9, nodeFlags = [] } = {}) {
  const script = fileURLToPath(import.meta.url);
  const runs = peers.map(() => []);
  for (let i = 0; i < samples; i++) {
    peers.forEach((peer, k) => {
      const args = [...nodeFlags, script, '--first', peer, indices.join(',')];
      runs[k].push(JSON.parse(execFileSync(process.execPath, args, { encoding: 'utf8' })).ns);
    });
  }
  return runs.map(median);
}

/** Which conditions `peer` can express and answers as GrowthBook does; the others with the reason. */
function coverage(prepare, expected) {
  const supported = [];
  const left = [];
  conditions.forEach((c, i) => {
    let answer;
    try {
      answer = prepare([c])(context)[0];
    } catch (error) {
      left.push(`#${i + 1} ${error instanceof Unsupported ? `cannot express ${error.message}` : `refused: ${error.message.split('\n')[0]}`}`);
      return;
    }
    if (answer === expected[i]) supported.push(i);
    else left.push(`#${i + 1} answers ${answer}, GrowthBook ${expected[i]}`);
  });
  return { supported, left };
}

async function main() {
  const expected = conditions.map((c) => growthbook.evalCondition(context, c, savedGroups));
  const prepared = {};
  for (const [name, peer] of Object.entries(PEERS)) prepared[name] = await peer.load();

  // Shopkeeper must give GrowthBook's answer on every condition, or nothing below means anything.
  const ours = prepared.shopkeeper(conditions)(context);
  const wrong = conditions.map((_, i) => i).filter((i) => ours[i] !== expected[i]);
  if (wrong.length) {
    console.error(`Shopkeeper differs from GrowthBook on conditions ${wrong.map((i) => `#${i + 1}`).join(', ')}`);
    process.exit(1);
  }

  const all = conditions.map((_, i) => i);
  /** The evaluation of `indices` by `name`; Shopkeeper's against the context it holds unless `sent`. */
  const evaluation = (name, indices, sent = false) => {
    const evaluate = prepared[name](indices.map((i) => conditions[i]));
    evaluate(context);
    return name === 'shopkeeper' && !sent ? evaluate.held : () => evaluate(context);
  };
  /** Steady and first ns per condition of Shopkeeper and `name` on the same conditions, measured alternately. */
  const compare = (name, indices) => {
    const [ours, peer] = nsPerCallInterleaved([evaluation('shopkeeper', indices), evaluation(name, indices)]);
    const [oursFirst, peerFirst] = firstEvaluationSamples(['shopkeeper', name], indices);
    const n = indices.length;
    return { ours: { steady: ours / n, first: oursFirst / n }, peer: { steady: peer / n, first: peerFirst / n } };
  };

  const [held, sent] = nsPerCallInterleaved([evaluation('shopkeeper', all), evaluation('shopkeeper', all, true)])
    .map((ns) => ns / all.length);
  const rows = [['peer (conditions it runs)', 'steady ns/cond', 'Shopkeeper same set', 'peer ÷ Shopkeeper',
    'first ns/cond', 'Shopkeeper same set', 'peer ÷ Shopkeeper']];
  rows.push(['Shopkeeper, all 40, context held', held.toFixed(0), '', '', '', '', '']);
  rows.push(['Shopkeeper, all 40, attributes sent each call', sent.toFixed(0), '', '', '', '', '']);
  const notes = [];
  for (const name of ['growthbook', 'sift', 'mingo', 'jsonLogic']) {
    const { supported, left } = name === 'growthbook' ? { supported: all, left: [] } : coverage(prepared[name], expected);
    if (left.length) notes.push(`${PEERS[name].label}: left out ${left.length}: ${left.join('; ')}`);
    const { ours, peer } = compare(name, supported);
    rows.push([`${PEERS[name].label} (${supported.length})`, peer.steady.toFixed(0), ours.steady.toFixed(0),
      `${(peer.steady / ours.steady).toFixed(2)}×`, peer.first.toFixed(0), ours.first.toFixed(0),
      `${(peer.first / ours.first).toFixed(2)}×`]);
  }

  // Where the time goes: the one condition that walks the 200 view events, and the attributes
  // crossing the boundary as JSON when they are sent on every call.
  const heaviest = conditions.findIndex((c) => c.views);
  // What bounds the first evaluation: V8 tiering the wasm up while it runs; its baseline compiler alone is faster here.
  const [baselineFirst] = firstEvaluationSamples(['shopkeeper'], all, { nodeFlags: ['--liftoff-only'] }).map((ns) => ns / all.length);
  const [walkOurs, walkGrowthbook, stringify] = nsPerCallInterleaved([evaluation('shopkeeper', [heaviest]),
    evaluation('growthbook', [heaviest]), () => JSON.stringify(context)]);
  const attributesJson = JSON.stringify(context);

  console.log(`Conditions benchmark (node ${process.versions.node}): ${conditions.length} conditions, ` +
    `a context of ${attributesJson.length} bytes as JSON (${context.views.length} view events), ` +
    `${expected.filter(Boolean).length} conditions true. Answers checked against GrowthBook first: identical on all ${conditions.length}.\n`);
  printTable(rows);
  console.log(`\nsteady: median of 9 rounds after warm-up, Shopkeeper's and the peer's rounds alternating; first: median of 9 ` +
    `fresh processes each, alternating, compile + one evaluation.`);
  console.log(`Shopkeeper's steady pass of all 40 against the held context: ${formatNs(held * 40)}. With the attributes ` +
    `sent each call: ${formatNs(sent * 40)}, of which JSON.stringify in JS is ${formatNs(stringify)} and parsing ` +
    `${attributesJson.length} bytes in wasm nearly all the rest. "peer ÷ Shopkeeper" above 1 means Shopkeeper is faster.`);
  console.log(`Shopkeeper's first evaluation with V8's baseline wasm compiler only (node --liftoff-only): ` +
    `${formatNs(baselineFirst)} per condition; by default V8 also compiles the hot functions again, optimized, ` +
    `during that first run (compiling the conditions and parsing the ${attributesJson.length} bytes of attributes).`);
  console.log(`The $elemMatch over the ${context.views.length} view events (#${heaviest + 1}) alone: Shopkeeper ${formatNs(walkOurs)}, ` +
    `GrowthBook ${formatNs(walkGrowthbook)}.`);
  for (const note of notes) console.log(`- ${note}`);
}

if (process.argv[2] === '--first') await firstEvaluation(process.argv[3], process.argv[4].split(',').map(Number));
else await main();
