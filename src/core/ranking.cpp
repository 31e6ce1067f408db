#include "ranking.hpp"

#include <algorithm>
#include <cmath>
#include <cstring>
#include <utility>

namespace shopkeeper {

namespace {

double lookup(const json& m, const std::string& key) {
  if (m.empty()) return 0;
  auto it = m.find(key);
  return it == m.end() ? 0 : it->get<double>();
}

/// Sums weighted parts of a score, noting each part that counts.
struct Parts {
  const double* weights;
  double value = 0;
  uint32_t reasons = 0;
  void add(RankPart part, double amount) {
    double v = weights[part] * amount;
    value += v;
    if (v != 0) reasons |= 1u << part;
  }
};

/// An integer that sorts like -score, so the one sort instantiation the core already has
/// (pair<int64_t, size_t>, see rules.cpp) orders the tiles: IEEE 754 bits are monotonic
/// in the value once the negative half is flipped.
int64_t descending_key(double score) {
  if (score == 0) score = 0;  // -0 ranks as 0
  int64_t bits;
  std::memcpy(&bits, &score, sizeof bits);
  return ~(bits < 0 ? bits ^ INT64_MAX : bits);
}

constexpr std::size_t kPlaced = SIZE_MAX;

}  // namespace

void Ranker::set_snapshot(RankingSnapshot snapshot, const RankingSettings& settings) {
  snapshot_ = std::move(snapshot);
  settings_ = settings;
  ready_.clear();
}

int64_t Ranker::intern(std::string_view strings_json, std::size_t start) {
  json list = parse_json(strings_json);
  if (!list.is_array() || start == 0 || start > strings_.size() || start + list.size() > kMaxStrings) return -1;
  strings_.resize(start);
  for (const auto& s : list) {
    bool usable = s.is_string() && s.get_ref<const std::string&>().size() <= kMaxStringBytes;
    strings_.push_back(usable ? s.get<std::string>() : std::string());
  }
  if (ready_.size() > start) ready_.resize(start);  // the scores of replaced strings are stale
  return static_cast<int64_t>(strings_.size());
}

const Ranker::Feature& Ranker::feature(Role role, uint32_t id) {
  if (id >= strings_.size()) id = 0;
  if (ready_[id] & (1u << role)) return features_[role][id];
  const RankingSnapshot& s = snapshot_;
  const std::string& name = strings_[id];
  Parts parts{settings_.weights};
  switch (role) {
    case kAsCategory:
      parts.add(kPartCategory, lookup(s.categories, name));
      parts.add(kPartWeather, lookup(s.weather, name));
      parts.add(kPartBoost, tile_weight(s.boosts, "categories", name));
      parts.add(kPartCart, lookup(s.complements, name));
      break;
    case kAsBrand:
      parts.add(kPartBrand, lookup(s.brands, name));
      parts.add(kPartBoost, tile_weight(s.boosts, "brands", name));
      break;
    case kAsTag:
      parts.add(kPartTag, lookup(s.tags, name));
      parts.add(kPartWeather, lookup(s.weather, name));
      parts.add(kPartBoost, tile_weight(s.boosts, "tags", name));
      break;
    default:
      parts.add(kPartViewed, lookup(s.viewed, name));
      parts.add(kPartBought, lookup(s.bought, name));
      parts.add(kPartTrending, lookup(s.trending, name));
      parts.add(kPartBoost, tile_weight(s.boosts, "products", name));
  }
  ready_[id] |= static_cast<uint8_t>(1u << role);
  return features_[role][id] = {parts.value, parts.reasons};
}

void Ranker::rank(const TileGrid& grid, TileRanking out) {
  const std::size_t n = grid.count;
  for (std::size_t i = 0; i < n; ++i) {
    out.order[i] = static_cast<uint32_t>(i);
    out.scores[i] = 0;
    out.reasons[i] = grid.attributes[i * TileGrid::kTileWords + 5] & TileGrid::kTilePinned ? uint32_t{kReasonPinned} : 0u;
  }
  if (!snapshot_.personal || n == 0) return;
  for (auto& f : features_) f.resize(strings_.size());
  ready_.resize(strings_.size(), 0);

  double top_popularity = 0;
  for (std::size_t i = 0; i < n; ++i) {
    if (std::isfinite(grid.popularity[i])) top_popularity = std::max(top_popularity, grid.popularity[i]);
  }
  const double popularity_weight = settings_.weights[kPartPopularity];
  for (std::size_t i = 0; i < n; ++i) {
    const uint32_t* a = grid.attributes + i * TileGrid::kTileWords;
    const Feature& category = feature(kAsCategory, a[1]);
    const Feature& brand = feature(kAsBrand, a[2]);
    const Feature& product = feature(kAsProduct, a[0]);
    double score = category.value + brand.value + product.value;
    uint32_t reasons = category.reasons | brand.reasons | product.reasons;
    // The tile's best tag lifts it and its worst buries it; more tags add nothing by themselves.
    Feature best, worst;
    std::size_t first = std::min<std::size_t>(a[3], grid.tagCount);
    std::size_t last = first + std::min<std::size_t>(a[4], grid.tagCount - first);
    for (std::size_t t = first; t < last; ++t) {
      const Feature& tag = feature(kAsTag, grid.tags[t]);
      if (tag.value > best.value) best = tag;
      if (tag.value < worst.value) worst = tag;
    }
    score += best.value + worst.value;
    reasons |= best.reasons | worst.reasons;
    double popularity = grid.popularity[i];
    if (top_popularity > 0 && std::isfinite(popularity) && popularity > 0) {
      double part = popularity_weight * (popularity / top_popularity);
      score += part;
      if (part != 0) reasons |= 1u << kPartPopularity;
    }
    out.scores[i] = score;
    out.reasons[i] |= reasons;
  }
  diversify(grid, out);
}

void Ranker::diversify(const TileGrid& grid, TileRanking out) {
  const std::size_t n = grid.count;
  auto pinned = [&](std::size_t i) { return (grid.attributes[i * TileGrid::kTileWords + 5] & TileGrid::kTilePinned) != 0; };
  auto category = [&](std::size_t i) {
    uint32_t c = grid.attributes[i * TileGrid::kTileWords + 1];
    return c < strings_.size() ? c : 0u;
  };
  sorted_.clear();
  for (std::size_t i = 0; i < n; ++i) {
    if (!pinned(i)) sorted_.emplace_back(descending_key(out.scores[i]), i);
  }
  std::sort(sorted_.begin(), sorted_.end());  // highest score first, the shop's order among equals

  const std::size_t window = std::min<std::size_t>(static_cast<std::size_t>(settings_.diversityWindow), n);
  const uint32_t most = static_cast<uint32_t>(settings_.maxPerCategory);
  window_counts_.resize(strings_.size());
  // Pinned tiles in the window count against their category's share.
  for (std::size_t i = 0; i < window; ++i) {
    if (pinned(i) && category(i) != 0) ++window_counts_[category(i)];
  }
  auto saturated = [&](std::size_t k) {
    std::size_t i = sorted_[k].second;
    return i == kPlaced || (category(i) != 0 && window_counts_[category(i)] >= most);
  };
  std::size_t next = 0;  // every entry of sorted_ before `next` is placed; later ones may be too
  for (std::size_t place = 0; place < n; ++place) {
    if (pinned(place)) continue;  // order[place] == place already
    while (sorted_[next].second == kPlaced) ++next;
    std::size_t pick = next;
    if (place < window) {
      while (pick < sorted_.size() && saturated(pick)) ++pick;
      if (pick == sorted_.size()) {
        pick = next;  // every category left has its share: the best goes anyway
      } else {
        for (std::size_t k = next; k < pick; ++k) {
          if (sorted_[k].second != kPlaced) out.reasons[sorted_[k].second] |= kReasonDiversity;
        }
      }
      if (category(sorted_[pick].second) != 0) ++window_counts_[category(sorted_[pick].second)];
    }
    out.order[place] = static_cast<uint32_t>(sorted_[pick].second);
    sorted_[pick].second = kPlaced;
  }
  for (std::size_t place = 0; place < window; ++place) window_counts_[category(out.order[place])] = 0;
}

bool Ranker::prepare(std::size_t count, std::size_t tag_count) {
  if (count > kMaxTiles || tag_count > kMaxTags) return false;
  buffers_.count = count;
  buffers_.tagCount = tag_count;
  // The JS layer writes every input word and the ranker every output: no need to clear.
  buffers_.words.resize(count * TileGrid::kTileWords + tag_count + 2 * count);
  buffers_.reals.resize(2 * count);
  return true;
}

void Ranker::rank_buffers() {
  Buffers& b = buffers_;
  uint32_t* words = b.words.data();
  TileGrid grid{b.count, words, b.tagCount, words + b.count * TileGrid::kTileWords, b.reals.data()};
  uint32_t* order = words + b.count * TileGrid::kTileWords + b.tagCount;
  rank(grid, TileRanking{order, b.reals.data() + b.count, order + b.count});
}

}  // namespace shopkeeper
