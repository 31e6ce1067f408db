// Which renderer shows which action type.

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

/**
 * Renders `action` with `handlers` ({ onClick, onDismiss, requestCoupon, onSignup, formatPrice }).
 * Returns { host, remove() }, or null when it cannot be shown here (e.g. a slot the page lacks).
 */
export function renderAction(action, handlers) {
  return Object.hasOwn(RENDERERS, action.type) ? RENDERERS[action.type](action, handlers) : null;
}
