#include <catch2/catch.hpp>

#include <cmath>
#include <limits>

#include "engine.hpp"
#include "ranking.hpp"
#include "rules.hpp"
#include "rules_validator.hpp"
#include "test_support.hpp"

using nlohmann::json;
using shopkeeper::Engine;
using shopkeeper::Ranker;
using shopkeeper::RankingSettings;
using shopkeeper::RankingSnapshot;
using shopkeeper::TileGrid;
using shopkeeper::test::json_of;
using shopkeeper::test::read_source_file;

namespace {

/// The string table's text as the JS layer sends it: each string followed by a NUL.
std::string table_text(const std::vector<std::string>& strings) {
  std::string out;
  for (const std::string& s : strings) {
    out += s;
    out += '\0';
  }
  return out;
}

// Reason bits in order, named as the JS layer names them.
const char* const kReasonNames[] = {"category", "brand",    "tag",       "viewed",    "bought", "cart",
                                    "trending", "weather",  "boost",     "popularity", "diversity", "pinned"};

/// Tiles as JSON ([{id, category, brand, tags, popularity, pinned}]) through the ranker, as
/// the JS layer sends them: strings interned (the table replaced by this grid's strings, so
/// that a ranker can rank several grids), attributes as numbers.
struct Ranked {
  std::vector<std::string> order;
  std::map<std::string, std::vector<std::string>> reasons;
  std::map<std::string, double> scores;
};

Ranked rank_tiles(Ranker& ranker, const json& tiles) {
  std::vector<std::string> strings;
  std::map<std::string, uint32_t> ids;
  auto id = [&](const std::string& s) -> uint32_t {
    if (s.empty()) return 0;
    auto [it, added] = ids.emplace(s, static_cast<uint32_t>(1 + strings.size()));
    if (added) strings.push_back(s);
    return it->second;
  };
  std::vector<uint32_t> attributes, tags;
  std::vector<double> popularity;
  for (const auto& t : tiles) {
    std::vector<uint32_t> tile_tags;
    for (const auto& tag : t.value("tags", json::array())) tile_tags.push_back(id(tag.get<std::string>()));
    attributes.insert(attributes.end(), {id(t.value("id", "")), id(t.value("category", "")), id(t.value("brand", "")),
                                         static_cast<uint32_t>(tags.size()), static_cast<uint32_t>(tile_tags.size()),
                                         t.value("pinned", false) ? TileGrid::kTilePinned : 0u});
    tags.insert(tags.end(), tile_tags.begin(), tile_tags.end());
    popularity.push_back(t.value("popularity", 0.0));
  }
  REQUIRE(ranker.intern(table_text(strings), 1) > 0);
  std::size_t n = tiles.size();
  std::vector<uint32_t> order(n), reasons(n);
  std::vector<double> scores(n);
  ranker.rank(TileGrid{n, attributes.data(), tags.size(), tags.data(), popularity.data()},
              shopkeeper::TileRanking{order.data(), scores.data(), reasons.data()});
  Ranked out;
  for (std::size_t k = 0; k < n; ++k) out.order.push_back(tiles[order[k]].value("id", ""));
  for (std::size_t i = 0; i < n; ++i) {
    std::string tile_id = tiles[i].value("id", "");
    out.scores[tile_id] = scores[i];
    auto& names = out.reasons[tile_id];
    for (uint32_t bit = 0; bit < 12; ++bit) {
      if (reasons[i] & (1u << bit)) names.push_back(kReasonNames[bit]);
    }
  }
  return out;
}

json engine_request(const json& step, const json& profile) {
  json req = {{"now", step["now"]}, {"profile", profile}, {"newId", "visitor-1"}};
  if (step.contains("name")) {
    req["name"] = step["name"];
    req["properties"] = step.value("properties", json::object());
  } else {
    req["page"] = step.value("page", json::object());
    req["page"]["url"] = step.value("url", "");
    if (step.contains("location")) req["location"] = step["location"];
  }
  return req;
}

RankingSettings settings_of(const json& ranking) {
  std::vector<shopkeeper::Error> errors;
  shopkeeper::Validator v(errors);
  RankingSettings s = shopkeeper::parse_ranking_settings(v, json{{"ranking", ranking}}, "/settings");
  REQUIRE(errors.empty());
  return s;
}

constexpr int64_t kNow = 1700000000000;
constexpr int64_t kHalfLife = 14LL * 24 * 60 * 60 * 1000;

/// A snapshot for a returning visitor with no interests beyond `context` and `boosts`.
Ranker ranker_for(const json& context, const json& boosts = nullptr, const json& ranking = json::object()) {
  RankingSettings settings = settings_of(ranking);
  Ranker ranker;
  ranker.set_snapshot(build_ranking_snapshot(shopkeeper::Profile{}, context, boosts, settings, kNow, kHalfLife, true), settings);
  return ranker;
}

}  // namespace

