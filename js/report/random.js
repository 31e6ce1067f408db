// Seeded randomness: a 32-bit integer hash (the bootstrap's counter-based weights, also written in
// report.sql) and a small stream generator with the distributions the traffic simulator draws from.

/**
 * Chris Wellons' "lowbias32" integer hash: every input bit flips each output bit with probability
 * close to 1/2. Written with 32-bit operations only, so the SQL version gives the same numbers.
 * @param {number} x an unsigned 32-bit integer
 */
export function mix32(x) {
  x = (x ^ (x >>> 16)) >>> 0;
  x = Math.imul(x, 0x7feb352d) >>> 0;
  x = (x ^ (x >>> 15)) >>> 0;
  x = Math.imul(x, 0x846ca68b) >>> 0;
  return (x ^ (x >>> 16)) >>> 0;
}

/** An unsigned 32-bit seed from any number or text (text is hashed character by character). */
export function seedOf(value) {
  if (typeof value === 'number' && Number.isInteger(value)) return value >>> 0;
  let h = 0x811c9dc5;
  for (const ch of String(value)) h = mix32((h ^ ch.codePointAt(0)) >>> 0);
  return h;
}

/**
 * A seeded generator (SplitMix32: a Weyl sequence through mix32), with the draws the simulator
 * needs. The same seed gives the same sequence on every platform.
 */
export function createRandom(seed) {
  let state = seedOf(seed);
  let spareNormal = null;
  const random = {
    /** A uniform number in [0, 1). */
    next() {
      state = (state + 0x9e3779b9) >>> 0;
      return mix32(state) / 4294967296;
    },
    /** True with probability `p`. */
    chance(p) {
      return random.next() < p;
    },
    /** A uniform integer in [min, max]. */
    integer(min, max) {
      return min + Math.floor(random.next() * (max - min + 1));
    },
    /** One of `items`, by their `weight` (an array of { weight, ... }). */
    weighted(items) {
      const total = items.reduce((sum, item) => sum + item.weight, 0);
      let r = random.next() * total;
      for (const item of items) {
        r -= item.weight;
        if (r < 0) return item;
      }
      return items[items.length - 1];
    },
    /** A standard normal draw (Box-Muller, the second value of each pair kept for the next call). */
    normal() {
      if (spareNormal !== null) {
        const value = spareNormal;
        spareNormal = null;
        return value;
      }
      const u = 1 - random.next(); // (0, 1]: log(0) is never taken
      const radius = Math.sqrt(-2 * Math.log(u));
      const angle = 2 * Math.PI * random.next();
      spareNormal = radius * Math.sin(angle);
      return radius * Math.cos(angle);
    },
    /** A log-normal draw with the given median and shape (sigma of the log). */
    logNormal(median, sigma) {
      return median * Math.exp(sigma * random.normal());
    },
    /** A geometric count >= 1 with the given mean (mean 1 always gives 1). */
    geometric(mean) {
      if (mean <= 1) return 1;
      const p = 1 / mean;
      return 1 + Math.floor(Math.log(1 - random.next()) / Math.log(1 - p));
    },
  };
  return random;
}
