#include <catch2/catch.hpp>

#include <cmath>

#include "events.hpp"
#include "interests.hpp"
#include "test_support.hpp"
#include "visits.hpp"

using nlohmann::json;
using namespace shopkeeper;
using shopkeeper::test::json_of;

namespace {

constexpr int64_t T0 = 1700000000000;
constexpr int64_t kMinute = 60 * 1000;
constexpr int64_t kDay = 24 * 60 * kMinute;

Rules welcome_rules() {
  std::vector<Error> errors;
  Rules rules = parse_rules(shopkeeper::test::read_source_file("rules/welcome.json"), errors);
  REQUIRE(errors.empty());
  return rules;
}

Profile visitor_at(int64_t now) {
  Profile p;
  record_page_view(p, "/", now, "v1", VisitSettings{});
  return p;
}

json product(const std::string& id, const std::string& category, double price = 50) {
  return {{"product_id", id}, {"category", category}, {"brand", "Nordkapp"}, {"price", price}, {"tags", {"winter"}}};
}

}  // namespace

TEST_CASE("product views keep a bounded, most-recent-last list and build interests", "[events]") {
  Rules rules = welcome_rules();
  Profile p = visitor_at(T0);
  CHECK(apply_event(p, rules, "Product Viewed", product("p1", "boots"), T0));
  CHECK(apply_event(p, rules, "Product Viewed", product("p2", "hats"), T0 + 1));
  CHECK(apply_event(p, rules, "Product Viewed", product("p1", "boots"), T0 + 2));
  REQUIRE(p.browsing.viewed.size() == 2);
  CHECK(p.browsing.viewed.back().id == "p1");
  CHECK(p.browsing.viewed.back().count == 2);
  CHECK(p.browsing.sessionProducts == std::vector<std::string>{"p2", "p1"});
  CHECK(decayed_value(p.browsing.categories["boots"], T0 + 2, rules.interestHalfLifeMs) == Approx(2.0).epsilon(1e-6));
  CHECK(p.browsing.brands.count("Nordkapp") == 1);
  CHECK(p.browsing.tags.count("winter") == 1);

  for (int i = 0; i < 80; ++i) apply_event(p, rules, "Product Viewed", product("x" + std::to_string(i), "gear"), T0 + 10 + i);
  CHECK(p.browsing.viewed.size() == ProfileLimits::kViewed);
  CHECK(p.browsing.viewed.back().id == "x79");
  CHECK(p.browsing.sessionProducts.size() == ProfileLimits::kSessionProducts);
}

TEST_CASE("interest scores halve every half-life, and the weakest one goes first", "[events][decay]") {
  Decayed d{8.0, T0};
  CHECK(decayed_value(d, T0, 14 * kDay) == 8.0);
  CHECK(decayed_value(d, T0 + 14 * kDay, 14 * kDay) == Approx(4.0));
  CHECK(decayed_value(d, T0 + 28 * kDay, 14 * kDay) == Approx(2.0));
  CHECK(decayed_value(d, T0 - kDay, 14 * kDay) == 8.0);

  std::map<std::string, Decayed> scores;
  add_interest(scores, "old", 10, T0, 14 * kDay, 2);
  add_interest(scores, "recent", 3, T0 + 60 * kDay, 14 * kDay, 2);  // "old" has decayed to ~0.5
  add_interest(scores, "new", 1, T0 + 60 * kDay, 14 * kDay, 2);
  CHECK(scores.count("old") == 0);
  CHECK(scores.count("recent") == 1);
  CHECK(scores.count("new") == 1);
}

TEST_CASE("the interest half-life comes from the rules file", "[events][decay]") {
  std::vector<Error> errors;
  Rules rules = parse_rules(R"({"version": 1, "settings": {"interestHalfLifeDays": 3}, "campaigns": []})", errors);
  REQUIRE(errors.empty());
  CHECK(rules.interestHalfLifeMs == 3 * kDay);
  parse_rules(R"({"version": 1, "settings": {"interestHalfLifeDays": 0}, "campaigns": []})", errors);
  REQUIRE(errors.size() == 1);
  CHECK(errors[0].path == "/settings/interestHalfLifeDays");
}

