#include <catch2/catch.hpp>

#include "events.hpp"
#include "merge.hpp"
#include "test_support.hpp"
#include "engine.hpp"
#include "visits.hpp"

using nlohmann::json;
using namespace shopkeeper;

namespace {

constexpr int64_t T0 = 1700000000000;

Rules rules() {
  std::vector<Error> errors;
  Rules r = parse_rules(shopkeeper::test::read_source_file("rules/welcome.json"), errors);
  REQUIRE(errors.empty());
  return r;
}

json product(const std::string& id, const std::string& category) {
  return {{"product_id", id}, {"category", category}, {"price", 10}};
}

/// Two tabs that started from the same stored profile and then each did their own thing.
struct Forked {
  Profile base, a, b;
};

Forked fork(const Rules& r) {
  Forked f;
  record_page_view(f.base, "/", T0, "v1", r.visits);
  apply_event(f.base, r, "Product Added", product("p1", "boots"), T0 + 1);
  f.a = f.base;
  f.b = f.base;
  record_page_view(f.a, "/product/p2", T0 + 10, "", r.visits);
  apply_event(f.a, r, "Product Viewed", product("p2", "boots"), T0 + 10);
  apply_event(f.a, r, "Promotion Dismissed", {{"promotion_id", "welcome"}}, T0 + 11);
  record_page_view(f.b, "/product/p3", T0 + 12, "", r.visits);
  apply_event(f.b, r, "Product Viewed", product("p3", "hats"), T0 + 12);
  apply_event(f.b, r, "Product Removed", {{"product_id", "p1"}}, T0 + 13);
  return f;
}

}  // namespace

TEST_CASE("merging keeps what each tab did", "[merge]") {
  Rules r = rules();
  Forked f = fork(r);
  Profile m = merge_profiles(f.a, f.b);
  CHECK(m.browsing.viewed.size() == 2);
  CHECK(m.browsing.sessionProducts.size() == 2);
  CHECK(m.campaigns["welcome"].dismissed == T0 + 11);
  CHECK(m.cart.items.empty());  // removed in tab b after it was added
  CHECK(m.cart.removed.size() == 1);
  CHECK(m.session.pageViews == 2);
  CHECK(m.lastSeen == T0 + 12);
  CHECK(m.browsing.categories.count("hats") == 1);
}

TEST_CASE("merging keeps popup counts, daily impressions, holdout groups and product details", "[merge]") {
  Rules r = rules();
  Forked f = fork(r);
  apply_event(f.a, r, "Promotion Viewed", {{"promotion_id", "welcome"}, {"creative", "modal"}}, T0 + 20, 20231114);
  f.a.campaigns["welcome"].group = kTreatment;
  f.a.campaigns["welcome"].exposedSession = 1;
  apply_event(f.b, r, "Product Viewed", {{"product_id", "p9"}, {"name", "Flask"}, {"price", 34}, {"category", "gear"}}, T0 + 21);
  for (const Profile& m : {merge_profiles(f.a, f.b), merge_profiles(f.b, f.a)}) {
    const CampaignState& w = m.campaigns.at("welcome");
    CHECK(w.dayImpressions == 1);
    CHECK(w.lastShownDay == 20231114);
    CHECK(w.group == kTreatment);
    CHECK(w.exposedSession == 1);
    CHECK(m.session.popups == 1);
    CHECK(m.session.lastPopupView == f.a.session.pageViews);
    REQUIRE(m.browsing.details.size() == 4);  // p1 (added), p2, p3, p9
    CHECK(m.browsing.details.back().name == "Flask");
  }
}

TEST_CASE("merging is commutative and idempotent, so tabs converge", "[merge]") {
  Rules r = rules();
  Forked f = fork(r);
  std::string ab = serialize_profile(merge_profiles(f.a, f.b));
  std::string ba = serialize_profile(merge_profiles(f.b, f.a));
  CHECK(ab == ba);
  Profile m = merge_profiles(f.a, f.b);
  CHECK(serialize_profile(merge_profiles(m, f.a)) == ab);
  CHECK(serialize_profile(merge_profiles(m, m)) == ab);
}

TEST_CASE("one removal or one product's details recorded differently by two tabs merge the same either way", "[merge]") {
  Profile a, b;
  record_page_view(a, "/", T0, "v1", rules().visits);
  b = a;
  a.cart.removed = {RemovedItem{"p13", "hats", 25, T0, true}};
  b.cart.removed = {RemovedItem{"p13", "hatc", 25, T0, true}};
  a.browsing.details = {ProductDetails{"p7", "Pac Boot", "Aster", "boots", 199, "/product/p7", T0}};
  b.browsing.details = {ProductDetails{"p7", "Pac Boot", "Aster", "boots", 189, "/product/p7", T0}};
  std::string ab = serialize_profile(merge_profiles(a, b));
  CHECK(ab == serialize_profile(merge_profiles(b, a)));
  Profile m = merge_profiles(a, b);
  REQUIRE(m.cart.removed.size() == 1);
  CHECK(m.cart.removed[0].category == "hats");
  REQUIRE(m.browsing.details.size() == 1);
  CHECK(m.browsing.details[0].price == 199);
}

