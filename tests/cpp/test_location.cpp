#include <catch2/catch.hpp>

#include <fstream>
#include <sstream>
#include <string>
#include <vector>

#include "engine.hpp"
#include "location.hpp"
#include "test_support.hpp"
#include "time_zones.hpp"

using nlohmann::json;
using shopkeeper::place_of_time_zone;
using shopkeeper::resolve_location_json;
using shopkeeper::test::json_of;
using shopkeeper::test::read_source_file;

namespace {

/// The lines of the machine's /usr/share/zoneinfo/`file` (Debian's tzdata package), or none, with
/// a warning saying what still covers the test when it is not there.
std::vector<std::string> tzdata_lines(const std::string& file, const char* covered_by) {
  std::ifstream in("/usr/share/zoneinfo/" + file);
  if (!in) WARN("no /usr/share/zoneinfo/" << file << " on this machine: " << covered_by);
  std::vector<std::string> lines;
  for (std::string line; std::getline(in, line);) lines.push_back(line);
  return lines;
}

json paths_of(const json& warnings) {
  json paths = json::array();
  for (const auto& w : warnings) paths.push_back(w["path"]);
  return paths;
}

}  // namespace

TEST_CASE("shared location cases (tests/cases/location.json)", "[location][cases]") {
  json suite = json_of(read_source_file("tests/cases/location.json"));
  REQUIRE(suite["cases"].size() >= 150);
  for (const auto& c : suite["cases"]) {
    json res = json_of(resolve_location_json(c["request"].dump()));
    INFO(c["name"].get<std::string>() << "\n  got " << res.dump());
    REQUIRE(res["ok"] == true);
    for (const auto& [key, expected] : c["expected"].items()) {
      INFO("field " << key);
      CHECK(res[key] == expected);
    }
    CHECK(paths_of(res["warnings"]) == c["warnings"]);
  }
}

TEST_CASE("a request that is not an object is an error, never an exception", "[location]") {
  for (const char* bad : {"", "{", "[]", "\"Europe/Dublin\"", "null"}) {
    INFO(bad);
    json res = json_of(resolve_location_json(bad));
    CHECK(res["ok"] == false);
    CHECK(res["error"]["code"] == "invalid_request");
  }
}

// The table must know every zone tzdata lists, with tzdata's country. Read from the
// machine's tzdata when it has one (Debian's tzdata package).
TEST_CASE("every zone of tzdata's zone.tab maps to its country", "[location]") {
  auto lines = tzdata_lines("zone.tab", "the shared cases still cover the table");
  if (lines.empty()) return;
  int checked = 0;
  for (const std::string& line : lines) {
    if (line.empty() || line[0] == '#') continue;
    std::istringstream fields(line);
    std::string country, coordinates, zone;
    std::getline(fields, country, '\t');
    std::getline(fields, coordinates, '\t');
    std::getline(fields, zone, '\t');
    auto place = place_of_time_zone(zone);
    INFO(zone);
    REQUIRE(place);
    CHECK(place->country == country);
    if (!place->region.empty()) CHECK(place->region.rfind(country + "-", 0) == 0);
    ++checked;
  }
  CHECK(checked > 400);
}

// Rules name their time zone; every name tzdata has (zones and aliases, "Factory" aside,
// which no browser accepts) must load, and nothing else.
TEST_CASE("every zone and alias of tzdata is a time zone name", "[location][rules]") {
  auto lines = tzdata_lines("tzdata.zi", "the rules tests still cover the names");
  if (lines.empty()) return;
  int checked = 0;
  for (const std::string& line : lines) {
    std::istringstream fields(line);
    std::string kind, first, second;
    fields >> kind >> first >> second;
    std::string name = kind == "Z" ? first : kind == "L" ? second : "";
    if (name.empty() || name == "Factory") continue;
    INFO(name);
    CHECK(shopkeeper::is_time_zone(name));
    ++checked;
  }
  CHECK(checked > 590);
  for (const char* unknown : {"Europe/Dubln", "Factory", "Etc/GMT+13", "Etc/", "/UTC", "", "Europe/Dublin/"}) {
    INFO(unknown);
    CHECK_FALSE(shopkeeper::is_time_zone(unknown));
  }
}

TEST_CASE("decide() puts the location in the context and the response", "[location][engine]") {
  shopkeeper::Engine engine;
  json rules = {{"version", 1},
                {"campaigns",
                 {{{"id", "dublin"},
                   {"audience", {{"location.region", "IE-D"}}},
                   {"action", {{"type", "modal"}, {"title", "Hello Dublin"}, {"body", "Free delivery in the city"}}}},
                  {{"id", "guessed"},
                   {"audience", {{"location.source", "timezone"}}},
                   {"action", {{"type", "modal"}, {"title", "Hello"}, {"body", "From your time zone"}}}}}}};
  REQUIRE(json_of(engine.load(rules.dump()))["ok"] == true);
  json request = {{"now", 1700000000000}, {"newId", "v1"}, {"page", {{"url", "https://shop.test/"}}},
                  {"location", {{"country", "IE"}, {"region", "D"}, {"city", "Dublin"}}}, {"timeZone", "Europe/Dublin"}};
  json res = json_of(engine.decide(request.dump()));
  REQUIRE(res["ok"] == true);
  CHECK(res["location"]["region"] == "IE-D");
  CHECK(res["location"]["source"] == "hint");
  REQUIRE(res["decisions"].size() == 1);
  CHECK(res["decisions"][0]["campaign"] == "dublin");

  request.erase("location");
  res = json_of(engine.decide(request.dump()));
  CHECK(res["location"] == json{{"country", "IE"}, {"region", nullptr}, {"city", nullptr}, {"timeZone", "Europe/Dublin"},
                                {"source", "timezone"}, {"latitude", nullptr}, {"longitude", nullptr}, {"accuracy", nullptr}});
  REQUIRE(res["decisions"].size() == 1);
  CHECK(res["decisions"][0]["campaign"] == "guessed");
}

TEST_CASE("an unusable hint is reported in decide()'s warnings", "[location][engine]") {
  shopkeeper::Engine engine;
  json request = {{"now", 1700000000000}, {"newId", "v1"}, {"page", {{"url", "https://shop.test/"}}},
                  {"location", {{"country", "XX"}}}, {"timeZone", "Asia/Tokyo"}};
  json res = json_of(engine.decide(request.dump()));
  REQUIRE(res["ok"] == true);
  CHECK(res["location"]["country"] == "JP");
  REQUIRE(res["warnings"].size() == 1);
  CHECK(res["warnings"][0]["code"] == "location_hint_ignored");
  CHECK(res["warnings"][0]["path"] == "/location/country");
}
