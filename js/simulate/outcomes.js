// Simulated outcomes without events: visitors already attributed to a group, as the report's
// attribution would give them. Fast enough for the hundreds of seeded runs that measure how often
// the report's intervals cover a planted effect.

import { createRandom } from '../report/random.js';
import { drawKind, drawOrderValue, drawsOrder } from './visitors.js';

/**
 * `visitors` exposed visitors of one campaign, `controlShare` of them in control, treatment orders
 * `lift` times as often. Returns `{ visitors: [{ visitor, group, orders, revenue, bounced }] }`
 * sorted by id, the input of analyze.js's campaignRow.
 */
export function simulateOutcomes({ visitors, controlShare = 0.5, lift = 1, seed = 1 }) {
  const random = createRandom(seed);
  const list = [];
  const width = String(visitors - 1).length;
  for (let i = 0; i < visitors; i++) {
    const kind = drawKind(random);
    const group = random.chance(controlShare) ? 'control' : 'treatment';
    const orders = drawsOrder(random, kind, group === 'treatment' ? lift : 1) ? 1 : 0;
    list.push({
      visitor: `v${String(i).padStart(width, '0')}`,
      group,
      orders,
      revenue: orders ? drawOrderValue(random, kind) : 0,
      bounced: random.geometric(kind.pages) === 1,
    });
  }
  return { visitors: list, crossovers: 0 };
}
