// The keys the load-time check allows (context_roots.cpp) against the context the engine
// really builds (context.cpp, location.cpp, request_context.cpp, feed.cpp), both ways.

#include <catch2/catch.hpp>

#include <set>
#include <string>
#include <vector>

#include "context_roots.hpp"
#include "feed.hpp"
#include "location.hpp"
#include "request_context.hpp"
#include "rules.hpp"

using nlohmann::json;
using shopkeeper::unknown_context_path;
using shopkeeper::Error;

namespace {

constexpr int64_t kNow = 1795521600000;  // 2026-11-24T12:00Z

/// A context with every part filled in: each list holds an entry, each optional a value.
json full_context() {
  shopkeeper::Profile p;
  p.id = "v1";
  p.firstSeen = kNow - 86400000;
  p.lastSeen = kNow;
  p.session = {2, kNow, 3, "/", 0, 0, 0};
  shopkeeper::Acquisition clicked;
  clicked.medium = "paid";
  clicked.source = "Google";
  clicked.term = "boots";
  clicked.campaign = "winter";
  clicked.content = "a";
  clicked.click_id = shopkeeper::ClickId{"gclid", "x1"};
  clicked.ref_code = "friend1";
  p.firstTouch = {clicked, kNow - 86400000};
  p.currentTouch = {clicked, kNow};
  p.browsing.categories["boots"] = {1, kNow};
  p.browsing.brands["Nordkapp"] = {1, kNow};
  p.browsing.tags["winter"] = {1, kNow};
  p.browsing.viewed.push_back({"p1", "boots", 1, kNow});
  p.browsing.previousVisitProducts = {"p2"};
  p.browsing.searches = {"boots"};
  p.orders = {1, 99, kNow, {"p3"}};
  p.cart.items.push_back({"p1", "boots", 1, 179, kNow});
  p.cart.removed.push_back({"p4", "gear", 34, kNow, true});
  p.cart.checkout = {kNow, 2, 179, {"p1"}};
  p.cart.abandoned = {kNow - 86400000, 1, 34, {"p4"}};
  p.campaigns["welcome"].group = shopkeeper::kTreatment;

  const json page_request = json::parse(R"({"url":"https://shop.example/p/p1?q=1","referrer":"https://google.com/",
    "type":"product","category":"boots","query":"boots","routeChange":true,
    "product":{"product_id":"p1","name":"Boot","price":179,"category":"boots","brand":"Nordkapp"}})");
  shopkeeper::PageView page = shopkeeper::read_page(&page_request);
  json context = shopkeeper::build_context(p, page, clicked, kNow, kNow - 86400000, 14LL * 86400000);
  std::vector<Error> problems;
  json request = json::parse(R"({"location":{"country":"IE","region":"IE-D","city":"Dublin","latitude":53.35,"longitude":-6.26,"accuracy":20},
    "timeZone":"Europe/Dublin","device":{"mobile":true,"width":390},"consent":"granted"})");
  context["location"] = to_json(shopkeeper::resolve_location(&request["location"], &request["timeZone"], problems));
  std::vector<Error> errors, warnings;
  shopkeeper::Feed feed = shopkeeper::parse_feed(R"({"regions":{"IE-D":{"weather":{"name":"Dublin","condition":"snow","temperatureC":-1},
    "trending":[{"product_id":"p1","units":3}]}},"referral":{"successful":2,"reward":"A bundle"},"custom":{"sale":{"on":true}}})",
                                                 errors, warnings);
  REQUIRE(errors.empty());
  shopkeeper::Rules rules = shopkeeper::parse_rules(R"({"version":1,"campaigns":[{"id":"welcome","action":{"type":"banner","text":"Hi"}}]})",
                                                    errors);
  REQUIRE(errors.empty());
  add_campaign_roots(context, shopkeeper::read_signals(request, kNow), page, p, rules, feed, kNow);
  return context;
}

/// What unknown_context_path says after "\"path\" is not in the context: ", or "".
std::string why(const std::string& path) {
  std::string message = unknown_context_path(path);
  std::string lead = "\"" + path + "\" is not in the context: ";
  if (!message.empty()) REQUIRE(message.rfind(lead, 0) == 0);
  return message.empty() ? message : message.substr(lead.size());
}

