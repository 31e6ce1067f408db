#include "bundle.hpp"

#include <algorithm>
#include <cmath>
#include <string>
#include <utility>
#include <vector>

namespace shopkeeper {

namespace {

bool contains(const std::vector<std::string>& ids, const std::string& id) { return std::find(ids.begin(), ids.end(), id) != ids.end(); }

/// The ids of `items`, highest `rank` first (ties: the later entry). A selection sort: the lists
/// hold at most 50 entries, and it is far less code in wasm than another std::sort.
template <typename T, typename Rank>
std::vector<std::string> ranked(const std::vector<T>& items, Rank rank) {
  std::vector<std::string> ids;
  std::vector<char> taken(items.size());
  for (std::size_t round = 0; round < items.size(); ++round) {
    std::size_t best = items.size();
    for (std::size_t i = 0; i < items.size(); ++i) {
      if (!taken[i] && (best == items.size() || !(rank(items[i]) < rank(items[best])))) best = i;
    }
    taken[best] = true;
    ids.push_back(items[best].id);
  }
  return ids;
}

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
    ids = ranked(p.browsing.viewed, [](const ProductView& v) { return std::make_pair(v.count, v.last); });
  } else if (source == "lastVisit") {
    ids.assign(p.browsing.previousVisitProducts.rbegin(), p.browsing.previousVisitProducts.rend());
  } else if (source == "cart") {
    ids = ranked(p.cart.items, [](const CartItem& i) { return i.addedAt; });
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
