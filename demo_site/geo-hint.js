// The location hint a shop's server gives the SDK: its CDN's geo headers, rendered as
// data-location-* attributes on <body> (js/page-context.js reads them). The demo reads the
// headers of the common CDNs; behind none of them the page simply has no hint.

const HEADERS = {
  country: ['cf-ipcountry', 'cloudfront-viewer-country', 'x-vercel-ip-country', 'x-country-code'],
  region: ['cf-region-code', 'cloudfront-viewer-country-region', 'x-vercel-ip-country-region', 'x-region-code'],
  city: ['cf-ipcity', 'cloudfront-viewer-city', 'x-vercel-ip-city', 'x-city'],
};

/**
 * A region as the engine names it, ISO 3166-2 with its country ("IE-DL"): Cloudflare, CloudFront
 * and Vercel send the subdivision alone ("DL"), and shop.js files orders, so the trends, under
 * the page's region.
 */
function isoRegion(region, country) {
  const code = region.toUpperCase();
  if (/^[A-Z]{2}-/.test(code) || !country) return code;
  const prefix = country.toUpperCase();
  return `${prefix === 'UK' ? 'GB' : prefix}-${code}`; // the engine reads UK as GB
}

/** The data attributes ({ 'location-country': 'IE', ... }) for a request's headers; {} without any. */
export function geoHint(headers) {
  const data = {};
  for (const [field, names] of Object.entries(HEADERS)) {
    const name = names.find((n) => typeof headers[n] === 'string' && headers[n].trim());
    if (name) data[`location-${field}`] = headers[name].trim().slice(0, 100);
  }
  if (data['location-region']) data['location-region'] = isoRegion(data['location-region'], data['location-country']);
  return data;
}