/// The keys a problem message lists ("its roots are a, b" or "x has a, b").
std::set<std::string> listed_keys(const std::string& problem) {
  std::set<std::string> keys;
  auto start = problem.find(" are ") != std::string::npos ? problem.find(" are ") + 5 : problem.find(" has ") + 5;
  while (start < problem.size()) {
    auto comma = problem.find(", ", start);
    keys.insert(problem.substr(start, comma - start));
    start = comma == std::string::npos ? problem.size() : comma + 2;
  }
  return keys;
}

/// Checks every path into `node`, and that each object lists the keys the table has for it.
/// `anything`: below the shop's own data, where any key and any depth goes.
void walk(const json& node, const std::string& path, std::vector<std::string>& open_maps, bool anything = false) {
  INFO("at " << (path.empty() ? "the root" : path));
  if (!path.empty()) CHECK(why(path).empty());
  std::string below = path.empty() ? "" : path + ".";
  if (node.is_object()) {
    std::string problem = why(below + "no-such-key");
    if (problem.empty()) {
      open_maps.push_back(path);
      anything = why(below + "no-such-key.deeper.still").empty();
    } else {
      std::set<std::string> keys;
      for (auto it = node.begin(); it != node.end(); ++it) keys.insert(it.key());
      CHECK(listed_keys(problem) == keys);
    }
    for (auto it = node.begin(); it != node.end(); ++it) walk(*it, below + it.key(), open_maps, anything);
  } else if (node.is_array()) {
    REQUIRE(!node.empty());
    if (!anything) CHECK(why(below + "first") == path + " is a list: the next part is an index such as " + path + ".0");
    for (std::size_t i = 0; i < node.size(); ++i) walk(node[i], below + std::to_string(i), open_maps, anything);
  } else if (!path.empty() && !node.is_null() && !anything) {
    CHECK(why(below + "x") == path + " has nothing below it");
  }
}

/// parse_rules' errors for `doc` as [code, path, message] triples.
json load_errors(const char* doc) {
  std::vector<Error> errors;
  shopkeeper::parse_rules(doc, errors);
  json got = json::array();
  for (const auto& e : errors) got.push_back({e.code, e.path, e.message});
  return got;
}

}  // namespace

TEST_CASE("the keys the rules may reference are the keys of the context the engine builds", "[rules][context]") {
  json context = full_context();
  std::vector<std::string> open_maps;
  walk(context, "", open_maps);
  // Keys that come from the visitor's browsing, the shop's feed or the rules: any key goes.
  CHECK(open_maps == std::vector<std::string>{"campaigns", "context.custom", "context.custom.sale", "interests.brands",
                                              "interests.categories", "interests.tags"});
  CHECK(why("interests.categories.boots.score") == "interests.categories.boots has nothing below it");
  CHECK(why("interests.categories.any-category").empty());
  CHECK(why("context.custom.anything.below.it").empty());
  CHECK(why("campaigns.any-id.dismissed").empty());
  CHECK(why("campaigns.any-id.dismised") ==
        "campaigns.any-id has impressions, lastShown, dismissed, converted, group");
}

TEST_CASE("a misspelt key anywhere in a path is named with the keys of its level", "[rules][context]") {
  CHECK(why("visitor.isNwe") ==
        "visitor has id, isNew, visitCount, firstSeen, lastSeen, daysSinceLastVisit, emailCaptured, orders, totalSpent");
  CHECK(why("cart.vaule") == "cart has items, count, value, removed, checkoutStarted, abandoned");
  CHECK(why("cart.items.0.prize") == "cart.items.0 has id, category, quantity, price");
  CHECK(why("acquisition.current.clickId.name") == "acquisition.current.clickId has param, value");
  CHECK(why("user") ==
        "its roots are visitor, session, acquisition, page, product, interests, cart, location, device, consent, context, "
        "campaigns, now");
  CHECK(why("visitor.") == why("visitor.isNwe"));
  CHECK(why("page.url.host") == "page.url has nothing below it");
  CHECK(why("consent.granted") == "consent has nothing below it");
  CHECK(why("interests.top.first") == "interests.top is a list: the next part is an index such as interests.top.0");
  CHECK(why("interests.top.0.name") == "interests.top.0 has nothing below it");
}

