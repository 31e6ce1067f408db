// Hard limits and hostile input across the core's parsers: every limit answers with a clear
// error, and input at the limits is handled in full. Several cases are regressions of
// crashes the fuzzers and sanitizers found (stack overflow on deep JSON, signed overflow).

#include <catch2/catch.hpp>

#include "condition.hpp"
#include "condition_set.hpp"
#include "engine.hpp"
#include "profile.hpp"
#include "regex.hpp"
#include "rules.hpp"
#include "rules_validator.hpp"
#include "test_support.hpp"

using namespace shopkeeper;
using shopkeeper::test::json_of;

namespace {

std::string nested(std::size_t levels) { return std::string(levels, '[') + std::string(levels, ']'); }

std::string modal(const std::string& id, const std::string& extra = "") {
  return R"({"id":")" + id + R"(",)" + extra + R"("action":{"type":"modal","title":"Hi"}})";
}

std::string document(const std::string& campaigns) { return R"({"version":1,"campaigns":[)" + campaigns + "]}"; }

json first_error(Engine& engine, const std::string& doc) {
  json res = json_of(engine.load(doc));
  REQUIRE(res["ok"] == false);
  return res["errors"][0];
}

const char* kNow = R"("now":1700000000000)";

}  // namespace

TEST_CASE("JSON nesting deeper than 64 levels is refused before it is parsed", "[limits]") {
  CHECK_FALSE(nests_too_deep(nested(JsonLimits::kMaxDepth)));
  CHECK(nests_too_deep(nested(JsonLimits::kMaxDepth + 1)));
  CHECK_FALSE(nests_too_deep(R"(["[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[\"{{{"])"));
  CHECK(parse_json(nested(100000)).is_discarded());
  CHECK(parse_json(nested(64)).is_array());
}

TEST_CASE("a deeply nested rules document is an error, wherever the nesting is", "[limits][rules]") {
  // Regression: a deep value inside an action or an audience overflowed the stack when copied.
  std::string deep = nested(100000);
  for (const std::string& doc : {document(R"({"id":"a","action":{"type":"modal","title":"x","cta":)" + deep + "}}"),
                                 document(modal("a", R"("audience":{"a":)" + deep + "},")),
                                 R"({"version":1,"x":)" + deep + R"(,"campaigns":[]})"}) {
    Engine engine;
    json error = first_error(engine, doc);
    CHECK(error["code"] == "document_too_deep");
    CHECK(error["message"] == "the rules document nests arrays and objects deeper than 64 levels");
  }
}

TEST_CASE("deeply nested requests are refused, whatever field holds the nesting", "[limits][engine]") {
  Engine engine;
  std::string deep = nested(100000);
  for (const std::string& req : {std::string("{") + kNow + R"(,"page":{"url":"/","product":{"product_id":)" + deep + "}}}",
                                 std::string("{") + kNow + R"(,"name":"Cart Viewed","properties":{"products":)" + deep + "}}"}) {
    for (const std::string& res : {engine.decide(req), engine.track(req)}) {
      json out = json_of(res);
      CHECK(out["ok"] == false);
      CHECK(out["error"]["code"] == "invalid_request");
      CHECK(out["error"]["message"] == "the request nests deeper than 64 levels");
    }
  }
  // A request nested within the limit is fine.
  json ok = json_of(engine.decide(std::string("{") + kNow + R"(,"page":{"url":"/","product":{"product_id":"p1","x":)" + nested(50) + "}}}"));
  CHECK(ok["ok"] == true);
}

TEST_CASE("conditions and attributes nested too deep are errors, never crashes", "[limits][condition]") {
  std::string deep = R"({"a":)" + nested(100000) + "}";
  json problems = json_of(validate_condition_json(deep));
  REQUIRE(problems.size() == 1);
  CHECK(problems[0]["code"] == "condition_too_deep");
  CHECK_FALSE(evaluate_condition_json(deep, "{}", ""));
  CHECK_FALSE(evaluate_condition_json(R"({"a":{"$size":0}})", deep, ""));
  ConditionSet set;
  json compiled = json_of(set.compile("[" + deep + "]"));
  CHECK(compiled["ok"] == false);
  CHECK(compiled["errors"][0]["code"] == "condition_too_deep");
}

TEST_CASE("a stored profile too deep or too large is corrupt and replaced, without parsing it", "[limits][profile]") {
  ProfileLoad deep = parse_profile(R"({"v":2,"id":"a","x":)" + nested(1000) + "}");
  CHECK(deep.status == ProfileStatus::Corrupt);
  CHECK(deep.problem == "the stored profile nests too deep");

  std::string big = R"({"v":2,"id":"abc","session":{"number":1},"x":")" + std::string(ProfileLimits::kReadBytes, 'a') + "\"}";
  ProfileLoad large = parse_profile(big);
  CHECK(large.status == ProfileStatus::Corrupt);
  CHECK(large.problem == "the stored profile is larger than 64 KiB");

  Engine engine;
  json req = {{"now", 1700000000000}, {"profile", big}, {"page", {{"url", "/"}}}};
  json res = json_of(engine.decide(req.dump()));
  CHECK(res["ok"] == true);
  CHECK(res["profileStatus"] == "corrupt");
  CHECK(res["visitor"]["visitCount"] == 1);
}

TEST_CASE("integers beyond 2^53 - 1 in a stored profile make it corrupt", "[limits][profile]") {
  auto stored = [](const std::string& number) {
    return R"({"v":)" + std::to_string(Profile::kSchemaVersion) + R"(,"id":"abc","firstSeen":1,"lastSeen":1,"session":{"number":)" +
           number + R"(,"startedAt":1,"pageViews":1}})";
  };
  CHECK(parse_profile(stored("9007199254740991")).status == ProfileStatus::Loaded);
  CHECK(parse_profile(stored("9007199254740992")).status == ProfileStatus::Corrupt);
  CHECK(parse_profile(stored("9223372036854775807")).status == ProfileStatus::Corrupt);
  CHECK(parse_profile(stored("18446744073709551615")).status == ProfileStatus::Corrupt);
  CHECK(parse_profile(stored("1e300")).status == ProfileStatus::Corrupt);
}

TEST_CASE("counters of a doctored profile at 2^53 - 1 stay there and keep the profile readable", "[limits][profile]") {
  // Regression: session.number, pageViews and campaign counters at INT64_MAX overflowed (UB) on the next page view.
  const std::string max = std::to_string(kMaxSafeInteger);
  std::string profile = R"({"v":)" + std::to_string(Profile::kSchemaVersion) + R"(,"id":"abc","firstSeen":1,"lastSeen":1700000000000,"session":{"number":)" +
                        max + R"(,"startedAt":1,"pageViews":)" + max + R"(,"landingPage":"/"},"campaigns":{"a":[)" + max + ",1," + max +
                        "," + max + ",0,0,0," + max + R"(,0,0]},"orders":{"count":)" + max + R"(,"total":1e308,"lastAt":0,"bought":[]},)" +
                        R"("viewed":[["p1","c",)" + max + R"(,1]],"cart":{"items":[["p1","c",)" + max + R"(,1e308,1]],"removed":[],"checkout":null,"abandoned":null}})";
  REQUIRE(parse_profile(profile).status == ProfileStatus::Loaded);
  Engine engine;
  REQUIRE(json_of(engine.load(document(modal("a"))))["ok"] == true);
  json req = {{"now", 1700000001000}, {"profile", profile}, {"page", {{"url", "/"}, {"product", {{"product_id", "p1"}}}}}};
  json res = json_of(engine.decide(req.dump()));
  REQUIRE(res["ok"] == true);
  std::string stored = res["profile"];
  for (const char* name : {"Promotion Viewed", "Order Completed", "Product Viewed", "Product Added"}) {
    json event = {{"now", 1700000002000}, {"profile", stored}, {"name", name},
                  {"properties", {{"product_id", "p1"}, {"promotion_id", "a"}, {"quantity", 10000}}}};
    json tracked = json_of(engine.track(event.dump()));
    REQUIRE(tracked["ok"] == true);
    stored = tracked["profile"];
  }
  ProfileLoad after = parse_profile(stored);
  REQUIRE(after.status == ProfileStatus::Loaded);
  CHECK(after.profile.session.number == kMaxSafeInteger);
  CHECK(after.profile.campaigns.at("a").impressions == kMaxSafeInteger);
  CHECK(after.profile.orders.count == kMaxSafeInteger);
}

TEST_CASE("a rules document lists at most 100 problems and says how many more there are", "[limits][rules]") {
  std::string campaigns;
  for (int i = 0; i < 150; ++i) campaigns += (i ? "," : "") + modal("c" + std::to_string(i), R"("audience":{"$bad":1,"$worse":2},)");
  Engine engine;
  json res = json_of(engine.load(document(campaigns)));
  REQUIRE(res["ok"] == false);
  REQUIRE(res["errors"].size() == RulesLimits::kMaxErrors + 1);
  CHECK(res["errors"][0]["path"] == "/campaigns/0/audience/$bad");
  json last = res["errors"].back();
  CHECK(last["code"] == "too_many_errors");
  CHECK(last["message"] == "200 more problems are not listed");
}

TEST_CASE("rules limits: campaigns, text length, list size, regex size", "[limits][rules]") {
  Engine engine;
  std::string campaigns;
  for (std::size_t i = 0; i <= RulesLimits::kMaxCampaigns; ++i) campaigns += (i ? "," : "") + modal("c" + std::to_string(i));
  CHECK(first_error(engine, document(campaigns))["code"] == "too_many_campaigns");

  std::string long_title = R"({"id":"a","action":{"type":"modal","title":")" + std::string(Validator::kMaxTextBytes + 1, 'x') + R"("}})";
  json text = first_error(engine, document(long_title));
  CHECK(text["code"] == "invalid_text");
  CHECK(text["path"] == "/campaigns/0/action/title");

  std::string list = "[";
  for (std::size_t i = 0; i <= ConditionLimits::kMaxListItems; ++i) list += (i ? "," : "") + std::to_string(i);
  json too_long = first_error(engine, document(modal("a", R"("audience":{"page.type":{"$in":)" + list + "]}},")));
  CHECK(too_long["code"] == "list_too_long");
  CHECK(too_long["path"] == "/campaigns/0/audience/page.type/$in");

  std::string pattern(Regex::kMaxPatternBytes + 1, 'a');
  json regex = first_error(engine, document(modal("a", R"("audience":{"page.url":{"$regex":")" + pattern + R"("}},)")));
  CHECK(regex["code"] == "invalid_regex");
  CHECK(regex["path"] == "/campaigns/0/audience/page.url/$regex");
}

TEST_CASE("a document at every limit at once loads, and its errors still name full paths", "[limits][rules]") {
  // Deep field paths of maximal keys over lists of maximal length: the compiler must not copy
  // the path of every list item (that made loading quadratic in the document size). Below
  // context.custom, the shop's own data, the load-time path check lets any key through.
  std::string key(ConditionLimits::kMaxStringBytes - 4, 'k');
  std::string list = "[";
  for (std::size_t i = 0; i < ConditionLimits::kMaxListItems; ++i) list += (i ? ",\"" : "\"") + std::to_string(i) + "\"";
  list += "]";
  std::string condition = R"({"$in":)" + list + "}";
  const int levels = 14;
  for (int d = 0; d < levels; ++d) condition = R"({"$elemMatch":{")" + key + std::to_string(d % 10) + R"(":)" + condition + "}}";
  std::string campaigns;
  for (int c = 0; c < 6; ++c) campaigns += (c ? "," : "") + modal("c" + std::to_string(c), R"("audience":{"context.custom":)" + condition + "},");
  std::string doc = document(campaigns);
  REQUIRE(doc.size() < RulesLimits::kMaxDocumentBytes);
  Engine engine;
  CHECK(json_of(engine.load(doc)) == json{{"ok", true}, {"campaigns", 6}, {"timeZone", "UTC"}, {"refParam", "ref"}});

  std::string bad = doc;
  bad.replace(bad.rfind("\"4999\""), 6, "\"" + std::string(ConditionLimits::kMaxStringBytes + 1, 'z') + "\"");
  json error = first_error(engine, bad);
  CHECK(error["code"] == "string_too_long");
  std::string path = error["path"];
  CHECK(path.rfind("/campaigns/5/audience/context.custom/$elemMatch/", 0) == 0);
  CHECK(path.size() > static_cast<std::size_t>(levels) * key.size());
  CHECK(path.substr(path.size() - 9) == "/$in/4999");
}

TEST_CASE("links that a browser would read as another site are refused", "[limits][rules]") {
  for (const char* href : {"/\\evil.example", "/\t/evil.example", "/\n/evil.example", "//evil.example", "\\\\evil.example",
                           "javascript:alert(1)", " https://shop.example/", "https://shop.example/\\x", "/a\x7f"}) {
    INFO(href);
    Engine engine;
    json cta = {{"id", "a"}, {"action", {{"type", "modal"}, {"title", "x"}, {"cta", {{"label", "Go"}, {"href", href}}}}}};
    json error = first_error(engine, document(cta.dump()));
    CHECK(error["code"] == "invalid_link");
    CHECK(error["path"] == "/campaigns/0/action/cta/href");
  }
  for (const char* href : {"/category/boots?q=wool%20socks#top", "https://shop.example/a", "http://shop.example"}) {
    Engine engine;
    json cta = {{"id", "a"}, {"action", {{"type", "modal"}, {"title", "x"}, {"cta", {{"label", "Go"}, {"href", href}}}}}};
    CHECK(json_of(engine.load(document(cta.dump())))["ok"] == true);
  }
}
