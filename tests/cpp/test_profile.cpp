#include <catch2/catch.hpp>

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