TEST_CASE("cart adds and removals, with removals during checkout flagged", "[events][cart]") {
  Rules rules = welcome_rules();
  Profile p = visitor_at(T0);
  apply_event(p, rules, "Product Added", product("p1", "boots", 179), T0);
  apply_event(p, rules, "Product Added", product("p1", "boots", 179), T0 + 1);
  apply_event(p, rules, "Product Added", product("p2", "hats", 29), T0 + 2);
  REQUIRE(p.cart.items.size() == 2);
  CHECK(p.cart.items[0].quantity == 2);

  apply_event(p, rules, "Product Removed", {{"product_id", "p2"}}, T0 + 3);
  REQUIRE(p.cart.removed.size() == 1);
  CHECK_FALSE(p.cart.removed[0].duringCheckout);
  CHECK(p.cart.removed[0].category == "hats");
  CHECK(p.cart.removed[0].price == 29);

  apply_event(p, rules, "Checkout Started", json::object(), T0 + 4);
  CHECK(p.cart.checkout.value == 358);
  apply_event(p, rules, "Product Removed", {{"product_id", "p1"}, {"quantity", 1}}, T0 + 5);
  CHECK(p.cart.removed.back().duringCheckout);
  CHECK(p.cart.items[0].quantity == 1);
}

TEST_CASE("a checkout left unfinished is abandoned when the visitor returns", "[events][cart][sessions]") {
  Rules rules = welcome_rules();
  Profile p = visitor_at(T0);
  apply_event(p, rules, "Product Added", product("p1", "boots", 179), T0);
  apply_event(p, rules, "Checkout Started", json::object(), T0 + kMinute);
  record_page_view(p, "/checkout", T0 + 2 * kMinute, "", rules.visits);
  CHECK(p.cart.abandoned.startedAt == 0);  // same session: still in progress

  record_page_view(p, "/", T0 + 2 * kDay, "", rules.visits);
  CHECK(p.cart.abandoned.startedAt == T0 + kMinute);
  CHECK(p.cart.abandoned.items == std::vector<std::string>{"p1"});
  CHECK(p.cart.checkout.startedAt == 0);
}

TEST_CASE("an order records the purchase and clears cart, checkout and abandonment", "[events][orders]") {
  Rules rules = welcome_rules();
  Profile p = visitor_at(T0);
  apply_event(p, rules, "Product Added", product("p1", "boots", 179), T0);
  apply_event(p, rules, "Checkout Started", json::object(), T0 + 1);
  apply_event(p, rules, "Order Completed", {{"order_id", "o1"}, {"total", 190.5}}, T0 + 2);
  CHECK(p.orders.count == 1);
  CHECK(p.orders.totalSpent == 190.5);
  CHECK(p.orders.bought == std::vector<std::string>{"p1"});
  CHECK(p.cart.items.empty());
  CHECK(p.cart.checkout.startedAt == 0);
  CHECK(decayed_value(p.browsing.categories["boots"], T0 + 2, rules.interestHalfLifeMs) == Approx(8.0));
}

TEST_CASE("a purchase raises the brand and tag affinity of what was bought", "[events][orders]") {
  Rules rules = welcome_rules();
  auto interest = [&](const std::map<std::string, Decayed>& scores, const std::string& name) {
    auto it = scores.find(name);
    return it == scores.end() ? 0.0 : decayed_value(it->second, T0 + 9, rules.interestHalfLifeMs);
  };

  // The order lists its products: brand and tags come from the list, for items not in the cart before too.
  Profile listed = visitor_at(T0);
  apply_event(listed, rules, "Product Added", {{"product_id", "p1"}, {"category", "boots"}}, T0);
  json bought = product("p1", "boots", 179);
  bought["brand"] = "Fjell";
  bought["tags"] = {"waterproof", "winter"};
  json other = {{"product_id", "p2"}, {"category", "hats"}, {"brand", "Aster"}, {"tags", {"wool"}}, {"price", 20}};
  apply_event(listed, rules, "Order Completed", {{"order_id", "o1"}, {"products", {bought, other}}}, T0 + 9);
  CHECK(listed.orders.bought == std::vector<std::string>{"p1", "p2"});
  CHECK(interest(listed.browsing.brands, "Fjell") == Approx(5.0));
  CHECK(interest(listed.browsing.brands, "Aster") == Approx(5.0));
  CHECK(interest(listed.browsing.tags, "waterproof") == Approx(5.0));
  CHECK(interest(listed.browsing.tags, "winter") == Approx(5.0));
  CHECK(interest(listed.browsing.tags, "wool") == Approx(5.0));
  CHECK(interest(listed.browsing.categories, "boots") == Approx(3.0 + 5.0));  // the add, then the purchase
  CHECK(interest(listed.browsing.categories, "hats") == Approx(5.0));

  // An order without products: the cart's items, with the brand the profile saw them under.
  Profile from_cart = visitor_at(T0);
  apply_event(from_cart, rules, "Product Viewed", product("p1", "boots"), T0);
  apply_event(from_cart, rules, "Product Added", {{"product_id", "p1"}, {"category", "boots"}, {"price", 179}}, T0 + 1);
  apply_event(from_cart, rules, "Product Added", {{"product_id", "p3"}, {"category", "gear"}, {"price", 9}}, T0 + 2);
  apply_event(from_cart, rules, "Order Completed", {{"order_id", "o2"}}, T0 + 9);
  CHECK(from_cart.orders.bought == std::vector<std::string>{"p1", "p3"});
  CHECK(interest(from_cart.browsing.brands, "Nordkapp") == Approx(1.0 + 3.0 + 5.0));  // the view, the add, the purchase
  CHECK(interest(from_cart.browsing.tags, "winter") == Approx(1.0));            // tags are not kept per product
  CHECK(interest(from_cart.browsing.categories, "gear") == Approx(3.0 + 5.0));
  CHECK(from_cart.browsing.brands.size() == 1);

  // An order that lists a product without brand or category: what the profile saw of it fills in.
  Profile sparse = visitor_at(T0);
  apply_event(sparse, rules, "Product Viewed", product("p1", "boots"), T0);
  apply_event(sparse, rules, "Order Completed", {{"products", {{{"product_id", "p1"}, {"tags", {"sale"}}}}}}, T0 + 9);
  CHECK(interest(sparse.browsing.brands, "Nordkapp") == Approx(1.0 + 5.0));
  CHECK(interest(sparse.browsing.categories, "boots") == Approx(1.0 + 5.0));
  CHECK(interest(sparse.browsing.tags, "sale") == Approx(5.0));
}