TEST_CASE("shared ranking cases (tests/cases/ranking.json)", "[ranking][cases]") {
  json suite = json_of(read_source_file("tests/cases/ranking.json"));
  for (const auto& c : suite["cases"]) {
    SECTION(c["name"].get<std::string>()) {
      Engine engine;
      json rules = {{"version", 1},
                    {"settings", {{"ranking", c.value("settings", json::object())}}},
                    {"campaigns", c.value("campaigns", json::array())}};
      REQUIRE(json_of(engine.load(rules.dump()))["ok"] == true);
      if (c.contains("feed")) REQUIRE(json_of(engine.set_feed(c["feed"].dump()))["ok"] == true);
      json profile;
      for (const auto& step : c["steps"]) {
        bool is_track = step.contains("track");
        json req = engine_request(is_track ? step["track"] : step["decide"], profile);
        json res = json_of(is_track ? engine.track(req.dump()) : engine.decide(req.dump()));
        REQUIRE(res["ok"] == true);
        profile = res["profile"];
      }
      Ranked ranked = rank_tiles(engine.ranker(), c["tiles"]);
      CHECK(ranked.order == c["order"].get<std::vector<std::string>>());
      json reasons = c.value("reasons", json::object());
      for (const auto& [id, want] : reasons.items()) {
        INFO("reasons of " << id);
        CHECK(ranked.reasons[id] == want.get<std::vector<std::string>>());
      }
    }
  }
  for (const auto& c : suite["invalidSettings"]) {
    Engine engine;
    json rules = {{"version", 1}, {"settings", {{"ranking", c["ranking"]}}}, {"campaigns", json::array()}};
    json res = json_of(engine.load(rules.dump()));
    INFO(res.dump());
    REQUIRE(res["ok"] == false);
    std::vector<std::string> got, want;
    for (const auto& e : res["errors"]) got.push_back(e["code"].get<std::string>() + " " + e["path"].get<std::string>());
    for (const auto& e : c["errors"]) want.push_back(e["code"].get<std::string>() + " " + e["path"].get<std::string>());
    CHECK_THAT(got, Catch::Matchers::UnorderedEquals(want));
  }
}

TEST_CASE("ranking settings default to sensible weights; a shop's weather list replaces the defaults", "[ranking][rules]") {
  std::vector<shopkeeper::Error> errors;
  shopkeeper::Validator v(errors);
  RankingSettings defaults = shopkeeper::parse_ranking_settings(v, json::object(), "/settings");
  CHECK(errors.empty());
  CHECK(defaults.weights[shopkeeper::kPartCategory] == 1.0);
  CHECK(defaults.weights[shopkeeper::kPartBought] < 0);
  CHECK(defaults.maxPerCategory == 4);
  CHECK(defaults.diversityWindow == 12);
  CHECK(defaults.weather["rain"]["waterproof"] == 1);

  RankingSettings shop = settings_of(json_of(R"({"weather": {"Sleet": {"boots": 1}}, "diversity": {"window": 0}})"));
  CHECK(shop.weather.size() == 1);
  CHECK(shop.weather["sleet"]["boots"] == 1);
  CHECK(shop.diversityWindow == 0);
  CHECK(shop.weights[shopkeeper::kPartCategory] == 1.0);
}

TEST_CASE("local trends from the context feed lift tiles, the top seller most", "[ranking]") {
  json context = json_of(R"({"context": {"trending": ["p3", {"product_id": "p1", "units": 4}, 7, "p3"]}})");
  Ranker ranker = ranker_for(context);
  Ranked r = rank_tiles(ranker, json_of(R"([{"id": "p1"}, {"id": "p2"}, {"id": "p3"}])"));
  CHECK(r.order == std::vector<std::string>{"p3", "p1", "p2"});
  CHECK(r.reasons["p3"] == std::vector<std::string>{"trending"});
  CHECK(r.scores["p3"] == Approx(0.4));       // weight 0.4 x first of 4 entries
  CHECK(r.scores["p1"] == Approx(0.4 * 0.75));  // the repeated p3 does not count twice
}

