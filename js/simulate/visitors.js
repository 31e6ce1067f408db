// The four kinds of visitor a shop sees, with what they do: how they arrive, how many visits and
// pages, how often they buy and for how much. Rates are typical of small web shops: about 2.5% of
// visitors order, orders are log-normal around a median of 40 to 85.

/**
 * The kinds of visitor, by share of traffic. `conversion` is the chance that a visitor of the kind
 * orders at all; an order's value is log-normal (`orderMedian`, `orderSigma` of its log);
 * `visits` and `pages` are means (pages per visit); `arrival` is how they come in.
 */
export const VISITOR_KINDS = Object.freeze([
  { kind: 'came to buy', share: 0.15, conversion: 0.11, orderMedian: 85, orderSigma: 0.55, visits: 1.4, pages: 5,
    arrival: 'search' },
  { kind: 'came recommended', share: 0.1, conversion: 0.05, orderMedian: 70, orderSigma: 0.6, visits: 1.3, pages: 4,
    arrival: 'referral' },
  { kind: 'killing time', share: 0.35, conversion: 0.012, orderMedian: 45, orderSigma: 0.7, visits: 2, pages: 7,
    arrival: 'social' },
  { kind: 'passing by', share: 0.4, conversion: 0.003, orderMedian: 40, orderSigma: 0.6, visits: 1, pages: 1.15,
    arrival: 'ad' },
].map(Object.freeze));

/** Draws a kind of visitor by share. */
export function drawKind(random) {
  return random.weighted(VISITOR_KINDS.map((k) => ({ ...k, weight: k.share })));
}

/** Whether a visitor of `kind` orders, with the chance multiplied by `multiplier` (a planted effect). */
export function drawsOrder(random, kind, multiplier = 1) {
  return random.chance(Math.min(1, kind.conversion * multiplier));
}

/** The value of one order of a visitor of `kind`, rounded to cents. */
export function drawOrderValue(random, kind) {
  return Math.round(random.logNormal(kind.orderMedian, kind.orderSigma) * 100) / 100;
}
