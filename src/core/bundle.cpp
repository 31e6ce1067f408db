#include "bundle.hpp"

#include <algorithm>
#include <cmath>
#include <string>
#include <vector>

namespace shopkeeper {

namespace {

bool contains(const std::vector<std::string>& ids, const std::string& id) { return std::find(ids.begin(), ids.end(), id) != ids.end(); }

/// Product ids a source offers, best first.
std::vector<std::string> candidates(const std::string& source, const Profile& p) {
  std::vector<std::string> ids;
  if (source == "removed") {
    for (auto it = p.cart.removed.rbegin(); it != p.cart.removed.rend(); ++it) {
      bool back_in_cart = std::any_of(p.cart.items.begin(), p.cart.items.end(), [&](const CartItem& i) { return i.id == it->id; });
      if (!back_in_cart) ids.push_back(it->id);
    }
  } else if (source == "abandoned") {
    ids = p.cart.abandoned.items;
  } else if (source == "mostViewed") {
    std::vector<const ProductView*> views;
    for (const auto& v : p.browsing.viewed) views.push_back(&v);
    std::sort(views.begin(), views.end(), [](const ProductView* a, const ProductView* b) {
      return a->count != b->count ? a->count > b->count : a->last > b->last;
    });
    for (const auto* v : views) ids.push_back(v->id);
  } else if (source == "lastVisit") {
    ids.assign(p.browsing.previousVisitProducts.rbegin(), p.browsing.previousVisitProducts.rend());
  } else if (source == "cart") {
    std::vector<const CartItem*> items;
    for (const auto& i : p.cart.items) items.push_back(&i);
    std::sort(items.begin(), items.end(), [](const CartItem* a, const CartItem* b) { return a->addedAt > b->addedAt; });
    for (const auto* i : items) ids.push_back(i->id);
  }
  return ids;
}

double cents(double x) { return std::round(x * 100) / 100; }

json item(const std::string& id, const std::string& name, double price, const std::string& url, const std::string& category) {
  auto or_null = [](const std::string& s) { return s.empty() ? json() : json(s); };
  return {{"id", id}, {"name", name}, {"price", price}, {"url", or_null(url)}, {"category", or_null(category)}};
}

}  // namespace

json build_bundle(const json& action, const Profile& p) {
  static const json kSources = {"removed", "abandoned", "mostViewed", "lastVisit", "cart"};
  const json& from = action.contains("from") ? action["from"] : kSources;
  const json& complements = action["complements"];
  double discount = action.value("discountPercent", 0.0);
  for (const auto& source : from) {
    for (const std::string& id : candidates(source.get<std::string>(), p)) {
      if (contains(p.orders.bought, id)) continue;
      auto d = std::find_if(p.browsing.details.begin(), p.browsing.details.end(), [&](const ProductDetails& x) { return x.id == id; });
      if (d == p.browsing.details.end() || d->name.empty() || d->price <= 0 || d->category.empty()) continue;
      const json* list = member(complements, d->category.c_str());
      if (!list) continue;
      for (const auto& c : *list) {
        std::string cid = c["id"].get<std::string>();
        if (cid == id || contains(p.orders.bought, cid)) continue;
        double regular = cents(d->price + c["price"].get<double>());
        return {{"items", {item(id, d->name, d->price, d->url, d->category),
                           item(cid, c["name"].get<std::string>(), c["price"].get<double>(), c.value("url", ""), c.value("category", ""))}},
                {"regularPrice", regular},
                {"bundlePrice", cents(regular * (1 - discount / 100))},
                {"discountPercent", discount},
                {"source", source}};
      }
    }
  }
  return nullptr;
}

}  // namespace shopkeeper
