// Coupons: the backend mints a single-use code bound to its holder (an email, or the visitor id
// of a coupon revealed without one) with an HMAC, stores it, and redeems it once. The kind of
// coupon the browser asks for sets what it is worth, here and nowhere else. The browser only
// asks; a shopper editing localStorage cannot make one up.

import { createHmac, randomBytes, timingSafeEqual } from 'node:crypto';
import { setTimeout as sleep } from 'node:timers/promises';
import { jsonRoute, readJson, sendJson } from './http-util.js';
import { refCodeOf } from './referral.js';

const EMAIL = /^[^\s@]+@[^\s@]+\.[^\s@]+$/;
const ALPHABET = 'ABCDEFGHJKLMNPQRSTUVWXYZ23456789'; // no 0/O or 1/I to misread

/**
 * What each kind of coupon is worth. `referred`: only for a visitor the collector saw arrive on
 * another visitor's referral link, and one code each (asking again gets the same code back).
 */
const KINDS = {
  welcome10: { percentOff: 10, needsEmail: true },
  referral15: { percentOff: 15, needsEmail: false, referred: true },
};
const VISITOR_ID = /^[A-Za-z0-9-]{1,64}$/;
/**
 * How long a referral coupon waits for the visitor's landing page to reach the collector: the SDK
 * sends its events every 5 s (the demo shop sends them at once when a popup asks for a code).
 */
const ARRIVAL_WAIT_MS = 6000;
const ARRIVAL_POLL_MS = 250;
const NOT_REFERRED = 'This offer is for friends who arrive through a referral link.';

const encode = (bytes) => Array.from(bytes, (b) => ALPHABET[b % ALPHABET.length]).join('');

/**
 * Coupon endpoints over `db` (db.js), signing with `secret`; referral links carry `refParam`
 * (the rules' settings.refParam).
 */
export function createCoupons(db, secret, refParam) {
  const sign = (body, email) => encode(createHmac('sha256', secret).update(`${body}|${email}`).digest().subarray(0, 6));

  /** Whether the collector has a page view of `visitor` on another visitor's referral link, waiting a little for it. */
  async function arrivedReferred(visitor) {
    const referrer = (url) => refCodeOf(url, refParam);
    const deadline = Date.now() + ARRIVAL_WAIT_MS;
    for (;;) {
      const pages = await db.query(`SELECT json_extract_string(message, '$.context.page.url') AS url FROM events
        WHERE type = 'page' AND anonymous_id = $1`, [visitor]);
      if (pages.some(({ url }) => referrer(url) !== null && referrer(url) !== visitor)) return true;
      if (Date.now() >= deadline) return false;
      await sleep(ARRIVAL_POLL_MS);
    }
  }

  async function mint(req, res) {
    const { email, kind = 'welcome10', anonymousId } = (await readJson(req, 4096)) || {};
    const offer = Object.hasOwn(KINDS, kind) ? KINDS[kind] : null;
    if (!offer) return sendJson(res, 400, { error: 'unknown coupon kind' });
    const validEmail = typeof email === 'string' && email.length <= 254 && EMAIL.test(email);
    const validVisitor = typeof anonymousId === 'string' && VISITOR_ID.test(anonymousId);
    if (email !== undefined || offer.needsEmail) {
      if (!validEmail) return sendJson(res, 400, { error: 'a valid email is required' });
    } else if (!validVisitor) {
      return sendJson(res, 400, { error: 'a coupon without an email needs the visitor id' });
    }
    if (offer.referred && !(validVisitor && (await arrivedReferred(anonymousId)))) return sendJson(res, 403, { error: NOT_REFERRED });
    // A referral coupon belongs to the visitor who arrived, whatever address they give.
    const holder = validEmail && !offer.referred ? email.trim().toLowerCase() : `visitor:${anonymousId}`;
    const body = encode(randomBytes(8));
    const code = `SK-${body}-${sign(body, holder)}`;
    const row = [code, holder, kind, new Date().toISOString()];
    if (!offer.referred) {
      await db.query('INSERT INTO coupons (code, email, kind, created_at) VALUES ($1, $2, $3, $4::TIMESTAMPTZ)', row);
      return sendJson(res, 201, { code, kind, percentOff: offer.percentOff });
    }
    // One statement, so two requests at once still leave one code.
    await db.query(`INSERT INTO coupons (code, email, kind, created_at) SELECT $1, $2, $3, $4::TIMESTAMPTZ
      WHERE NOT EXISTS (SELECT 1 FROM coupons WHERE email = $2 AND kind = $3)`, row);
    const [held] = await db.query('SELECT code FROM coupons WHERE email = $1 AND kind = $2', [holder, kind]);
    sendJson(res, held.code === code ? 201 : 200, { code: held.code, kind, percentOff: offer.percentOff });
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
