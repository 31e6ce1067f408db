#include "ranking.hpp"

#include <algorithm>
#include <cmath>
#include <utility>

namespace shopkeeper {

namespace {

double lookup(const std::map<std::string, double>& m, const std::string& key) {
  auto it = m.find(key);
  return it == m.end() ? 0 : it->second;
}

/// Sums weighted parts, noting the reason of each part that counts.
struct Parts {
  double value = 0;
  uint32_t reasons = 0;
  void add(double weight, double part, uint32_t reason) {
    double v = weight * part;
    value += v;
    if (v != 0) reasons |= reason;
  }
};

}  // namespace

void Ranker::set_snapshot(RankingSnapshot snapshot, const RankingSettings& settings) {
  snapshot_ = std::move(snapshot);
  settings_ = settings;
  computed_ = 0;
}

int64_t Ranker::intern(std::string_view strings_json, std::size_t start) {
  json list = parse_json(strings_json);
  if (!list.is_array() || start == 0 || start > strings_.size() || start + list.size() > kMaxStrings) return -1;
  strings_.resize(start);
  for (const auto& s : list) {
    bool usable = s.is_string() && s.get_ref<const std::string&>().size() <= kMaxStringBytes;
    strings_.push_back(usable ? s.get<std::string>() : std::string());
  }
  computed_ = std::min(computed_, start);
  return static_cast<int64_t>(strings_.size());
}

void Ranker::compute_features() {
  std::size_t n = strings_.size();
  for (auto* v : {&as_category_, &as_brand_, &as_tag_, &as_product_}) v->resize(n);
  const RankingWeights& w = settings_.weights;
  const RankingSnapshot& s = snapshot_;
  for (std::size_t i = computed_; i < n; ++i) {
    const std::string& name = strings_[i];
    Parts category, brand, tag, product;
    category.add(w.category, lookup(s.categories, name), kReasonCategory);
    category.add(w.weather, lookup(s.weather.categories, name), kReasonWeather);
    category.add(w.boost, lookup(s.boosts.categories, name), kReasonBoost);
    category.add(w.cart, lookup(s.complements, name), kReasonCart);
    brand.add(w.brand, lookup(s.brands, name), kReasonBrand);
    brand.add(w.boost, lookup(s.boosts.brands, name), kReasonBoost);
    tag.add(w.tag, lookup(s.tags, name), kReasonTag);
    tag.add(w.weather, lookup(s.weather.tags, name), kReasonWeather);
    tag.add(w.boost, lookup(s.boosts.tags, name), kReasonBoost);
    product.add(w.viewed, lookup(s.viewed, name), kReasonViewed);
    product.add(w.bought, lookup(s.bought, name), kReasonBought);
    product.add(w.trending, lookup(s.trending, name), kReasonTrending);
    product.add(w.boost, lookup(s.boosts.products, name), kReasonBoost);
    as_category_[i] = {category.value, category.reasons};
    as_brand_[i] = {brand.value, brand.reasons};
    as_tag_[i] = {tag.value, tag.reasons};
    as_product_[i] = {product.value, product.reasons};
  }
  computed_ = n;
}

void Ranker::rank(const TileGrid& grid, TileRanking out) {
  const std::size_t n = grid.count;
  const std::size_t table = strings_.size();
  auto id = [&](uint32_t v) { return v < table ? v : 0u; };
  for (std::size_t i = 0; i < n; ++i) {
    out.order[i] = static_cast<uint32_t>(i);
    out.scores[i] = 0;
    out.reasons[i] = grid.attributes[i * TileGrid::kTileWords + 5] & TileGrid::kTilePinned ? uint32_t{kReasonPinned} : 0u;
  }
  if (!snapshot_.personal || n == 0) return;
  if (computed_ < table) compute_features();

  double top_popularity = 0;
  for (std::size_t i = 0; i < n; ++i) {
    if (std::isfinite(grid.popularity[i])) top_popularity = std::max(top_popularity, grid.popularity[i]);
  }
  const double popularity_weight = settings_.weights.popularity;
  for (std::size_t i = 0; i < n; ++i) {
    const uint32_t* a = grid.attributes + i * TileGrid::kTileWords;
    const Feature& category = as_category_[id(a[1])];
    const Feature& brand = as_brand_[id(a[2])];
    const Feature& product = as_product_[id(a[0])];
    double score = category.value + brand.value + product.value;
    uint32_t reasons = category.reasons | brand.reasons | product.reasons;
    // The tile's best tag lifts it and its worst buries it; more tags add nothing by themselves.
    Feature best, worst;
    std::size_t first = std::min<std::size_t>(a[3], grid.tagCount);
    std::size_t last = first + std::min<std::size_t>(a[4], grid.tagCount - first);
    for (std::size_t t = first; t < last; ++t) {
      const Feature& tag = as_tag_[id(grid.tags[t])];
      if (tag.value > best.value) best = tag;
      if (tag.value < worst.value) worst = tag;
    }
    score += best.value + worst.value;
    reasons |= best.reasons | worst.reasons;
    double popularity = grid.popularity[i];
    if (top_popularity > 0 && std::isfinite(popularity) && popularity > 0) {
      double part = popularity_weight * (popularity / top_popularity);
      score += part;
      if (part != 0) reasons |= kReasonPopularity;
    }
    out.scores[i] = score;
    out.reasons[i] |= reasons;
  }
  diversify(grid, out);
}

void Ranker::diversify(const TileGrid& grid, TileRanking out) {
  const std::size_t n = grid.count;
  auto attr = [&](std::size_t i, std::size_t word) { return grid.attributes[i * TileGrid::kTileWords + word]; };
  auto category = [&](std::size_t i) { return attr(i, 1) < strings_.size() ? attr(i, 1) : 0u; };
  sorted_.clear();
  for (std::size_t i = 0; i < n; ++i) {
    if (!(attr(i, 5) & TileGrid::kTilePinned)) sorted_.emplace_back(-out.scores[i], static_cast<uint32_t>(i));
  }
  std::sort(sorted_.begin(), sorted_.end());  // highest score first, the shop's order among equals

  const std::size_t window = std::min<std::size_t>(static_cast<std::size_t>(settings_.diversityWindow), n);
  const uint32_t most = static_cast<uint32_t>(settings_.maxPerCategory);
  window_counts_.resize(strings_.size());
  // Pinned tiles in the window count against their category's share.
  for (std::size_t i = 0; i < window; ++i) {
    if ((attr(i, 5) & TileGrid::kTilePinned) && category(i) != 0) ++window_counts_[category(i)];
  }
  std::size_t next = 0;  // sorted_ before `next` is placed (entries may be placed out of turn, see below)
  for (std::size_t place = 0; place < n; ++place) {
    if (attr(place, 5) & TileGrid::kTilePinned) continue;  // order[place] == place already
    while (sorted_[next].second == UINT32_MAX) ++next;
    std::size_t pick = next;
    if (place < window) {
      while (pick < sorted_.size() && (sorted_[pick].second == UINT32_MAX ||
                                       (category(sorted_[pick].second) != 0 && window_counts_[category(sorted_[pick].second)] >= most))) {
        ++pick;
      }
      if (pick == sorted_.size()) {
        pick = next;  // every category left is at its share: take the best anyway
      } else {
        for (std::size_t skipped = next; skipped < pick; ++skipped) {
          if (sorted_[skipped].second != UINT32_MAX) out.reasons[sorted_[skipped].second] |= kReasonDiversity;
        }
      }
      if (category(sorted_[pick].second) != 0) ++window_counts_[category(sorted_[pick].second)];
    }
    out.order[place] = sorted_[pick].second;
    sorted_[pick].second = UINT32_MAX;
  }
  for (std::size_t place = 0; place < window; ++place) window_counts_[category(out.order[place])] = 0;
}

bool Ranker::prepare(std::size_t count, std::size_t tag_count) {
  if (count > kMaxTiles || tag_count > kMaxTags) return false;
  buffers_.count = count;
  buffers_.tagCount = tag_count;
  buffers_.words.assign(count * TileGrid::kTileWords + tag_count + 2 * count, 0);
  buffers_.reals.assign(2 * count, 0);
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
