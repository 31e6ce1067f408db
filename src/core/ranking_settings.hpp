#pragma once
// settings.ranking of the rules document: how product tiles are ordered for a visitor.

#include <cstdint>
#include <map>
#include <string>
#include <vector>

#include "error.hpp"
#include "json_read.hpp"

namespace shopkeeper {

/// Weights by tile attribute: what a campaign's boostTiles or a weather condition favours
/// (positive) or buries (negative).
struct TileWeights {
  std::map<std::string, double> categories;
  std::map<std::string, double> brands;
  std::map<std::string, double> tags;
  std::map<std::string, double> products;  ///< by product id
};

/// How much each part of the formula counts (settings.ranking.weights). Every part is
/// scaled to about 0..1 before its weight applies, so the weights compare directly.
struct RankingWeights {
  double category = 1.0;    ///< affinity for the tile's category
  double brand = 0.4;       ///< affinity for its brand
  double tag = 0.5;         ///< affinity for its best tag
  double viewed = 0.6;      ///< viewed, not bought, not in the cart
  double bought = -1.5;     ///< already bought: negative pushes it down
  double cart = 0.5;        ///< its category complements something in the cart
  double trending = 0.4;    ///< sells well in the visitor's region (context feed)
  double weather = 0.3;     ///< suits the visitor's weather (context feed)
  double boost = 1.0;       ///< boostTiles weights of the campaigns shown
  double popularity = 0.2;  ///< the shop's popularity figure, relative to the grid's highest
};

/// The ranking settings, with defaults that suit a typical shop.
struct RankingSettings {
  RankingWeights weights;
  int64_t viewedCap = 3;        ///< views of one product that count at most
  int64_t maxPerCategory = 4;   ///< diversity: at most this many tiles of a category...
  int64_t diversityWindow = 12; ///< ...in the first this many places; 0 = off
  double coldBelowC = 5;        ///< temperatures at or below count as condition "cold"
  double hotAboveC = 25;        ///< temperatures at or above count as condition "hot"
  /// Categories that go with a category in the cart: {"boots": ["socks", "gear"]}.
  std::map<std::string, std::vector<std::string>> complements;
  /// What each weather condition favours (categories and tags only).
  std::map<std::string, TileWeights> weather = default_weather();

  /// Common outdoor-shop tags for rain, snow, cold, wind, sun and hot days.
  static std::map<std::string, TileWeights> default_weather();
};

/// Reads settings.ranking (`spec`, may be null: all defaults). Problems are appended to
/// `errors` with JSON paths under `path`; the defaults stand in for what is invalid.
RankingSettings parse_ranking_settings(const json* spec, const std::string& path, std::vector<Error>& errors);

/// Adds a {"categories", "brands", "tags", "products"} object of finite numbers to `out`
/// (weights of the same name add up); anything malformed is skipped.
void add_tile_weights(const json& spec, TileWeights& out);

}  // namespace shopkeeper
