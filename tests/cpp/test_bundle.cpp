#include <catch2/catch.hpp>

#include "bundle.hpp"

using nlohmann::json;
using namespace shopkeeper;

namespace {

const json kAction = json::parse(R"({"type":"bundleOffer","title":"B","discountPercent":20,
  "complements":{"boots":[{"id":"p07","name":"Same boot","price":1},{"id":"p31","name":"Flask","price":34,"url":"/product/p31"}],
                 "hats":[{"id":"p23","name":"Liners","price":22}]}})");

Profile profile() {
  Profile p;
  p.session.number = 2;
  p.browsing.details = {{"p07", "Tundra Snow Boot", "Timberline", "boots", 179, "/product/p07", 1},
                        {"p13", "Merino Beanie", "", "hats", 29, "", 2}};
  p.browsing.viewed = {{"p07", "boots", 3, 1}, {"p13", "hats", 1, 2}};
  return p;
}

}  // namespace

TEST_CASE("a bundle clubs the visitor's product with a complement at the bundle price", "[bundle]") {
  json b = build_bundle(kAction, profile());
  CHECK(b == json::parse(R"({"items":[{"id":"p07","name":"Tundra Snow Boot","price":179.0,"url":"/product/p07","category":"boots"},
    {"id":"p31","name":"Flask","price":34.0,"url":"/product/p31","category":null}],
    "regularPrice":213.0,"bundlePrice":170.4,"discountPercent":20.0,"source":"mostViewed"})"));
}

TEST_CASE("the first source that yields a product wins", "[bundle]") {
  Profile p = profile();
  p.cart.removed = {{"p13", "hats", 29, 5, true}};
  json action = kAction;
  action["from"] = {"cart", "removed", "mostViewed"};
  json b = build_bundle(action, p);
  CHECK(b["source"] == "removed");
  CHECK(b["items"][0]["id"] == "p13");
  CHECK(b["items"][1]["id"] == "p23");
  // Removed, then put back in the cart: not a removal to rescue; the cart source takes it.
  p.cart.items = {{"p13", "hats", 1, 29, 6}};
  CHECK(build_bundle(action, p)["source"] == "cart");
}

TEST_CASE("no bundle without details, a complement, or for what was bought", "[bundle]") {
  Profile p = profile();
  p.orders.bought = {"p07", "p13"};
  CHECK(build_bundle(kAction, p).is_null());
  Profile bare;
  bare.browsing.viewed = {{"p07", "boots", 1, 1}};
  CHECK(build_bundle(kAction, bare).is_null());  // no name or price recorded
}
