// What the page shows, read from data-* attributes the shop puts on <body> (or on an
// element marked data-shopkeeper-page): page type, category, search query, the product
// of a product page, and a location hint the shop's server may fill from a CDN geo header.

const MAX = 256;

function text(value) {
  return typeof value === 'string' && value.length > 0 ? value.slice(0, MAX) : undefined;
}

/** Reads the page context from the DOM; {} outside a browser. */
export function readPageContext(doc = globalThis.document) {
  if (!doc || !doc.body) return {};
  const el = doc.querySelector('[data-shopkeeper-page]') || doc.body;
  const d = el.dataset;
  const context = { type: text(d.pageType), category: text(d.category), query: text(d.query) };
  if (text(d.productId)) {
    const price = Number(d.price);
    context.product = {
      product_id: text(d.productId),
      category: text(d.category),
      brand: text(d.brand),
      name: text(d.productName),
      price: Number.isFinite(price) ? price : undefined,
      tags: text(d.tags) ? d.tags.split(/\s+/).filter(Boolean).slice(0, 10) : undefined,
    };
  }
  const location = { country: text(d.locationCountry), region: text(d.locationRegion), city: text(d.locationCity) };
  if (location.country || location.region || location.city) context.location = location;
  return JSON.parse(JSON.stringify(context)); // drops the undefined fields
}