TEST_CASE("the weather favours tiles by condition, snow expected and temperature", "[ranking]") {
  json tiles = json_of(R"([{"id": "sandal", "tags": ["summer"]}, {"id": "parka", "tags": ["winter", "insulated"]},
                           {"id": "shell", "tags": ["waterproof"]}])");
  Ranker wet = ranker_for(json_of(R"({"context": {"weather": {"condition": "Rain", "temperatureC": 12}}})"));
  Ranked rain = rank_tiles(wet, tiles);
  CHECK(rain.order == std::vector<std::string>{"shell", "sandal", "parka"});
  CHECK(rain.reasons["shell"] == std::vector<std::string>{"weather"});

  Ranker cold = ranker_for(json_of(R"({"context": {"weather": {"condition": "cloudy", "temperatureC": -2, "snowExpected": true}}})"));
  Ranked snow = rank_tiles(cold, tiles);
  CHECK(snow.order == std::vector<std::string>{"parka", "shell", "sandal"});
  CHECK(snow.scores["parka"] == Approx(0.3 * 2));  // snow and cold both favour "winter" by 1

  Ranker snowing = ranker_for(json_of(R"({"context": {"weather": {"condition": "Snow", "temperatureC": 3, "snowExpected": true}}})"));
  Ranked twice = rank_tiles(snowing, tiles);
  CHECK(twice.scores["parka"] == Approx(0.3 * 2));   // snow counts once, though both the condition and the flag say it
  CHECK(twice.scores["shell"] == Approx(0.3 * 0.5));

  Ranker hot = ranker_for(json_of(R"({"context": {"weather": {"condition": "sun", "temperatureC": 30}}})"));
  CHECK(rank_tiles(hot, tiles).order == std::vector<std::string>{"sandal", "parka", "shell"});
}

TEST_CASE("campaign boosts lift and bury tiles, and apply even to a first-time visitor", "[ranking]") {
  json boosts = json_of(R"({"categories": {"sale": 1}, "brands": {"Aster": 0.5}, "tags": {"summer": -2}, "products": {"p9": 3}})");
  RankingSettings settings;
  Ranker ranker;
  ranker.set_snapshot(build_ranking_snapshot(shopkeeper::Profile{}, json::object(), boosts, settings, kNow, kHalfLife, false), settings);
  Ranked r = rank_tiles(ranker, json_of(R"([{"id": "p1", "tags": ["summer", "sale"]}, {"id": "p2", "category": "sale"},
      {"id": "p3", "brand": "Aster"}, {"id": "p4"}, {"id": "p9"}])"));
  CHECK(r.order == std::vector<std::string>{"p9", "p2", "p3", "p4", "p1"});
  CHECK(r.scores["p1"] == Approx(-2));
  CHECK(r.reasons["p2"] == std::vector<std::string>{"boost"});
}

TEST_CASE("a newcomer's grid keeps the shop's order but for the tiles a boost reaches", "[ranking]") {
  RankingSettings settings = settings_of(json_of(R"({"diversity": {"maxPerCategory": 1, "window": 3}})"));
  json context = json_of(R"({"context": {"trending": ["b3"], "weather": {"condition": "snow"}}})");
  shopkeeper::Profile viewed;  // what a newcomer's landing page records is not history yet
  viewed.browsing.categories["boots"] = shopkeeper::Decayed{3, kNow};
  json tiles = json_of(R"([{"id": "b1", "category": "boots", "popularity": 0.1}, {"id": "b2", "category": "boots", "popularity": 0.9},
      {"id": "h1", "category": "hats", "popularity": 1, "pinned": true}, {"id": "b3", "category": "boots", "tags": ["winter"]},
      {"id": "s1", "category": "sale", "popularity": 0.5}, {"id": "s2", "category": "sale", "popularity": 0.7}])");
  auto newcomer_with = [&](const json& boosts) {
    Ranker ranker;
    ranker.set_snapshot(build_ranking_snapshot(viewed, context, boosts, settings, kNow, kHalfLife, false), settings);
    return ranker;
  };

  Ranker missed = newcomer_with(json_of(R"({"categories": {"sweaters": 1}, "products": {"zz": 2}})"));
  Ranked same = rank_tiles(missed, tiles);
  CHECK(same.order == std::vector<std::string>{"b1", "b2", "h1", "b3", "s1", "s2"});
  for (const auto& [id, score] : same.scores) CHECK(score == 0);
  for (const auto& [id, reasons] : same.reasons) CHECK(reasons == (id == "h1" ? std::vector<std::string>{"pinned"} : std::vector<std::string>{}));

  // Boosted tiles first, by their boosts; the rest in the shop's order, no popularity;
  // diversity still keeps a second sale tile out of the first three places.
  Ranker boosted = newcomer_with(json_of(R"({"categories": {"sale": 1}, "products": {"b2": 0.5}})"));
  Ranked r = rank_tiles(boosted, tiles);
  CHECK(r.order == std::vector<std::string>{"s1", "b2", "h1", "s2", "b1", "b3"});
  CHECK(r.scores["s2"] == Approx(1));
  CHECK(r.scores["b2"] == Approx(0.5));
  CHECK(r.scores["b1"] == 0);
  CHECK(r.reasons["s2"] == std::vector<std::string>{"boost", "diversity"});
  CHECK(r.reasons["b1"].empty());
  CHECK(r.reasons["b3"].empty());

  // The same grid for a returning visitor: popularity, the feed and interests count again.
  Ranker returning;
  returning.set_snapshot(build_ranking_snapshot(viewed, context, nullptr, settings, kNow, kHalfLife, true), settings);
  Ranked back = rank_tiles(returning, tiles);
  CHECK(back.order.front() == "b3");
  CHECK(back.reasons["b2"] == std::vector<std::string>{"category", "popularity", "diversity"});
}

