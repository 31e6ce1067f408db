/// <reference types="shopkeeper" />
// The README's script-tag snippet in a page's own script (not a module), typed by the package's
// global declarations (compiled with tsc, never run).

window.shopkeeper = window.shopkeeper || [];
shopkeeper.push(['track', 'Product Added', { product_id: 'p07', price: 89 }]);
shopkeeper.push(['setConsent', 'granted']);
shopkeeper.push((sk) => console.log(sk.profile()));
// @ts-expect-error no such call
shopkeeper.push(['launch']);

async function later() {
  if (Array.isArray(shopkeeper)) return;
  const sk = await shopkeeper;
  shopkeeper.track('Product Viewed', { product_id: 'p07' });
  sk?.decide();
}
void later();
