// What every renderer shares: elements built with text only, safe links, and a shadow root
// with its own constructed stylesheet so the shop's CSS and ours never collide.

import { BASE_CSS } from './base.css.js';

let ids = 0;

/** A document-unique id for aria-labelledby and friends. */
export const uniqueId = (what) => `shopkeeper-${what}-${++ids}`;

/** An element with attributes and, optionally, text (always as text, never as HTML). */
export function el(tag, attrs = {}, text) {
  const node = document.createElement(tag);
  for (const [k, v] of Object.entries(attrs)) node.setAttribute(k, v);
  if (text !== undefined && text !== null) node.textContent = String(text);
  return node;
}

/** A link target we let through: a same-site path or an http(s) URL; null otherwise. */
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
 * Attaches an open shadow root to `host` (or empties the one it has) styled with the shared styles
 * and `css`.
 */
export function shadow(host, css) {
  const root = host.shadowRoot || host.attachShadow({ mode: 'open' });
  root.replaceChildren();
  const text = BASE_CSS + css;
  try {
    const sheet = new CSSStyleSheet();
    sheet.replaceSync(text);
    root.adoptedStyleSheets = [sheet];
  } catch {
    root.append(el('style', {}, text)); // browsers without constructed stylesheets
  }
  return root;
}

/**
 * The call to action: a link when `cta.href` is safe, else a button; null without a label.
 * `onClick` runs before the browser follows the link.
 */
export function ctaElement(cta, onClick) {
  if (!cta || typeof cta.label !== 'string' || !cta.label) return null;
  const href = safeHref(cta.href);
  const node = href ? el('a', { class: 'cta', href }, cta.label) : el('button', { type: 'button', class: 'cta' }, cta.label);
  node.addEventListener('click', onClick);
  return node;
}

/**
 * Title (h2) and body paragraph of an action, appended to `parent`; `labelled` is named by the
 * title (or by the body when there is no title) and described by the body. Returns the title or null.
 */
export function headline(parent, labelled, action) {
  const title = action.title ? el('h2', { id: uniqueId('title') }, action.title) : null;
  const body = action.body ? el('p', { id: uniqueId('body') }, action.body) : null;
  for (const node of [title, body]) if (node) parent.append(node);
  if (title) labelled.setAttribute('aria-labelledby', title.id);
  if (body) labelled.setAttribute(title ? 'aria-describedby' : 'aria-labelledby', body.id);
  return title;
}
