// The email capture form: the visitor leaves an address, the shop's backend mints a coupon
// and the popup shows the code it got back. The SDK never makes up a code or an amount.

import { el, headline, uniqueId } from './dom.js';
import { openPopup } from './slide-in.js';

const CAPTURE_CSS = `
form { display: flex; flex-wrap: wrap; gap: .6rem; margin: 0 0 .75rem; }
input { flex: 1 1 12rem; min-width: 0; padding: .6rem .75rem; border: 1px solid #6b7680; border-radius: 8px; font: inherit; color: inherit; }
input[aria-invalid="true"] { border-color: #b3261e; }
.status:empty { display: none; }
.status.error { color: #b3261e; }
.code { display: inline-block; margin: 0 0 1rem; padding: .5rem .9rem; border: 2px dashed #1f5c3a; border-radius: 8px;
  font: 600 1.25rem/1.3 ui-monospace, "SFMono-Regular", Menlo, monospace; letter-spacing: .05em; user-select: all; }
`;

/**
 * Shows the form of `action` (title, body, placeholder, submitLabel, successTitle, successBody,
 * closeLabel, couponKind, presentation). On submit, `requestCoupon({ kind, email })` asks the
 * backend (→ { ok, code } or { ok: false, message }); `onSignup(email)` runs once it answered
 * with a code, also when the form was closed by then; `onDismiss` whenever the visitor closes the
 * popup, before or after signing up.
 */
export function showEmailCapture(action, { requestCoupon, onSignup, onDismiss }) {
  const frame = openPopup(action, { css: CAPTURE_CSS, onDismiss });
  const title = headline(frame.body, frame.dialog, action) || el('h2');
  const body = frame.body.querySelector('p');
  const form = el('form', { novalidate: '' });
  const statusId = uniqueId('status');
  const input = el('input', { type: 'email', name: 'email', autocomplete: 'email', inputmode: 'email', required: '',
    placeholder: action.placeholder || '', 'aria-label': action.placeholder || 'Email', 'aria-describedby': statusId });
  const submit = el('button', { type: 'submit', class: 'cta' }, action.submitLabel || 'OK');
  const status = el('p', { id: statusId, class: 'status', role: 'status' });
  form.append(input, submit);
  frame.body.append(form, status);
  const row = el('div', { class: 'actions' });
  if (action.closeLabel) {
    const secondary = el('button', { type: 'button', class: 'secondary' }, action.closeLabel);
    secondary.addEventListener('click', () => frame.finish(onDismiss));
    row.append(secondary);
    frame.body.append(row);
  }

  const modal = frame.dialog.tagName === 'DIALOG';
  /** Says what is wrong with the address; `focusInput` moves focus to the field. */
  const problem = (message, focusInput) => {
    status.textContent = message;
    status.className = 'status error';
    input.setAttribute('aria-invalid', 'true');
    if (focusInput) input.focus();
  };
  form.addEventListener('submit', async (event) => {
    event.preventDefault();
    const email = input.value.trim();
    if (!email || !input.checkValidity()) return problem(input.validationMessage || action.placeholder || '', true);
    input.removeAttribute('aria-invalid');
    submit.disabled = true;
    input.readOnly = true;
    status.className = 'status';
    status.textContent = '';
    const answer = await requestCoupon({ kind: action.couponKind, email });
    // The shop minted a code for this address: the visitor signed up, even if the form was closed meanwhile.
    if (answer.ok) onSignup(email);
    if (!frame.isOpen()) return;
    // A slide-in leaves focus on the page a visitor went back to while waiting: the status line
    // (role=status) announces the answer there.
    const focusHere = modal || frame.dialog.contains(frame.dialog.getRootNode().activeElement);
    submit.disabled = false;
    input.readOnly = false;
    if (!answer.ok) return problem(answer.message, focusHere);
    title.textContent = action.successTitle || action.title || '';
    if (!title.isConnected) frame.body.prepend(title);
    if (body) body.textContent = action.successBody || '';
    else if (action.successBody) title.after(el('p', {}, action.successBody));
    form.remove();
    status.className = 'code';
    status.textContent = answer.code;
    row.remove();
    title.setAttribute('tabindex', '-1');
    if (focusHere) title.focus(); // a screen reader reads the success and the code next
  });
  if (modal) input.focus();
  return frame;
}