TEST_CASE("a cart line, a checkout or an arrival recorded differently at the same time merge the same either way", "[merge]") {
  // Found by fuzz_merge: two copies of one cart line differing only in category.
  Profile a, b;
  record_page_view(a, "/", T0, "v1", rules().visits);
  b = a;
  a.cart.items = {CartItem{"p07", "boots", 2, 129, T0}};
  b.cart.items = {CartItem{"p07", "bo/ts", 2, 129, T0}};
  a.cart.checkout = Checkout{T0, 1, 283, {"p07"}};
  b.cart.checkout = Checkout{T0, 1, 283, {"p07", "p13"}};
  a.currentTouch.at = b.currentTouch.at = T0;
  a.currentTouch.acquisition.term = "boots";
  b.currentTouch.acquisition.content = "banner";
  CHECK(serialize_profile(merge_profiles(a, b)) == serialize_profile(merge_profiles(b, a)));

  SECTION("two profiles that never had a session") {
    Profile x, y;
    x.id = "vx";
    y.id = "vy";
    CHECK(serialize_profile(merge_profiles(x, y)) == serialize_profile(merge_profiles(y, x)));
  }
}

TEST_CASE("a line added again after a removal stays in the merged cart", "[merge]") {
  Rules r = rules();
  Forked f = fork(r);
  apply_event(f.a, r, "Product Added", product("p1", "boots"), T0 + 20);
  Profile m = merge_profiles(f.a, f.b);
  REQUIRE(m.cart.items.size() == 1);
  CHECK(m.cart.items[0].id == "p1");
}

TEST_CASE("a line left in the cart after part of it was removed stays in every merge", "[merge]") {
  Rules r = rules();
  Profile p;
  record_page_view(p, "/", T0, "v1", r.visits);
  json two = product("p1", "boots");
  two["quantity"] = 2;
  apply_event(p, r, "Product Added", two, T0 + 1);
  json one = product("p1", "boots");
  one["quantity"] = 1;
  apply_event(p, r, "Product Removed", one, T0 + 2);
  REQUIRE(p.cart.items.size() == 1);
  Profile stale = p;  // another tab that saw the line before the removal
  stale.cart.items[0] = {"p1", "boots", 2, 10, T0 + 1};
  stale.cart.removed.clear();
  for (const Profile& other : {p, stale}) {
    Profile m = merge_profiles(p, other);
    REQUIRE(m.cart.items.size() == 1);
    CHECK(m.cart.items[0].quantity == 1);
  }
}

TEST_CASE("a merge keeps no checkout an order or a new session ended", "[merge]") {
  Rules r = rules();
  Profile p;
  record_page_view(p, "/", T0, "v1", r.visits);
  apply_event(p, r, "Product Added", product("p1", "boots"), T0 + 1);
  apply_event(p, r, "Checkout Started", json::object(), T0 + 2);

  SECTION("a checkout abandoned in one tab and ordered in another") {
    Profile back = p;
    record_page_view(back, "/", T0 + 3 * 3600000, "", r.visits);  // a new session: the checkout is abandoned
    REQUIRE(back.cart.abandoned.startedAt == T0 + 2);
    Profile ordered = back;
    apply_event(ordered, r, "Order Completed", {{"total", 10}}, T0 + 3 * 3600000 + 1);
    Profile viewing = back;
    record_page_view(viewing, "/", T0 + 3 * 3600000 + 2, "", r.visits);
    for (const Profile& m : {merge_profiles(ordered, viewing), merge_profiles(viewing, ordered)}) {
      CHECK(m.orders.count == 1);
      CHECK(m.cart.abandoned.startedAt == 0);
      CHECK(m.cart.checkout.startedAt == 0);
    }
  }
  SECTION("a tab still in the checkout's session and one in the next") {
    Profile stale = p;
    apply_event(stale, r, "Product Viewed", product("p2", "boots"), T0 + 5);
    Profile next = p;
    record_page_view(next, "/", T0 + 3 * 3600000, "", r.visits);
    for (const Profile& m : {merge_profiles(stale, next), merge_profiles(next, stale)}) {
      CHECK(m.session.number == 2);
      CHECK(m.cart.checkout.startedAt == 0);
      CHECK(m.cart.abandoned.startedAt == T0 + 2);
    }
  }
}

TEST_CASE("an order sent without its lines counts the cart as bought", "[events]") {
  Rules r = rules();
  for (const json& products : {json::array(), json::array({{{"name", "no id"}}})}) {
    Profile p;
    record_page_view(p, "/", T0, "v1", r.visits);
    apply_event(p, r, "Product Added", product("p1", "boots"), T0 + 1);
    double before = p.browsing.categories["boots"].score;
    apply_event(p, r, "Order Completed", {{"total", 10}, {"products", products}}, T0 + 2);
    CHECK(p.orders.bought == std::vector<std::string>{"p1"});
    CHECK(p.browsing.categories["boots"].score > before);
    CHECK(p.cart.items.empty());
  }
}

TEST_CASE("two tabs of a first visit agree on the earlier visitor id", "[merge]") {
  Rules r = rules();
  Profile a, b;
  record_page_view(a, "/", T0 + 5, "tab-a", r.visits);
  record_page_view(b, "/", T0, "tab-b", r.visits);
  CHECK(merge_profiles(a, b).id == "tab-b");
  CHECK(merge_profiles(b, a).id == "tab-b");
}

TEST_CASE("the engine merges stored strings and ignores an unreadable side", "[merge][engine]") {
  Rules r = rules();
  Forked f = fork(r);
  Engine engine;
  engine.load(shopkeeper::test::read_source_file("rules/welcome.json"));
  auto merged = [&](const json& ours, const json& theirs) {
    return shopkeeper::test::json_of(engine.merge(json{{"ours", ours}, {"theirs", theirs}}.dump()));
  };
  json res = merged(serialize_profile(f.a), serialize_profile(f.b));
  CHECK(res["profile"] == serialize_profile(merge_profiles(f.a, f.b)));
  CHECK(merged(serialize_profile(f.a), "garbage")["profile"] == serialize_profile(f.a));
  CHECK(merged("{", serialize_profile(f.b))["profile"] == serialize_profile(f.b));
  CHECK(merged(1, 2)["ok"] == false);
}
