// The demo shop's own script (not part of the SDK): a cart kept in localStorage, and the
// events it tells Shopkeeper about through the queue snippet every shop can copy. It also puts
// an accepted bundle offer in the cart at its bundle price, and shows the visitor's referral link.
(function () {
  var KEY = 'demo-shop:cart';
  var catalog = null;

  function shopkeeper(call) {
    (window.shopkeeper = window.shopkeeper || []).push(call);
  }
  function read() {
    try {
      var items = JSON.parse(localStorage.getItem(KEY) || '[]');
      return Array.isArray(items) ? items : [];
    } catch (e) {
      return [];
    }
  }
  function write(items) {
    try {
      localStorage.setItem(KEY, JSON.stringify(items));
    } catch (e) { /* the demo cart simply does not persist */ }
  }
  function find(id) {
    return catalog && catalog.products.find(function (p) { return p.id === id; });
  }
  function segmentProduct(p, quantity, price) {
    return { product_id: p.id, name: p.name, category: p.category, brand: p.brand, price: price === undefined ? p.price : price,
      quantity: quantity, tags: p.tags };
  }
  // A cart line is { id, quantity }, or { id, quantity: 1, price } for a product of an accepted bundle.
  function cartProducts() {
    return read().map(function (item) { var p = find(item.id); return p && segmentProduct(p, item.quantity, item.price); }).filter(Boolean);
  }
  function cents(n) {
    return Math.round(n * 100) / 100;
  }
  function updateCount() {
    var count = read().reduce(function (n, item) { return n + item.quantity; }, 0);
    document.querySelectorAll('[data-cart-count]').forEach(function (el) { el.textContent = String(count); });
  }
  function renderCart() {
    var box = document.querySelector('[data-cart]');
    if (!box) return;
    var items = read();
    box.textContent = '';
    if (!items.length) {
      box.textContent = 'Your cart is empty.';
      return;
    }
    var list = document.createElement('ul');
    list.className = 'cart-lines';
    items.forEach(function (item) {
      var product = find(item.id);
      if (!product) return;
      var name = product.name + (item.price === undefined ? '' : ' at the bundle price');
      var li = document.createElement('li');
      li.textContent = item.quantity + ' × ' + name;
      var remove = document.createElement('button');
      remove.type = 'button';
      remove.textContent = 'Remove';
      remove.setAttribute('aria-label', 'Remove ' + name);
      remove.addEventListener('click', function () {
        write(read().filter(function (i) { return i.id !== item.id || i.price !== item.price; }));
        shopkeeper(['track', 'Product Removed', segmentProduct(product, item.quantity, item.price)]);
        updateCount();
        renderCart();
      });
      li.appendChild(remove);
      list.appendChild(li);
    });
    box.appendChild(list);
  }
  function addToCart(id) {
    var items = read();
    var line = items.find(function (i) { return i.id === id && i.price === undefined; });
    if (line) line.quantity += 1;
    else items.push({ id: id, quantity: 1 });
    write(items);
    var product = find(id);
    if (product) shopkeeper(['track', 'Product Added', segmentProduct(product, 1)]);
    updateCount();
    var status = document.querySelector('.added');
    if (status) status.textContent = 'Added to your cart.';
  }
  function placeOrder() {
    var products = cartProducts();
    var total = cents(products.reduce(function (sum, p) { return sum + p.price * p.quantity; }, 0));
    var region = document.body.getAttribute('data-location-region');
    shopkeeper(['track', 'Order Completed', { order_id: 'demo-' + Date.now(), total: total, currency: catalog.currency,
      products: products, region: region || undefined }]);
    write([]);
    updateCount();
    renderCart();
    var box = document.querySelector('[data-cart]');
    if (box) box.textContent = 'Thank you for your order.';
  }

  // A bundle offer accepted: its products go in the cart at the bundle price before the offer's
  // link is followed; one already in the cart moves a unit to the bundle, so it is not bought twice.
  document.addEventListener('shopkeeper:cta', function (event) {
    var bundle = event.detail && event.detail.action && event.detail.action.bundle;
    if (!bundle || !Array.isArray(bundle.items)) return;
    var items = read();
    var left = bundle.bundlePrice;
    bundle.items.forEach(function (item, n) {
      // Each at the bundle's discount; the last gets what is left, so the lines add up to the bundle price.
      var price = n === bundle.items.length - 1 ? cents(left) : cents(item.price * (1 - bundle.discountPercent / 100));
      left -= price;
      if (items.some(function (i) { return i.id === item.id && i.price !== undefined; })) return;
      var line = items.find(function (i) { return i.id === item.id; });
      if (line && --line.quantity === 0) items.splice(items.indexOf(line), 1);
      items.push({ id: item.id, quantity: 1, price: price });
    });
    write(items);
    updateCount();
  });
  document.addEventListener('shopkeeper:decided', function (event) {
    var link = window.shopkeeper && typeof window.shopkeeper.shareLink === 'function' && window.shopkeeper.shareLink();
    document.querySelectorAll('[data-share-link]').forEach(function (input) { input.value = link || ''; });
    // The backend gives the referral coupon only to a visitor whose arrival it has: a page view
    // with a popup that asks for a code goes now, not with the next batch.
    var decisions = (event.detail && event.detail.decisions) || [];
    if (decisions.some(function (d) { return d.action.type === 'couponReveal'; })) shopkeeper(['flush']);
  });

  document.addEventListener('DOMContentLoaded', function () {
    updateCount();
    fetch('/catalog.json').then(function (r) { return r.json(); }).then(function (c) {
      catalog = c;
      document.querySelectorAll('[data-add-to-cart]').forEach(function (button) {
        button.addEventListener('click', function () { addToCart(button.getAttribute('data-add-to-cart')); });
      });
      document.querySelectorAll('[data-place-order]').forEach(function (button) {
        button.addEventListener('click', placeOrder);
      });
      renderCart();
      var type = document.body.getAttribute('data-page-type');
      if (type === 'cart') shopkeeper(['track', 'Cart Viewed', { products: cartProducts() }]);
      if (type === 'checkout') shopkeeper(['track', 'Checkout Started', { products: cartProducts() }]);
      document.body.setAttribute('data-shop-ready', '');
    }).catch(function () {});
  });
})();
