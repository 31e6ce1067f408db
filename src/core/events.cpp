#include "events.hpp"

#include <algorithm>
#include <cmath>

#include "civil_time.hpp"
#include "interests.hpp"
#include "text.hpp"

namespace shopkeeper {

namespace {

// How much each kind of attention adds to an interest score.
constexpr double kViewWeight = 1.0;
constexpr double kListViewWeight = 0.3;
constexpr double kAddWeight = 3.0;
constexpr double kPurchaseWeight = 5.0;
constexpr std::size_t kMaxTags = 10;
constexpr double kMaxPrice = 1e9;

/// A product as the event describes it, with every string bounded.
struct ProductRef {
  std::string id;
  std::string category;
  std::string brand;
  std::vector<std::string> tags;
  double price = 0;
  int64_t quantity = 1;
  std::string name;
  std::string url;
};

std::string bounded_string(const json* v, std::size_t max_len) {
  auto s = as_string(v);
  if (!s) {
    auto n = as_int(v);  // numeric product ids are common
    return n && v->is_number_integer() ? std::to_string(*n) : std::string();
  }
  return s->size() <= max_len ? *s : std::string();  // an overlong id is dropped, not truncated into a wrong one
}

ProductRef read_product(const json& props) {
  ProductRef p;
  p.id = bounded_string(member(props, "product_id"), ProfileLimits::kIdBytes);
  if (p.id.empty()) p.id = bounded_string(member(props, "sku"), ProfileLimits::kIdBytes);
  p.category = bounded_string(member(props, "category"), ProfileLimits::kNameBytes);
  p.brand = bounded_string(member(props, "brand"), ProfileLimits::kNameBytes);
  if (const json* tags = member(props, "tags"); tags && tags->is_array()) {
    for (const auto& t : *tags) {
      std::string tag = bounded_string(&t, ProfileLimits::kNameBytes);
      if (!tag.empty() && p.tags.size() < kMaxTags) p.tags.push_back(tag);
    }
  }
  const json* price = member(props, "price");
  if (price && price->is_number() && std::isfinite(price->get<double>())) {
    p.price = std::clamp(price->get<double>(), 0.0, kMaxPrice);
  }
  auto q = as_int(member(props, "quantity"));
  if (q) p.quantity = std::clamp<int64_t>(*q, 1, 10000);
  p.name = as_string(member(props, "name")).value_or("");
  truncate_utf8(p.name, ProfileLimits::kNameBytes);  // a long name is still the product's name
  p.url = bounded_string(member(props, "url"), ProfileLimits::kUrlBytes);
  if (!is_link(p.url)) p.url.clear();
  return p;
}

template <typename T>
void push_bounded(std::vector<T>& list, T item, std::size_t max) {
  list.push_back(std::move(item));
  keep_newest(list, max);
}

/// Moves `id` to the most recent end of a bounded id list.
void touch_id(std::vector<std::string>& list, const std::string& id, std::size_t max) {
  list.erase(std::remove(list.begin(), list.end(), id), list.end());
  push_bounded(list, id, max);
}

class Applier {
 public:
  Applier(Profile& p, const Rules& rules, int64_t now, int64_t day) : p_(p), rules_(rules), now_(now), day_(day) {}

  /// Keeps what the event says about the product (name, price, ...), newest report first.
  void details(const ProductRef& product) {
    auto& list = p_.browsing.details;
    auto it = std::find_if(list.begin(), list.end(), [&](const ProductDetails& d) { return d.id == product.id; });
    ProductDetails d{product.id, product.name, product.brand, product.category, product.price, product.url, now_};
    if (it != list.end()) {
      // A cart event often carries less than the product page did: keep what it lacks.
      if (d.name.empty()) d.name = it->name;
      if (d.brand.empty()) d.brand = it->brand;
      if (d.category.empty()) d.category = it->category;
      if (d.price <= 0) d.price = it->price;
      if (d.url.empty()) d.url = it->url;
      list.erase(it);
    }
    push_bounded(list, std::move(d), ProfileLimits::kDetails);
  }

  void interest(const ProductRef& product, double weight) {
    Browsing& b = p_.browsing;
    int64_t half_life = rules_.interestHalfLifeMs;
    add_interest(b.categories, product.category, weight, now_, half_life, ProfileLimits::kCategories);
    add_interest(b.brands, product.brand, weight, now_, half_life, ProfileLimits::kBrands);
    for (const auto& tag : product.tags) add_interest(b.tags, tag, weight, now_, half_life, ProfileLimits::kTags);
  }

