#include <catch2/catch.hpp>

#include "engine.hpp"
#include "json_read.hpp"
#include "profile.hpp"
#include "test_support.hpp"

using shopkeeper::CampaignState;
using shopkeeper::parse_profile;
using shopkeeper::Profile;
using shopkeeper::ProfileStatus;
using shopkeeper::serialize_profile;
using shopkeeper::test::json_of;

namespace {

Profile sample() {
  Profile p;
  p.id = "abc";
  p.firstSeen = 1690000000000;
  p.lastSeen = 1700000000000;
  p.session = {3, 1699999000000, 7, "/category.html"};
  p.emailCaptured = true;
  p.campaigns["welcome"] = CampaignState{2, 1699999100000, 3, 1, 1699999200000, 0, 20231114, 1, shopkeeper::kControl, 3};
  p.session.popups = 2;
  p.session.lastPopupView = 6;
  p.session.viewPopups = 1;
  p.browsing.details.push_back({"p07", "Tundra Snow Boot", "Timberline", "boots", 179, "/product/p07", 1699999000000});
  return p;
}

}  // namespace

TEST_CASE("a profile survives a round trip through its stored form", "[profile]") {
  auto load = parse_profile(serialize_profile(sample()));
  REQUIRE(load.status == ProfileStatus::Loaded);
  const Profile& p = load.profile;
  CHECK(p.id == "abc");
  CHECK(p.firstSeen == 1690000000000);
  CHECK(p.lastSeen == 1700000000000);
  CHECK(p.session.number == 3);
  CHECK(p.session.pageViews == 7);
  CHECK(p.session.landingPage == "/category.html");
  CHECK(p.emailCaptured);
  const CampaignState& c = p.campaigns.at("welcome");
  CHECK(c.impressions == 2);
  CHECK(c.lastShownSession == 3);
  CHECK(c.dismissed == 1699999200000);
  CHECK(c.converted == 0);
  CHECK(c.lastShownDay == 20231114);
  CHECK(c.dayImpressions == 1);
  CHECK(c.group == shopkeeper::kControl);
  CHECK(c.exposedSession == 3);
  CHECK(p.session.popups == 2);
  CHECK(p.session.lastPopupView == 6);
  CHECK(p.browsing.details.at(0).name == "Tundra Snow Boot");
  CHECK(p.browsing.details.at(0).price == 179);
  CHECK(serialize_profile(p) == serialize_profile(sample()));
}

TEST_CASE("the stored text is what dump_json writes of its own reading: keys in order, each number of its type", "[profile]") {
  Profile p = sample();
  p.browsing.categories["boots"] = shopkeeper::Decayed{2.25, 1699999000000};
  p.browsing.brands["Timberline \"TL\""] = shopkeeper::Decayed{1, 1699999000000};
  p.browsing.tags["w\xC3\xA4rm\n"] = shopkeeper::Decayed{0.5, 1699999000000};
  p.browsing.viewed.push_back({"p07", "boots", 2, 1699999000000});
  p.browsing.sessionProducts = {"p07"};
  p.browsing.searches = {"snow \\ boots"};
  p.cart.items.push_back({"p07", "boots", 1, 179, 1699999100000});
  p.cart.removed.push_back({"p13", "hats", 25.5, 1699999200000, true});
  p.cart.checkout = shopkeeper::Checkout{1699999300000, 3, 179, {"p07"}};
  p.orders = shopkeeper::Orders{1, 99.9, 1690000100000, {"p01"}};
  p.currentTouch.at = 1699999000000;
  p.currentTouch.acquisition.medium = "paid";
  p.currentTouch.acquisition.click_id = shopkeeper::ClickId{"gclid", "abc"};
  p.firstTouch = p.currentTouch;
  for (int i = 0; i < 70; ++i) p.campaigns["c" + std::to_string(i)] = CampaignState{1, 1690000000000 + i};

  std::string text = serialize_profile(p);
  CHECK(shopkeeper::dump_json(shopkeeper::parse_json(text)) == text);
  auto stored = json_of(text);
  CHECK(stored["cart"]["items"][0][3].is_number_float());
  CHECK(stored["cart"]["items"][0][2].is_number_integer());
  CHECK(stored["cart"]["removed"][0][2].is_number_float());
  CHECK(stored["cart"]["checkout"][2].is_number_float());
  CHECK(stored["cart"]["abandoned"].is_null());
  CHECK(stored["orders"]["total"].is_number_float());
  CHECK(stored["products"][0][4].is_number_float());
  CHECK(stored["interests"]["c"]["boots"][0].is_number_float());
  CHECK(stored["interests"]["c"]["boots"][1].is_number_integer());
  CHECK(stored["acquisition"]["first"]["clickId"]["param"] == "gclid");
  CHECK(stored["campaigns"].size() == shopkeeper::ProfileLimits::kCampaigns);
  CHECK(stored["campaigns"].contains("welcome"));
  CHECK(stored["campaigns"].contains("c7"));
  CHECK_FALSE(stored["campaigns"].contains("c6"));  // the least recently touched went
}

