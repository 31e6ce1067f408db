// Coupons: the backend mints a single-use code bound to its holder (an email, or the visitor id
// of a coupon revealed without one) with an HMAC, stores it, and redeems it once. The kind of
// coupon the browser asks for sets what it is worth, here and nowhere else. The browser only
// asks; a shopper editing localStorage cannot make one up.

import { createHmac, randomBytes, timingSafeEqual } from 'node:crypto';
import { jsonRoute, readJson, sendJson } from './http-util.js';

const EMAIL = /^[^\s@]+@[^\s@]+\.[^\s@]+$/;
const ALPHABET = 'ABCDEFGHJKLMNPQRSTUVWXYZ23456789'; // no 0/O or 1/I to misread

/** What each kind of coupon is worth. */
const KINDS = {
  welcome10: { percentOff: 10, needsEmail: true },
  referral15: { percentOff: 15, needsEmail: false },
};
const VISITOR_ID = /^[A-Za-z0-9-]{1,64}$/;

const encode = (bytes) => Array.from(bytes, (b) => ALPHABET[b % ALPHABET.length]).join('');

/** Coupon endpoints over `db` (db.js), signing with `secret`. */
export function createCoupons(db, secret) {
  const sign = (body, email) => encode(createHmac('sha256', secret).update(`${body}|${email}`).digest().subarray(0, 6));

  async function mint(req, res) {
    const { email, kind = 'welcome10', anonymousId } = (await readJson(req, 4096)) || {};
    const offer = Object.hasOwn(KINDS, kind) ? KINDS[kind] : null;
    if (!offer) return sendJson(res, 400, { error: 'unknown coupon kind' });
    const validEmail = typeof email === 'string' && email.length <= 254 && EMAIL.test(email);
    if (email !== undefined || offer.needsEmail) {
      if (!validEmail) return sendJson(res, 400, { error: 'a valid email is required' });
    } else if (typeof anonymousId !== 'string' || !VISITOR_ID.test(anonymousId)) {
      return sendJson(res, 400, { error: 'a coupon without an email needs the visitor id' });
    }
    const holder = validEmail ? email.trim().toLowerCase() : `visitor:${anonymousId}`;
    const body = encode(randomBytes(8));
    const code = `SK-${body}-${sign(body, holder)}`;
    await db.query('INSERT INTO coupons VALUES ($1, $2, $3::TIMESTAMPTZ, NULL)', [code, holder, new Date().toISOString()]);
    sendJson(res, 201, { code, kind, percentOff: offer.percentOff });
  }

  async function redeem(req, res) {
    const { code } = (await readJson(req, 4096)) || {};
    const [, body, signature] = /^SK-([A-Z2-9]{8})-([A-Z2-9]{6})$/.exec(typeof code === 'string' ? code : '') || [];
    const [row] = body ? await db.query('SELECT email, redeemed_at FROM coupons WHERE code = $1', [code]) : [];
    const expected = row && Buffer.from(sign(body, row.email));
    if (!expected || !timingSafeEqual(expected, Buffer.from(signature))) return sendJson(res, 404, { error: 'unknown code' });
    const claimed = await db.query('UPDATE coupons SET redeemed_at = $2::TIMESTAMPTZ WHERE code = $1 AND redeemed_at IS NULL RETURNING code',
      [code, new Date().toISOString()]);
    if (!claimed.length) return sendJson(res, 409, { error: 'the code was already used' });
    sendJson(res, 200, { ok: true });
  }

  return { mint: jsonRoute(mint), redeem: jsonRoute(redeem) };
}
