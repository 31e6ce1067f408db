// The inline slot: content shown inside an element of the shop's page marked
// data-shopkeeper-slot="name". The slot keeps the box the page gave it (its default content or
// its min-height): the content is swapped inside that box, so nothing around it moves.

import { ctaElement, el, headline, shadow } from './dom.js';

// Inline content reads as part of the page: it takes the slot's font and colour.
const SLOT_CSS = `
:host { display: block; color: inherit; font: inherit; }
.frame { font: inherit; color: inherit; }
h2 { margin: 0 0 .4rem; font-size: 1.15rem; }
p { margin: 0 0 .6rem; }
`;

// The shadow roots of the slots filled so far: emptied, one is free again (an element cannot take a
// second root), while a shadow root of the shop's own is never ours to fill.
const ours = new WeakSet();

/** The slot element named `name` in the page, or null. */
export function findSlot(name) {
  if (typeof name !== 'string' || !name) return null;
  return document.querySelector(`[data-shopkeeper-slot="${CSS.escape(name)}"]`);
}

/** The size of `node`'s content box (its box less borders and padding). */
function contentSize(node) {
  const box = node.getBoundingClientRect();
  const cs = getComputedStyle(node);
  const px = (...names) => names.reduce((sum, n) => sum + (parseFloat(cs[n]) || 0), 0);
  return {
    width: Math.max(0, box.width - px('borderLeftWidth', 'borderRightWidth', 'paddingLeft', 'paddingRight')),
    height: Math.max(0, box.height - px('borderTopWidth', 'borderBottomWidth', 'paddingTop', 'paddingBottom')),
  };
}

/**
 * Shows `action` ({ slot, title, body, cta }) in its slot. Returns null when the page has no such
 * slot or it is already filled, else { host, remove() } (remove brings the default content back).
 */
export function showSlot(action, { onClick }) {
  const target = findSlot(action.slot);
  if (!target || target.hasAttribute('data-shopkeeper-filled') || (target.shadowRoot && !ours.has(target.shadowRoot))) return null;
  // Size containment at the measured content size: what we show can never resize the slot.
  const { width, height } = contentSize(target);
  const keepSize = height > 0 ? `@supports (contain-intrinsic-size: 1px) { :host { contain: size; overflow: hidden auto;
    contain-intrinsic-size: ${width}px ${height}px; } }` : '';
  const root = shadow(target, SLOT_CSS + keepSize);
  ours.add(root);
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
