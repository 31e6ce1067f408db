// The configured split of each campaign, which the sample-ratio check compares against.

/**
 * The control share (0..1) of every campaign with a holdout in a rules document
 * (`campaigns[].holdout.percent`, the percent of eligible visitors kept as control).
 */
export function splitsFromRules(rules) {
  const splits = new Map();
  const campaigns = rules && Array.isArray(rules.campaigns) ? rules.campaigns : [];
  for (const c of campaigns) {
    const percent = c && c.holdout && c.holdout.percent;
    if (c && typeof c.id === 'string' && typeof percent === 'number' && percent > 0 && percent < 100) {
      splits.set(c.id, percent / 100);
    }
  }
  return splits;
}

/** Parses "campaign=percent" (the percent in control); throws a clear error otherwise. */
export function parseSplit(text) {
  const match = /^(.+)=(\d+(?:\.\d+)?)%?$/.exec(text);
  const percent = match ? Number(match[2]) : NaN;
  if (!match || !(percent > 0 && percent < 100)) {
    throw new Error(`--split takes campaign=percent with 0 < percent < 100 (the share in control), not "${text}"`);
  }
  return [match[1], percent / 100];
}
