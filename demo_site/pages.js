// Server-side pages of the demo shop. Every interpolated value goes through esc().

const esc = (s) => String(s).replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c]);

const money = (catalog, amount) => new Intl.NumberFormat('en-IE', { style: 'currency', currency: catalog.currency }).format(amount);

const dataAttributes = (data) => Object.entries(data)
  .map(([k, v]) => ` data-${k}="${esc(v)}"`).join('');

/**
 * A content slot Shopkeeper may fill (data-shopkeeper-slot). Its default content gives it its size,
 * so what fills it moves nothing on the page.
 */
const slot = (name, defaultContent) => `<div class="slot" data-shopkeeper-slot="${esc(name)}">${defaultContent}</div>`;

/** The SDK's script tag: early in <head> and not deferred, so it hides the grid before the first paint. */
function sdkScript(sdk, currency) {
  const timeout = sdk.gridTimeout === undefined ? '' : ` data-grid-timeout="${esc(sdk.gridTimeout)}"`;
  const geolocation = sdk.geolocation ? ` data-geolocation="${esc(sdk.geolocation)}"` : '';
  const warmUp = sdk.warmUp === false ? ' data-warm-up="false"' : '';
  return `<script src="/shopkeeper/shopkeeper.js" data-rules="${esc(sdk.rules)}" data-endpoint="${esc(sdk.endpoint)}" data-consent="${esc(sdk.consent)}" data-context="${esc(sdk.context)}" data-currency="${esc(currency)}"${geolocation} data-grid="#products"${timeout}${warmUp}></script>`;
}

function layout(catalog, { title, body, pageType, sdk, data = {} }) {
  const nav = [{ slug: 'all', title: 'All' }, ...catalog.categories]
    .map((c) => `<a href="/category/${esc(c.slug)}">${esc(c.title)}</a>`).join('');
  return `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
${sdkScript(sdk, catalog.currency)}
<title>${esc(title)} · ${esc(catalog.shop)}</title>
<link rel="icon" href="/favicon.svg">
<link rel="stylesheet" href="/shop.css">
<script src="/shop.js" defer></script>
</head>
<body${dataAttributes({ 'page-type': pageType, ...sdk.location, ...data })}>
<header class="site-header">
  <a class="logo" href="/">${esc(catalog.shop)}</a>
  <nav aria-label="Categories">${nav}</nav>
  <a class="cart-link" href="/cart">Cart (<span data-cart-count>0</span>)</a>
</header>
<main id="main">
${body}
</main>
<footer class="site-footer">Demo shop for the Shopkeeper SDK. Nothing here is for sale.</footer>
</body>
</html>`;
}

function tile(catalog, p) {
  return `<li class="tile" data-product-id="${esc(p.id)}" data-category="${esc(p.category)}" data-brand="${esc(p.brand)}" data-tags="${esc(p.tags.join(' '))}" data-price="${esc(p.price)}" data-popularity="${esc(p.popularity)}">
  <a href="/product/${esc(p.id)}">
    <span class="swatch swatch-${esc(p.category)}" aria-hidden="true"></span>
    <span class="name">${esc(p.name)}</span>
    <span class="brand">${esc(p.brand)}</span>
    <span class="price">${esc(money(catalog, p.price))}</span>
  </a>
</li>`;
}

function grid(catalog, products) {
  return `<ul class="grid" id="products">${products.map((p) => tile(catalog, p)).join('\n')}</ul>`;
}

/** The home page: a hero and the most popular products. */
export function homePage(catalog, sdk) {
  const popular = [...catalog.products].sort((a, b) => b.popularity - a.popularity).slice(0, 8);
  const body = `<section class="hero">${slot('greeting', '<p class="slot-default">Warm gear, shipped across Ireland.</p>')}
<h1>Gear for the cold months</h1><p>Jackets, boots and wool for snow days and long walks.</p>
<a class="button" href="/category/jackets">Shop jackets</a></section>
<div class="slots">
${slot('near-you', '<h2>Free delivery</h2><p>On every order over €50, anywhere in Ireland.</p>')}
${slot('weather', '<h2>Dress for the weather</h2><p>Layers for wind, rain and the first frost.</p>')}
</div>
<h2>Popular right now</h2>
${grid(catalog, popular)}
<section class="refer" aria-labelledby="refer-title"><h2 id="refer-title">Refer a friend</h2>
<p>Your friend gets 15% off their first order; you get a bundle offer picked for you when they order.</p>
<label for="share-link">Your link</label> <input id="share-link" readonly data-share-link value="">
</section>`;
  return layout(catalog, { title: 'Home', body, pageType: 'home', sdk });
}

/** A category page: the grid of its products in the shop's own order. */
export function categoryPage(catalog, category, sdk) {
  const products = catalog.products.filter((p) => p.category === category.slug);
  const body = `<h1>${esc(category.title)}</h1>\n${grid(catalog, products)}`;
  return layout(catalog, { title: category.title, body, pageType: 'category', sdk, data: { category: category.slug } });
}

/** Every product, in the shop's own order: a listing across categories (no category of its own). */
export function allProductsPage(catalog, sdk) {
  const body = `<h1>All products</h1>\n${grid(catalog, catalog.products)}`;
  return layout(catalog, { title: 'All products', body, pageType: 'category', sdk });
}

/** A product page with an add-to-cart button. */
export function productPage(catalog, p, sdk) {
  const body = `<article class="product" data-product-id="${esc(p.id)}" data-category="${esc(p.category)}">
  <span class="swatch swatch-large swatch-${esc(p.category)}" aria-hidden="true"></span>
  <div>
    <h1>${esc(p.name)}</h1>
    <p class="brand">${esc(p.brand)}</p>
    <p class="price">${esc(money(catalog, p.price))}</p>
    <button type="button" class="button" data-add-to-cart="${esc(p.id)}">Add to cart</button>
    <p class="added" role="status" aria-live="polite"></p>
  </div>
</article>`;
  const data = { 'product-id': p.id, 'product-name': p.name, category: p.category, brand: p.brand, price: p.price, tags: p.tags.join(' ') };
  return layout(catalog, { title: p.name, body, pageType: 'product', sdk, data });
}

/** The cart or checkout page; its content is rendered by shop.js from the shop's own cart storage. */
export function cartPage(catalog, sdk, pageType = 'cart') {
  const checkout = pageType === 'checkout';
  const body = `<h1>${checkout ? 'Checkout' : 'Your cart'}</h1>
<div id="cart" data-cart></div>
${checkout ? '<button type="button" class="button" data-place-order>Place order</button>' : '<a class="button" href="/checkout">Checkout</a>'}`;
  return layout(catalog, { title: checkout ? 'Checkout' : 'Cart', body, pageType, sdk });
}

/** A plain 404 page. */
export function notFoundPage(catalog, sdk) {
  return layout(catalog, { title: 'Not found', body: '<h1>Not found</h1><p><a href="/">Back to the shop</a></p>', pageType: 'not-found', sdk });
}
