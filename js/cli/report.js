// `shopkeeper report`: the lift report of campaigns with a holdout, from collected events.

import { writeFile } from 'node:fs/promises';
import { REPORT_DEFAULTS } from '../report/analyze.js';
import { toHtml } from '../report/html.js';
import { toMarkdown } from '../report/markdown.js';
import { buildReport } from '../report/report.js';
import { parseSplit, splitsFromRules } from '../report/splits.js';
import { readJsonFile } from './json-position.js';
import { numberOption, parseOptions, usageError } from './options.js';

export const summary = 'lift of each campaign with a holdout, from Segment events (Markdown, HTML)';

export const usage = `usage: shopkeeper report (--events FILE.ndjson | --db FILE.duckdb) [options]

Input (one of):
  --events FILE        NDJSON of Segment messages, one per line ("-" reads stdin)
  --db FILE            a DuckDB database with the demo collector's events table
The configured split, for the sample-ratio check:
  --rules FILE         a rules document: the holdout percent of each campaign
  --split ID=PERCENT   the percent of campaign ID in control (repeatable; overrides --rules)
Output (default: Markdown on stdout):
  --markdown FILE      write Markdown     --html FILE   write an HTML page with a chart
  --json FILE          write the rows as JSON
Computation:
  --engine js|sql      compute in JS (default) or with report.sql in DuckDB
  --confidence P       of the intervals (default ${REPORT_DEFAULTS.confidence})
  --replicates N       bootstrap replicates (default ${REPORT_DEFAULTS.replicates})
  --seed N             of the bootstrap (default ${REPORT_DEFAULTS.seed})
  --session-minutes N  a session ends after this long without a page view (default ${REPORT_DEFAULTS.sessionMinutes})
  --srm-alpha P        flag a sample-ratio mismatch below this p-value (default ${REPORT_DEFAULTS.srmAlpha})
`;

const OPTIONS = {
  events: { type: 'string' }, db: { type: 'string' }, rules: { type: 'string' }, split: { type: 'string', multiple: true },
  markdown: { type: 'string' }, html: { type: 'string' }, json: { type: 'string' }, engine: { type: 'string' },
  confidence: { type: 'string' }, replicates: { type: 'string' }, seed: { type: 'string' },
  'session-minutes': { type: 'string' }, 'srm-alpha': { type: 'string' },
};

async function readSplits(values) {
  let splits = new Map();
  if (values.rules) {
    splits = splitsFromRules(JSON.parse(await readJsonFile(values.rules, 'rules')));
  }
  for (const text of values.split || []) {
    try {
      splits.set(...parseSplit(text));
    } catch (error) {
      throw usageError(error.message);
    }
  }
  return splits;
}

/** Runs the command; resolves to the exit code. */
export async function run(args, io) {
  const values = parseOptions(args, OPTIONS);
  if (values.help) {
    io.stdout.write(usage);
    return 0;
  }
  if (Boolean(values.events) === Boolean(values.db)) throw usageError('give one input: --events FILE or --db FILE');
  const engine = values.engine ?? 'js';
  if (engine !== 'js' && engine !== 'sql') throw usageError(`--engine must be js or sql, not "${engine}"`);
  const report = await buildReport({
    events: values.events === '-' ? io.stdin : values.events,
    db: values.db,
    engine,
    splits: await readSplits(values),
    confidence: numberOption(values, 'confidence', undefined, { min: 0, max: 1 }),
    replicates: numberOption(values, 'replicates', undefined, { min: 1, max: 100000, integer: true, inclusive: true }),
    seed: numberOption(values, 'seed', undefined, { min: 0, max: 4294967295, integer: true, inclusive: true }),
    sessionMinutes: numberOption(values, 'session-minutes', undefined, { min: 0 }),
    srmAlpha: numberOption(values, 'srm-alpha', undefined, { min: 0, max: 1 }),
  });
  const outputs = [];
  if (values.markdown) outputs.push(writeFile(values.markdown, toMarkdown(report)));
  if (values.html) outputs.push(writeFile(values.html, toHtml(report)));
  if (values.json) {
    const { splits, ...settings } = report.settings;
    const json = { ...report, settings: { ...settings, splits: Object.fromEntries(splits) } };
    outputs.push(writeFile(values.json, `${JSON.stringify(json, null, 2)}\n`));
  }
  if (outputs.length === 0) io.stdout.write(toMarkdown(report));
  await Promise.all(outputs);
  return 0;
}
