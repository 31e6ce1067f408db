#include "ranking_snapshot.hpp"

#include <algorithm>
#include <cmath>

#include "interests.hpp"
#include "text.hpp"

namespace shopkeeper {

namespace {

constexpr std::size_t kMaxTrending = 100;

/// Scores relative to the strongest, damped while evidence is thin: one view of a single
/// category gives it 0.5, not the full 1 that a dozen views earn.
json affinities(const std::map<std::string, Decayed>& scores, int64_t now, int64_t half_life_ms) {
  json out = json::object();
  double strongest = 0;
  for (const auto& [name, d] : scores) {
    double v = decayed_value(d, now, half_life_ms);
    if (v > 0) out[name] = v;
    strongest = std::max(strongest, v);
  }
  for (auto& v : out) v = v.get<double>() / (strongest + 1);
  return out;
}

std::string trending_id(const json& entry) {
  if (entry.is_string()) return entry.get<std::string>();
  auto id = as_string(member(entry, "product_id"));
  return id ? *id : std::string();
}

void read_trending(const json* list, json& out) {
  if (!list || !list->is_array()) return;
  std::size_t n = std::min(list->size(), kMaxTrending);
  for (std::size_t i = 0; i < n; ++i) {
    std::string id = trending_id((*list)[i]);
    if (!id.empty() && !out.contains(id)) out[id] = static_cast<double>(n - i) / static_cast<double>(n);  // first mention wins
  }
}

/// Adds the {name: weight} of `from` (may be null) to `to`: summed, or the larger kept.
void add_weights(const json* from, json& to, bool keep_larger) {
  if (!from) return;
  for (auto it = from->begin(); it != from->end(); ++it) {
    json& into = to[it.key()];
    double v = it->get<double>();
    into = into.is_number() ? (keep_larger ? std::max(into.get<double>(), v) : into.get<double>() + v) : v;
  }
}

/// What the weather favours: the weights of its own condition, of "snow" when snow is
/// expected, and of "cold" or "hot" by the temperature; each condition counts once.
json weather_weights(const json* weather, const RankingSettings& s) {
  json out = json::object();
  if (!weather || !weather->is_object()) return out;
  auto condition = as_string(member(*weather, "condition"));
  std::string own = condition ? ascii_lowercase(*condition) : std::string();
  if (condition) add_weights(member(s.weather, own.c_str()), out, false);
  const json* t = member(*weather, "temperatureC");
  bool measured = t && t->is_number();
  const bool implied[] = {as_bool(member(*weather, "snowExpected")).value_or(false),
                          measured && t->get<double>() <= s.coldBelowC, measured && t->get<double>() >= s.hotAboveC};
  const char* const names[] = {"snow", "cold", "hot"};
  for (int i = 0; i < 3; ++i) {
    if (implied[i] && own != names[i]) add_weights(member(s.weather, names[i]), out, false);
  }
  return out;
}

/// True when some weight of {categories, brands, tags, products} is not zero.
bool any_weight(const json& weights) {
  for (const auto& kind : weights) {
    for (const auto& w : kind) {
      if (w.is_number() && w.get<double>() != 0) return true;
    }
  }
  return false;
}

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
  if (boosts.is_object()) s.boosts = boosts;
  s.history = had_history;
  s.personal = had_history || any_weight(s.boosts);
  if (!had_history) return s;
  const Browsing& b = p.browsing;
  s.categories = affinities(b.categories, now, half_life_ms);
  s.brands = affinities(b.brands, now, half_life_ms);
  s.tags = affinities(b.tags, now, half_life_ms);
  for (const auto& id : p.orders.bought) s.bought[id] = 1;
  for (const ProductView& v : b.viewed) {
    bool in_cart = std::any_of(p.cart.items.begin(), p.cart.items.end(), [&](const CartItem& i) { return i.id == v.id; });
    if (s.bought.contains(v.id) || in_cart) continue;
    double views = static_cast<double>(std::min(v.count, settings.viewedCap)) / static_cast<double>(settings.viewedCap);
    s.viewed[v.id] = views * decayed_value(Decayed{1, v.last}, now, half_life_ms);
  }
  // Two pairs of boots in the cart make socks no more fitting than one does.
  for (const CartItem& item : p.cart.items) add_weights(member(settings.complements, item.category.c_str()), s.complements, true);
  if (const json* feed = member(context, "context")) {
    read_trending(member(*feed, "trending"), s.trending);
    s.weather = weather_weights(member(*feed, "weather"), settings);
  }
  return s;
}

}  // namespace shopkeeper
