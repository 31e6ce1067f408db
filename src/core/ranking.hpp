#pragma once
// Orders product tiles for the visitor. The tiles arrive as numbers: every string (product
// id, category, brand, tag) is an id into a string table the JS layer and the ranker share,
// so a grid of 1,000 tiles crosses the wasm boundary as two typed arrays, not as JSON.

#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "ranking_settings.hpp"
#include "ranking_snapshot.hpp"

namespace shopkeeper {

/// Why a tile got its place: bits of the reasons the ranker reports per tile. Bit 1 << part
/// for each RankPart that counts in its score, and these two:
enum RankReason : uint32_t {
  kReasonDiversity = 1u << kPartCount,        ///< placed later to keep its category from crowding the first places
  kReasonPinned = 1u << (kPartCount + 1),     ///< kept its place
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

/// The ranker of one engine: the string table, the latest snapshot, and per-string scores
/// computed once per snapshot (for the roles a string plays in the tiles ranked) so that
/// ranking a grid is a loop over arrays.
class Ranker {
 public:
  static constexpr std::size_t kMaxStrings = 1u << 16;
  static constexpr std::size_t kMaxTiles = 20000;
  static constexpr std::size_t kMaxTags = 200000;
  static constexpr std::size_t kMaxStringBytes = 256;

  /// Takes the snapshot of the latest decide() and the settings it was built with.
  void set_snapshot(RankingSnapshot snapshot, const RankingSettings& settings);

  /// Sets the string table from index `start` (1 or more: index 0 is always "") on to
  /// `strings`, a JSON array; an entry that is not a string, or is longer than
  /// kMaxStringBytes, matches nothing. Returns the new table size, or -1 (table unchanged)
  /// when `start` is 0 or past the end, the text is not an array, or the table would
  /// exceed kMaxStrings.
  int64_t intern(std::string_view strings_json, std::size_t start);

  /// The table size: ids below it are known.
  std::size_t strings() const { return strings_.size(); }

  /// Ranks a grid into `out`. String ids outside the table count as "". Without history
  /// or boosts (see RankingSnapshot::personal) the shop's order stands: identity, scores 0.
  void rank(const TileGrid& grid, TileRanking out);

  /// Buffers in the module's memory that the JS layer writes the grid into and reads the
  /// ranking from, so nothing is copied twice. Layout of `words`: attributes (kTileWords
  /// per tile), tags, then order and reasons (count each); `reals`: popularity, then scores.
  struct Buffers {
    std::vector<uint32_t> words;
    std::vector<double> reals;
    std::size_t count = 0;
    std::size_t tagCount = 0;
  };

  /// Sizes the buffers for a grid; false (buffers unchanged) beyond kMaxTiles or kMaxTags.
  bool prepare(std::size_t count, std::size_t tag_count);
  /// Ranks the grid held in the buffers.
  void rank_buffers();
  Buffers& buffers() { return buffers_; }

 private:
  struct Feature {
    double value = 0;
    uint32_t reasons = 0;
  };

  /// The roles a string plays in a tile.
  enum Role { kAsCategory, kAsBrand, kAsTag, kAsProduct, kRoles };

  /// The part of a tile's score that string `id` brings in `role`, computed at first use.
  const Feature& feature(Role role, uint32_t id);
  void diversify(const TileGrid& grid, TileRanking out);

  RankingSnapshot snapshot_;
  RankingSettings settings_;
  std::vector<std::string> strings_{std::string()};
  std::vector<Feature> features_[kRoles];  ///< by role, by string id
  std::vector<uint8_t> ready_;             ///< by string id: bit 1 << role when features_ holds it
  std::vector<std::pair<int64_t, std::size_t>> sorted_;  ///< scratch: (key of -score, index) of unpinned tiles
  std::vector<uint32_t> window_counts_;               ///< scratch: tiles per category id in the window
  Buffers buffers_;
};

}  // namespace shopkeeper
