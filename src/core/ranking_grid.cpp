#include "ranking_grid.hpp"

#include <cmath>
#include <cstring>
#include <utility>

namespace shopkeeper {

namespace {

/// A key whose unsigned order is the order of -score: IEEE 754 bits are monotonic in the
/// value once the negative half is flipped.
uint64_t descending_key(double score) {
  if (score == 0) score = 0;  // -0 ranks as 0
  uint64_t bits;
  std::memcpy(&bits, &score, sizeof bits);
  uint64_t ascending = bits >> 63 ? ~bits : bits | (uint64_t{1} << 63);
  return ~ascending;
}

/// Sorts `index` by `keys` (parallel arrays of `n`), ascending and stable: least significant
/// byte first, skipping the bytes every key shares. `keys2`/`index2` are scratch of `n`; the
/// result may end up in either pair, which is returned.
uint32_t* radix_sort(uint64_t* keys, uint32_t* index, uint64_t* keys2, uint32_t* index2, std::size_t n) {
  for (int shift = 0; shift < 64; shift += 8) {
    std::size_t count[257] = {};
    for (std::size_t i = 0; i < n; ++i) ++count[((keys[i] >> shift) & 0xff) + 1];
    if (count[((keys[0] >> shift) & 0xff) + 1] == n) continue;
    for (int b = 0; b < 256; ++b) count[b + 1] += count[b];
    for (std::size_t i = 0; i < n; ++i) {
      std::size_t to = count[(keys[i] >> shift) & 0xff]++;
      keys2[to] = keys[i];
      index2[to] = index[i];
    }
    std::swap(keys, keys2);
    std::swap(index, index2);
  }
  return index;
}

}  // namespace

uint32_t score_tiles(const TileGrid& grid, const RankTables& tables, TileRanking out) {
  const std::size_t n = grid.count;
  const uint32_t known = tables.known;
  const TileScore* as_category = tables.byRole[kAsCategory];
  const TileScore* as_brand = tables.byRole[kAsBrand];
  const TileScore* as_tag = tables.byRole[kAsTag];
  const TileScore* as_product = tables.byRole[kAsProduct];
  uint32_t given = 0;
  double top_popularity = 0;
  for (std::size_t i = 0; i < n; ++i) {
    double p = grid.popularity[i];
    if (std::isfinite(p) && p > top_popularity) top_popularity = p;
  }
  for (std::size_t i = 0; i < n; ++i) {
    const uint32_t* a = grid.attributes + i * TileGrid::kTileWords;
    const TileScore& category = as_category[a[1] < known ? a[1] : 0];
    const TileScore& brand = as_brand[a[2] < known ? a[2] : 0];
    const TileScore& product = as_product[a[0] < known ? a[0] : 0];
    double score = category.value + brand.value + product.value;
    uint32_t reasons = category.reasons | brand.reasons | product.reasons;
    // The tile's best tag lifts it and its worst buries it; more tags add nothing by themselves.
    double best = 0, worst = 0;
    uint32_t best_reasons = 0, worst_reasons = 0;
    std::size_t first = a[3] < grid.tagCount ? a[3] : grid.tagCount;
    std::size_t last = a[4] < grid.tagCount - first ? first + a[4] : grid.tagCount;
    for (std::size_t t = first; t < last; ++t) {
      const TileScore& tag = as_tag[grid.tags[t] < known ? grid.tags[t] : 0];
      if (tag.value > best) {
        best = tag.value;
        best_reasons = tag.reasons;
      }
      if (tag.value < worst) {
        worst = tag.value;
        worst_reasons = tag.reasons;
      }
    }
    score += best + worst;
    reasons |= best_reasons | worst_reasons;
    double popularity = grid.popularity[i];
    if (top_popularity > 0 && std::isfinite(popularity) && popularity > 0) {
      double part = tables.popularityWeight * (popularity / top_popularity);
      score += part;
      if (part != 0) reasons |= 1u << kPartPopularity;
    }
    out.scores[i] = score;
    out.reasons[i] |= reasons;
    given |= reasons;
  }
  return given;
}

void place_tiles(const TileGrid& grid, const RankTables& tables, uint64_t* keys, uint32_t* indexes, uint32_t* counts,
                 TileRanking out) {
  const std::size_t n = grid.count;
  const uint32_t* attributes = grid.attributes;
  const uint32_t known = tables.known;
  std::size_t free = 0;
  for (uint32_t i = 0; i < n; ++i) {
    if (attributes[i * TileGrid::kTileWords + 5] & TileGrid::kTilePinned) continue;
    keys[free] = descending_key(out.scores[i]);
    indexes[free++] = i;
  }
  // Highest score first; stable, so the shop's order stands among equals.
  uint32_t* sorted = free ? radix_sort(keys, indexes, keys + n, indexes + n, free) : indexes;

  const std::size_t window = tables.window;
  const uint32_t most = tables.maxPerCategory;
  constexpr uint32_t kPlaced = UINT32_MAX;
  // Pinned tiles in the window count against their category's share.
  for (std::size_t i = 0; i < window; ++i) {
    const uint32_t* a = attributes + i * TileGrid::kTileWords;
    if ((a[5] & TileGrid::kTilePinned) && a[1] < known && a[1] != 0) ++counts[a[1]];
  }
  std::size_t next = 0;  // every entry of sorted before `next` is placed; later ones may be too
  for (std::size_t place = 0; place < n; ++place) {
    if (attributes[place * TileGrid::kTileWords + 5] & TileGrid::kTilePinned) {
      out.order[place] = static_cast<uint32_t>(place);
      continue;
    }
    while (sorted[next] == kPlaced) ++next;
    std::size_t pick = next;
    if (place < window) {
      for (; pick < free; ++pick) {
        if (sorted[pick] == kPlaced) continue;
        uint32_t c = attributes[sorted[pick] * TileGrid::kTileWords + 1];
        if (c == 0 || c >= known || counts[c] < most) break;
      }
      if (pick == free) {
        pick = next;  // every category left has its share: the best goes anyway
      } else {
        for (std::size_t k = next; k < pick; ++k) {
          if (sorted[k] != kPlaced) out.reasons[sorted[k]] |= kReasonDiversity;
        }
      }
      uint32_t c = attributes[sorted[pick] * TileGrid::kTileWords + 1];
      if (c != 0 && c < known) ++counts[c];
    }
    out.order[place] = sorted[pick];
    sorted[pick] = kPlaced;
  }
  for (std::size_t place = 0; place < window; ++place) {
    uint32_t c = attributes[out.order[place] * TileGrid::kTileWords + 1];
    if (c < known) counts[c] = 0;
  }
}

}  // namespace shopkeeper
