#pragma once
// Orders product tiles for the visitor. The tiles arrive as numbers: every string (product
// id, category, brand, tag) is an id into a string table the JS layer and the ranker share,
// so a grid of 1,000 tiles crosses the wasm boundary as two typed arrays, not as JSON.

#include <cstddef>
#include <cstdint>
#include <memory>
#include <string>
#include <string_view>
#include <vector>

#include "ranking_grid.hpp"
#include "ranking_settings.hpp"
#include "ranking_snapshot.hpp"

namespace shopkeeper {

/// The ranker of one engine: the string table, the latest snapshot, and per-string scores
/// worked out once per snapshot, so that ranking a grid is a loop over arrays (ranking_grid.hpp).
class Ranker {
 public:
  static constexpr std::size_t kMaxStrings = 1u << 16;
  static constexpr std::size_t kMaxTiles = 20000;
  static constexpr std::size_t kMaxTags = 200000;
  static constexpr std::size_t kMaxStringBytes = 256;

  /// Takes the snapshot of the latest decide() and the settings it was built with.
  void set_snapshot(RankingSnapshot snapshot, const RankingSettings& settings);

  /// Sets the string table from index `start` (1 or more: index 0 is always "") on to
  /// `strings`, each followed by a NUL byte (the JS layer sends a string that holds a NUL as
  /// ""); one longer than kMaxStringBytes matches nothing. Returns the new table size, or -1
  /// (table unchanged) when `start` is 0 or past the end, the text does not end with a NUL,
  /// or the table would exceed kMaxStrings.
  int64_t intern(std::string_view strings, std::size_t start);

  /// The table size: ids below it are known.
  std::size_t strings() const { return strings_.size(); }

  /// Ranks a grid into `out`. String ids outside the table count as "". Without history
  /// (see RankingSnapshot::history) the shop's order stands, identity with scores 0, unless a
  /// campaign boost reaches some tile of the grid: then those tiles move by their boosts.
  void rank(const TileGrid& grid, TileRanking out);

  /// Buffers in the module's memory that the JS layer writes the grid into and reads the
  /// ranking from, so nothing is copied twice. Layout of `words`: attributes (kTileWords
  /// per tile), tags, then order and reasons (count each); `reals`: popularity, then scores.
  /// Arrays left uninitialized rather than vectors, whose resize writes every element: the
  /// first ranking of a page runs that loop unoptimized (~2 ms for 1,000 tiles in Chromium).
  struct Buffers {
    std::unique_ptr<uint32_t[]> words;
    std::unique_ptr<double[]> reals;
    std::size_t count = 0;
    std::size_t tagCount = 0;
    std::size_t wordRoom = 0;  ///< elements allocated
    std::size_t realRoom = 0;
  };

  /// Sizes the buffers for a grid; false (buffers unchanged) beyond kMaxTiles or kMaxTags.
  bool prepare(std::size_t count, std::size_t tag_count);
  /// Ranks the grid held in the buffers.
  void rank_buffers();
  Buffers& buffers() { return buffers_; }

 private:
  /// The id of `name` in the string table, 0 when it is not there.
  uint32_t find(const std::string& name) const;
  /// Works out features_ for the snapshot: every name of its maps, looked up once.
  void compute_features();
  /// Adds `weight(part)` x each value of `names` ({name: number}) to the features of `role`.
  void add_feature(TileRole role, const json* names, RankPart part);

  RankingSnapshot snapshot_;
  RankingSettings settings_;
  std::vector<std::string> strings_{std::string()};
  std::vector<uint32_t> slots_;            ///< open-addressing hash of strings_: id per slot, 0 = empty
  std::vector<TileScore> features_[kRoles];  ///< by role, by string id
  bool fresh_ = false;                     ///< features_ belong to this snapshot and table
  std::vector<uint64_t> keys_;     ///< scratch of the sort: keys of unpinned tiles, and room to sort them
  std::vector<uint32_t> indexes_;  ///< scratch of the sort: their indexes, likewise
  std::vector<uint32_t> window_counts_;        ///< scratch: tiles per category id in the window
  Buffers buffers_;
};

}  // namespace shopkeeper
