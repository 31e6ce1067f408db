// Asks the shop's backend for a coupon code. The backend mints and signs it; the SDK only
// carries the answer to the popup and never makes up a code or an amount.

const CODE = /^[A-Za-z0-9][A-Za-z0-9_-]{0,63}$/;

/** How long the visitor waits for a code before the popup says the shop could not be reached. */
export const COUPON_TIMEOUT_MS = 10000;

const UNREACHABLE = 'The shop could not be reached. Please try again.';

/**
 * The coupon endpoint: `couponEndpoint`, else "coupons" next to `endpoint` (/v1/batch →
 * /v1/coupons), else /v1/coupons.
 */
export function couponEndpointOf({ couponEndpoint, endpoint }) {
  if (couponEndpoint) return String(couponEndpoint);
  if (endpoint) return String(endpoint).replace(/[?#].*$/, '').replace(/[^/]*$/, 'coupons');
  return '/v1/coupons';
}

/**
 * Returns requestCoupon({ kind, campaign, email?, anonymousId? }) → Promise<{ ok: true, code } |
 * { ok: false, message }>, POSTing JSON to `url`. Never rejects; a backend that has not answered
 * after COUPON_TIMEOUT_MS counts as unreachable, so the popup never waits for ever. `message` is
 * for the shopper: the `error` text of a refusal (4xx), else the standard words.
 */
export function couponClient(url, fetchImpl = globalThis.fetch) {
  return async function requestCoupon(body) {
    const failed = (message) => ({ ok: false, message });
    if (typeof fetchImpl !== 'function') return failed(UNREACHABLE);
    let response;
    let answer = null;
    let timer;
    const late = new Promise((_, reject) => {
      timer = setTimeout(reject, COUPON_TIMEOUT_MS);
    });
    try {
      response = await Promise.race([fetchImpl(url, { method: 'POST', credentials: 'same-origin',
        headers: { 'Content-Type': 'application/json', Accept: 'application/json' }, body: JSON.stringify(body) }), late]);
      answer = await Promise.race([response.json().catch(() => null), late]);
    } catch {
      return failed(UNREACHABLE);
    } finally {
      clearTimeout(timer);
    }
    if (response.ok && answer && typeof answer.code === 'string' && CODE.test(answer.code)) return { ok: true, code: answer.code };
    if (response.ok) return failed('The shop sent no usable code.');
    // A refusal may say why in the shop's own words; a server error's text and a status number are not for shoppers.
    const reason = response.status < 500 && answer && typeof answer.error === 'string' && answer.error.trim();
    return failed(reason ? reason.slice(0, 200) : UNREACHABLE);
  };
}
