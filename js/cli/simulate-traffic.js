// `shopkeeper simulate-traffic`: synthetic visitors through the real engine, as Segment messages.

import { open } from 'node:fs/promises';
import { once } from 'node:events';
import { simulateTraffic } from '../simulate/traffic.js';
import { readJsonFile, readRulesFile } from './json-position.js';
import { numberOption, parseOptions, usageError } from './options.js';

export const summary = 'synthetic visitors of four kinds through the engine, with planted lifts (NDJSON)';

export const usage = `usage: shopkeeper simulate-traffic --rules FILE [options]

  --rules FILE          the rules document (campaigns with a holdout)
  --visitors N          how many visitors (default 1000)
  --seed N              of everything random, visitor ids included (default 1)
  --lift ID=X           multiply the order chance of campaign ID's treatment group by X (repeatable)
  --lose-exposures ID:GROUP=PERCENT
                        drop that percent of the group's "Experiment Viewed" messages: a broken
                        split on purpose, which the report must flag (repeatable)
  --days N              over how many days visitors arrive (default 14)
  --start ISO           when the first one arrives (default 2026-11-02T00:00:00Z)
  --catalog FILE        a catalog { categories: [{ slug }], products: [{ id, category, price }] }
  --out FILE            write NDJSON there (default: stdout)
  --endpoint URL        POST the messages to a collector's batch URL instead
A summary goes to stderr.
`;

const OPTIONS = {
  rules: { type: 'string' }, visitors: { type: 'string' }, seed: { type: 'string' }, lift: { type: 'string', multiple: true },
  'lose-exposures': { type: 'string', multiple: true }, days: { type: 'string' }, start: { type: 'string' },
  catalog: { type: 'string' }, out: { type: 'string' }, endpoint: { type: 'string' },
};

/** The messages of one request to a collector: well under the demo collector's 1000 and 512 KB. */
const BATCH = 400;

function parseLifts(list = []) {
  const lifts = {};
  for (const text of list) {
    const match = /^(.+)=(\d+(?:\.\d+)?)$/.exec(text);
    if (!match || !(Number(match[2]) > 0)) throw usageError(`--lift takes campaign=multiplier (above 0), not "${text}"`);
    lifts[match[1]] = Number(match[2]);
  }
  return lifts;
}

function parseLosses(list = []) {
  const losses = {};
  for (const text of list) {
    const match = /^(.+):(control|treatment)=(\d+(?:\.\d+)?)%?$/.exec(text);
    if (!match || !(Number(match[3]) <= 100)) {
      throw usageError(`--lose-exposures takes campaign:control=percent or campaign:treatment=percent, not "${text}"`);
    }
    losses[match[1]] = { ...losses[match[1]], [match[2]]: Number(match[3]) / 100 }; // each group of a campaign its own
  }
  return losses;
}

/** Where messages go: NDJSON lines on a stream, or batches POSTed to a collector. */
async function createSink(values, io) {
  if (values.endpoint) {
    const pending = [];
    const post = async () => {
      const batch = pending.splice(0);
      if (!batch.length) return;
      const res = await fetch(values.endpoint, { method: 'POST', headers: { 'Content-Type': 'application/json' },
        body: JSON.stringify({ batch, sentAt: new Date().toISOString() }) });
      if (!res.ok) throw new Error(`the collector at ${values.endpoint} answered ${res.status}: ${await res.text()}`);
    };
    return {
      emit: async (message) => {
        pending.push(message);
        if (pending.length >= BATCH) await post();
      },
      close: post,
    };
  }
  // Opened first: a file that cannot be written is an error before the simulation, not an 'error' event.
  const stream = values.out ? (await open(values.out, 'w')).createWriteStream() : io.stdout;
  let failed = null;
  stream.on('error', (error) => {
    failed = error;
  });
  return {
    emit: async (message) => {
      if (failed) throw failed;
      if (!stream.write(`${JSON.stringify(message)}\n`)) await once(stream, 'drain');
    },
    close: () => (values.out ? new Promise((resolve, reject) => stream.end((error) => (error ? reject(error) : resolve()))) : undefined),
  };
}

/** Runs the command; resolves to the exit code. */
export async function run(args, io) {
  const values = parseOptions(args, OPTIONS);
  if (values.help) {
    io.stdout.write(usage);
    return 0;
  }
  if (!values.rules) throw usageError('--rules FILE is required');
  if (values.out && values.endpoint) throw usageError('give --out or --endpoint, not both');
  const start = values.start === undefined ? undefined : Date.parse(values.start);
  if (Number.isNaN(start)) throw usageError(`--start must be an ISO date, not "${values.start}"`);
  const options = {
    rules: await readRulesFile(values.rules),
    visitors: numberOption(values, 'visitors', 1000, { min: 1, max: 10000000, integer: true, inclusive: true }),
    seed: numberOption(values, 'seed', 1, { min: 0, max: 4294967295, integer: true, inclusive: true }),
    days: numberOption(values, 'days', 14, { min: 0 }),
    lifts: parseLifts(values.lift),
    loseExposures: parseLosses(values['lose-exposures']),
    start,
  };
  if (values.catalog) options.catalog = JSON.parse(await readJsonFile(values.catalog, 'catalog'));
  const sink = await createSink(values, io);
  let result;
  try {
    result = await simulateTraffic({ ...options, emit: sink.emit });
    await sink.close();
  } catch (error) {
    if (error.code === 'EPIPE' && !values.out && !values.endpoint) return 0; // stdout's reader stopped reading (| head)
    throw error;
  }
  io.stderr.write(`${JSON.stringify(result, null, 2)}\n`);
  return 0;
}
