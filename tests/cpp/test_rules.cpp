#include <catch2/catch.hpp>

#include "rules.hpp"
#include "test_support.hpp"

using nlohmann::json;
using shopkeeper::dump_json;
using shopkeeper::Error;
using shopkeeper::parse_rules;

namespace {

/// The [code, path] of each error loading `doc`.
json problems(const json& doc) {
  std::vector<Error> errors;
  parse_rules(doc.dump(), errors);
  json out = json::array();
  for (const auto& e : errors) out.push_back({e.code, e.path});
  return out;
}

json with_campaign(json campaign) {
  if (!campaign.contains("id")) campaign["id"] = "c";
  if (!campaign.contains("action")) campaign["action"] = {{"type", "modal"}, {"title", "Hi"}};
  return {{"version", 1}, {"campaigns", {campaign}}};
}

}  // namespace

TEST_CASE("the rules files of the repository load without errors", "[rules]") {
  for (const char* file : {"rules/welcome.json", "rules/demo-shop.json"}) {
    INFO(file);
    std::vector<Error> errors;
    auto rules = parse_rules(shopkeeper::test::read_source_file(file), errors);
    CHECK(errors.empty());
    CHECK(!rules.campaigns.empty());
  }
}

TEST_CASE("every kind of problem is reported with its JSON path", "[rules]") {
  CHECK(problems(with_campaign({{"colour", "red"}})) == json::parse(R"([["unknown_field","/campaigns/0/colour"]])"));
  CHECK(problems(with_campaign({{"trigger", {{"type", "hover"}}}})) == json::parse(R"([["invalid_trigger","/campaigns/0/trigger/type"]])"));
  CHECK(problems(with_campaign({{"trigger", {{"type", "scrollDepth"}, {"percent", 0}}}})) ==
        json::parse(R"([["invalid_number","/campaigns/0/trigger/percent"]])"));
  CHECK(problems(with_campaign({{"trigger", {{"type", "custom"}}}})) == json::parse(R"([["missing_field","/campaigns/0/trigger/event"]])"));
  CHECK(problems(with_campaign({{"action", {{"type", "toast"}}}})) == json::parse(R"([["invalid_action","/campaigns/0/action/type"]])"));
  CHECK(problems(with_campaign({{"action", {{"type", "banner"}, {"text", "x"}, {"cta", {{"label", "Go"}, {"href", "javascript:x"}}}}}})) ==
        json::parse(R"([["invalid_link","/campaigns/0/action/cta/href"]])"));
  CHECK(problems(with_campaign({{"holdout", {{"percent", 101}}}})) == json::parse(R"([["invalid_number","/campaigns/0/holdout/percent"]])"));
  CHECK(problems(with_campaign({{"holdout", {{"percent", 5}, {"hashVersion", 3}}}})) ==
        json::parse(R"([["invalid_number","/campaigns/0/holdout/hashVersion"]])"));
  CHECK(problems(with_campaign({{"audience", {{"user.age", 3}}}})) == json::parse(R"([["unknown_context_key","/campaigns/0/audience/user.age"]])"));
  CHECK(problems(with_campaign({{"audience", {{"$or", {{{"visitor.isNew", true}}, {{"basket", 1}}}}}}})) ==
        json::parse(R"([["unknown_context_key","/campaigns/0/audience/$or/1/basket"]])"));
  CHECK(problems(with_campaign({{"action", {{"type", "modal"}, {"title", "Hi {{visitor.name"}}}})) ==
        json::parse(R"([["invalid_template","/campaigns/0/action/title"]])"));
  CHECK(problems(with_campaign({{"action", {{"type", "modal"}, {"title", "Hi {{shopper.name}}"}}}})) ==
        json::parse(R"([["unknown_context_key","/campaigns/0/action/title"]])"));
  CHECK(problems(with_campaign({{"frequency", {{"cooldownHours", 24}}}})) ==
        json::parse(R"([["impossible_frequency","/campaigns/0/frequency/cooldownHours"]])"));
  CHECK(problems(with_campaign({{"action", {{"type", "boostTiles"}, {"boost", {{"tags", {{"winter", 2}}}}}}},
                                {"trigger", {{"type", "exitIntent"}}}})) == json::parse(R"([["invalid_trigger","/campaigns/0/trigger"]])"));
  json twice = with_campaign(json::object());
  twice["campaigns"].push_back(twice["campaigns"][0]);
  CHECK(problems(twice) == json::parse(R"([["duplicate_id","/campaigns/1/id"]])"));
}

