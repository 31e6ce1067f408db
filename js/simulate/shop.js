// The shop the simulated visitors walk through: a catalog, its pages as the engine sees them
// (url, referrer, type, category, product), and where each kind of visitor comes in from.

const DEFAULT_CATEGORIES = ['jackets', 'boots', 'hats', 'gloves', 'sweaters', 'gear'];
const DEFAULT_PRICES = [289, 219, 149, 89, 179, 129, 99, 59, 39, 29, 45, 25, 49, 35, 69, 19, 119, 99, 79, 65, 139,
  59, 29, 15];

/** A small outdoor-clothing catalog: six categories of four products (the demo shop's layout). */
export function defaultCatalog() {
  return {
    categories: DEFAULT_CATEGORIES.map((slug) => ({ slug })),
    products: DEFAULT_PRICES.map((price, i) => ({
      id: `p${String(i + 1).padStart(2, '0')}`,
      name: `Product ${i + 1}`,
      category: DEFAULT_CATEGORIES[Math.floor(i / 4)],
      brand: ['Timberline', 'Nordkapp', 'Aster'][i % 3],
      price,
    })),
  };
}

/** Checks a catalog ({ categories: [{ slug }], products: [{ id, category, price }] }); throws a clear error. */
export function checkCatalog(catalog) {
  const ok = catalog && Array.isArray(catalog.categories) && Array.isArray(catalog.products)
    && catalog.categories.length > 0 && catalog.products.length > 0
    && catalog.categories.every((c) => c && typeof c.slug === 'string')
    && catalog.products.every((p) => p && typeof p.id === 'string' && typeof p.category === 'string');
  if (!ok) throw new Error('a catalog needs categories [{ slug }] and products [{ id, category, price }]');
  return catalog;
}

/** The pages of `catalog` under `origin`, and a walk through them. */
export function createShop(catalog, origin) {
  const byCategory = new Map(catalog.categories.map((c) => [c.slug, catalog.products.filter((p) => p.category === c.slug)]));
  const pages = {
    home: () => ({ url: `${origin}/`, title: 'Home', type: 'home' }),
    category: (slug) => ({ url: `${origin}/category/${slug}`, title: slug, type: 'category', category: slug }),
    product: (p) => ({ url: `${origin}/product/${p.id}`, title: p.name || p.id, type: 'product', category: p.category,
      product: { product_id: p.id, name: p.name, category: p.category, brand: p.brand, price: p.price } }),
    cart: () => ({ url: `${origin}/cart`, title: 'Cart', type: 'cart' }),
    checkout: () => ({ url: `${origin}/checkout`, title: 'Checkout', type: 'checkout' }),
  };
  const productOf = (random, slug) => {
    const list = byCategory.get(slug);
    return list && list.length ? list[random.integer(0, list.length - 1)] : catalog.products[random.integer(0, catalog.products.length - 1)];
  };
  const anyCategory = (random) => catalog.categories[random.integer(0, catalog.categories.length - 1)].slug;

  return {
    pages,
    anyCategory,
    productOf,
    /** The first page of a visit: where a visitor of `kind` comes in from (later visits come direct). */
    landing(random, kind, slug, visit) {
      if (visit > 0) return { ...pages.home(), referrer: '' };
      const product = pages.product(productOf(random, slug));
      switch (kind.arrival) {
        case 'search':
          return { ...product, referrer: 'https://www.google.com/' };
        case 'referral':
          return random.chance(0.5)
            ? { ...pages.home(), url: `${origin}/?ref=friend${random.integer(100, 999)}`, referrer: '' }
            : { ...product, referrer: 'https://trailblog.example/best-winter-gear' };
        case 'social':
          return { ...pages.category(slug), url: `${origin}/category/${slug}?utm_source=instagram&utm_medium=social`,
            referrer: 'https://www.instagram.com/' };
        default:
          return { ...product, url: `${product.url}?utm_source=facebook&utm_medium=cpc&utm_campaign=winter-sale`,
            referrer: 'https://m.facebook.com/' };
      }
    },
    /** The page after `from`: mostly products of the visitor's category, sometimes elsewhere. */
    next(random, slug, from) {
      const r = random.next();
      const page = r < 0.55 ? pages.product(productOf(random, r < 0.4 ? slug : anyCategory(random)))
        : r < 0.85 ? pages.category(r < 0.75 ? slug : anyCategory(random)) : pages.home();
      return { ...page, referrer: from.url.split('?')[0] };
    },
  };
}
