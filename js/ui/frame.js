// The frame every popup shares: a host element in <body> with a shadow root, a labelled
// dialog with a visible close button, Escape to dismiss, and focus handed back on close.
// Modal frames use the native <dialog> (focus moved in and trapped, background inert);
// non-modal ones (slide-ins) leave focus where the visitor is reading.

import { el, shadow } from './dom.js';

const FOCUSABLE = 'a[href], button:not([disabled]), input:not([disabled]), [tabindex]:not([tabindex="-1"])';

/**
 * Opens a frame. `modal` picks the kind, `css` styles it, `kind` names it (the host's
 * data-shopkeeper-popup attribute), `className` classes the dialog,
 * `onDismiss` runs once when the visitor closes it. Returns { host, dialog, body, finish, remove }:
 * fill `body`, call `finish(callback)` to close and then run the callback, `remove()` to close quietly.
 */
export function openFrame({ modal, css, kind, className = kind, onDismiss }) {
  const returnFocus = document.activeElement;
  const host = el('div', { 'data-shopkeeper-popup': kind });
  const root = shadow(host, css);
  const dialog = modal ? el('dialog', { class: `frame ${className}`, 'aria-modal': 'true' })
    : el('div', { class: `frame ${className}`, role: 'dialog', 'aria-modal': 'false' });
  const close = el('button', { type: 'button', class: 'close', 'aria-label': 'Close' }, '\u00d7');
  const body = el('div', { class: 'body' });
  dialog.append(close, body);

  let open = true;
  function remove() {
    if (!open) return;
    open = false;
    const hadFocus = modal || dialog.contains(root.activeElement);
    if (modal && dialog.open) dialog.close();
    host.remove();
    if (hadFocus && returnFocus && typeof returnFocus.focus === 'function' && returnFocus.isConnected) returnFocus.focus();
  }
  function finish(callback) {
    if (!open) return;
    remove();
    if (callback) callback();
  }
  close.addEventListener('click', () => finish(onDismiss));
  if (modal) {
    dialog.addEventListener('cancel', (event) => {
      event.preventDefault(); // Escape: close through the same path as the button
      finish(onDismiss);
    });
    // The page behind is inert, but Tab would still leave for the browser's own controls: wrap around.
    dialog.addEventListener('keydown', (event) => {
      if (event.key !== 'Tab') return;
      const stops = [...dialog.querySelectorAll(FOCUSABLE)].filter((n) => n.getClientRects().length > 0);
      const first = stops[0];
      const last = stops[stops.length - 1];
      const active = root.activeElement;
      if (event.shiftKey ? active === first || !dialog.contains(active) : active === last) {
        event.preventDefault();
        (event.shiftKey ? last : first).focus();
      }
    });
  } else {
    dialog.addEventListener('keydown', (event) => {
      if (event.key === 'Escape') finish(onDismiss);
    });
  }
  root.append(dialog);
  document.body.append(host);
  if (modal) {
    try {
      dialog.showModal();
    } catch (error) {
      host.remove(); // a browser without showModal (before Safari 15.4): nothing half-built is left
      throw error;
    }
    close.focus();
  }
  return { host, dialog, body, close, finish, remove, isOpen: () => open };
}