TEST_CASE("boostTiles campaigns and the context feed reach the ranking through decide()", "[ranking][engine]") {
  Engine engine;
  REQUIRE(json_of(engine.load(R"json({"version": 1, "campaigns": [
    {"id": "sale", "action": {"type": "boostTiles", "boost": {"categories": {"sale": 2}, "products": {"p4": -3}}}},
    {"id": "returning", "audience": {"visitor.isNew": false}, "action": {"type": "boostTiles", "boost": {"categories": {"sale": 1}}}}
  ]})json"))["ok"] == true);
  REQUIRE(json_of(engine.set_feed(R"json({"generatedAt": "2026-11-20T10:00:00Z", "regions": {
    "IE-D": {"weather": {"name": "Dublin", "condition": "rain", "temperatureC": 7}, "trending": [{"product_id": "p3", "units": 9}]}
  }})json"))["ok"] == true);
  json res = json_of(engine.decide(R"({"now": 1763632800000, "location": {"country": "IE", "region": "IE-D"}})"));
  REQUIRE(res["ok"] == true);
  CHECK(res["boosts"]["categories"] == json_of(R"({"sale": 2})"));  // a first-time visitor: only the first campaign
  json tiles = json_of(R"([{"id": "p1"}, {"id": "p2", "tags": ["waterproof"]},
      {"id": "p3"}, {"id": "p4", "category": "sale"}, {"id": "p5", "category": "sale"}])");
  Ranked first = rank_tiles(engine.ranker(), tiles);
  CHECK(first.order == std::vector<std::string>{"p5", "p1", "p2", "p3", "p4"});  // no history: the feed does not count yet
  CHECK(first.scores["p5"] == Approx(2.0));
  CHECK(first.scores["p4"] == Approx(2.0 - 3.0));
  CHECK(first.reasons["p3"].empty());

  json viewed = {{"now", 1763632860000}, {"profile", res["profile"]}, {"name", "Product Viewed"},
                 {"properties", {{"product_id", "x1"}, {"category", "misc"}}}};
  res = json_of(engine.track(viewed.dump()));
  REQUIRE(res["ok"] == true);
  json again = {{"now", 1763632920000}, {"profile", res["profile"]}, {"location", {{"country", "IE"}, {"region", "IE-D"}}}};
  REQUIRE(json_of(engine.decide(again.dump()))["ok"] == true);
  Ranked r = rank_tiles(engine.ranker(), tiles);
  CHECK(r.order == std::vector<std::string>{"p5", "p3", "p2", "p1", "p4"});
  CHECK(r.reasons["p2"] == std::vector<std::string>{"weather"});
  CHECK(r.reasons["p3"] == std::vector<std::string>{"trending"});
  CHECK(r.scores["p5"] == Approx(2.0));
}

