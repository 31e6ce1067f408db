// The top banner: a strip fixed over the top of the viewport. Fixed, so showing it moves
// nothing on the page (no layout shift); first in <body>, so it comes first in reading order.

import { ctaElement, el, shadow, uniqueId } from './dom.js';

const BANNER_CSS = `
.frame { position: fixed; z-index: 2147482000; top: 0; left: 0; right: 0; display: flex; flex-wrap: wrap; gap: .5rem 1rem;
  align-items: center; justify-content: center; padding: .6rem 3.5rem .6rem 1rem; background: #1f5c3a; color: #fff;
  box-shadow: 0 2px 12px rgb(0 0 0 / .2); }
p { margin: 0; }
.cta { padding: .35rem .9rem; background: #fff; color: #1f5c3a; }
.close { top: 50%; transform: translateY(-50%); color: #fff; }
.close:hover { background: rgb(255 255 255 / .15); }
:focus-visible { outline-color: #ffd27a; }
@media (prefers-reduced-motion: no-preference) {
  .frame { animation: sk-drop .25s ease-out; }
  @keyframes sk-drop { from { transform: translateY(-100%); } to { transform: none; } }
}
`;

/**
 * Shows `action` ({ text, cta: { label, href }, closeLabel }) as a top banner. `onClick` runs when
 * the visitor follows the call to action, `onDismiss` when they close it. Returns { host, remove() }.
 */
export function showBanner(action, { onClick, onDismiss }) {
  const host = el('div', { 'data-shopkeeper-banner': '' });
  const root = shadow(host, BANNER_CSS);
  const id = uniqueId('banner');
  const bar = el('div', { class: 'frame', role: 'region', 'aria-labelledby': id });
  bar.append(el('p', { id }, action.text));
  const remove = () => host.remove();
  const cta = ctaElement(action.cta, () => {
    remove();
    onClick();
  });
  if (cta) bar.append(cta);
  const close = el('button', { type: 'button', class: 'close', 'aria-label': action.closeLabel || 'Close' }, '\u00d7');
  close.addEventListener('click', () => {
    remove();
    onDismiss();
  });
  bar.append(close);
  root.append(bar);
  document.body.prepend(host);
  return { host, remove };
}
