// The location hint a shop's server gives the SDK: its CDN's geo headers, rendered as
// data-location-* attributes on <body> (js/page-context.js reads them). The demo reads the
// headers of the common CDNs; behind none of them the page simply has no hint.

const HEADERS = {
  country: ['cf-ipcountry', 'cloudfront-viewer-country', 'x-vercel-ip-country', 'x-country-code'],
  region: ['cf-region-code', 'cloudfront-viewer-country-region', 'x-vercel-ip-country-region', 'x-region-code'],
  city: ['cf-ipcity', 'cloudfront-viewer-city', 'x-vercel-ip-city', 'x-city'],
};

/** The data attributes ({ 'location-country': 'IE', ... }) for a request's headers; {} without any. */
export function geoHint(headers) {
  const data = {};
  for (const [field, names] of Object.entries(HEADERS)) {
    const name = names.find((n) => typeof headers[n] === 'string' && headers[n].trim());
    if (name) data[`location-${field}`] = headers[name].trim().slice(0, 100);
  }
  return data;
}
