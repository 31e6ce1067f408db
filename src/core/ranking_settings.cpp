#include "ranking_settings.hpp"

#include <algorithm>

#include "rules_validator.hpp"
#include "text.hpp"

namespace shopkeeper {

namespace {

constexpr std::size_t kMaxEntries = 200;  // weights per group, groups per setting: rules stay small

/// {"name": weight} with weights from -100 to 100; an invalid weight counts 0.
json read_weights(Validator& v, const json& weights, const std::string& path) {
  json out = json::object();
  if (weights.size() > kMaxEntries) {
    v.fail("invalid_settings", "at most 200 weights", path);
    return out;
  }
  for (auto it = weights.begin(); it != weights.end(); ++it) {
    if (it.key().empty() || it.key().size() > 64) {
      v.fail("invalid_settings", "names are 1 to 64 bytes", path + "/" + pointer_segment(it.key()));
      continue;
    }
    out[it.key()] = v.number(weights, it.key().c_str(), -100, 100, 0, path);
  }
  return out;
}

/// {"group": {"name": weight}}: what each cart category or weather condition favours.
/// Group names are lowercased when `lowercase` (weather conditions come in any case).
json read_groups(Validator& v, const json& ranking, const char* key, const std::string& path, bool lowercase) {
  json out = json::object();
  const json* groups = v.object(ranking, key, path);
  if (!groups) return out;
  std::string at = path + "/" + key;
  if (groups->size() > kMaxEntries) v.fail("invalid_settings", "at most 200 entries", at);
  for (auto it = groups->begin(); it != groups->end() && out.size() < kMaxEntries; ++it) {
    const json* group = v.object(*groups, it.key().c_str(), at);
    if (group) out[lowercase ? ascii_lowercase(it.key()) : it.key()] = read_weights(v, *group, at + "/" + pointer_segment(it.key()));
  }
  return out;
}

}  // namespace

const char* const kRankPartNames[kPartCount] = {"category", "brand",    "tag",     "viewed", "bought",
                                                "cart",     "trending", "weather", "boost",  "popularity"};

json RankingSettings::default_weather() {
  return parse_json(R"({
    "rain": {"waterproof": 1, "rain": 1},
    "snow": {"winter": 1, "insulated": 1, "waterproof": 0.5},
    "cold": {"winter": 1, "insulated": 1, "wool": 0.5},
    "wind": {"wind": 1, "windproof": 1},
    "sun": {"summer": 1, "sun": 1},
    "hot": {"summer": 1, "lightweight": 0.5}
  })");
}

double tile_weight(const json& weights, const char* kind, const std::string& name) {
  const json* map = member(weights, kind);
  if (!map || !map->is_object()) return 0;
  auto it = map->find(name);
  return it != map->end() && it->is_number() ? it->get<double>() : 0;
}

RankingSettings parse_ranking_settings(Validator& v, const json& settings, const std::string& path) {
  RankingSettings s;
  const json* ranking = v.object(settings, "ranking", path);
  if (!ranking) return s;
  const std::string at = path + "/ranking";
  v.known_keys(*ranking, {"weights", "viewedCap", "diversity", "complements", "weather", "coldBelowC", "hotAboveC"}, at);
  if (const json* weights = v.object(*ranking, "weights", at)) {
    for (auto it = weights->begin(); it != weights->end(); ++it) {
      if (std::find(kRankPartNames, kRankPartNames + kPartCount, it.key()) == kRankPartNames + kPartCount) {
        v.fail("unknown_field", "unknown field \"" + it.key() + "\"", at + "/weights/" + pointer_segment(it.key()));
      }
    }
    for (int i = 0; i < kPartCount; ++i) s.weights[i] = v.number(*weights, kRankPartNames[i], -100, 100, s.weights[i], at + "/weights");
  }
  s.viewedCap = v.integer(*ranking, "viewedCap", 1, 100, s.viewedCap, at);
  if (const json* diversity = v.object(*ranking, "diversity", at)) {
    v.known_keys(*diversity, {"maxPerCategory", "window"}, at + "/diversity");
    s.maxPerCategory = v.integer(*diversity, "maxPerCategory", 1, 1000, s.maxPerCategory, at + "/diversity");
    s.diversityWindow = v.integer(*diversity, "window", 0, 1000, s.diversityWindow, at + "/diversity");
  }
  s.complements = read_groups(v, *ranking, "complements", at, false);
  if (member(*ranking, "weather")) s.weather = read_groups(v, *ranking, "weather", at, true);  // replaces the defaults
  s.coldBelowC = v.number(*ranking, "coldBelowC", -100, 100, s.coldBelowC, at);
  s.hotAboveC = v.number(*ranking, "hotAboveC", -100, 100, s.hotAboveC, at);
  if (s.coldBelowC >= s.hotAboveC) v.fail("invalid_settings", "coldBelowC must be below hotAboveC", at + "/coldBelowC");
  return s;
}

}  // namespace shopkeeper
