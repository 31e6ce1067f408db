// The modal popup: a centred dialog over a dimmed page. Also what the other popups reuse:
// the standard content (title, body, call to action, secondary close) and the modal frame.

import { ctaElement, el, headline } from './dom.js';
import { openFrame } from './frame.js';

const MODAL_CSS = `
dialog { width: min(28rem, calc(100vw - 2rem)); max-height: calc(100dvh - 2rem); overflow: auto; padding: 1.5rem 1.5rem 1.25rem;
  border: 0; border-radius: 12px; background: #fff; box-shadow: 0 12px 40px rgb(0 0 0 / .25); }
dialog::backdrop { background: rgb(15 20 25 / .55); }
@media (prefers-reduced-motion: no-preference) {
  dialog[open] { animation: sk-in .18s ease-out; }
  @keyframes sk-in { from { opacity: 0; transform: translateY(8px); } to { opacity: 1; transform: none; } }
}
`;

/** Opens an empty modal frame (see frame.js) named `kind`, with `css` added to the modal styles. */
export function openModal({ css = '', kind = 'modal', onDismiss }) {
  return openFrame({ modal: true, css: MODAL_CSS + css, kind, onDismiss });
}

/**
 * Fills a frame with an action's title and body, then `extra` nodes, then the actions row:
 * the call to action (`onClick`) and the secondary close button (`closeLabel`, dismisses).
 */
export function standardContent(frame, action, { onClick, onDismiss }, extra = []) {
  headline(frame.body, frame.dialog, action);
  frame.body.append(...extra);
  const actions = el('div', { class: 'actions' });
  const cta = ctaElement(action.cta, () => frame.finish(onClick));
  if (cta) actions.append(cta);
  if (action.closeLabel) {
    const secondary = el('button', { type: 'button', class: 'secondary' }, action.closeLabel);
    secondary.addEventListener('click', () => frame.finish(onDismiss));
    actions.append(secondary);
  }
  if (actions.childElementCount) frame.body.append(actions);
  return actions;
}

/**
 * Shows `action` ({ title, body, cta: { label, href }, closeLabel }) as a modal dialog.
 * `onDismiss` runs when the visitor closes it (close button, Escape, secondary button),
 * `onClick` when they follow the call to action. Returns the frame ({ host, remove(), ... }).
 */
export function showModal(action, handlers) {
  const frame = openModal({ onDismiss: handlers.onDismiss });
  standardContent(frame, action, handlers);
  return frame;
}