TEST_CASE("the string table: ids past the table match nothing, bad updates leave it as it was", "[ranking]") {
  Ranker ranker = ranker_for(json_of(R"({"context": {"trending": ["p1"]}})"));
  CHECK(ranker.strings() == 1);
  CHECK(ranker.intern(table_text({"p1", "", "p2"}), 1) == 4);  // "": what the JS layer sends for a string with a NUL
  CHECK(ranker.intern(table_text({"x"}), 0) == -1);
  CHECK(ranker.intern(table_text({"x"}), 9) == -1);
  CHECK(ranker.intern("x", 1) == -1);  // no NUL after its last string
  CHECK(ranker.intern(table_text(std::vector<std::string>(Ranker::kMaxStrings, "s")), 1) == -1);
  CHECK(ranker.intern(table_text({std::string(Ranker::kMaxStringBytes + 1, 'p')}), 4) == 5);
  CHECK(ranker.intern("", 5) == 5);
  CHECK(ranker.strings() == 5);

  // p1 is id 1; ids 2 (""), 4 (too long) and 99 (unknown) match nothing.
  uint32_t attributes[] = {1, 0, 0, 0, 0, 0,  2, 0, 0, 0, 0, 0,  99, 99, 99, 2, 3, 0,  4, 0, 0, 0, 0, 0};
  uint32_t tags[] = {99, 1, 4};
  double popularity[] = {0, 0, 0, 0};
  uint32_t order[4], reasons[4];
  double scores[4];
  ranker.rank(TileGrid{4, attributes, 3, tags, popularity}, shopkeeper::TileRanking{order, scores, reasons});
  CHECK(order[0] == 0);
  CHECK(scores[0] == Approx(0.4));
  CHECK(scores[1] == 0);
  CHECK(scores[2] == 0);  // its tag ids reach past `tags` and are cut off
  CHECK(scores[3] == 0);

  // Replacing the table from id 1 on renames p1: the scores follow the strings.
  CHECK(ranker.intern(table_text({"p0", "p1"}), 1) == 3);
  ranker.rank(TileGrid{4, attributes, 3, tags, popularity}, shopkeeper::TileRanking{order, scores, reasons});
  CHECK(scores[0] == 0);
  CHECK(scores[1] == Approx(0.4));
}

TEST_CASE("the buffers the JS layer fills rank the same as the grid itself", "[ranking]") {
  Ranker ranker = ranker_for(json_of(R"({"context": {"trending": ["b", "c"]}})"));
  REQUIRE(ranker.intern(table_text({"a", "b", "c"}), 1) == 4);
  REQUIRE_FALSE(ranker.prepare(Ranker::kMaxTiles + 1, 0));
  REQUIRE(ranker.prepare(3, 1));
  Ranker::Buffers& b = ranker.buffers();
  uint32_t attributes[] = {1, 0, 0, 0, 1, 0,  2, 0, 0, 0, 0, 0,  3, 0, 0, 0, 0, TileGrid::kTilePinned};
  std::copy(std::begin(attributes), std::end(attributes), b.words.get());
  b.words[18] = 2;  // tile a's one tag
  b.reals[0] = 1;   // tile a's popularity
  b.reals[1] = b.reals[2] = 0;  // the buffers start uninitialized, as the JS layer writes every input
  ranker.rank_buffers();
  const uint32_t* order = b.words.get() + 3 * TileGrid::kTileWords + 1;
  CHECK(std::vector<uint32_t>(order, order + 3) == std::vector<uint32_t>{1, 0, 2});
  CHECK(b.reals[3] == Approx(0.2));  // a: popularity only (its tag "b" is not a trending product)
  CHECK(b.reals[4] == Approx(0.4));  // b trends first
  CHECK(order[3 + 2] == (shopkeeper::kReasonPinned | 1u << shopkeeper::kPartTrending));
}

TEST_CASE("ranking is deterministic and safe with odd popularity figures", "[ranking]") {
  Ranker ranker = ranker_for(json_of(R"({"context": {"trending": ["z"]}})"));
  json tiles = json::array();
  for (int i = 0; i < 50; ++i) tiles.push_back({{"id", "t" + std::to_string(i)}, {"category", i % 2 ? "a" : "b"}, {"popularity", i % 5}});
  tiles[3]["popularity"] = -4;
  tiles[7]["popularity"] = 1e308;
  Ranked first = rank_tiles(ranker, tiles);
  Ranked again = rank_tiles(ranker, tiles);
  CHECK(first.order == again.order);
  CHECK(first.order[0] == "t7");
  CHECK(first.scores["t3"] == 0);
  for (const auto& [id, score] : first.scores) CHECK(std::isfinite(score));
}