  bool product_viewed(const ProductRef& product) {
    if (product.id.empty()) return false;
    Browsing& b = p_.browsing;
    auto it = std::find_if(b.viewed.begin(), b.viewed.end(), [&](const ProductView& v) { return v.id == product.id; });
    ProductView view{product.id, product.category, 0, now_};
    if (it != b.viewed.end()) {
      view = *it;
      b.viewed.erase(it);
      if (!product.category.empty()) view.category = product.category;
    }
    count_up(view.count);
    view.last = now_;
    push_bounded(b.viewed, std::move(view), ProfileLimits::kViewed);
    touch_id(b.sessionProducts, product.id, ProfileLimits::kSessionProducts);
    interest(product, kViewWeight);
    details(product);
    return true;
  }

  bool product_added(ProductRef product) {
    if (product.id.empty()) return false;
    as_seen(product);  // an add often names only the product: its brand and category count all the same
    auto& items = p_.cart.items;
    auto it = std::find_if(items.begin(), items.end(), [&](const CartItem& i) { return i.id == product.id; });
    if (it != items.end()) {
      it->quantity = std::min<int64_t>(it->quantity + product.quantity, 10000);
      it->addedAt = now_;  // the latest add: what a removal in another tab is compared with
      if (product.price > 0) it->price = product.price;
    } else if (items.size() < ProfileLimits::kCartItems) {
      items.push_back({product.id, product.category, product.quantity, product.price, now_});
    }
    interest(product, kAddWeight);
    details(product);
    return true;
  }

  bool product_removed(const ProductRef& product) {
    if (product.id.empty()) return false;
    auto& items = p_.cart.items;
    auto it = std::find_if(items.begin(), items.end(), [&](const CartItem& i) { return i.id == product.id; });
    RemovedItem removed{product.id, product.category, product.price, now_, checkout_in_progress()};
    if (it != items.end()) {
      if (removed.category.empty()) removed.category = it->category;
      if (removed.price <= 0) removed.price = it->price;
      it->quantity -= product.quantity;
      if (it->quantity <= 0) items.erase(it);
      else it->addedAt = now_;  // the line's latest change: a merge must not take this removal for a later one
    }
    push_bounded(p_.cart.removed, std::move(removed), ProfileLimits::kRemoved);
    details(product);
    return true;
  }

  /// Replaces the cart with the event's `products` (the shop knows its cart best); false
  /// without them, or, for a `purchase`, when none of them names a product (an order event
  /// sent without its lines says nothing about what was bought). Each product put in the cart
  /// adds `bought_weight` of interest.
  bool cart_viewed(const json& props, double bought_weight = 0, bool purchase = false) {
    const json* products = member(props, "products");
    if (!products || !products->is_array()) return false;
    std::vector<CartItem> items;
    for (const auto& entry : *products) {
      ProductRef product = read_product(entry);
      if (product.id.empty() || items.size() >= ProfileLimits::kCartItems) continue;
      auto known = std::find_if(p_.cart.items.begin(), p_.cart.items.end(), [&](const CartItem& i) { return i.id == product.id; });
      int64_t added = known != p_.cart.items.end() ? known->addedAt : now_;
      as_seen(product);
      items.push_back({product.id, product.category, product.quantity, product.price, added});
      if (bought_weight != 0) interest(product, bought_weight);
    }
    if (purchase && items.empty()) return false;
    p_.cart.items = std::move(items);
    return true;
  }

  bool checkout_started(const json& props) {
    cart_viewed(props);
    Checkout& c = p_.cart.checkout;
    c = Checkout{now_, p_.session.number, cart_value(props), {}};
    for (const auto& item : p_.cart.items) c.items.push_back(item.id);
    return true;
  }

  bool order_completed(const json& props) {
    // The products the order lists are what was bought, brand and tags included; else the cart.
    bool listed = cart_viewed(props, kPurchaseWeight, true);
    Orders& o = p_.orders;
    count_up(o.count);
    o.totalSpent = std::min(o.totalSpent + cart_value(props), kMaxPrice);
    o.lastAt = now_;
    for (const auto& item : p_.cart.items) {
      touch_id(o.bought, item.id, ProfileLimits::kBought);
      if (listed) continue;
      ProductRef bought;
      bought.id = item.id;
      bought.category = item.category;
      as_seen(bought);
      interest(bought, kPurchaseWeight);
    }
    p_.cart.items.clear();
    p_.cart.checkout = Checkout{};
    p_.cart.abandoned = Checkout{};
    return true;
  }

