#include "ranking.hpp"

#include <algorithm>
#include <utility>

namespace shopkeeper {

namespace {

uint32_t fnv1a(const std::string& s) {
  uint32_t h = 2166136261u;
  for (unsigned char c : s) h = (h ^ c) * 16777619u;
  return h;
}

}  // namespace

void Ranker::set_snapshot(RankingSnapshot snapshot, const RankingSettings& settings) {
  snapshot_ = std::move(snapshot);
  settings_ = settings;
  fresh_ = false;
}

int64_t Ranker::intern(std::string_view strings, std::size_t start) {
  if (start == 0 || start > strings_.size() || (!strings.empty() && strings.back() != '\0')) return -1;
  if (start + static_cast<std::size_t>(std::count(strings.begin(), strings.end(), '\0')) > kMaxStrings) return -1;
  strings_.resize(start);
  for (std::size_t at = 0; at < strings.size();) {
    std::size_t end = strings.find('\0', at);
    std::string_view s = strings.substr(at, end - at);
    strings_.emplace_back(s.size() <= kMaxStringBytes ? s : std::string_view());
    at = end + 1;
  }
  // Rebuilt whole: the table changes about once per page, and this keeps the code small.
  std::size_t size = 64;
  while (size < 2 * strings_.size()) size *= 2;
  slots_.assign(size, 0);
  for (uint32_t id = 1; id < strings_.size(); ++id) {
    if (strings_[id].empty()) continue;
    std::size_t slot = fnv1a(strings_[id]) & (size - 1);
    while (slots_[slot] != 0) slot = (slot + 1) & (size - 1);
    slots_[slot] = id;
  }
  fresh_ = false;
  return static_cast<int64_t>(strings_.size());
}

uint32_t Ranker::find(const std::string& name) const {
  if (slots_.empty()) return 0;
  std::size_t mask = slots_.size() - 1;
  for (std::size_t slot = fnv1a(name) & mask; slots_[slot] != 0; slot = (slot + 1) & mask) {
    if (strings_[slots_[slot]] == name) return slots_[slot];
  }
  return 0;
}

void Ranker::add_feature(TileRole role, const json* names, RankPart part) {
  if (!names || !names->is_object()) return;
  for (auto it = names->begin(); it != names->end(); ++it) {
    uint32_t id = find(it.key());
    if (id == 0 || !it->is_number()) continue;
    double v = settings_.weights[part] * it->get<double>();
    TileScore& f = features_[role][id];
    f.value += v;
    if (v != 0) f.reasons |= 1u << part;
  }
}

void Ranker::compute_features() {
  for (auto& f : features_) f.assign(strings_.size(), TileScore{});
  const RankingSnapshot& s = snapshot_;
  // In a fixed order per role, so that the sums are the same in every implementation.
  add_feature(kAsCategory, &s.categories, kPartCategory);
  add_feature(kAsCategory, &s.weather, kPartWeather);
  add_feature(kAsCategory, member(s.boosts, "categories"), kPartBoost);
  add_feature(kAsCategory, &s.complements, kPartCart);
  add_feature(kAsBrand, &s.brands, kPartBrand);
  add_feature(kAsBrand, member(s.boosts, "brands"), kPartBoost);
  add_feature(kAsTag, &s.tags, kPartTag);
  add_feature(kAsTag, &s.weather, kPartWeather);
  add_feature(kAsTag, member(s.boosts, "tags"), kPartBoost);
  add_feature(kAsProduct, &s.viewed, kPartViewed);
  add_feature(kAsProduct, &s.bought, kPartBought);
  add_feature(kAsProduct, &s.trending, kPartTrending);
  add_feature(kAsProduct, member(s.boosts, "products"), kPartBoost);
  fresh_ = true;
}

void Ranker::rank(const TileGrid& grid, TileRanking out) {
  const std::size_t n = grid.count;
  for (std::size_t i = 0; i < n; ++i) {
    out.order[i] = static_cast<uint32_t>(i);
    out.scores[i] = 0;
    out.reasons[i] = grid.attributes[i * TileGrid::kTileWords + 5] & TileGrid::kTilePinned ? uint32_t{kReasonPinned} : 0u;
  }
  if (!snapshot_.personal || n == 0) return;
  if (!fresh_) compute_features();

  RankTables tables;
  for (int role = 0; role < kRoles; ++role) tables.byRole[role] = features_[role].data();
  tables.known = static_cast<uint32_t>(strings_.size());
  tables.popularityWeight = snapshot_.history ? settings_.weights[kPartPopularity] : 0;
  tables.window = std::min<std::size_t>(static_cast<std::size_t>(settings_.diversityWindow), n);
  tables.maxPerCategory = static_cast<uint32_t>(settings_.maxPerCategory);
  // A newcomer's boosts may all miss this grid: then every score is 0 and the shop's order stands.
  if (!score_tiles(grid, tables, out) && !snapshot_.history) return;
  keys_.resize(2 * n);
  indexes_.resize(2 * n);
  window_counts_.resize(tables.known);
  place_tiles(grid, tables, keys_.data(), indexes_.data(), window_counts_.data(), out);
}

bool Ranker::prepare(std::size_t count, std::size_t tag_count) {
  if (count > kMaxTiles || tag_count > kMaxTags) return false;
  buffers_.count = count;
  buffers_.tagCount = tag_count;
  // The JS layer writes every input word and the ranker every output: no need to clear.
  std::size_t words = count * TileGrid::kTileWords + tag_count + 2 * count + 1;
  std::size_t reals = 2 * count + 1;
  if (words > buffers_.wordRoom) {
    buffers_.words.reset(new uint32_t[words]);
    buffers_.wordRoom = words;
  }
  if (reals > buffers_.realRoom) {
    buffers_.reals.reset(new double[reals]);
    buffers_.realRoom = reals;
  }
  return true;
}

void Ranker::rank_buffers() {
  Buffers& b = buffers_;
  uint32_t* words = b.words.get();
  TileGrid grid{b.count, words, b.tagCount, words + b.count * TileGrid::kTileWords, b.reals.get()};
  uint32_t* order = words + b.count * TileGrid::kTileWords + b.tagCount;
  rank(grid, TileRanking{order, b.reals.get() + b.count, order + b.count});
}

}  // namespace shopkeeper
