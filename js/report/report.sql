-- Shopkeeper's lift report in SQL (DuckDB): the numbers of `shopkeeper report`, computed where
-- the events are. One row per campaign; the columns are described in README "Measuring lift".
--
-- Reads three tables:
--   events(message_id, type, event, anonymous_id, user_id, timestamp TIMESTAMPTZ, message JSON):
--     one row per Segment message, as the demo collector stores them (demo_site/db.js);
--   report_settings(confidence DOUBLE, z DOUBLE, replicates INTEGER, seed UBIGINT,
--     session_minutes DOUBLE, srm_alpha DOUBLE): one row;
--   campaign_splits(campaign VARCHAR, control_share DOUBLE): the configured holdout of each campaign.
-- On a Segment warehouse, write the three source views below (page_views, exposures, orders)
-- over its `pages`, `experiment_viewed` and `order_completed` tables instead; nothing else changes.
-- Decimal constants are written with an exponent so DuckDB reads them as DOUBLE, not DECIMAL.

-- lowbias32 (js/report/random.js): an unsigned 32-bit hash in 64-bit arithmetic.
CREATE OR REPLACE TEMP MACRO sk_xorshift(x, s) AS xor(x, x >> s);
CREATE OR REPLACE TEMP MACRO sk_mul32(x, m) AS (x * m) % 4294967296;
CREATE OR REPLACE TEMP MACRO sk_mix32(x) AS sk_xorshift(sk_mul32(sk_xorshift(sk_mul32(
  sk_xorshift(x::UBIGINT, 16), 2146121005::UBIGINT), 15), 2221713035::UBIGINT), 16);

-- Poisson(1) weight of a hash (js/report/bootstrap.js): how many of the CDF steps it reaches.
CREATE OR REPLACE TEMP MACRO sk_poisson(h) AS
  (h >= 1580030168)::INTEGER + (h >= 3160060337)::INTEGER + (h >= 3950075421)::INTEGER
  + (h >= 4213413783)::INTEGER + (h >= 4279248373)::INTEGER + (h >= 4292415291)::INTEGER
  + (h >= 4294609777)::INTEGER + (h >= 4294923276)::INTEGER + (h >= 4294962463)::INTEGER
  + (h >= 4294966817)::INTEGER;

