// `shopkeeper report` on a small dataset whose every number was worked out by hand, computed both
// in JS and by report.sql in DuckDB; and the two computations on a larger random dataset.

import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { buildReport, toHtml, toMarkdown } from 'shopkeeper/report';
import { createRandom } from '../../js/report/random.js';
import { assertRowsAgree, knownDataset, T0 } from './report-support.js';

const MIN = 60000;
let dir;
before(() => {
  dir = mkdtempSync(join(tmpdir(), 'shopkeeper-report-'));
});
after(() => rmSync(dir, { recursive: true, force: true }));

const EXPECTED_WELCOME = {
  campaign: 'welcome', control_share: 0.5,
  control_visitors: 10, control_converters: 2, control_orders: 3, control_revenue: 150, control_bounces: 5,
  control_conversion_rate: 0.2, control_average_order_value: 50, control_revenue_per_visitor: 15, control_bounce_rate: 0.5,
  treatment_visitors: 10, treatment_converters: 5, treatment_orders: 5, treatment_revenue: 200, treatment_bounces: 6,
  treatment_conversion_rate: 0.5, treatment_average_order_value: 40, treatment_revenue_per_visitor: 20,
  treatment_bounce_rate: 0.6,
  conversion_lift: 1.5, conversion_lift_lower: -0.3747558668502341, conversion_lift_upper: 8.996095394793457,
  conversion_p_value: 0.1950337911464613, conversion_significant: false,
  revenue_lift: 1 / 3, srm_chi_square: 0, srm_p_value: 1, srm_flagged: false, crossovers: 1,
};

/**
 * NDJSON where each treatment visitor's exposure falls differently in its session: `bounced` lists
 * the visitors whose exposure session had one page view.
 */
function bounceDataset() {
  let n = 0;
  const at = (visitor, ms, fields) => JSON.stringify({ messageId: `b${n++}`, anonymousId: visitor,
    timestamp: new Date(T0 + ms).toISOString(), ...fields });
  // A page's title may hold a lone surrogate (the SDK sends it escaped): both engines read it.
  const page = (v, ms) => at(v, ms, { type: 'page', properties: { url: 'https://shop.example/', title: 'Caf\ud83d' } });
  const exposure = (v, ms) => at(v, ms, { type: 'track', event: 'Experiment Viewed',
    properties: { experiment_id: 'tips', variation_id: 'treatment' } });
  return [
    page('third', 0), page('third', MIN), page('third', 2 * MIN), exposure('third', 2 * MIN), // exposed on its third page
    page('late', 0), exposure('late', 1), // stamped 1 ms after its page, nothing else: a bounce
    page('two', 0), exposure('two', 1), page('two', 5 * MIN),
    page('idle', 0), exposure('idle', 40 * MIN), page('idle', 45 * MIN), // a new session the exposure started
    page('gone', 0), exposure('gone', 40 * MIN), // no page in the exposure's session
  ].join('\n');
}

for (const engine of ['js', 'sql']) {
  test(`a bounce is an exposure session with one page view, pages before the exposure included (${engine})`, async () => {
    const file = join(dir, `bounces-${engine}.ndjson`);
    writeFileSync(file, bounceDataset());
    const report = await buildReport({ events: file, engine, splits: { tips: 0.5 }, replicates: 10 });
    const [tips] = report.campaigns;
    assert.equal(tips.treatment_visitors, 5);
    assert.equal(tips.treatment_bounces, 2, 'late and idle');
  });
}

function assertExpected(row, expected) {
  for (const [key, value] of Object.entries(expected)) {
    if (typeof value === 'number') {
      assert.ok(Math.abs(row[key] - value) <= 2e-7 * Math.max(1, Math.abs(value)), `${key}: ${row[key]} != ${value}`);
    } else assert.equal(row[key], value, key);
  }
}