TEST_CASE("impossible schedules are load errors", "[rules][schedule]") {
  CHECK(problems(with_campaign({{"schedule", {{"start", "2026-12-01"}, {"end", "2026-11-30T23:59"}}}})) ==
        json::parse(R"([["impossible_schedule","/campaigns/0/schedule/end"]])"));
  CHECK(problems(with_campaign({{"schedule", {{"weekdays", json::array()}}}})) ==
        json::parse(R"([["impossible_schedule","/campaigns/0/schedule/weekdays"]])"));
  CHECK(problems(with_campaign({{"schedule", {{"hours", {{"from", 17}, {"to", 9}}}}}})) ==
        json::parse(R"([["impossible_schedule","/campaigns/0/schedule/hours"]])"));
  CHECK(problems(with_campaign({{"schedule", {{"start", "2026-02-30"}}}})) == json::parse(R"([["invalid_schedule","/campaigns/0/schedule/start"]])"));
  CHECK(problems(with_campaign({{"schedule", {{"weekdays", {"mon", "funday"}}}}})) ==
        json::parse(R"([["invalid_schedule","/campaigns/0/schedule/weekdays/1"]])"));
}

TEST_CASE("whole numbers written with a fraction of zero are integers, as in the schema; 1.5 is not", "[rules]") {
  std::vector<Error> errors;
  auto rules = parse_rules(R"({"version":1.0,"settings":{"sessionTimeoutMinutes":45.0,"caps":{"popupsPerSession":2.0},
    "ranking":{"viewedCap":4.0}},"campaigns":[{"id":"c","priority":1.0,"trigger":{"type":"pageView","delaySeconds":5.0},
    "frequency":{"perDay":3.0,"lifetime":1e1},"schedule":{"hours":{"from":9.0,"to":17.00}},"holdout":{"percent":10,"hashVersion":1.0},
    "action":{"type":"modal","title":"Hi"}}]})", errors);
  CHECK(errors.empty());
  CHECK(rules.visits.sessionTimeoutMs == 45 * 60 * 1000);
  CHECK(rules.caps.popupsPerSession == 2);
  CHECK(rules.ranking.viewedCap == 4);
  REQUIRE(rules.campaigns.size() == 1);
  const auto& c = rules.campaigns[0];
  CHECK(c.priority == 1);
  CHECK(dump_json(c.trigger.spec) == R"({"delaySeconds":5,"type":"pageView"})");  // read back as an integer
  CHECK(c.frequency.perDay == 3);
  CHECK(c.frequency.lifetime == 10);
  CHECK(c.schedule.from == 9);
  CHECK(c.schedule.to == 17);
  CHECK(c.holdout.hashVersion == 1);

  CHECK(problems(with_campaign({{"priority", 1.5}})) == json::parse(R"([["invalid_number","/campaigns/0/priority"]])"));
  CHECK(problems(with_campaign({{"trigger", {{"type", "scrollDepth"}, {"percent", 50.5}}}})) ==
        json::parse(R"([["invalid_number","/campaigns/0/trigger/percent"]])"));
  CHECK(problems(with_campaign({{"trigger", {{"type", "pageView"}, {"delaySeconds", 3600.0 + 1}}}})) ==
        json::parse(R"([["invalid_number","/campaigns/0/trigger/delaySeconds"]])"));
  CHECK(problems(with_campaign({{"priority", 1e300}})) == json::parse(R"([["invalid_number","/campaigns/0/priority"]])"));
  CHECK(problems(with_campaign({{"priority", -0.0}})) == json::array());
}

