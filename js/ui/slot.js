// The inline slot: content shown inside an element of the shop's page marked
// data-shopkeeper-slot="name". The slot keeps the box the page gave it (its default content or
// its min-height): the content is swapped inside that box, so nothing around it moves.

import { ctaElement, el, headline, shadow } from './dom.js';

const SLOT_CSS = `
:host { display: block; }
.frame { padding: 1rem 1.25rem; border-radius: 10px; background: #fff; border: 1px solid #d5dadf; }
h2 { margin-right: 0; font-size: 1.15rem; }
p { margin-bottom: .75rem; }
`;

/** The slot element named `name` in the page, or null. */
export function findSlot(name) {
  if (typeof name !== 'string' || !name) return null;
  return document.querySelector(`[data-shopkeeper-slot="${CSS.escape(name)}"]`);
}

/**
 * Shows `action` ({ slot, title, body, cta }) in its slot. Returns null when the page has no such
 * slot or it is already filled, else { host, remove() } (remove brings the default content back).
 */
export function showSlot(action, { onClick }) {
  const target = findSlot(action.slot);
  if (!target || target.shadowRoot) return null;
  const { width, height } = target.getBoundingClientRect();
  // Size containment at the measured size: what we show can never resize the slot.
  const keepSize = height > 0 ? `@supports (contain-intrinsic-size: 1px) { :host { contain: size; overflow: hidden auto;
    contain-intrinsic-size: ${width}px ${height}px; } }` : '';
  const root = shadow(target, SLOT_CSS + keepSize);
  const box = el('div', { class: 'frame', role: 'region' });
  headline(box, box, action);
  const cta = ctaElement(action.cta, onClick);
  if (cta) box.append(cta);
  root.append(box);
  target.setAttribute('data-shopkeeper-filled', '');
  return {
    host: target,
    remove() {
      root.adoptedStyleSheets = [];
      root.replaceChildren(el('slot'));
      target.removeAttribute('data-shopkeeper-filled');
    },
  };
}
