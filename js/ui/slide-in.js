// The slide-in: a small non-modal dialog in a bottom corner. It does not take focus or block
// the page (a light touch for visitors who are reading); Escape inside it and its close button
// dismiss it. `openPopup` picks the frame for actions that can be either kind.

import { openFrame } from './frame.js';
import { openModal, standardContent } from './popup.js';

const SLIDE_IN_CSS = `
.frame { position: fixed; z-index: 2147483000; bottom: 1rem; width: min(22rem, calc(100vw - 2rem));
  max-height: calc(100dvh - 2rem); overflow: auto; padding: 1.25rem 1.25rem 1rem; border-radius: 12px; background: #fff;
  box-shadow: 0 8px 30px rgb(0 0 0 / .28); }
.frame.bottom-right { right: 1rem; }
.frame.bottom-left { left: 1rem; }
h2 { font-size: 1.15rem; }
@media (prefers-reduced-motion: no-preference) {
  .frame { animation: sk-slide .25s ease-out; }
  @keyframes sk-slide { from { opacity: 0; transform: translateY(1.5rem); } to { opacity: 1; transform: none; } }
}
`;

/** Opens an empty slide-in frame named `kind` at `position` ("bottom-right" or "bottom-left"). */
export function openSlideIn({ css = '', kind = 'slideIn', position, onDismiss }) {
  const corner = position === 'bottom-left' ? 'bottom-left' : 'bottom-right';
  return openFrame({ modal: false, css: SLIDE_IN_CSS + css, kind, className: `slide-in ${corner}`, onDismiss });
}

/** Opens a modal frame for `action`, or a slide-in when its `presentation` is "slideIn". */
export function openPopup(action, { css, onDismiss }) {
  const options = { css, kind: action.type, position: action.position, onDismiss };
  return action.presentation === 'slideIn' ? openSlideIn(options) : openModal(options);
}

/** Shows `action` (as a modal's, plus `position`) as a slide-in. Returns the frame. */
export function showSlideIn(action, handlers) {
  const frame = openSlideIn({ position: action.position, onDismiss: handlers.onDismiss });
  standardContent(frame, action, handlers);
  return frame;
}
