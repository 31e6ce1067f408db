#pragma once
// What the ranking knows about the visitor at one page view: taken from the profile and the
// context when decide() runs, so ranking the tiles later never reads the profile again.

#include <cstdint>
#include <string>

#include "json_read.hpp"
#include "profile.hpp"
#include "ranking_settings.hpp"

namespace shopkeeper {

/// The visitor's side of the ranking formula: JSON objects of name -> number, every value
/// on a 0..1 scale; settings.ranking.weights says how much each counts.
struct RankingSnapshot {
  json categories = json::object();   ///< affinity by category
  json brands = json::object();       ///< affinity by brand
  json tags = json::object();         ///< affinity by tag
  json viewed = json::object();       ///< product id -> lift (capped views, decayed by recency)
  json bought = json::object();       ///< product id -> 1
  json complements = json::object();  ///< category -> how well it complements the cart
  json trending = json::object();     ///< product id -> 1 for the top seller, less further down
  json weather = json::object();      ///< category or tag -> how well it suits the visitor's weather
  json boosts = json::object();       ///< {categories, brands, tags, products} of the campaigns shown
  /// False for a visitor without history or campaign boosts: the shop's own order stands.
  bool personal = false;
  /// The visitor had history before this page view. Without it only `boosts` are filled in,
  /// and the ranker leaves out popularity: the shop's order is a newcomer's baseline.
  bool history = false;
};

/// True when the profile holds anything the ranking can use: interests, views, purchases
/// or a cart. Asked before a page view records its own events, so that the category page
/// a first-time visitor lands on does not count as history.
bool has_ranking_history(const Profile& profile);

/// Builds the snapshot at `now` from the profile (interests decayed with `half_life_ms`),
/// the decide() context (`context.trending` and `context.weather` of the feed) and the
/// merged boostTiles weights of the campaigns shown (`boosts`: {categories, brands, tags,
/// products}). `had_history` is has_ranking_history() before this page view; without it
/// only the boosts count (a newcomer's page view and the context feed do not).
RankingSnapshot build_ranking_snapshot(const Profile& profile, const json& context, const json& boosts,
                                       const RankingSettings& settings, int64_t now, int64_t half_life_ms,
                                       bool had_history);

}  // namespace shopkeeper
