// Exposure logging as it goes on the wire: one "Experiment Viewed" per session and campaign with a
// holdout, for the treatment and the control group alike, from page views and from events.

import { test } from 'node:test';
import assert from 'node:assert/strict';
import { createShopkeeper } from 'shopkeeper';

const HOUR = 3600000;
const rules = {
  version: 1,
  campaigns: [
    { id: 'everyone', audience: {}, holdout: { percent: 50 },
      action: { type: 'banner', text: 'Free shipping this week' } },
    { id: 'added', trigger: { type: 'productAdded' }, holdout: { percent: 50 },
      action: { type: 'slot', slot: 'cart-extra', title: 'Goes well with it' } },
  ],
};

async function shop(visitor) {
  let clock = Date.parse('2026-11-24T10:00:00Z');
  const sent = [];
  const shopkeeper = await createShopkeeper({ rules, now: () => clock, newId: () => visitor, consent: 'granted',
    transport: async ({ batch }) => void sent.push(...batch), onWarning: () => {} });
  assert.equal(shopkeeper.rules.ok, true, JSON.stringify(shopkeeper.rules.errors));
  const exposures = async () => {
    await shopkeeper.flush();
    return sent.splice(0).filter((m) => m.event === 'Experiment Viewed')
      .map((m) => `${m.properties.experiment_id}:${m.properties.variation_id}`);
  };
  return { shopkeeper, exposures, later: (ms) => { clock += ms; } };
}

test('each campaign with a holdout is logged once per session, in either group', async () => {
  const groups = new Set();
  for (const visitor of ['a1b2c3d4-0000-4000-8000-000000000001', 'a1b2c3d4-0000-4000-8000-000000000002',
    'a1b2c3d4-0000-4000-8000-000000000003', 'a1b2c3d4-0000-4000-8000-000000000004']) {
    const { shopkeeper, exposures, later } = await shop(visitor);
    shopkeeper.decide({ url: 'https://shop.example/' });
    const first = await exposures();
    assert.equal(first.length, 1);
    assert.match(first[0], /^everyone:(treatment|control)$/);
    groups.add(first[0]);
    later(60000);
    shopkeeper.decide({ url: 'https://shop.example/product/p01' });
    assert.deepEqual(await exposures(), [], 'not twice in a session');
    shopkeeper.track('Product Added', { product_id: 'p01' });
    const added = await exposures();
    assert.equal(added.length, 1, 'an event that makes a campaign eligible logs it');
    assert.match(added[0], /^added:(treatment|control)$/);
    later(2 * HOUR);
    shopkeeper.decide({ url: 'https://shop.example/' });
    assert.deepEqual(await exposures(), first, 'again in the next session, in the same group');
    shopkeeper.destroy();
  }
  assert.equal(groups.size, 2, 'four visitors fell in both groups');
});
