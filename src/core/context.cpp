#include "context.hpp"

#include <algorithm>
#include <utility>
#include <vector>

#include "interests.hpp"
#include "sort.hpp"

namespace shopkeeper {

namespace {

constexpr std::size_t kMaxUrlBytes = 2048;
constexpr int64_t kDayMs = 24LL * 60 * 60 * 1000;

std::string bounded(std::optional<std::string> s) {
  if (!s) return {};
  if (s->size() > kMaxUrlBytes) s->resize(kMaxUrlBytes);
  return std::move(*s);
}

}  // namespace

std::string path_of(const std::string& url) {
  std::string::size_type start = 0;
  auto scheme = url.find("://");
  if (scheme != std::string::npos && url.find_first_of("/?#") > scheme) {
    start = url.find_first_of("/?#", scheme + 3);
    if (start == std::string::npos) return "/";
  }
  auto end = url.find_first_of("?#", start);
  std::string path = url.substr(start, end == std::string::npos ? std::string::npos : end - start);
  if (path.empty() || path[0] != '/') return "/";
  return path;
}

PageView read_page(const json* page) {
  PageView v;
  if (!page) return v;
  v.url = bounded(as_string(member(*page, "url")));
  v.referrer = bounded(as_string(member(*page, "referrer")));
  v.path = path_of(v.url);
  v.type = bounded(as_string(member(*page, "type")));
  v.category = bounded(as_string(member(*page, "category")));
  v.query = bounded(as_string(member(*page, "query")));
  if (const json* product = member(*page, "product"); product && product->is_object()) v.product = *product;
  v.routeChange = as_bool(member(*page, "routeChange")).value_or(false);
  return v;
}

namespace {

json scores(const std::map<std::string, Decayed>& in, int64_t now, int64_t half_life_ms) {
  json out = json::object();
  for (const auto& [name, d] : in) out[name] = decayed_value(d, now, half_life_ms);
  return out;
}

/// Category names by current score, strongest first (ties by name), at most five.
json top_categories(const json& category_scores) {
  std::vector<std::pair<double, std::string>> ranked;
  for (auto it = category_scores.begin(); it != category_scores.end(); ++it) ranked.emplace_back(-it->get<double>(), it.key());
  sort_items(ranked);
  json out = json::array();
  for (std::size_t i = 0; i < ranked.size() && i < 5; ++i) out.push_back(ranked[i].second);
  return out;
}

json newest_first(const std::vector<std::string>& ids) { return json(std::vector<std::string>(ids.rbegin(), ids.rend())); }

json checkout_json(const Checkout& c) {
  if (c.startedAt == 0) return nullptr;
  return {{"at", c.startedAt}, {"value", c.value}, {"items", c.items}};
}

json interests_json(const Profile& p, int64_t now, int64_t half_life_ms) {
  const Browsing& b = p.browsing;
  json categories = scores(b.categories, now, half_life_ms);
  json viewed = json::array();
  for (auto it = b.viewed.rbegin(); it != b.viewed.rend(); ++it) viewed.push_back(it->id);
  return {
      {"top", top_categories(categories)},
      {"categories", std::move(categories)},
      {"brands", scores(b.brands, now, half_life_ms)},
      {"tags", scores(b.tags, now, half_life_ms)},
      {"viewed", std::move(viewed)},
      {"previousVisit", b.previousVisitProducts},
      {"searches", newest_first(b.searches)},
      {"bought", newest_first(p.orders.bought)},
  };
}

json cart_json(const Cart& c) {
  json items = json::array();
  double value = 0;
  int64_t count = 0;
  for (const auto& i : c.items) {
    items.push_back({{"id", i.id}, {"category", i.category}, {"quantity", i.quantity}, {"price", i.price}});
    value += i.price * static_cast<double>(i.quantity);
    count += i.quantity;
  }
  json removed = json::array();
  for (auto it = c.removed.rbegin(); it != c.removed.rend(); ++it) {
    removed.push_back({{"id", it->id}, {"category", it->category}, {"price", it->price}, {"at", it->at}, {"duringCheckout", it->duringCheckout}});
  }
  return {
      {"items", std::move(items)},
      {"count", count},
      {"value", value},
      {"removed", std::move(removed)},
      {"checkoutStarted", c.checkout.startedAt != 0},
      {"abandoned", checkout_json(c.abandoned)},
  };
}

}  // namespace

json build_context(const Profile& p, const PageView& page, const Acquisition& arrival, int64_t now,
                   int64_t previous_seen, int64_t half_life_ms) {
  json days_since = nullptr;
  if (previous_seen > 0 && now >= previous_seen) days_since = (now - previous_seen) / kDayMs;
  json product_id = page.product.is_object() && member(page.product, "product_id") ? page.product["product_id"] : json();
  return {
      {"visitor",
       {{"id", p.id},
        {"isNew", p.session.number == 1},
        {"visitCount", p.session.number},
        {"firstSeen", p.firstSeen},
        {"lastSeen", p.lastSeen},
        {"daysSinceLastVisit", days_since},
        {"emailCaptured", p.emailCaptured},
        {"orders", p.orders.count},
        {"totalSpent", p.orders.totalSpent}}},
      {"session",
       {{"number", p.session.number},
        {"pageViews", p.session.pageViews},
        {"startedAt", p.session.startedAt},
        {"landingPage", p.session.landingPage}}},
      {"page",
       {{"url", page.url},
        {"path", page.path},
        {"referrer", page.referrer},
        {"type", page.type},
        {"category", page.category},
        {"query", page.query},
        {"productId", std::move(product_id)},
        {"routeChange", page.routeChange}}},
      {"acquisition", {{"first", to_json(p.firstTouch)}, {"current", to_json(p.currentTouch)}, {"page", to_json(arrival)}}},
      {"interests", interests_json(p, now, half_life_ms)},
      {"cart", cart_json(p.cart)},
      {"now", {{"ms", now}}},
  };
}

}  // namespace shopkeeper
