// The closed-form statistics of the report, each also written in report.sql with the same
// formulas so the two give the same numbers: the complementary error function, the relative lift
// of a conversion rate with its interval, and the sample-ratio-mismatch test.

/**
 * erfc(x) for x >= 0 with a fractional error below 1.2e-7 everywhere (Numerical Recipes'
 * Chebyshev fit, erfcc): enough for p-values, and plain arithmetic a SQL engine has too.
 */
export function erfc(x) {
  const z = Math.abs(x);
  const t = 1 / (1 + 0.5 * z);
  const r = t * Math.exp(-z * z - 1.26551223 + t * (1.00002368 + t * (0.37409196 + t * (0.09678418
    + t * (-0.18628806 + t * (0.27886807 + t * (-1.13520398 + t * (1.48851587 + t * (-0.82215223
    + t * 0.17087277)))))))));
  return x >= 0 ? r : 2 - r;
}

/**
 * The standard normal quantile (Acklam's rational approximation, relative error below 1.2e-9):
 * the z of a two-sided interval is normalQuantile((1 + confidence) / 2).
 */
export function normalQuantile(p) {
  if (!(p > 0 && p < 1)) throw new RangeError(`normalQuantile needs 0 < p < 1, got ${p}`);
  const a = [-39.69683028665376, 220.9460984245205, -275.9285104469687, 138.357751867269, -30.66479806614716,
    2.506628277459239];
  const b = [-54.47609879822406, 161.5858368580409, -155.6989798598866, 66.80131188771972, -13.28068155288572];
  const c = [-0.007784894002430293, -0.3223964580411365, -2.400758277161838, -2.549732539343734,
    4.374664141464968, 2.938163982698783];
  const d = [0.007784695709041462, 0.3224671290700398, 2.445134137142996, 3.754408661907416];
  const tail = (q) => (((((c[0] * q + c[1]) * q + c[2]) * q + c[3]) * q + c[4]) * q + c[5])
    / ((((d[0] * q + d[1]) * q + d[2]) * q + d[3]) * q + 1);
  if (p < 0.02425) return tail(Math.sqrt(-2 * Math.log(p)));
  if (p > 1 - 0.02425) return -tail(Math.sqrt(-2 * Math.log(1 - p)));
  const q = p - 0.5;
  const r = q * q;
  return ((((((a[0] * r + a[1]) * r + a[2]) * r + a[3]) * r + a[4]) * r + a[5]) * q)
    / (((((b[0] * r + b[1]) * r + b[2]) * r + b[3]) * r + b[4]) * r + 1);
}

/**
 * Relative lift of a conversion rate, treatment over control, with the delta-method interval on
 * the log of the rate ratio (Katz et al. 1978): se(ln RR) = sqrt(1/xt - 1/nt + 1/xc - 1/nc).
 * Null when either group has no conversions (the ratio or its log is then undefined).
 * @returns {{ estimate: number, lower: number, upper: number, pValue: number } | null}
 */
export function conversionLift(xt, nt, xc, nc, z) {
  if (!(xt > 0 && xc > 0 && nt > 0 && nc > 0)) return null;
  const logRatio = Math.log((xt / nt) / (xc / nc));
  const se = Math.sqrt(1 / xt - 1 / nt + 1 / xc - 1 / nc);
  return {
    estimate: Math.exp(logRatio) - 1,
    lower: Math.exp(logRatio - z * se) - 1,
    upper: Math.exp(logRatio + z * se) - 1,
    pValue: se > 0 ? erfc(Math.abs(logRatio) / se / Math.SQRT2) : 1,
  };
}

/**
 * Sample-ratio mismatch: Pearson's chi-square (1 degree of freedom) of the visitors in control and
 * treatment against the configured control share. A tiny p-value means the assignment or the
 * logging of exposures is broken, and the lifts cannot be trusted.
 * @returns {{ chiSquare: number, pValue: number } | null} null without visitors or a valid share
 */
export function sampleRatioMismatch(control, treatment, controlShare) {
  const total = control + treatment;
  if (!(total > 0 && controlShare > 0 && controlShare < 1)) return null;
  const expectedControl = total * controlShare;
  const expectedTreatment = total * (1 - controlShare);
  const chiSquare = ((control - expectedControl) * (control - expectedControl)) / expectedControl
    + ((treatment - expectedTreatment) * (treatment - expectedTreatment)) / expectedTreatment;
  return { chiSquare, pValue: erfc(Math.sqrt(chiSquare / 2)) };
}
