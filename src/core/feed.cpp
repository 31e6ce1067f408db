#include "feed.hpp"

#include <cmath>
#include <string>

#include "civil_time.hpp"
#include "rules_validator.hpp"
#include "text.hpp"

namespace shopkeeper {

namespace {

json read_weather(Validator& warn, const json& w, const std::string& path) {
  if (w.is_null()) return nullptr;
  if (!w.is_object()) {
    warn.fail("invalid_weather", "weather must be an object; ignored", path);
    return nullptr;
  }
  warn.known_keys(w, {"name", "condition", "temperatureC", "snowExpected"}, path);
  json out = json::object();
  if (std::string name = warn.text(w, "name", false, path, 100); !name.empty()) out["name"] = name;
  if (std::string condition = warn.text(w, "condition", false, path, 40); !condition.empty()) out["condition"] = condition;
  double temperature = warn.number(w, "temperatureC", -100, 100, NAN, path);
  if (std::isfinite(temperature)) out["temperatureC"] = temperature;
  // Conditions come in any case, as the ranking reads them.
  out["snowExpected"] = warn.boolean(w, "snowExpected", ascii_lowercase(out.value("condition", "")) == "snow", path);
  return out;
}

json read_trending(Validator& warn, const json& list, const std::string& path) {
  json ids = json::array();
  if (!list.is_array()) {
    warn.fail("invalid_trending", "trending must be an array of {product_id, units}; ignored", path);
    return ids;
  }
  for (std::size_t i = 0; i < list.size() && ids.size() < FeedLimits::kMaxTrending; ++i) {
    const json* id = member(list[i], "product_id");
    if (id && id->is_number_integer()) ids.push_back(dump_json(*id));
    else if (id && id->is_string() && !id->get_ref<const std::string&>().empty() && id->get_ref<const std::string&>().size() <= 64) ids.push_back(*id);
    else warn.fail("invalid_trending", "a trending entry needs a product_id; ignored", child_path(path, std::to_string(i)));
  }
  return ids;
}

}  // namespace

Feed parse_feed(std::string_view text, std::vector<Error>& errors, std::vector<Error>& warnings) {
  Feed feed;
  Validator v(errors);
  Validator warn(warnings);
  if (text.size() > FeedLimits::kMaxBytes) {
    v.fail("feed_too_large", "the context feed exceeds 256 KiB", "");
    return feed;
  }
  json doc = parse_json(text, FeedLimits::kMaxDepth);
  if (doc.is_discarded() && nests_too_deep(text, FeedLimits::kMaxDepth)) {
    v.fail("invalid_feed", "the context feed nests deeper than " + std::to_string(FeedLimits::kMaxDepth) + " levels", "");
    return feed;
  }
  if (doc.is_discarded() || !doc.is_object()) {
    v.fail("invalid_feed", "the context feed is not a JSON object", "");
    return feed;
  }
  warn.known_keys(doc, {"generatedAt", "ttlSeconds", "regions", "referral", "custom"}, "");
  if (const json* at = member(doc, "generatedAt")) {
    auto ms = at->is_string() ? parse_iso_ms(at->get_ref<const std::string&>()) : std::nullopt;
    if (!ms) v.fail("invalid_feed", "generatedAt must be an ISO 8601 time with a zone", "/generatedAt");
    feed.generatedAt = ms.value_or(0);
  }
  feed.ttlSeconds = v.integer(doc, "ttlSeconds", 1, 30LL * 24 * 3600, 0, "");
  if (feed.ttlSeconds > 0 && feed.generatedAt == 0) v.fail("invalid_feed", "ttlSeconds needs generatedAt", "/ttlSeconds");
  const json* regions = v.object(doc, "regions", "");
  if (regions && regions->size() > FeedLimits::kMaxRegions) v.fail("invalid_feed", "at most 500 regions", "/regions");
  if (!errors.empty()) return feed;

  static const json kNoRegions = json::object();
  if (!regions) regions = &kNoRegions;
  for (auto it = regions->begin(); it != regions->end(); ++it) {
    std::string path = "/regions/" + pointer_segment(it.key());
    if (it.key().empty() || it.key().size() > 16 || !it->is_object()) {
      warn.fail("invalid_region", "a region is a code such as IE-D mapped to {weather, trending}; ignored", path);
      continue;
    }
    warn.known_keys(*it, {"weather", "trending"}, path);
    static const json kNone = nullptr;
    static const json kEmpty = json::array();
    const json* weather = member(*it, "weather");
    const json* trending = member(*it, "trending");
    feed.regions[it.key()] = {{"weather", read_weather(warn, weather ? *weather : kNone, child_path(path, "weather"))},
                              {"trending", read_trending(warn, trending ? *trending : kEmpty, child_path(path, "trending"))}};
  }
  if (const json* referral = warn.object(doc, "referral", "")) {
    warn.known_keys(*referral, {"successful", "reward"}, "/referral");
    feed.referral = {{"successful", warn.integer(*referral, "successful", 0, 1000000, 0, "/referral")},
                     {"reward", warn.text(*referral, "reward", false, "/referral", 200)}};
  }
  if (const json* custom = warn.object(doc, "custom", "")) feed.custom = *custom;
  feed.loaded = true;
  return feed;
}

json feed_context(const Feed& feed, const json& location, int64_t now) {
  json out = {{"region", nullptr}, {"weather", nullptr}, {"trending", json::array()}, {"referral", nullptr}, {"custom", nullptr}};
  bool expired = feed.ttlSeconds > 0 && now > feed.generatedAt + feed.ttlSeconds * 1000;
  if (!feed.loaded || expired) return out;
  out["referral"] = feed.referral;
  out["custom"] = feed.custom;
  std::string country = as_string(member(location, "country")).value_or("");
  std::string region = as_string(member(location, "region")).value_or("");
  std::string keys[2] = {region.find('-') != std::string::npos || country.empty() || region.empty() ? region : country + "-" + region, country};
  for (const std::string& key : keys) {
    const json* entry = key.empty() ? nullptr : member(feed.regions, key.c_str());
    if (!entry) continue;
    out["region"] = key;
    out["weather"] = (*entry)["weather"];
    out["trending"] = (*entry)["trending"];
    break;
  }
  return out;
}

}  // namespace shopkeeper