TEST_CASE("the stored form carries the schema version", "[profile]") {
  CHECK(json_of(serialize_profile(sample()))["v"] == Profile::kSchemaVersion);
}

TEST_CASE("nothing stored is a fresh profile", "[profile]") {
  auto load = parse_profile("");
  CHECK(load.status == ProfileStatus::Fresh);
  CHECK(load.profile.session.number == 0);
}

TEST_CASE("unreadable stored values are reported, never thrown", "[profile]") {
  struct Sample {
    const char* text;
    ProfileStatus status;
  };
  for (auto [text, status] : {
           Sample{"{", ProfileStatus::Corrupt},
           Sample{"\xff\xfe\x00garbage", ProfileStatus::Corrupt},
           Sample{"null", ProfileStatus::Foreign},
           Sample{"\"hello\"", ProfileStatus::Foreign},
           Sample{"{\"v\":0,\"id\":\"a\"}", ProfileStatus::Foreign},
           Sample{"{\"v\":\"1\",\"id\":\"a\"}", ProfileStatus::Foreign},
           Sample{"{\"v\":1}", ProfileStatus::Corrupt},
           Sample{"{\"v\":1,\"id\":\"a\",\"session\":{\"number\":-2}}", ProfileStatus::Corrupt},
           Sample{"{\"v\":1,\"id\":\"a\",\"session\":[]}", ProfileStatus::Corrupt},
           Sample{"{\"v\":1,\"id\":\"a\",\"session\":{\"number\":1},\"campaigns\":{\"w\":5}}", ProfileStatus::Corrupt},
           Sample{"{\"v\":1,\"id\":\"a\",\"session\":{\"number\":1},\"emailCaptured\":1}", ProfileStatus::Corrupt},
       }) {
    INFO(text);
    auto load = parse_profile(text);
    CHECK(load.status == status);
    CHECK_FALSE(load.problem.empty());
    CHECK(load.profile.session.number == 0);
  }
}

TEST_CASE("campaign states stay bounded across rule changes, least recent dropped", "[profile]") {
  Profile p = sample();
  for (int i = 0; i < 300; ++i) {
    p.campaigns["retired-" + std::to_string(i)] = CampaignState{1, 1600000000000 + i, 1, 1, 0, 0};
  }
  auto stored = json_of(serialize_profile(p));
  CHECK(stored["campaigns"].size() == shopkeeper::ProfileLimits::kCampaigns);
  CHECK(stored["campaigns"].contains("welcome"));
  CHECK(stored["campaigns"].contains("retired-299"));
  CHECK_FALSE(stored["campaigns"].contains("retired-0"));
  CHECK(parse_profile(stored.dump()).status == ProfileStatus::Loaded);
}

namespace {

/// A profile with every list at its bound, as after months of heavy browsing.
Profile full_profile() {
  using shopkeeper::ProfileLimits;
  Profile p = sample();
  auto id = [](const char* kind, std::size_t i) { return std::string(kind) + "-" + std::to_string(i) + "-abcdefgh"; };
  int64_t t = 1690000000000;
  for (std::size_t i = 0; i < ProfileLimits::kViewed; ++i) p.browsing.viewed.push_back({id("product", i), id("cat", i % 9), 3, t + static_cast<int64_t>(i)});
  for (std::size_t i = 0; i < ProfileLimits::kCategories; ++i) p.browsing.categories[id("cat", i)] = {1.5 + static_cast<double>(i), t + static_cast<int64_t>(i)};
  for (std::size_t i = 0; i < ProfileLimits::kBrands; ++i) p.browsing.brands[id("brand", i)] = {2.0, t + static_cast<int64_t>(i)};
  for (std::size_t i = 0; i < ProfileLimits::kTags; ++i) p.browsing.tags[id("tag", i)] = {1.0, t + static_cast<int64_t>(i)};
  for (std::size_t i = 0; i < ProfileLimits::kSearches; ++i) p.browsing.searches.push_back("warm waterproof boots size " + std::to_string(i));
  for (std::size_t i = 0; i < ProfileLimits::kSessionProducts; ++i) p.browsing.sessionProducts.push_back(id("product", i));
  for (std::size_t i = 0; i < ProfileLimits::kSessionProducts; ++i) p.browsing.previousVisitProducts.push_back(id("product", i + 20));
  for (std::size_t i = 0; i < 6; ++i) p.cart.items.push_back({id("product", i), "boots", 1, 89.5, t + static_cast<int64_t>(i)});
  for (std::size_t i = 0; i < ProfileLimits::kRemoved; ++i) p.cart.removed.push_back({id("product", i), "hats", 19.0, t + static_cast<int64_t>(i), false});
  for (std::size_t i = 0; i < ProfileLimits::kBought; ++i) p.orders.bought.push_back(id("product", i));
  p.orders.count = 12;
  p.orders.totalSpent = 1234.5;
  for (std::size_t i = 0; i < 40; ++i) p.campaigns[id("campaign", i)] = CampaignState{1, t + static_cast<int64_t>(i), 1, 1, 0, 0};
  return p;
}

}  // namespace

