#pragma once
// settings.ranking of the rules document: how product tiles are ordered for a visitor.

#include <cstdint>
#include <string>

#include "json_read.hpp"
#include "ranking_grid.hpp"

namespace shopkeeper {

// Name -> number maps are JSON objects here: the core already carries nlohmann's map
// code, and a std::map<std::string, double> of its own would add kilobytes to the module.

/// The weight of `name` in `weights` ({"categories": {name: weight}, "brands", "tags",
/// "products"}) under `kind`; 0 when absent.
double tile_weight(const json& weights, const char* kind, const std::string& name);

/// "category", "brand", ... by RankPart.
extern const char* const kRankPartNames[kPartCount];

/// The ranking settings, with defaults that suit a typical shop.
struct RankingSettings {
  double weights[kPartCount] = {1.0, 0.4, 0.5, 0.6, -1.5, 0.5, 0.4, 0.3, 1.0, 0.2};  ///< by RankPart
  int64_t viewedCap = 3;         ///< views of one product that count at most
  int64_t maxPerCategory = 4;    ///< diversity: at most this many tiles of a category...
  int64_t diversityWindow = 12;  ///< ...in the first this many places; 0 = off
  double coldBelowC = 5;        ///< temperatures at or below count as condition "cold"
  double hotAboveC = 25;        ///< temperatures at or above count as condition "hot"
  /// Categories that go with a category in the cart, and how well: {"boots": {"socks": 1, "gear": 0.5}}.
  json complements = json::object();
  /// What each weather condition favours, by category or tag name: {"rain": {"waterproof": 1,
  /// "umbrellas": 1}}. By default common outdoor-shop tags for rain, snow, cold, wind, sun and hot days.
  json weather = default_weather();

  static json default_weather();
};

class Validator;

/// Reads the member "ranking" of the rules' `settings` object at `path` (absent: all
/// defaults). Problems go to `v` with their JSON paths; defaults stand in for what is invalid.
RankingSettings parse_ranking_settings(Validator& v, const json& settings, const std::string& path);

}  // namespace shopkeeper
