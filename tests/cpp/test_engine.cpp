#include <catch2/catch.hpp>

#include "context.hpp"
#include "engine.hpp"
#include "test_support.hpp"

using nlohmann::json;
using shopkeeper::Engine;
using shopkeeper::test::json_of;
using shopkeeper::test::read_source_file;

namespace {

/// Builds the engine request of one case step, carrying the stored profile along.
json request_for(const json& step_input, const json& profile) {
  json req = step_input;
  req["profile"] = profile;
  if (step_input.contains("url") || step_input.contains("referrer")) {
    req["page"] = {{"url", step_input.value("url", "")}, {"referrer", step_input.value("referrer", "")}};
    req.erase("url");
    req.erase("referrer");
  }
  req["newId"] = "visitor-1";
  return req;
}

void check_expectations(const json& expect, const json& res) {
  for (auto it = expect.begin(); it != expect.end(); ++it) {
    const std::string& key = it.key();
    INFO("expectation " << key << " in " << res.dump());
    if (key == "ok") {
      CHECK(res["ok"] == *it);
    } else if (key == "errorCode") {
      CHECK(res["error"]["code"] == *it);
    } else if (key == "visitCount" || key == "isNew" || key == "emailCaptured") {
      CHECK(res["visitor"][key] == *it);
    } else if (key == "pageViews") {
      CHECK(res["session"]["pageViews"] == *it);
    } else if (key == "sessionIsNew") {
      CHECK(res["session"]["isNew"] == *it);
    } else if (key == "shown") {
      json ids = json::array();
      for (const auto& d : res["decisions"]) ids.push_back(d["campaign"]);
      CHECK(ids == *it);
    } else if (key == "skipped") {
      for (auto s = it->begin(); s != it->end(); ++s) {
        bool found = false;
        for (const auto& entry : res["skipped"]) {
          if (entry["campaign"] == s.key()) {
            found = true;
            CHECK(entry["reason"] == s.value());
          }
        }
        CHECK(found);
      }
    } else if (key == "warnings") {
      json codes = json::array();
      for (const auto& w : res["warnings"]) codes.push_back(w["code"]);
      CHECK(codes == *it);
    } else if (key == "current" || key == "first") {
      for (auto f = it->begin(); f != it->end(); ++f) CHECK(res["acquisition"][key][f.key()] == f.value());
    } else if (key == "profileStatus" || key == "handled") {
      CHECK(res[key] == *it);
    } else {
      FAIL("unknown expectation " << key);
    }
  }
}

}  // namespace

TEST_CASE("shared visit cases (tests/cases/visits.json)", "[engine][cases]") {
  json suite = json_of(read_source_file("tests/cases/visits.json"));
  Engine engine;
  json loaded = json_of(engine.load(read_source_file(suite["rules"].get<std::string>())));
  REQUIRE(loaded["ok"] == true);

  for (const auto& c : suite["cases"]) {
    SECTION(c["name"].get<std::string>()) {
      json profile = c.value("initialProfile", json());
      for (const auto& step : c["steps"]) {
        bool is_track = step.contains("track");
        json req = request_for(is_track ? step["track"] : step["decide"], profile);
        json res = json_of(is_track ? engine.track(req.dump()) : engine.decide(req.dump()));
        if (step.contains("expect")) check_expectations(step["expect"], res);
        if (res["ok"] == true) profile = res["profile"];
      }
    }
  }
}

TEST_CASE("load reports every problem of a rules document with its JSON path", "[engine][rules]") {
  Engine engine;
  json res = json_of(engine.load(R"json({
    "version": 1,
    "campaigns": [
      {"id": "a", "action": {"type": "modal", "title": "Hi"}, "colour": "red"},
      {"id": "a", "action": {"type": "confetti", "title": "Hi"}},
      {"id": "bad id!", "audience": {"visitor.visitCount": {"$bogus": 1}}, "action": {"type": "modal"}},
      {"id": "c", "frequency": {"perSession": -1}, "action": {"type": "modal", "title": "x", "cta": {"label": "Go", "href": "javascript:alert(1)"}}}
    ]
  })json"));
  REQUIRE(res["ok"] == false);
  std::vector<std::string> paths;
  for (const auto& e : res["errors"]) paths.push_back(e["path"].get<std::string>());
  CHECK_THAT(paths, Catch::Matchers::UnorderedEquals(std::vector<std::string>{
                        "/campaigns/0/colour", "/campaigns/1/id", "/campaigns/1/action/type", "/campaigns/2/id",
                        "/campaigns/2/audience/visitor.visitCount/$bogus", "/campaigns/2/action/title",
                        "/campaigns/3/frequency/perSession", "/campaigns/3/action/cta/href"}));
}

