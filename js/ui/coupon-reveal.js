// The coupon reveal: a popup that asks the shop's backend for a code of `couponKind` as it
// opens and shows what came back. The SDK never makes up a code or an amount.

import { el } from './dom.js';
import { standardContent } from './popup.js';
import { openPopup } from './slide-in.js';

const REVEAL_CSS = `
.code { display: inline-block; min-width: 8ch; margin: 0 0 1rem; padding: .5rem .9rem; border: 2px dashed #1f5c3a; border-radius: 8px;
  font: 600 1.25rem/1.3 ui-monospace, "SFMono-Regular", Menlo, monospace; letter-spacing: .05em; user-select: all; }
.code[aria-busy="true"] { color: #5b6670; }
.code.error { border-color: #b3261e; color: #b3261e; font: inherit; }
`;

/**
 * Shows `action` (title, body, couponKind, closeLabel, presentation) and fills in
 * the code `requestCoupon({ kind })` resolves to ({ ok, code } or { ok: false, message }).
 */
export function showCouponReveal(action, handlers) {
  const frame = openPopup(action, { css: REVEAL_CSS, onDismiss: handlers.onDismiss });
  const code = el('p', { class: 'code', role: 'status', 'aria-busy': 'true' }, '\u2026');
  standardContent(frame, action, handlers, [code]);
  handlers.requestCoupon({ kind: action.couponKind }).then((answer) => {
    code.removeAttribute('aria-busy');
    if (answer.ok) code.textContent = answer.code;
    else {
      code.textContent = answer.message;
      code.classList.add('error');
    }
  });
  return frame;
}
