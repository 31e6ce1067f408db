#include "ranking_snapshot.hpp"

#include <algorithm>
#include <cmath>
#include <set>

#include "interests.hpp"
#include "text.hpp"

namespace shopkeeper {

namespace {

constexpr std::size_t kMaxTrending = 100;

/// Scores relative to the strongest, damped while evidence is thin: one view of a single
/// category gives it 0.5, not the full 1 that a dozen views earn.
std::map<std::string, double> affinities(const std::map<std::string, Decayed>& scores, int64_t now, int64_t half_life_ms) {
  std::map<std::string, double> out;
  double strongest = 0;
  for (const auto& [name, d] : scores) {
    double v = decayed_value(d, now, half_life_ms);
    if (v > 0) out[name] = v;
    strongest = std::max(strongest, v);
  }
  for (auto& entry : out) entry.second /= strongest + 1;
  return out;
}

std::string trending_id(const json& entry) {
  if (entry.is_string()) return entry.get<std::string>();
  auto id = as_string(member(entry, "product_id"));
  return id ? *id : std::string();
}

void read_trending(const json* list, std::map<std::string, double>& out) {
  if (!list || !list->is_array()) return;
  std::size_t n = std::min(list->size(), kMaxTrending);
  for (std::size_t i = 0; i < n; ++i) {
    std::string id = trending_id((*list)[i]);
    if (!id.empty()) out.emplace(id, static_cast<double>(n - i) / static_cast<double>(n));  // first mention wins
  }
}

/// The weather's conditions: its own word, plus "snow" when snow is expected and
/// "cold"/"hot" from the temperature.
std::set<std::string> weather_conditions(const json* weather, const RankingSettings& s) {
  std::set<std::string> out;
  if (!weather || !weather->is_object()) return out;
  if (auto condition = as_string(member(*weather, "condition"))) out.insert(ascii_lowercase(*condition));
  if (as_bool(member(*weather, "snowExpected")).value_or(false)) out.insert("snow");
  const json* t = member(*weather, "temperatureC");
  if (t && t->is_number()) {
    double c = t->get<double>();
    if (c <= s.coldBelowC) out.insert("cold");
    if (c >= s.hotAboveC) out.insert("hot");
  }
  return out;
}

void add_weights(const TileWeights& from, TileWeights& to) {
  for (const auto& [name, w] : from.categories) to.categories[name] += w;
  for (const auto& [name, w] : from.tags) to.tags[name] += w;
}

bool empty(const TileWeights& w) { return w.categories.empty() && w.brands.empty() && w.tags.empty() && w.products.empty(); }

}  // namespace

bool has_ranking_history(const Profile& p) {
  const Browsing& b = p.browsing;
  return !b.categories.empty() || !b.brands.empty() || !b.tags.empty() || !b.viewed.empty() || !p.orders.bought.empty() ||
         !p.cart.items.empty();
}

RankingSnapshot build_ranking_snapshot(const Profile& p, const json& context, const json& boosts,
                                       const RankingSettings& settings, int64_t now, int64_t half_life_ms,
                                       bool had_history) {
  RankingSnapshot s;
  const Browsing& b = p.browsing;
  s.categories = affinities(b.categories, now, half_life_ms);
  s.brands = affinities(b.brands, now, half_life_ms);
  s.tags = affinities(b.tags, now, half_life_ms);
  for (const auto& id : p.orders.bought) s.bought[id] = 1;
  for (const ProductView& v : b.viewed) {
    bool in_cart = std::any_of(p.cart.items.begin(), p.cart.items.end(), [&](const CartItem& i) { return i.id == v.id; });
    if (s.bought.count(v.id) || in_cart) continue;
    double views = static_cast<double>(std::min(v.count, settings.viewedCap)) / static_cast<double>(settings.viewedCap);
    s.viewed[v.id] = views * decayed_value(Decayed{1, v.last}, now, half_life_ms);
  }
  for (const CartItem& item : p.cart.items) {
    auto it = settings.complements.find(item.category);
    if (it == settings.complements.end()) continue;
    for (const auto& category : it->second) s.complements[category] = 1;
  }
  const json* feed = member(context, "context");
  if (feed) {
    read_trending(member(*feed, "trending"), s.trending);
    for (const auto& condition : weather_conditions(member(*feed, "weather"), settings)) {
      auto it = settings.weather.find(condition);
      if (it != settings.weather.end()) add_weights(it->second, s.weather);
    }
  }
  if (boosts.is_object()) add_tile_weights(boosts, s.boosts);
  s.personal = had_history || !empty(s.boosts);
  return s;
}

json merge_boosts(const json& decisions) {
  TileWeights merged;
  bool any = false;
  if (decisions.is_array()) {
    for (const auto& d : decisions) {
      const json* action = member(d, "action");
      auto type = action ? as_string(member(*action, "type")) : std::nullopt;
      const json* boost = action ? member(*action, "boost") : nullptr;
      if (!type || *type != "boostTiles" || !boost) continue;
      add_tile_weights(*boost, merged);
      any = true;
    }
  }
  if (!any) return nullptr;
  return {{"categories", merged.categories}, {"brands", merged.brands}, {"tags", merged.tags}, {"products", merged.products}};
}

}  // namespace shopkeeper
