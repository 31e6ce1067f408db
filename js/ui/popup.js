// An accessible modal dialog: the native <dialog> (focus moved in and trapped,
// background inert, Escape closes, focus returned) in a shadow root, text only.

import { POPUP_CSS } from './popup.css.js';

let instances = 0;

function applyStyles(root) {
  try {
    const sheet = new CSSStyleSheet();
    sheet.replaceSync(POPUP_CSS);
    root.adoptedStyleSheets = [sheet];
  } catch {
    const style = document.createElement('style'); // browsers without constructed stylesheets
    style.textContent = POPUP_CSS;
    root.append(style);
  }
}

function el(tag, attrs, text) {
  const node = document.createElement(tag);
  for (const [k, v] of Object.entries(attrs)) node.setAttribute(k, v);
  if (text !== undefined) node.textContent = String(text); // text only, never HTML
  return node;
}

/** A link target we let through: a same-site path or an http(s) URL. */
export function safeHref(href) {
  // Browsers drop tabs and newlines and read \ as /: "/\evil.example" leaves the shop like "//evil.example".
  if (typeof href !== 'string' || /[\u0000-\u001f\u007f\\]/.test(href)) return null;
  if (href.startsWith('/') && !href.startsWith('//')) return href;
  try {
    const url = new URL(href);
    return url.protocol === 'https:' || url.protocol === 'http:' ? url.href : null;
  } catch {
    return null;
  }
}

/**
 * Shows `action` ({ title, body, cta: { label, href }, closeLabel }) as a modal dialog.
 * `onClose` runs when the visitor dismisses it (close button, Escape, secondary button),
 * `onCta` when they follow the call to action. Returns { host, remove() }.
 */
export function showModal(action, { onClose, onCta }) {
  const id = `shopkeeper-${++instances}`;
  const returnFocus = document.activeElement;
  const host = el('div', { 'data-shopkeeper-popup': '' });
  const root = host.attachShadow({ mode: 'open' });
  applyStyles(root);

  const dialog = el('dialog', { role: 'dialog', 'aria-modal': 'true', 'aria-labelledby': `${id}-title` });
  const close = el('button', { type: 'button', class: 'close', 'aria-label': 'Close' }, '\u00d7');
  const title = el('h2', { id: `${id}-title` }, action.title);
  dialog.append(close, title);
  if (action.body) {
    dialog.append(el('p', { id: `${id}-body` }, action.body));
    dialog.setAttribute('aria-describedby', `${id}-body`);
  }
  const actions = el('div', { class: 'actions' });
  const href = action.cta && safeHref(action.cta.href);
  if (action.cta && action.cta.label) {
    const cta = href ? el('a', { class: 'cta', href }, action.cta.label) : el('button', { type: 'button', class: 'cta' }, action.cta.label);
    cta.addEventListener('click', () => finish(onCta));
    actions.append(cta);
  }
  if (action.closeLabel) {
    const secondary = el('button', { type: 'button', class: 'secondary' }, action.closeLabel);
    secondary.addEventListener('click', () => finish(onClose));
    actions.append(secondary);
  }
  if (actions.childElementCount) dialog.append(actions);
  close.addEventListener('click', () => finish(onClose));
  dialog.addEventListener('cancel', (event) => {
    event.preventDefault(); // Escape: close through the same path as the button
    finish(onClose);
  });

  let open = true;
  function remove() {
    if (!open) return;
    open = false;
    if (dialog.open) dialog.close();
    host.remove();
    if (returnFocus && typeof returnFocus.focus === 'function' && returnFocus.isConnected) returnFocus.focus();
  }
  function finish(callback) {
    if (!open) return;
    remove();
    callback();
  }

  root.append(dialog);
  document.body.append(host);
  dialog.showModal();
  close.focus();
  return { host, remove };
}
