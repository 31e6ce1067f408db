#include <catch2/catch.hpp>

#include "engine.hpp"
#include "test_support.hpp"

using nlohmann::json;
using shopkeeper::Engine;
using shopkeeper::test::json_of;
using shopkeeper::test::read_source_file;

namespace {

/// True when every key of `want` matches in `got`; arrays match element-wise with equal length.
bool subset(const json& got, const json& want) {
  if (want.is_array()) {
    if (!got.is_array() || got.size() != want.size()) return false;
    for (std::size_t i = 0; i < want.size(); ++i) {
      if (!subset(got[i], want[i])) return false;
    }
    return true;
  }
  if (want.is_object()) {
    if (!got.is_object()) return false;
    for (auto it = want.begin(); it != want.end(); ++it) {
      if (!subset(got.contains(it.key()) ? got[it.key()] : json(), *it)) return false;
    }
    return true;
  }
  return got == want;
}

json find_campaign(const json& list, const std::string& id) {
  for (const auto& entry : list) {
    if (entry["campaign"] == id) return entry;
  }
  return nullptr;
}

void check(const json& expect, const json& res) {
  for (auto it = expect.begin(); it != expect.end(); ++it) {
    const std::string& key = it.key();
    INFO("expectation " << key << " in " << res.dump());
    if (key == "shown") {
      json ids = json::array();
      for (const auto& d : res["decisions"]) ids.push_back(d["campaign"]);
      CHECK(ids == *it);
    } else if (key == "skipped") {
      for (auto s = it->begin(); s != it->end(); ++s) CHECK(find_campaign(res["skipped"], s.key())["reason"] == *s);
    } else if (key == "decisions") {
      for (auto d = it->begin(); d != it->end(); ++d) CHECK(subset(find_campaign(res["decisions"], d.key()), *d));
    } else if (key == "exposures") {
      CHECK(res["exposures"] == *it);
    } else if (key == "warnings") {
      json codes = json::array();
      for (const auto& w : res["warnings"]) codes.push_back(w["code"]);
      CHECK(codes == *it);
    } else if (key == "failedChecks") {
      json failed = json::array();
      for (const auto& c : res["checks"]) {
        if (!c["passed"].get<bool>()) failed.push_back(c["check"]);
      }
      CHECK(failed == *it);
    } else if (key == "explain") {
      CHECK(subset(res, *it));
    } else if (key == "ok" || key == "error" || key == "boosts") {
      CHECK(subset(res.contains(key) ? res[key] : json(), *it));
    } else {
      FAIL("unknown expectation " << key);
    }
  }
}

}  // namespace

TEST_CASE("shared campaign cases (tests/cases/campaigns.json)", "[campaigns][cases]") {
  json suite = json_of(read_source_file("tests/cases/campaigns.json"));
  for (const auto& c : suite["cases"]) {
    SECTION(c["name"].get<std::string>()) {
      Engine engine;
      json loaded = json_of(engine.load(c["rules"].dump()));
      REQUIRE(loaded["ok"] == true);
      if (c.contains("feed")) REQUIRE(json_of(engine.set_feed(c["feed"].dump()))["ok"] == true);
      json profile = nullptr;
      for (const auto& step : c["steps"]) {
        std::string kind = step.contains("decide") ? "decide" : step.contains("track") ? "track" : "explain";
        json req = step[kind];
        req["profile"] = profile;
        req["newId"] = c.value("visitorId", "visitor-1");
        json res = json_of(kind == "decide" ? engine.decide(req.dump()) : kind == "track" ? engine.track(req.dump()) : engine.explain(req.dump()));
        if (kind != "explain") {
          REQUIRE(res["ok"] == true);
          profile = res["profile"];
        }
        if (step.contains("expect")) check(step["expect"], res);
      }
    }
  }
}