TEST_CASE("a cart add that names only the product counts with the brand and category the profile saw", "[events][cart]") {
  Rules rules = welcome_rules();
  Profile p = visitor_at(T0);
  apply_event(p, rules, "Product Viewed", product("p1", "boots"), T0);
  apply_event(p, rules, "Product Added", {{"product_id", "p1"}, {"price", 179}}, T0 + 1);
  apply_event(p, rules, "Product Added", {{"product_id", "p9"}, {"price", 5}}, T0 + 2);  // never seen: nothing to add
  auto at = [&](const std::map<std::string, Decayed>& scores, const std::string& name) {
    auto it = scores.find(name);
    return it == scores.end() ? 0.0 : decayed_value(it->second, T0 + 2, rules.interestHalfLifeMs);
  };
  CHECK(at(p.browsing.brands, "Nordkapp") == Approx(1.0 + 3.0));
  CHECK(at(p.browsing.categories, "boots") == Approx(1.0 + 3.0));
  REQUIRE(p.cart.items.size() == 2);
  CHECK(p.cart.items[0].category == "boots");  // so cart complements know it
  CHECK(p.cart.items[1].category.empty());
  CHECK(p.browsing.brands.size() == 1);
}

TEST_CASE("Cart Viewed with products makes the shop's cart the truth", "[events][cart]") {
  Rules rules = welcome_rules();
  Profile p = visitor_at(T0);
  apply_event(p, rules, "Product Added", product("p1", "boots"), T0);
  apply_event(p, rules, "Cart Viewed", {{"products", {product("p3", "gear", 25), product("p4", "gear", 30)}}}, T0 + 1);
  REQUIRE(p.cart.items.size() == 2);
  CHECK(p.cart.items[0].id == "p3");
}

TEST_CASE("the products of the last visit are remembered on the next one", "[events][sessions]") {
  Rules rules = welcome_rules();
  Profile p = visitor_at(T0);
  apply_event(p, rules, "Product Viewed", product("p1", "boots"), T0);
  apply_event(p, rules, "Product Viewed", product("p2", "boots"), T0 + 1);
  record_page_view(p, "/", T0 + 40 * kMinute, "", rules.visits);
  CHECK(p.browsing.previousVisitProducts == std::vector<std::string>{"p1", "p2"});
  CHECK(p.browsing.sessionProducts.empty());
  record_page_view(p, "/", T0 + 90 * kMinute, "", rules.visits);  // a visit without product views keeps them
  CHECK(p.browsing.previousVisitProducts == std::vector<std::string>{"p1", "p2"});
}

TEST_CASE("searches are deduplicated and bounded", "[events]") {
  Rules rules = welcome_rules();
  Profile p = visitor_at(T0);
  for (int i = 0; i < 15; ++i) apply_event(p, rules, "Products Searched", {{"query", "q" + std::to_string(i)}}, T0 + i);
  apply_event(p, rules, "Products Searched", {{"query", "q10"}}, T0 + 20);
  CHECK(p.browsing.searches.size() == ProfileLimits::kSearches);
  CHECK(p.browsing.searches.back() == "q10");
  CHECK_FALSE(apply_event(p, rules, "Products Searched", {{"query", std::string(500, 'x')}}, T0 + 21));
}

