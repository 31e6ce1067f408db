// Which renderer shows which action type, and which of them are popups (at most one per page view).

import { showBanner } from './banner.js';
import { showBundleOffer } from './bundle-offer.js';
import { showCouponReveal } from './coupon-reveal.js';
import { showEmailCapture } from './email-capture.js';
import { showModal } from './popup.js';
import { showSlideIn } from './slide-in.js';
import { showSlot } from './slot.js';

const RENDERERS = {
  modal: showModal, slideIn: showSlideIn, emailCapture: showEmailCapture, couponReveal: showCouponReveal,
  bundleOffer: showBundleOffer, banner: showBanner, slot: showSlot,
};

/** Action types that are popups: the page shows one at most. */
export const POPUP_TYPES = new Set(['modal', 'slideIn', 'emailCapture', 'couponReveal', 'bundleOffer']);

/** Whether this action type has a renderer (boostTiles, for one, is not rendered). */
export const renders = (type) => Object.hasOwn(RENDERERS, type);

/**
 * Renders `action` with `handlers` ({ onClick, onDismiss, requestCoupon, onSignup, formatPrice }).
 * Returns { host, remove() }, or null when it cannot be shown here (e.g. a slot the page lacks).
 */
export function renderAction(action, handlers) {
  return renders(action.type) ? RENDERERS[action.type](action, handlers) : null;
}
