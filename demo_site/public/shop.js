// The demo shop's own script (not part of the SDK): a cart kept in localStorage.
(function () {
  var KEY = 'demo-shop:cart';
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
  function updateCount() {
    var count = read().reduce(function (n, item) { return n + item.quantity; }, 0);
    document.querySelectorAll('[data-cart-count]').forEach(function (el) { el.textContent = String(count); });
  }
  function renderCart(catalog) {
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
      var product = catalog.products.find(function (p) { return p.id === item.id; });
      if (!product) return;
      var li = document.createElement('li');
      li.textContent = item.quantity + ' × ' + product.name;
      var remove = document.createElement('button');
      remove.type = 'button';
      remove.textContent = 'Remove';
      remove.addEventListener('click', function () {
        write(read().filter(function (i) { return i.id !== item.id; }));
        updateCount();
        renderCart(catalog);
      });
      li.appendChild(remove);
      list.appendChild(li);
    });
    box.appendChild(list);
  }
  document.addEventListener('DOMContentLoaded', function () {
    updateCount();
    document.querySelectorAll('[data-add-to-cart]').forEach(function (button) {
      button.addEventListener('click', function () {
        var id = button.getAttribute('data-add-to-cart');
        var items = read();
        var line = items.find(function (i) { return i.id === id; });
        if (line) line.quantity += 1;
        else items.push({ id: id, quantity: 1 });
        write(items);
        updateCount();
        var status = document.querySelector('.added');
        if (status) status.textContent = 'Added to your cart.';
      });
    });
    if (document.querySelector('[data-cart]')) {
      fetch('/catalog.json').then(function (r) { return r.json(); }).then(renderCart).catch(function () {});
    }
  });
})();