TEST_CASE("hostile event properties are bounded or dropped", "[events][hostile]") {
  Rules rules = welcome_rules();
  Profile p = visitor_at(T0);
  CHECK_FALSE(apply_event(p, rules, "Product Viewed", {{"product_id", std::string(1000, 'a')}}, T0));
  CHECK_FALSE(apply_event(p, rules, "Product Added", json::array(), T0));
  apply_event(p, rules, "Product Added", {{"product_id", 42}, {"price", -5}, {"quantity", -3}}, T0);
  REQUIRE(p.cart.items.size() == 1);
  CHECK(p.cart.items[0].id == "42");
  CHECK(p.cart.items[0].price == 0);
  CHECK(p.cart.items[0].quantity == 1);
  apply_event(p, rules, "Order Completed", {{"total", 1e300}}, T0);
  CHECK(p.orders.totalSpent <= 1e9);
  CHECK_FALSE(apply_event(p, rules, "Promotion Viewed", {{"promotion_id", "unknown"}}, T0));
  CHECK(p.campaigns.empty());
}

TEST_CASE("a simulated year of heavy browsing stays within 16 KB stored", "[profile][budget]") {
  Rules rules = welcome_rules();
  Profile p = visitor_at(T0);
  const char* categories[] = {"jackets", "boots", "hats", "gloves", "sweaters", "gear", "socks", "scarves"};
  uint32_t seed = 12345;
  auto next = [&seed] { return seed = seed * 1664525u + 1013904223u; };
  int64_t now = T0;
  std::size_t largest = 0;
  for (int i = 0; i < 20000; ++i) {
    now += static_cast<int64_t>(next() % (26 * kMinute));  // ~20,000 events spread over a year
    if (next() % 40 == 0) record_page_view(p, "/category/" + std::string(categories[next() % 8]), now, "", rules.visits);
    std::string id = "product-" + std::to_string(next() % 5000);
    std::string cat = categories[next() % 8];
    json props = {{"product_id", id}, {"category", cat}, {"brand", "brand-" + std::to_string(next() % 60)},
                  {"price", static_cast<double>(next() % 50000) / 100.0}, {"tags", {"tag-" + std::to_string(next() % 90), "winter"}},
                  {"name", "Waterproof insulated winter " + id}, {"url", "/products/" + id}};
    switch (next() % 10) {
      case 0: apply_event(p, rules, "Product Added", props, now); break;
      case 1: apply_event(p, rules, "Product Removed", props, now); break;
      case 2: apply_event(p, rules, "Products Searched", {{"query", "warm waterproof " + id}}, now); break;
      case 3: apply_event(p, rules, next() % 3 ? "Checkout Started" : "Order Completed", {{"total", 99.5}}, now); break;
      case 4: apply_event(p, rules, "Promotion Viewed", {{"promotion_id", "welcome"}}, now); break;
      default: apply_event(p, rules, "Product Viewed", props, now);
    }
    if (i % 1000 == 999) largest = std::max(largest, serialize_profile(p).size());
  }
  std::string stored = serialize_profile(p);
  INFO("stored profile after 20,000 events: " << stored.size() << " bytes; largest seen " << largest);
  CHECK(stored.size() <= ProfileLimits::kStoredBytes);
  CHECK(largest <= ProfileLimits::kStoredBytes);
  auto reloaded = parse_profile(stored);
  CHECK(reloaded.status == ProfileStatus::Loaded);
  CHECK(serialize_profile(reloaded.profile) == stored);
}

TEST_CASE("even ids and names at their maximum length are compacted to 16 KB", "[profile][budget]") {
  Rules rules = welcome_rules();
  Profile p = visitor_at(T0);
  std::string pad(60, 'z');
  for (int i = 0; i < 400; ++i) {
    json props = {{"product_id", pad + std::to_string(i % 1000)}, {"category", pad + std::to_string(i % 40)},
                  {"brand", pad + std::to_string(i % 37)}, {"price", 10}, {"tags", {pad + std::to_string(i % 45)}},
                  {"name", std::string(100, 'n')}, {"url", "/" + std::string(190, 'u') + std::to_string(i)}};
    apply_event(p, rules, "Product Viewed", props, T0 + i);
    apply_event(p, rules, i % 2 ? "Product Added" : "Product Removed", props, T0 + i);
    apply_event(p, rules, "Products Searched", {{"query", std::string(90, 'q') + std::to_string(i)}}, T0 + i);
    if (i % 8 == 0) apply_event(p, rules, "Order Completed", json::object(), T0 + i);
  }
  std::string stored = serialize_profile(p);
  CHECK(stored.size() <= ProfileLimits::kStoredBytes);
  CHECK(parse_profile(stored).status == ProfileStatus::Loaded);
}