  bool searched(const json& props) {
    std::string query = bounded_string(member(props, "query"), ProfileLimits::kSearchBytes);
    if (query.empty()) return false;
    touch_id(p_.browsing.searches, query, ProfileLimits::kSearches);
    return true;
  }

  bool list_viewed(const json& props) {
    ProductRef list;
    list.category = bounded_string(member(props, "category"), ProfileLimits::kNameBytes);
    if (list.category.empty()) return false;
    interest(list, kListViewWeight);
    return true;
  }

  bool promotion(const std::string& name, const json& props) {
    auto id = as_string(member(props, "promotion_id"));
    auto campaign = id ? std::find_if(rules_.campaigns.begin(), rules_.campaigns.end(), [&](const Campaign& c) { return c.id == *id; })
                       : rules_.campaigns.end();
    if (campaign == rules_.campaigns.end()) return false;
    CampaignState& state = p_.campaigns[*id];
    if (name == "Promotion Viewed") {
      if (state.lastShownSession != p_.session.number) {
        state.lastShownSession = p_.session.number;
        state.sessionImpressions = 0;
      }
      if (state.lastShownDay != day_) {
        state.lastShownDay = day_;
        state.dayImpressions = 0;
      }
      count_up(state.impressions);
      count_up(state.sessionImpressions);
      count_up(state.dayImpressions);
      state.lastShown = now_;
      // The creative says what was rendered (the contract's action type); without one, the campaign's action.
      auto creative = as_string(member(props, "creative"));
      if (creative ? Action::is_popup_creative(*creative) : campaign->action.popup()) popup_shown();
    } else if (name == "Promotion Dismissed") {
      state.dismissed = now_;
    } else {
      state.converted = now_;
    }
    return true;
  }

  bool signed_up(const json& props) {
    p_.emailCaptured = true;
    if (member(props, "promotion_id")) promotion("Signed Up", props);
    return true;
  }

 private:
  /// Fills in the brand and category an event leaves out of `product` from what the profile
  /// saw of it (a product page, an earlier add).
  void as_seen(ProductRef& product) const {
    const auto& details = p_.browsing.details;
    auto known = std::find_if(details.begin(), details.end(), [&](const ProductDetails& d) { return d.id == product.id; });
    if (known == details.end()) return;
    if (product.brand.empty()) product.brand = known->brand;
    if (product.category.empty()) product.category = known->category;
  }

  /// Counts a popup impression against the caps of the session and of this page view.
  void popup_shown() {
    Session& s = p_.session;
    if (s.lastPopupView != s.pageViews) {
      s.lastPopupView = s.pageViews;
      s.viewPopups = 0;
    }
    s.viewPopups += 1;
    s.popups += 1;
  }

  bool checkout_in_progress() const {
    const Checkout& c = p_.cart.checkout;
    return c.startedAt != 0 && c.session == p_.session.number;
  }

  /// The order or checkout value: `total`, else `revenue`, else `value`, else the cart's sum.
  double cart_value(const json& props) const {
    for (const char* key : {"total", "revenue", "value"}) {
      const json* v = member(props, key);
      if (v && v->is_number() && std::isfinite(v->get<double>())) return std::clamp(v->get<double>(), 0.0, kMaxPrice);
    }
    double sum = 0;
    for (const auto& item : p_.cart.items) sum += item.price * static_cast<double>(item.quantity);
    return std::min(sum, kMaxPrice);
  }

  Profile& p_;
  const Rules& rules_;
  int64_t now_;
  int64_t day_;
};

}  // namespace

bool apply_event(Profile& p, const Rules& rules, const std::string& name, const json& props, int64_t now, int64_t local_day) {
  Applier a(p, rules, now, local_day != 0 ? local_day : utc_time(now).day_number());
  if (name == "Product Viewed") return a.product_viewed(read_product(props));
  if (name == "Product List Viewed") return a.list_viewed(props);
  if (name == "Product Added") return a.product_added(read_product(props));
  if (name == "Product Removed") return a.product_removed(read_product(props));
  if (name == "Cart Viewed") return a.cart_viewed(props);
  if (name == "Checkout Started") return a.checkout_started(props);
  if (name == "Order Completed") return a.order_completed(props);
  if (name == "Products Searched") return a.searched(props);
  if (name == "Signed Up") return a.signed_up(props);
  if (name == "Promotion Viewed" || name == "Promotion Dismissed" || name == "Promotion Clicked") return a.promotion(name, props);
  return false;
}

}  // namespace shopkeeper
