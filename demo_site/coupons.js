// Coupons: the backend mints a single-use code bound to an email with an HMAC, stores it, and
// redeems it once. The browser only asks; a shopper editing localStorage cannot make one up.

import { createHmac, randomBytes, timingSafeEqual } from 'node:crypto';
import { jsonRoute, readJson, sendJson } from './http-util.js';

const EMAIL = /^[^\s@]+@[^\s@]+\.[^\s@]+$/;
const ALPHABET = 'ABCDEFGHJKLMNPQRSTUVWXYZ23456789'; // no 0/O or 1/I to misread

const encode = (bytes) => Array.from(bytes, (b) => ALPHABET[b % ALPHABET.length]).join('');

/** Coupon endpoints over `db` (db.js), signing with `secret`. */
export function createCoupons(db, secret) {
  const sign = (body, email) => encode(createHmac('sha256', secret).update(`${body}|${email}`).digest().subarray(0, 6));

  async function mint(req, res) {
    const { email } = (await readJson(req, 4096)) || {};
    if (typeof email !== 'string' || email.length > 254 || !EMAIL.test(email)) {
      return sendJson(res, 400, { error: 'a valid email is required' });
    }
    const normalized = email.trim().toLowerCase();
    const body = encode(randomBytes(8));
    const code = `SK-${body}-${sign(body, normalized)}`;
    await db.query('INSERT INTO coupons VALUES ($1, $2, $3::TIMESTAMPTZ, NULL)', [code, normalized, new Date().toISOString()]);
    sendJson(res, 201, { code });
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