TEST_CASE("bad rules documents are errors, not exceptions", "[engine][rules]") {
  for (const char* doc : {"", "{", "[]", "null", "{\"version\": 2, \"campaigns\": []}", "{\"version\": 1}",
                          "{\"version\": 1, \"campaigns\": {}}"}) {
    INFO(doc);
    Engine engine;
    json res = json_of(engine.load(doc));
    CHECK(res["ok"] == false);
    CHECK_FALSE(res["errors"].empty());
  }
  Engine engine;
  CHECK(json_of(engine.load(std::string(2u << 20, ' ')))["errors"][0]["code"] == "document_too_large");
}

TEST_CASE("an engine whose rules failed to load still records visits", "[engine]") {
  Engine engine;
  REQUIRE(json_of(engine.load("not json"))["ok"] == false);
  json res = json_of(engine.decide(R"({"now": 1700000000000, "page": {"url": "/"}})"));
  CHECK(res["ok"] == true);
  CHECK(res["visitor"]["visitCount"] == 1);
  CHECK(res["decisions"].empty());
}

TEST_CASE("malformed requests get a clear error", "[engine]") {
  Engine engine;
  engine.load(read_source_file("rules/welcome.json"));
  for (const char* req : {"", "nope", "[]", R"({"now": "soon"})", R"({"now": -5})", R"({"now": 1e400})"}) {
    INFO(req);
    json res = json_of(engine.decide(req));
    CHECK(res["ok"] == false);
    CHECK(res["error"]["code"] == "invalid_request");
  }
  json res = json_of(engine.track(R"({"now": 1700000000000, "name": ""})"));
  CHECK(res["error"]["path"] == "/name");
}

TEST_CASE("a new visitor gets the caller's id, or a clock-derived one when it is unusable", "[engine]") {
  Engine engine;
  auto id_for = [&](const json& new_id) {
    json res = json_of(engine.decide(json{{"now", 1700000000000}, {"newId", new_id}}.dump()));
    return json_of(res["profile"].get<std::string>())["id"];
  };
  CHECK(id_for("3f2a-b_9") == "3f2a-b_9");
  json tracked = json_of(engine.track(R"({"now": 1700000000000, "name": "Cart Viewed", "newId": "abc-1"})"));
  CHECK(tracked["visitorId"] == "abc-1");
  CHECK(id_for("<script>") == "t1700000000000");
  CHECK(id_for(42) == "t1700000000000");
}

TEST_CASE("hostile page strings are bounded before they reach the profile", "[engine]") {
  Engine engine;
  std::string huge_url = "https://shop.test/" + std::string(100000, 'a');
  json res = json_of(engine.decide(json{{"now", 1700000000000}, {"page", {{"url", huge_url}}}}.dump()));
  REQUIRE(res["ok"] == true);
  CHECK(res["profile"].get<std::string>().size() < 4096);
}

TEST_CASE("a profile read ahead answers exactly as one read by the call, and only for its own text", "[engine]") {
  Engine engine;
  engine.load(read_source_file("rules/demo-shop.json"));
  auto decide = [&](const json& stored, int64_t now) {
    json req = {{"now", now}, {"newId", "v-1"}, {"page", {{"url", "https://shop.test/category/boots"}, {"category", "boots"}}}};
    if (!stored.is_null()) req["profile"] = stored;
    return engine.decide(req.dump());
  };
  std::string first = json_of(decide(nullptr, 1700000000000))["profile"];
  std::string second = json_of(decide(first, 1700000600000))["profile"];
  for (const json& stored : {json(second), json("{not a profile"), json(R"({"version": 99})"), json(nullptr)}) {
    INFO(stored.dump());
    std::string text = stored.is_string() ? stored.get<std::string>() : std::string();
    std::string plain = decide(stored, 1700001200000);
    engine.preload_profile(text);
    CHECK(decide(stored, 1700001200000) == plain);
    // Taken by that call: the next one with the same text reads it again, to the same answer.
    CHECK(decide(stored, 1700001200000) == plain);
  }
  // Read ahead, then another text arrives (another tab wrote): that text is the one used.
  std::string plain = decide(first, 1700001200000);
  engine.preload_profile(second);
  CHECK(decide(first, 1700001200000) == plain);
  // Held across calls that fail before reading a profile, and taken by track as by decide.
  std::string tracked = engine.track(json{{"now", 1700001200000}, {"newId", "v-1"}, {"profile", second}, {"name", "Cart Viewed"}}.dump());
  engine.preload_profile(second);
  CHECK(json_of(engine.decide(R"({"now": -5})"))["error"]["code"] == "invalid_request");
  CHECK(engine.track(json{{"now", 1700001200000}, {"newId", "v-1"}, {"profile", second}, {"name", "Cart Viewed"}}.dump()) == tracked);
}

