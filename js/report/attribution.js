// Attribution: a visitor belongs to the group of their first exposure to a campaign, and what
// counts for them is what they did from that moment on (orders: conversion and revenue), and
// whether the session of the exposure, all of it, was a bounce.

import { GROUPS } from './events.js';

/** Compares strings by code point, which is the byte order of UTF-8 that SQL engines sort by. */
export function byCodePoint(a, b) {
  const n = Math.min(a.length, b.length);
  for (let i = 0; i < n; i++) {
    if (a.charCodeAt(i) !== b.charCodeAt(i)) return a.codePointAt(i) - b.codePointAt(i);
  }
  return a.length - b.length;
}

const earlier = (a, b) => a.ts - b.ts || byCodePoint(a.id, b.id);

function groupBy(records, key) {
  const map = new Map();
  for (const r of records) {
    const k = key(r);
    const list = map.get(k);
    if (list) list.push(r);
    else map.set(k, [r]);
  }
  return map;
}

/** The index of the first element of sorted `list` with ts >= `ts` (with `after`, ts > `ts`). */
function firstFrom(list, ts, after = false) {
  let lo = 0;
  let hi = list.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (list[mid].ts < ts || (after && list[mid].ts === ts)) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

/**
 * Page views of the session the moment `ts` falls in (sessions end at a gap longer than `gapMs`):
 * the session of the last page at or before it, when that is within the gap; else the session
 * that starts within the gap after it (an exposure in a tab left idle); else none.
 */
function sessionPages(pages, ts, gapMs) {
  let start = firstFrom(pages, ts, true) - 1;
  if (start >= 0 && ts - pages[start].ts <= gapMs) {
    while (start > 0 && pages[start].ts - pages[start - 1].ts <= gapMs) start--;
  } else {
    start = firstFrom(pages, ts);
    if (start === pages.length || pages[start].ts - ts > gapMs) return 0;
  }
  let end = start + 1;
  while (end < pages.length && pages[end].ts - pages[end - 1].ts <= gapMs) end++;
  return end - start;
}

/**
 * Per campaign, its exposed visitors sorted by id, each with
 * `{ visitor, group, orders, revenue, bounced }`, and data-quality counts: `crossovers` (visitors
 * exposed in both groups, kept in the first) and `unknownGroups` (exposures in a group that is
 * neither treatment nor control, ignored). Orders without a numeric revenue or total count with 0.
 */
export function attribute(records, { sessionMinutes }) {
  const byType = groupBy(records, (r) => r.type);
  const sortedByVisitor = (type) => {
    const map = groupBy(byType.get(type) || [], (r) => r.visitor);
    for (const list of map.values()) list.sort(earlier);
    return map;
  };
  const pages = sortedByVisitor('page');
  const orders = sortedByVisitor('order');
  const gapMs = sessionMinutes * 60000;
  const campaigns = new Map();
  for (const [campaign, exposures] of groupBy(byType.get('exposure') || [], (r) => r.campaign)) {
    const known = exposures.filter((e) => GROUPS.includes(e.group));
    const visitors = [];
    let crossovers = 0;
    for (const [visitor, list] of groupBy(known, (e) => e.visitor)) {
      list.sort(earlier);
      const first = list[0];
      if (list.some((e) => e.group !== first.group)) crossovers++;
      const own = orders.get(visitor) || [];
      let count = 0;
      let revenue = 0;
      for (let i = firstFrom(own, first.ts); i < own.length; i++) {
        count++;
        revenue += own[i].value ?? 0;
      }
      visitors.push({ visitor, group: first.group, orders: count, revenue,
        bounced: sessionPages(pages.get(visitor) || [], first.ts, gapMs) === 1 });
    }
    visitors.sort((a, b) => byCodePoint(a.visitor, b.visitor));
    campaigns.set(campaign, { visitors, crossovers, unknownGroups: exposures.length - known.length });
  }
  return campaigns;
}
