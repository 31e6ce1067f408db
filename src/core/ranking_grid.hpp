#pragma once
// A grid of tiles as numbers, and the ranking's per-tile loops over it: scoring the tiles and
// placing them. Free of JSON and apart from the ranker (ranking.cpp), so that these loops can
// be compiled for speed while the engine is compiled for size (see CMakeLists.txt).

#include <cstddef>
#include <cstdint>

namespace shopkeeper {

/// The parts of a tile's score. Each has a weight, settings.ranking.weights.<name> with
/// the names of kRankPartNames, and is reported as reason bit 1 << part when it counts.
/// Every part is scaled to about 0..1 before its weight applies, so the weights compare.
enum RankPart : int {
  kPartCategory,    ///< affinity for the tile's category
  kPartBrand,       ///< affinity for its brand
  kPartTag,         ///< affinity for its best tag
  kPartViewed,      ///< viewed, not bought, not in the cart
  kPartBought,      ///< already bought: a negative weight pushes it down
  kPartCart,        ///< its category complements something in the cart
  kPartTrending,    ///< sells well in the visitor's region (context feed)
  kPartWeather,     ///< suits the visitor's weather (context feed)
  kPartBoost,       ///< boostTiles weights of the campaigns shown
  kPartPopularity,  ///< the shop's popularity figure, relative to the grid's highest
  kPartCount,
};

/// Why a tile got its place: bits of the reasons the ranker reports per tile. Bit 1 << part
/// for each RankPart that counts in its score, and these two:
enum RankReason : uint32_t {
  kReasonDiversity = 1u << kPartCount,     ///< placed later to keep its category from crowding the first places
  kReasonPinned = 1u << (kPartCount + 1),  ///< kept its place
};

/// One grid as numbers. `attributes` has kTileWords words per tile: product id, category,
/// brand (string ids), index of its first tag in `tags`, its tag count, flags (kTilePinned).
struct TileGrid {
  static constexpr std::size_t kTileWords = 6;
  static constexpr uint32_t kTilePinned = 1;

  std::size_t count = 0;
  const uint32_t* attributes = nullptr;
  std::size_t tagCount = 0;
  const uint32_t* tags = nullptr;
  const double* popularity = nullptr;  ///< any non-negative scale; relative to the grid's highest
};

/// Where the ranking goes: `count` entries each. order[k] is the index of the tile placed
/// k-th; scores and reasons are by tile index.
struct TileRanking {
  uint32_t* order = nullptr;
  double* scores = nullptr;
  uint32_t* reasons = nullptr;
};

/// What a string brings to a tile's score in one role, and the reason bits of it.
struct TileScore {
  double value = 0;
  uint32_t reasons = 0;
};

/// The roles a string plays in a tile.
enum TileRole { kAsCategory, kAsBrand, kAsTag, kAsProduct, kRoles };

/// What the loops read besides the grid: per-string scores by role (`known` strings each;
/// an id past them counts as id 0, ""), the popularity weight and the diversity rule.
struct RankTables {
  const TileScore* byRole[kRoles] = {};
  uint32_t known = 0;
  double popularityWeight = 0;
  std::size_t window = 0;       ///< diversity: the first places...
  uint32_t maxPerCategory = 0;  ///< ...hold at most this many tiles of a category
};

/// Scores every tile into out.scores and out.reasons (reasons keep the bits already there).
/// Returns the reason bits it gave any tile, together (0: every score is 0).
uint32_t score_tiles(const TileGrid& grid, const RankTables& tables, TileRanking out);

/// Places the tiles into out.order: pinned ones at their index, the others by score, highest
/// first and the shop's order among equals, at most maxPerCategory of a category in the
/// window. Scratch: `keys` and `indexes` of 2 x count entries, `counts` of `known` zeros
/// (zeros again on return).
void place_tiles(const TileGrid& grid, const RankTables& tables, uint64_t* keys, uint32_t* indexes, uint32_t* counts,
                 TileRanking out);

}  // namespace shopkeeper