TEST_CASE("settings: time zone, caps and saved groups", "[rules]") {
  std::vector<Error> errors;
  auto rules = parse_rules(R"({"version":1,"settings":{"timeZone":"Europe/Dublin","caps":{"popupsPerSession":2}},
    "savedGroups":{"vip":["a","b"]},"campaigns":[{"id":"c","audience":{"visitor.id":{"$inGroup":"vip"}},
    "action":{"type":"modal","title":"Hi"}}]})", errors);
  CHECK(errors.empty());
  CHECK(rules.timeZone == "Europe/Dublin");
  CHECK(rules.caps.popupsPerPageView == 1);
  CHECK(rules.caps.popupsPerSession == 2);
  CHECK(rules.campaigns[0].audience.matches(json{{"visitor", {{"id", "b"}}}}, &rules.savedGroups));
  CHECK(problems(json::parse(R"({"version":1,"settings":{"timeZone":"Dublin time"},"campaigns":[]})")) ==
        json::parse(R"([["unknown_time_zone","/settings/timeZone"]])"));
  CHECK(problems(json::parse(R"({"version":1,"campaigns":[{"id":"c","audience":{"visitor.id":{"$inGroup":"vip"}},
    "action":{"type":"modal","title":"Hi"}}]})")) == json::parse(R"([["unknown_group","/campaigns/0/audience/visitor.id/$inGroup"]])"));
}

TEST_CASE("settings.timeZone must be a zone the browsers know: a misspelt one is an error, not UTC", "[rules]") {
  auto zone = [](const char* name) {
    std::vector<Error> errors;
    auto rules = parse_rules(json{{"version", 1}, {"settings", {{"timeZone", name}}}, {"campaigns", json::array()}}.dump(), errors);
    return std::make_pair(rules.timeZone, errors);
  };
  for (const char* known : {"Europe/Dublin", "America/Argentina/Buenos_Aires", "Asia/Calcutta", "US/Eastern", "europe/dublin",
                            "UTC", "Etc/GMT+5", "Etc/GMT-14", "EST5EDT", "GMT", "Japan"}) {
    INFO(known);
    auto [loaded, errors] = zone(known);
    CHECK(errors.empty());
    CHECK(loaded == known);
  }
  for (const char* unknown : {"Europe/Dubln", "Dublin", "Europe/", "Etc/GMT+13", "Mars/Olympus_Mons", "Factory"}) {
    INFO(unknown);
    auto [loaded, errors] = zone(unknown);
    REQUIRE(errors.size() == 1);
    CHECK(errors[0].code == "unknown_time_zone");
    CHECK(errors[0].path == "/settings/timeZone");
    CHECK(errors[0].message == "timeZone \"" + std::string(unknown) + "\" is not an IANA time zone name such as Europe/Dublin");
    CHECK(loaded == "UTC");
  }
}

TEST_CASE("defaults: a page view trigger, one impression per session, sorted by priority", "[rules]") {
  std::vector<Error> errors;
  auto rules = parse_rules(R"({"version":1,"campaigns":[{"id":"low","priority":1,"action":{"type":"banner","text":"x"}},
    {"id":"high","priority":5,"action":{"type":"modal","title":"y"}}]})", errors);
  REQUIRE(errors.empty());
  CHECK(rules.campaigns[0].id == "high");
  CHECK(rules.campaigns[0].trigger.spec == json::parse(R"({"type":"pageView","delaySeconds":0})"));
  CHECK(rules.campaigns[0].frequency.perSession == 1);
  CHECK(rules.campaigns[0].action.popup());
  CHECK_FALSE(rules.campaigns[1].action.popup());
}

TEST_CASE("a rules document nested too deep is rejected before anything copies it", "[rules]") {
  std::vector<Error> errors;
  parse_rules(R"({"version":1,"campaigns":[{"id":"a","action":{"type":"modal","title":"x","body":)" + std::string(50000, '[') +
                  std::string(50000, ']') + "}}]}",
              errors);
  REQUIRE(errors.size() == 1);
  CHECK(errors[0].code == "document_too_deep");
}