-- erfc(z) for z >= 0 (js/report/stats.js, Numerical Recipes' erfcc).
CREATE OR REPLACE TEMP MACRO sk_erfc_t(t, z) AS t * exp(-z * z - 1.26551223e0 + t * (1.00002368e0
  + t * (0.37409196e0 + t * (0.09678418e0 + t * (-0.18628806e0 + t * (0.27886807e0 + t * (-1.13520398e0
  + t * (1.48851587e0 + t * (-0.82215223e0 + t * 0.17087277e0)))))))));
CREATE OR REPLACE TEMP MACRO sk_erfc(z) AS sk_erfc_t(1e0 / (1e0 + 0.5e0 * z), z);

-- A property that is a non-empty string, or a number; NULL otherwise (js/report/events.js).
CREATE OR REPLACE TEMP MACRO sk_text(m, path) AS
  CASE WHEN json_type(m, path) = 'VARCHAR' AND (m ->> path) <> '' THEN m ->> path END;
CREATE OR REPLACE TEMP MACRO sk_number(m, path) AS
  CASE WHEN json_type(m, path) IN ('DOUBLE', 'BIGINT', 'UBIGINT') THEN (m ->> path)::DOUBLE END;

WITH
settings AS (
  SELECT confidence, z, replicates, seed, session_minutes * 60000 AS gap_ms, srm_alpha FROM report_settings
),
messages AS MATERIALIZED (
  SELECT DISTINCT ON (message_id) message_id AS id, type, event,
    coalesce(nullif(anonymous_id, ''), nullif(user_id, '')) AS visitor, epoch_ms(timestamp) AS ts, message
  FROM events
  WHERE type = 'page' OR (type = 'track' AND event IN ('Experiment Viewed', 'Order Completed'))
),

-- The three sources: page views, exposures and orders, each with its visitor and time in ms.
page_views AS (
  SELECT id, visitor, ts FROM messages WHERE type = 'page' AND visitor IS NOT NULL
),
exposures AS (
  SELECT * FROM (
    SELECT id, visitor, ts,
      coalesce(sk_text(message, '$.properties.experiment_id'), sk_text(message, '$.properties.campaign')) AS campaign,
      coalesce(sk_text(message, '$.properties.variation_id'), sk_text(message, '$.properties.group')) AS grp
    FROM messages WHERE event = 'Experiment Viewed' AND visitor IS NOT NULL
  ) WHERE campaign IS NOT NULL AND grp IN ('control', 'treatment')
),
orders AS (
  SELECT visitor, ts,
    coalesce(sk_number(message, '$.properties.revenue'), sk_number(message, '$.properties.total'), 0e0) AS value
  FROM messages WHERE event = 'Order Completed' AND visitor IS NOT NULL
),

-- Attribution: the group of the first exposure; what the visitor did from then on.
first_exposures AS MATERIALIZED (
  SELECT campaign, visitor, grp, ts, crossed FROM (
    SELECT campaign, visitor, grp, ts,
      row_number() OVER (PARTITION BY campaign, visitor ORDER BY ts, id) AS nth,
      count(DISTINCT grp) OVER (PARTITION BY campaign, visitor) > 1 AS crossed
    FROM exposures
  ) WHERE nth = 1
),
visitor_orders AS (
  SELECT f.campaign, f.visitor, count(o.ts) AS orders, coalesce(sum(o.value), 0e0) AS revenue
  FROM first_exposures f LEFT JOIN orders o ON o.visitor = f.visitor AND o.ts >= f.ts
  GROUP BY f.campaign, f.visitor
),
visitor_sessions AS (
  -- Each page view's session: a gap longer than the session timeout starts the next one.
  SELECT visitor, ts, sum(brk) OVER (PARTITION BY visitor ORDER BY ts, id ROWS UNBOUNDED PRECEDING) AS sess
  FROM (
    SELECT visitor, ts, id,
      coalesce((ts - lag(ts) OVER (PARTITION BY visitor ORDER BY ts, id) > (SELECT gap_ms FROM settings))::INTEGER, 0) AS brk
    FROM page_views
  )
),
exposure_sessions AS (
  -- The session of the last page at or before the exposure, when within the timeout; else the one
  -- starting within the timeout after it (an exposure in a tab left idle). Pages within the timeout
  -- on one side of a moment are all of one session.
  SELECT f.campaign, f.visitor, coalesce(
      max(s.sess) FILTER (WHERE s.ts <= f.ts AND f.ts - s.ts <= (SELECT gap_ms FROM settings)),
      min(s.sess) FILTER (WHERE s.ts > f.ts AND s.ts - f.ts <= (SELECT gap_ms FROM settings))) AS sess
  FROM first_exposures f JOIN visitor_sessions s ON s.visitor = f.visitor
  GROUP BY f.campaign, f.visitor
),
visitor_bounces AS (
  SELECT e.campaign, e.visitor, count(*) = 1 AS bounced
  FROM exposure_sessions e JOIN visitor_sessions s ON s.visitor = e.visitor AND s.sess = e.sess
  GROUP BY e.campaign, e.visitor
),
attributed AS MATERIALIZED (
  SELECT f.campaign, f.visitor, f.grp, f.crossed, o.orders, o.revenue, coalesce(b.bounced, false) AS bounced,
    row_number() OVER (PARTITION BY f.campaign ORDER BY f.visitor) - 1 AS idx
  FROM first_exposures f
  JOIN visitor_orders o USING (campaign, visitor)
  LEFT JOIN visitor_bounces b USING (campaign, visitor)
),

-- Totals per campaign and group.
totals AS (
  SELECT campaign,
    count(*) FILTER (WHERE grp = 'control') AS control_visitors,
    count(*) FILTER (WHERE grp = 'treatment') AS treatment_visitors,
    count(*) FILTER (WHERE grp = 'control' AND orders > 0) AS control_converters,
    count(*) FILTER (WHERE grp = 'treatment' AND orders > 0) AS treatment_converters,
    coalesce(sum(orders) FILTER (WHERE grp = 'control'), 0) AS control_orders,
    coalesce(sum(orders) FILTER (WHERE grp = 'treatment'), 0) AS treatment_orders,
    coalesce(sum(revenue) FILTER (WHERE grp = 'control'), 0e0) AS control_revenue,
    coalesce(sum(revenue) FILTER (WHERE grp = 'treatment'), 0e0) AS treatment_revenue,
    count(*) FILTER (WHERE grp = 'control' AND bounced) AS control_bounces,
    count(*) FILTER (WHERE grp = 'treatment' AND bounced) AS treatment_bounces,
    count(*) FILTER (WHERE crossed) AS crossovers
  FROM attributed GROUP BY campaign
),

-- Revenue per visitor: the Poisson bootstrap of the ratio of means (js/report/bootstrap.js).
replicates AS (
  SELECT r, sk_mix32((seed + r::UBIGINT * 2654435769::UBIGINT) % 4294967296) AS rkey
  FROM settings, range(settings.replicates) AS t(r)
),
replicate_sums AS (
  SELECT campaign, r,
    coalesce(sum(w) FILTER (WHERE grp = 'control'), 0) AS wc,
    coalesce(sum(w * revenue) FILTER (WHERE grp = 'control'), 0e0) AS rc,
    coalesce(sum(w) FILTER (WHERE grp = 'treatment'), 0) AS wt,
    coalesce(sum(w * revenue) FILTER (WHERE grp = 'treatment'), 0e0) AS rt
  FROM (
    SELECT a.campaign, a.grp, a.revenue, p.r, sk_poisson(sk_mix32(xor(p.rkey, a.idx::UBIGINT))) AS w
    FROM attributed a JOIN totals t USING (campaign) CROSS JOIN replicates p
    WHERE t.control_revenue > 0 AND t.treatment_visitors > 0
  )
  GROUP BY campaign, r
),
replicate_ratios AS (
  SELECT campaign,
    CASE WHEN wt * rc > 0 THEN (rt * wc) / (wt * rc) ELSE 'Infinity'::DOUBLE END AS ratio,
    row_number() OVER (PARTITION BY campaign ORDER BY
      CASE WHEN wt * rc > 0 THEN (rt * wc) / (wt * rc) ELSE 'Infinity'::DOUBLE END) - 1 AS k
  FROM replicate_sums
),
revenue_intervals AS (
  SELECT campaign,
    max(ratio) FILTER (WHERE k = floor(s.replicates * (1 - s.confidence) / 2 + 1e-9)) AS lower_ratio,
    max(ratio) FILTER (WHERE k = ceil(s.replicates * (1 + s.confidence) / 2 - 1e-9) - 1) AS upper_ratio
  FROM replicate_ratios, settings AS s GROUP BY campaign
),

-- Rates, lifts and the sample-ratio check.
rates AS (
  SELECT t.*, sp.control_share,
    CASE WHEN control_converters > 0 AND treatment_converters > 0 THEN
      ln((treatment_converters::DOUBLE / treatment_visitors) / (control_converters::DOUBLE / control_visitors)) END AS log_ratio,
    CASE WHEN control_converters > 0 AND treatment_converters > 0 THEN
      sqrt(1e0 / treatment_converters - 1e0 / treatment_visitors + 1e0 / control_converters - 1e0 / control_visitors) END AS se,
    (control_visitors + treatment_visitors) * sp.control_share AS expected_control,
    (control_visitors + treatment_visitors) * (1 - sp.control_share) AS expected_treatment
  FROM totals t LEFT JOIN campaign_splits sp USING (campaign)
),
srm AS (
  SELECT campaign,
    CASE WHEN control_visitors + treatment_visitors > 0 AND control_share > 0 AND control_share < 1 THEN
      (control_visitors - expected_control) * (control_visitors - expected_control) / expected_control
      + (treatment_visitors - expected_treatment) * (treatment_visitors - expected_treatment) / expected_treatment
    END AS chi_square
  FROM rates
)
SELECT
  r.campaign,
  r.control_share,
  r.control_visitors::INTEGER AS control_visitors,
  r.treatment_visitors::INTEGER AS treatment_visitors,
  r.control_converters::INTEGER AS control_converters,
  r.treatment_converters::INTEGER AS treatment_converters,
  r.control_orders::INTEGER AS control_orders,
  r.treatment_orders::INTEGER AS treatment_orders,
  r.control_revenue,
  r.treatment_revenue,
  r.control_bounces::INTEGER AS control_bounces,
  r.treatment_bounces::INTEGER AS treatment_bounces,
  CASE WHEN r.control_visitors > 0 THEN r.control_converters / r.control_visitors END AS control_conversion_rate,
  CASE WHEN r.treatment_visitors > 0 THEN r.treatment_converters / r.treatment_visitors END AS treatment_conversion_rate,
  CASE WHEN r.control_orders > 0 THEN r.control_revenue / r.control_orders END AS control_average_order_value,
  CASE WHEN r.treatment_orders > 0 THEN r.treatment_revenue / r.treatment_orders END AS treatment_average_order_value,
  CASE WHEN r.control_visitors > 0 THEN r.control_revenue / r.control_visitors END AS control_revenue_per_visitor,
  CASE WHEN r.treatment_visitors > 0 THEN r.treatment_revenue / r.treatment_visitors END AS treatment_revenue_per_visitor,
  CASE WHEN r.control_visitors > 0 THEN r.control_bounces / r.control_visitors END AS control_bounce_rate,
  CASE WHEN r.treatment_visitors > 0 THEN r.treatment_bounces / r.treatment_visitors END AS treatment_bounce_rate,
  exp(r.log_ratio) - 1 AS conversion_lift,
  exp(r.log_ratio - s.z * r.se) - 1 AS conversion_lift_lower,
  exp(r.log_ratio + s.z * r.se) - 1 AS conversion_lift_upper,
  CASE WHEN r.se > 0 THEN sk_erfc(abs(r.log_ratio) / r.se / sqrt(2e0)) WHEN r.se IS NOT NULL THEN 1e0 END
    AS conversion_p_value,
  exp(r.log_ratio - s.z * r.se) - 1 > 0 OR exp(r.log_ratio + s.z * r.se) - 1 < 0 AS conversion_significant,
  CASE WHEN r.control_revenue > 0 AND r.treatment_visitors > 0 THEN
    (r.treatment_revenue / r.treatment_visitors) / (r.control_revenue / r.control_visitors) - 1 END AS revenue_lift,
  CASE WHEN isfinite(i.lower_ratio) THEN i.lower_ratio - 1 END AS revenue_lift_lower,
  CASE WHEN isfinite(i.upper_ratio) THEN i.upper_ratio - 1 END AS revenue_lift_upper,
  CASE WHEN i.campaign IS NOT NULL THEN
    coalesce(CASE WHEN isfinite(i.lower_ratio) THEN i.lower_ratio - 1 END > 0, false)
    OR coalesce(CASE WHEN isfinite(i.upper_ratio) THEN i.upper_ratio - 1 END < 0, false) END AS revenue_significant,
  m.chi_square AS srm_chi_square,
  sk_erfc(sqrt(m.chi_square / 2)) AS srm_p_value,
  sk_erfc(sqrt(m.chi_square / 2)) < s.srm_alpha AS srm_flagged,
  r.crossovers::INTEGER AS crossovers
FROM rates r
CROSS JOIN settings s
JOIN srm m USING (campaign)
LEFT JOIN revenue_intervals i USING (campaign)
ORDER BY r.campaign;