for (const engine of ['js', 'sql']) {
  test(`hand-checked numbers (${engine})`, async () => {
    const file = join(dir, `known-${engine}.ndjson`);
    writeFileSync(file, knownDataset());
    const report = await buildReport({ events: file, engine, splits: { welcome: 0.5, banner: 0.1 }, replicates: 400 });
    assert.deepEqual(report.counts, { messages: 164, duplicates: 1, ignored: 1, skipped: 2 });
    assert.deepEqual(report.campaigns.map((r) => r.campaign), ['banner', 'welcome']);
    const [banner, welcome] = report.campaigns;
    assertExpected(welcome, EXPECTED_WELCOME);
    assert.ok(welcome.revenue_lift_lower < 1 / 3, `${welcome.revenue_lift_lower}`);
    // Both control buyers get weight 0 in e^-2 = 13.5% of the replicates: no upper end.
    assert.equal(welcome.revenue_lift_upper, null);
    assertExpected(banner, { control_visitors: 30, treatment_visitors: 70, control_converters: 0,
      srm_chi_square: 44.44444444444444, srm_p_value: 2.6167849372106007e-11, srm_flagged: true, conversion_lift: null,
      conversion_significant: null, revenue_lift: null, revenue_lift_lower: null, revenue_significant: null });
    const warnings = report.warnings.join('\n');
    assert.match(warnings, /banner: sample ratio mismatch/);
    assert.match(warnings, /welcome: 1 visitor\(s\) exposed in both groups/);
    assert.match(warnings, /1 message\(s\) skipped: a line that is not JSON/);
    assert.match(warnings, /1 message\(s\) skipped: no ISO 8601 timestamp with a time zone/);
    if (engine === 'js') assert.match(warnings, /1 order\(s\) without a numeric revenue or total/);

    const markdown = toMarkdown(report);
    assert.match(markdown, /\| control \| 10 \| 20\.00% \| 3 \| 50\.00 \| 15\.00 \| 50\.00% \|/);
    assert.match(markdown, /\| conversion rate \| \+150\.0% \| −37\.5% to \+899\.6% \| not significant \(p = 0\.20\) \|/);
    assert.match(markdown, /30 control \/ 70 treatment, expected 10\.00% control: χ² = 44\.44, p < 0\.0001, MISMATCH/);
    const html = toHtml(report);
    assert.match(html, /<svg[^>]*role="img"/);
    assert.match(html, /<title>welcome · conversion rate: \+150\.0% \(−37\.5% to \+899\.6%\)<\/title>/);
    assert.doesNotMatch(html, /<script/);
  });
}

test('JS and SQL agree on random data, to the last bootstrap replicate', async () => {
  const random = createRandom(99);
  const lines = [];
  let n = 0;
  for (let v = 0; v < 1500; v++) {
    let t = T0 + v * 7 * MIN;
    const emit = (fields) => lines.push(JSON.stringify({ messageId: `r${n++}`, anonymousId: `visitor-${v}`,
      timestamp: new Date(t).toISOString(), ...fields }));
    emit({ type: 'page', properties: {} });
    for (const [campaign, share] of [['welcome', 0.5], ['cart', 0.2]]) {
      if (random.chance(0.8)) {
        emit({ type: 'track', event: 'Experiment Viewed',
          properties: { experiment_id: campaign, variation_id: random.chance(share) ? 'control' : 'treatment' } });
      }
    }
    for (let p = random.geometric(3); p > 1; p--) {
      t += random.integer(1, 45) * MIN;
      emit({ type: 'page', properties: {} });
    }
    if (random.chance(0.06)) emit({ type: 'track', event: 'Order Completed', properties: { revenue: random.logNormal(60, 0.8) } });
  }
  const file = join(dir, 'random.ndjson');
  writeFileSync(file, lines.join('\n'));
  const options = { events: file, splits: { welcome: 0.5, cart: 0.2 }, replicates: 300, seed: 11 };
  const [js, sql] = await Promise.all([buildReport({ ...options, engine: 'js' }), buildReport({ ...options, engine: 'sql' })]);
  assert.equal(js.campaigns.length, 2);
  assertRowsAgree(js.campaigns, sql.campaigns);
});