TEST_CASE("loading reports audiences and templates that can never match, with their JSON paths", "[rules][context]") {
  CHECK(load_errors(R"({"version":1,"campaigns":[{"id":"c",
    "audience":{"visitor.isNwe":true,"$or":[{"cart.vaule":{"$gt":100}},{"interests.categories.boots":{"$gt":1}}]},
    "action":{"type":"modal","title":"Hi {{visitor.nmae|there}}","body":"{{context.custom.greeting}} {{cart.items.0.id}}"}}]})") == json::parse(R"([
    ["unknown_context_key", "/campaigns/0/audience/$or/0/cart.vaule",
     "\"cart.vaule\" is not in the context: cart has items, count, value, removed, checkoutStarted, abandoned"],
    ["unknown_context_key", "/campaigns/0/audience/visitor.isNwe",
     "\"visitor.isNwe\" is not in the context: visitor has id, isNew, visitCount, firstSeen, lastSeen, daysSinceLastVisit, emailCaptured, orders, totalSpent"],
    ["unknown_context_key", "/campaigns/0/action/title",
     "\"visitor.nmae\" is not in the context: visitor has id, isNew, visitCount, firstSeen, lastSeen, daysSinceLastVisit, emailCaptured, orders, totalSpent"]
  ])"));
}

TEST_CASE("a path below campaigns names a campaign of the document", "[rules][context]") {
  CHECK(load_errors(R"({"version":1,"campaigns":[
    {"id":"second","audience":{"campaigns.welcome.dismissed":true,"campaigns.welcom.impressions":0},
     "action":{"type":"banner","text":"Seen {{campaigns.second.impressions}}, {{campaigns.secnd.impressions}}"}},
    {"id":"welcome","action":{"type":"banner","text":"Hi"}}]})") == json::parse(R"([
    ["unknown_context_key", "/campaigns/0/audience/campaigns.welcom.impressions",
     "\"campaigns.welcom.impressions\" is not in the context: no campaign of this document has the id welcom"],
    ["unknown_context_key", "/campaigns/0/action/text",
     "\"campaigns.secnd.impressions\" is not in the context: no campaign of this document has the id secnd"]
  ])"));
  CHECK(why("campaigns.anything.dismissed").empty());  // without a document, any id
}

TEST_CASE("a condition inside $elemMatch is checked against the list's elements", "[rules][context]") {
  CHECK(load_errors(R"({"version":1,"savedGroups":{"vip":["p1"]},"campaigns":[{"id":"c",
    "audience":{"cart.items":{"$elemMatch":{"category":"boots","$or":[{"prize":{"$gt":100}},{"id":{"$inGroup":"vp"}}]}},
                "cart.removed":{"$not":{"$elemMatch":{"duringCheckout":true,"at":{"$gt":0}}}},
                "interests.top":{"$elemMatch":{"$eq":"boots"}},
                "interests.viewed":{"$elemMatch":{"name":"x"}},
                "cart.itmes":{"$elemMatch":{"anything":1}}},
    "action":{"type":"banner","text":"Hi"}}]})") == json::parse(R"([
    ["unknown_context_key", "/campaigns/0/audience/cart.items/$elemMatch/$or/0/prize",
     "\"cart.items.0.prize\" is not in the context: cart.items.0 has id, category, quantity, price"],
    ["unknown_group", "/campaigns/0/audience/cart.items/$elemMatch/$or/1/id/$inGroup", "no saved group \"vp\" in savedGroups"],
    ["unknown_context_key", "/campaigns/0/audience/cart.itmes",
     "\"cart.itmes\" is not in the context: cart has items, count, value, removed, checkoutStarted, abandoned"],
    ["unknown_context_key", "/campaigns/0/audience/interests.viewed/$elemMatch/name",
     "\"interests.viewed.0.name\" is not in the context: interests.viewed.0 has nothing below it"]
  ])"));
}