TEST_CASE("compaction sheds history to a small budget and keeps what matters", "[profile][compaction]") {
  Profile p = full_profile();
  std::string full = serialize_profile(p);
  REQUIRE(full.size() > 8 * 1024);
  std::string compact = serialize_profile(p, shopkeeper::ProfileLimits::kCompactBytes);
  INFO("full " << full.size() << " bytes, compacted " << compact.size());
  CHECK(compact.size() <= shopkeeper::ProfileLimits::kCompactBytes);
  auto load = parse_profile(compact);
  REQUIRE(load.status == ProfileStatus::Loaded);
  const Profile& c = load.profile;
  CHECK(c.id == p.id);
  CHECK(c.firstSeen == p.firstSeen);
  CHECK(c.session.number == p.session.number);
  CHECK(c.emailCaptured);
  CHECK(c.orders.count == 12);
  CHECK(c.orders.totalSpent == 1234.5);
  // The most recent survive: the welcome campaign was dismissed last, the newest product viewed last.
  REQUIRE(c.campaigns.count("welcome") == 1);
  CHECK(c.campaigns.at("welcome").dismissed == 1699999200000);
  REQUIRE_FALSE(c.browsing.viewed.empty());
  CHECK(c.browsing.viewed.back().id == p.browsing.viewed.back().id);
  CHECK(c.browsing.viewed.size() < p.browsing.viewed.size());
  REQUIRE_FALSE(c.browsing.categories.empty());
  CHECK(c.browsing.categories.count("cat-29-abcdefgh") == 1);  // touched most recently
  CHECK(c.browsing.categories.count("cat-0-abcdefgh") == 0);
}

TEST_CASE("compaction sheds history before any campaign state or cart line", "[profile][compaction]") {
  Profile p = full_profile();
  for (auto it = p.campaigns.begin(); it != p.campaigns.end();) it = p.campaigns.size() > 10 && it->first != "welcome" ? p.campaigns.erase(it) : std::next(it);
  REQUIRE(p.campaigns.size() == 10);
  std::string compact = serialize_profile(p, shopkeeper::ProfileLimits::kCompactBytes);
  REQUIRE(compact.size() <= shopkeeper::ProfileLimits::kCompactBytes);
  auto load = parse_profile(compact);
  REQUIRE(load.status == ProfileStatus::Loaded);
  CHECK(load.profile.campaigns.size() == 10);  // a dismissed popup stays dismissed
  CHECK(load.profile.cart.items.size() == p.cart.items.size());
  CHECK(load.profile.browsing.viewed.size() < p.browsing.viewed.size());

  SECTION("when the history is down to its last entries, the least recent campaign states go") {
    std::string tight = serialize_profile(p, 1500);
    CHECK(tight.size() <= 1500);
    auto small = parse_profile(tight);
    REQUIRE(small.status == ProfileStatus::Loaded);
    CHECK(small.profile.campaigns.size() < 10);
    CHECK(small.profile.campaigns.count("welcome") == 1);
  }
}

TEST_CASE("a profile within the budget is stored as is", "[profile][compaction]") {
  std::string text = serialize_profile(sample());
  CHECK(serialize_profile(sample(), shopkeeper::ProfileLimits::kCompactBytes) == text);
}

TEST_CASE("Engine::compact compacts a stored profile and refuses what it cannot read", "[profile][compaction]") {
  shopkeeper::Engine engine;
  std::string stored = serialize_profile(full_profile());
  nlohmann::json res = json_of(engine.compact(nlohmann::json{{"profile", stored}}.dump()));
  REQUIRE(res["ok"] == true);
  CHECK(res["bytes"].get<std::size_t>() <= shopkeeper::ProfileLimits::kCompactBytes);
  CHECK(res["bytes"] == res["profile"].get<std::string>().size());
  res = json_of(engine.compact(nlohmann::json{{"profile", stored}, {"maxBytes", 2048}}.dump()));
  CHECK(res["bytes"].get<std::size_t>() <= 2048);
  CHECK(parse_profile(res["profile"].get<std::string>()).status == ProfileStatus::Loaded);

  struct Bad {
    nlohmann::json request;
    const char* code;
    const char* path;
  };
  for (const Bad& bad : {Bad{{{"profile", "{"}}, "invalid_profile", "/profile"},
                         Bad{{{"profile", ""}}, "invalid_profile", "/profile"},
                         Bad{{{"profile", 5}}, "invalid_request", "/profile"},
                         Bad{{{"profile", stored}, {"maxBytes", 100}}, "invalid_request", "/maxBytes"},
                         Bad{{{"profile", stored}, {"maxBytes", "4k"}}, "invalid_request", "/maxBytes"}}) {
    INFO(bad.request.dump().substr(0, 80));
    res = json_of(engine.compact(bad.request.dump()));
    CHECK(res["ok"] == false);
    CHECK(res["error"]["code"] == bad.code);
    CHECK(res["error"]["path"] == bad.path);
  }
  CHECK(json_of(engine.compact("not json"))["ok"] == false);
}