TEST_CASE("a stored profile given beside the request answers as the request's own \"profile\"", "[engine]") {
  Engine engine;
  engine.load(read_source_file("rules/demo-shop.json"));
  json req = {{"now", 1700000000000}, {"newId", "v-1"}, {"page", {{"url", "https://shop.test/category/boots"}, {"category", "boots"}}}};
  std::string stored = json_of(engine.decide(req.dump()))["profile"];
  json with = req;
  with["now"] = 1700000600000;
  json without = with;
  for (const std::string& text : {stored, std::string("{not a profile"), std::string()}) {
    INFO(text);
    with["profile"] = text;
    CHECK(engine.decide(without.dump(), text) == engine.decide(with.dump()));
    json event = with;
    event["name"] = "Cart Viewed";
    json bare = event;
    bare.erase("profile");
    CHECK(engine.track(bare.dump(), text) == engine.track(event.dump()));
    json ask = with;
    ask["campaign"] = "first-visit-signup";
    json plain = ask;
    plain.erase("profile");
    CHECK(engine.explain(plain.dump(), text) == engine.explain(ask.dump()));
  }
  // Given beside, it wins over a "profile" member, and takes a profile read ahead alike.
  with["profile"] = "{not a profile";
  engine.preload_profile(stored);
  json reference = without;
  reference["profile"] = stored;
  CHECK(engine.decide(with.dump(), stored) == engine.decide(reference.dump()));
}

TEST_CASE("the profile to store given aside is the response's own \"profile\", and the rest is unchanged", "[engine]") {
  Engine engine;
  engine.load(read_source_file("rules/demo-shop.json"));
  json req = {{"now", 1700000000000}, {"newId", "v-1"}, {"page", {{"url", "https://shop.test/category/boots"}, {"category", "boots"}}}};
  std::string aside = "left from before";
  json answer = json_of(engine.decide(req.dump(), std::nullopt, &aside));
  json reference = json_of(engine.decide(req.dump()));
  CHECK_FALSE(answer.contains("profile"));
  CHECK(aside == reference["profile"]);
  reference.erase("profile");
  CHECK(answer == reference);

  json event = req;
  event["name"] = "Cart Viewed";
  event["now"] = 1700000600000;
  std::string stored = aside;
  json tracked = json_of(engine.track(event.dump(), stored, &aside));
  json tracked_reference = json_of(engine.track(event.dump(), stored));
  CHECK_FALSE(tracked.contains("profile"));
  CHECK(aside == tracked_reference["profile"]);
  tracked_reference.erase("profile");
  CHECK(tracked == tracked_reference);

  SECTION("a request that fails leaves nothing aside") {
    std::string untouched;
    engine.decide("{}", std::nullopt, &untouched);
    CHECK(untouched.empty());
  }
}

TEST_CASE("path_of strips scheme, host, query and fragment", "[context]") {
  using shopkeeper::path_of;
  CHECK(path_of("https://shop.test/a/b?x=1#top") == "/a/b");
  CHECK(path_of("https://shop.test") == "/");
  CHECK(path_of("https://shop.test?x=1") == "/");
  CHECK(path_of("/cart.html?x") == "/cart.html");
  CHECK(path_of("") == "/");
  CHECK(path_of("mailto:x") == "/");
}

TEST_CASE("one popup per page view: highest priority wins, document order breaks ties", "[engine][campaigns]") {
  Engine engine;
  REQUIRE(json_of(engine.load(R"json({"version": 1, "campaigns": [
    {"id": "first", "priority": 5, "action": {"type": "modal", "title": "A"}},
    {"id": "second", "priority": 5, "action": {"type": "modal", "title": "B"}},
    {"id": "urgent", "priority": 9, "action": {"type": "modal", "title": "C"}},
    {"id": "low", "priority": -3, "action": {"type": "modal", "title": "D"}}
  ]})json"))["ok"] == true);
  json res = json_of(engine.decide(R"({"now": 1700000000000})"));
  REQUIRE(res["decisions"].size() == 1);
  CHECK(res["decisions"][0]["campaign"] == "urgent");
  std::vector<std::string> skipped;
  for (const auto& s : res["skipped"]) {
    CHECK(s["reason"] == "popup_cap");
    skipped.push_back(s["campaign"].get<std::string>());
  }
  CHECK(skipped == std::vector<std::string>{"first", "second", "low"});
}

TEST_CASE("a numeric product id is product.id as it is page.productId", "[engine][context]") {
  Engine engine;
  REQUIRE(json_of(engine.load(R"json({"version": 1, "campaigns": [
    {"id": "seven", "audience": {"product.id": 7, "page.productId": 7}, "action": {"type": "banner", "text": "Hi"}}
  ]})json"))["ok"] == true);
  json res = json_of(engine.decide(R"({"now": 1700000000000, "page": {"url": "https://shop.test/p/7", "product": {"product_id": 7}}})"));
  REQUIRE(res["decisions"].size() == 1);
  CHECK(res["decisions"][0]["campaign"] == "seven");
}
