// The bundle offer: the products the engine put together, each with its price, the regular
// total, the bundle price and the call to action. Prices are the engine's, formatted here.

import { el, safeHref } from './dom.js';
import { standardContent } from './popup.js';
import { openPopup } from './slide-in.js';

const BUNDLE_CSS = `
ul { margin: 0 0 .75rem; padding: 0; list-style: none; }
li { display: flex; justify-content: space-between; gap: 1rem; padding: .4rem 0; border-bottom: 1px solid #e3e7ea; }
li a { color: inherit; }
.price { white-space: nowrap; }
.totals { display: flex; flex-wrap: wrap; gap: .5rem; align-items: baseline; }
.totals del { color: #5b6670; }
.totals strong { font-size: 1.25rem; }
.save { padding: .1rem .45rem; border-radius: 6px; background: #fdecc8; color: #5c3b00; font-weight: 600; }
`;

/**
 * Shows `action` (title, body, cta, closeLabel, presentation, and the engine's `bundle`:
 * { items: [{ id, name, price, url }], regularPrice, bundlePrice, discountPercent }).
 * `formatPrice(number)` writes a price the way the shop does.
 */
export function showBundleOffer(action, handlers) {
  const bundle = action.bundle || {};
  const format = handlers.formatPrice;
  const frame = openPopup(action, { css: BUNDLE_CSS, onDismiss: handlers.onDismiss });
  const list = el('ul');
  for (const item of Array.isArray(bundle.items) ? bundle.items : []) {
    const href = safeHref(item.url);
    const name = href ? el('a', { href }, item.name) : el('span', {}, item.name);
    const li = el('li');
    li.append(name, el('span', { class: 'price' }, format(item.price)));
    list.append(li);
  }
  const totals = el('p', { class: 'totals' });
  if (Number(bundle.regularPrice) > Number(bundle.bundlePrice)) totals.append(el('del', {}, format(bundle.regularPrice)), ' ');
  totals.append(el('strong', {}, format(bundle.bundlePrice)));
  if (Number(bundle.discountPercent) > 0) totals.append(' ', el('span', { class: 'save' }, `\u2212${Number(bundle.discountPercent)}%`));
  standardContent(frame, action, handlers, [list, totals]);
  return frame;
}
