// Asks the shop's backend for a coupon code. The backend mints and signs it; the SDK only
// carries the answer to the popup and never makes up a code or an amount.

const CODE = /^[A-Za-z0-9][A-Za-z0-9_-]{0,63}$/;

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
 * { ok: false, message }>, POSTing JSON to `url`. Never rejects.
 */
export function couponClient(url, fetchImpl = globalThis.fetch) {
  return async function requestCoupon(body) {
    const failed = (message) => ({ ok: false, message });
    if (typeof fetchImpl !== 'function') return failed('no fetch() here');
    let response;
    let answer = null;
    try {
      response = await fetchImpl(url, { method: 'POST', credentials: 'same-origin',
        headers: { 'Content-Type': 'application/json', Accept: 'application/json' }, body: JSON.stringify(body) });
      answer = await response.json().catch(() => null);
    } catch {
      return failed('The shop could not be reached. Please try again.');
    }
    if (response.ok && answer && typeof answer.code === 'string' && CODE.test(answer.code)) return { ok: true, code: answer.code };
    const reason = answer && typeof answer.error === 'string' ? answer.error : `HTTP ${response.status}`;
    return failed(response.ok ? 'The shop sent no usable code.' : reason.slice(0, 200));
  };
}
