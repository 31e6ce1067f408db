#include <catch2/catch.hpp>

#include "feed.hpp"

using nlohmann::json;
using shopkeeper::Error;
using shopkeeper::Feed;
using shopkeeper::feed_context;
using shopkeeper::parse_feed;

namespace {

const char* kFeed = R"({"generatedAt":"2026-11-24T12:00:00Z","ttlSeconds":3600,
  "regions":{"IE-DL":{"weather":{"name":"Donegal","condition":"snow","temperatureC":-1},"trending":[{"product_id":"p32","units":9},{"product_id":7,"units":1}]},
             "IE":{"weather":null,"trending":[]}},
  "referral":{"successful":2,"reward":"20% off a bundle"},"custom":{"sale":true}})";
constexpr int64_t kNoon = 1795521600000;  // 2026-11-24T12:00Z

json codes(const std::vector<Error>& errors) {
  json out = json::array();
  for (const auto& e : errors) out.push_back({e.code, e.path});
  return out;
}

}  // namespace

TEST_CASE("the feed for the visitor's region, else the country", "[feed]") {
  std::vector<Error> errors, warnings;
  Feed feed = parse_feed(kFeed, errors, warnings);
  REQUIRE(errors.empty());
  CHECK(warnings.empty());
  json dl = feed_context(feed, {{"country", "IE"}, {"region", "DL"}}, kNoon);
  CHECK(dl["region"] == "IE-DL");
  CHECK(dl["weather"] == json::parse(R"({"name":"Donegal","condition":"snow","temperatureC":-1.0,"snowExpected":true})"));
  CHECK(dl["trending"] == json::parse(R"(["p32","7"])"));
  CHECK(dl["referral"]["successful"] == 2);
  CHECK(dl["custom"]["sale"] == true);
  CHECK(feed_context(feed, {{"country", "IE"}, {"region", "IE-DL"}}, kNoon)["region"] == "IE-DL");
  CHECK(feed_context(feed, {{"country", "IE"}, {"region", "IE-D"}}, kNoon)["region"] == "IE");
  json none = feed_context(feed, {{"country", "FR"}}, kNoon);
  CHECK(none["region"].is_null());
  CHECK(none["trending"] == json::array());
}

TEST_CASE("snow is expected when the condition is snow in any case, unless the feed says otherwise", "[feed]") {
  const std::pair<const char*, bool> cases[] = {{R"({"condition":"Snow"})", true}, {R"({"condition":"SNOW"})", true},
                                                {R"({"condition":"Snow","snowExpected":false})", false}, {R"({"condition":"rain"})", false}};
  for (const auto& [weather, snow] : cases) {
    std::vector<Error> errors, warnings;
    Feed feed = parse_feed(R"({"generatedAt":"2026-11-24T11:00:00Z","ttlSeconds":7200,"regions":{"IE":{"weather":)" + std::string(weather) + "}}}", errors, warnings);
    REQUIRE(errors.empty());
    CHECK(feed_context(feed, {{"country", "IE"}}, kNoon)["weather"]["snowExpected"] == snow);
  }
}

TEST_CASE("an expired feed counts as absent", "[feed]") {
  std::vector<Error> errors, warnings;
  Feed feed = parse_feed(kFeed, errors, warnings);
  json later = feed_context(feed, {{"country", "IE"}, {"region", "DL"}}, kNoon + 3601 * 1000);
  CHECK(later["region"].is_null());
  CHECK(later["referral"].is_null());
}

TEST_CASE("a malformed feed is rejected; malformed parts are dropped with warnings", "[feed]") {
  std::vector<Error> errors, warnings;
  parse_feed("{not json", errors, warnings);
  CHECK(codes(errors) == json::parse(R"([["invalid_feed",""]])"));
  errors.clear();
  parse_feed(R"({"regions":[]})", errors, warnings);
  CHECK(codes(errors) == json::parse(R"([["invalid_type","/regions"]])"));
  errors.clear();
  parse_feed(R"({"generatedAt":"yesterday"})", errors, warnings);
  CHECK(codes(errors) == json::parse(R"([["invalid_feed","/generatedAt"]])"));
  errors.clear();
  parse_feed(std::string(300 * 1024, ' '), errors, warnings);
  CHECK(codes(errors) == json::parse(R"([["feed_too_large",""]])"));

  errors.clear();
  Feed feed = parse_feed(R"({"regions":{"IE-D":{"weather":"rain","trending":[{"units":3},{"product_id":"p1"}]},"X":5},"extra":1})", errors, warnings);
  CHECK(errors.empty());
  CHECK(codes(warnings) == json::parse(R"([["unknown_field","/extra"],["invalid_weather","/regions/IE-D/weather"],
    ["invalid_trending","/regions/IE-D/trending/0"],["invalid_region","/regions/X"]])"));
  json d = feed_context(feed, {{"country", "IE"}, {"region", "D"}}, kNoon);
  CHECK(d["weather"].is_null());
  CHECK(d["trending"] == json::parse(R"(["p1"])"));
}

TEST_CASE("a feed nested too deep is rejected before anything copies it", "[feed]") {
  std::vector<Error> errors, warnings;
  std::string deep = R"({"custom":{"x":)" + std::string(50000, '[') + std::string(50000, ']') + "}}";
  parse_feed(deep, errors, warnings);
  CHECK(codes(errors) == json::parse(R"([["invalid_feed",""]])"));
}
