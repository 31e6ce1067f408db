// Puts decisions on the page: each waits for its trigger, the first popup to fire wins the page
// view and cancels the other popups' triggers; banners and slots show alongside, and give way to
// the next page view's (a single-page app's route change), as a new page would. What the visitor
// sees and does goes back through track() as Promotion Viewed / Clicked / Dismissed, Coupon
// Requested and Signed Up. It comes with the renderers and the trigger watchers, loaded once a
// page view has something to show (../presenter.js).

import { couponClient } from '../coupon-client.js';
import { EVENT_TRIGGERS, armTrigger, triggerOf } from '../triggers.js';
import { POPUP_TYPES, RENDERED_TYPES } from './kinds.js';
import { priceFormatter } from './price.js';
import { renderAction } from './render.js';

/**
 * `deps`: track(name, properties); coupons: { url, fetch, anonymousId() } for the coupon requests (the id
 * only when it may be shared); prices: { currency, locale }; warn(code, error); env ({ window, mobile })
 * for the triggers.
 */
export function createPresenter({ track, coupons, prices, warn, env }) {
  let armed = []; // [{ popup, cancel }] of this page view
  let popupShown = false; // this page view had its popup
  let popup = null;
  let view = 0; // page views so far
  const placed = new Map(); // "banner" or "slot <name>" → { shown, view }: what shows beside the popup
  const requestCoupon = couponClient(coupons.url, coupons.fetch);
  const formatPrice = priceFormatter(prices.currency, prices.locale);

  const placeOf = (action) => (action.type === 'slot' ? `slot ${action.slot}` : action.type);
  const unplace = (place) => {
    placed.get(place).shown.remove();
    placed.delete(place);
  };
  const cancelArmed = (which) => {
    armed = armed.filter((a) => {
      if (!which(a)) return true;
      a.cancel();
      return false;
    });
  };

  /**
   * A trigger fired: the first popup to fire takes the page view, the first banner and the first
   * content of each slot replace what an earlier page view put there.
   */
  function fired(decision) {
    const action = decision.action;
    const place = placeOf(action);
    if (POPUP_TYPES.has(action.type)) {
      if (popupShown || popup) return;
      popupShown = true;
      cancelArmed((a) => a.popup); // one popup per page view: the first trigger to fire wins
    } else if (placed.has(place)) {
      if (placed.get(place).view === view) return;
      unplace(place);
    }
    show(decision);
  }

  function show(decision) {
    const action = decision.action;
    const isPopup = POPUP_TYPES.has(action.type);
    const promotion = { promotion_id: decision.campaign, creative: action.type,
      name: String(action.title || action.text || decision.campaign) };
    const closed = () => {
      if (isPopup) popup = null;
      else if (action.type === 'banner') placed.delete('banner');
    };
    let signedUp = false;
    const handlers = {
      formatPrice,
      onDismiss() {
        closed();
        // Closing the email form once the shop minted a code is leaving with it, not turning it down.
        if (!signedUp) track('Promotion Dismissed', promotion);
      },
      onClick() {
        closed();
        track('Promotion Clicked', promotion);
        // The shop can act on it (e.g. put a bundle in its cart) before the link is followed.
        document.dispatchEvent(new CustomEvent('shopkeeper:cta', { detail: { campaign: decision.campaign, action } }));
      },
      requestCoupon(request) {
        track('Coupon Requested', { promotion_id: decision.campaign, coupon_kind: request.kind });
        const anonymousId = coupons.anonymousId();
        return requestCoupon({ ...request, campaign: decision.campaign, ...(anonymousId ? { anonymousId } : {}) });
      },
      onSignup(email) {
        signedUp = true;
        track('Signed Up', { promotion_id: decision.campaign, email });
      },
    };
    let shown;
    try {
      shown = renderAction(action, handlers);
    } catch (error) {
      warn('render_failed', error);
      return;
    }
    if (!shown) return;
    if (isPopup) popup = shown;
    else placed.set(placeOf(action), { shown, view });
    track('Promotion Viewed', promotion);
  }

  function arm(decisions) {
    for (const decision of decisions) {
      if (!decision || !decision.action || !RENDERED_TYPES.has(decision.action.type)) continue;
      const isPopup = POPUP_TYPES.has(decision.action.type);
      if (isPopup && popupShown) continue;
      armed.push({ popup: isPopup, cancel: armTrigger(decision, fired, env) });
    }
  }

  return {
    /**
     * A new page view (the first, or a route change): its decisions replace what was still waiting,
     * and the banner or slot content an earlier page view showed where this one shows none. A popup
     * on screen stays.
     */
    pageView(decisions) {
      cancelArmed(() => true);
      view += 1;
      popupShown = Boolean(popup);
      const live = decisions.filter((d) => !EVENT_TRIGGERS.has(triggerOf(d).type));
      const again = new Set(live.map((d) => d && d.action && placeOf(d.action)));
      for (const place of placed.keys()) if (!again.has(place)) unplace(place);
      arm(live);
    },
    /** Decisions that came back from track() (productAdded, productRemoved, custom events). */
    events(decisions) {
      arm(decisions);
    },
    /** Removes everything shown and stops every trigger. */
    clear() {
      cancelArmed(() => true);
      if (popup) popup.remove();
      popup = null;
      for (const place of placed.keys()) unplace(place);
    },
  };
}

