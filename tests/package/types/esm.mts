// A TypeScript ES module consumer of the public API (compiled with tsc, never run).
import { createShopkeeper, loadEngine, memoryStorage, Shopkeeper, type ConditionSet, type DecideResult, type ShopkeeperCall } from 'shopkeeper';
import { openDebugOverlay } from 'shopkeeper/debug';
import { buildReport, toHtml, toMarkdown, type ReportRow } from 'shopkeeper/report';

const shopkeeper = await createShopkeeper({ rules: { version: 1, campaigns: [] }, storage: memoryStorage(), consent: 'pending' });
const result: DecideResult = shopkeeper.decide({ url: 'https://shop.example/', type: 'home' });
if (result.ok) {
  result.visitor.visitCount.toFixed(0);
  result.visitor.totalSpent.toFixed(2) + result.visitor.orders.toFixed(0);
  for (const tile of result.ranking ?? []) tile.reasons.join(', ');
  for (const decision of result.decisions) {
    if (decision.action.type === 'modal') decision.action.title.toUpperCase();
    decision.why.join('; ');
  }
  for (const skipped of result.skipped) skipped.reason.toUpperCase();
} else {
  result.error.path.toUpperCase();
}
shopkeeper.track('Product Viewed', { product_id: 'p01' });
// @ts-expect-error consent is pending, granted or denied
shopkeeper.setConsent('yes');
const stats = shopkeeper.syncStats();
stats.queued.toFixed(0);
await shopkeeper.flush();

// @ts-expect-error made by createShopkeeper(), never with new
const made = () => new Shopkeeper();
const engine = await loadEngine({ wasmUrl: '/assets/shopkeeper.wasm' });
const loaded = engine.load('{"version":1,"campaigns":[]}');
if (!loaded.ok) loaded.errors[0].path.toUpperCase();
const conditions: ConditionSet = engine.compileConditions([{ 'visitor.isNew': true }]);
conditions.evaluate({ visitor: { isNew: true } })[0].valueOf();
conditions.destroy();
engine.destroy();

// The script tag's global and events.
document.addEventListener('shopkeeper:decided', (event) => {
  if (event.detail.ok) event.detail.decisions.length.toFixed(0);
});
document.addEventListener('shopkeeper:failed', (event) => event.detail.message.toUpperCase());
document.addEventListener('shopkeeper:ranked', (event) => event.detail.tiles[0]?.score.toFixed(3) ?? event.detail.ids.join());
const global = window.shopkeeper;
if (global && !Array.isArray(global)) {
  const ready = await global;
  ready?.track('Product Added', { product_id: 'p01' });
  (await global.ready)?.forget();
  global.push(['track', 'Product Viewed', { product_id: 'p02' }], (sk) => void sk.flush());
  global.debug(true);
  void global.locate()?.then((where) => where.ok);
  global.push(['locate']);
  // @ts-expect-error no such call
  global.push(['launch']);
}
const queued: ShopkeeperCall[] = [['setConsent', 'granted'], ['debug']];
queued.length.toFixed(0);

openDebugOverlay(result).close();

// The lift report.
const report = await buildReport({ events: 'events.ndjson', splits: { welcome: 0.1 }, engine: 'sql', replicates: 1000 });
const welcome: ReportRow | undefined = report.campaigns.find((row) => row.campaign === 'welcome');
welcome?.conversion_lift?.toFixed(3);
if (welcome?.srm_flagged) report.warnings.join('\n');
toMarkdown(report).length + toHtml(report).length;
// @ts-expect-error the report is computed in js or sql
void buildReport({ events: 'events.ndjson', engine: 'python' });
