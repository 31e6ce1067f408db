#include "ranking_settings.hpp"

#include <cmath>
#include <utility>

#include "text.hpp"

namespace shopkeeper {

namespace {

constexpr double kMaxWeight = 100;
constexpr std::size_t kMaxEntries = 200;  // per map or list: rules stay small
constexpr std::size_t kMaxNameBytes = 64;

class Reader {
 public:
  Reader(std::vector<Error>& errors) : errors_(errors) {}

  void fail(std::string message, const std::string& path) { errors_.push_back({"invalid_ranking", std::move(message), path}); }

  /// An object, or nullptr after reporting it (an absent value is fine: nullptr, no error).
  const json* object(const json* v, const std::string& path) {
    if (!v) return nullptr;
    if (v->is_object() && v->size() <= kMaxEntries) return v;
    fail("must be an object of at most 200 entries", path);
    return nullptr;
  }

  /// Reports the members of `obj` not in `allowed` (nullptr-terminated).
  void known_keys(const json& obj, const char* const* allowed, const std::string& path) {
    for (auto it = obj.begin(); it != obj.end(); ++it) {
      bool known = false;
      for (const char* const* k = allowed; *k && !known; ++k) known = it.key() == *k;
      if (!known) errors_.push_back({"unknown_field", "unknown field \"" + it.key() + "\"", path + "/" + pointer_segment(it.key())});
    }
  }

  /// A number member within [lo, hi] into `out`; absent leaves the default.
  void number(const json& obj, const char* key, double lo, double hi, double& out, const std::string& path) {
    const json* v = member(obj, key);
    if (!v) return;
    if (!v->is_number() || !(v->get<double>() >= lo && v->get<double>() <= hi)) {
      return fail(std::string(key) + " must be a number from " + number_text(lo) + " to " + number_text(hi), path + "/" + key);
    }
    out = v->get<double>();
  }

  void integer(const json& obj, const char* key, int64_t lo, int64_t hi, int64_t& out, const std::string& path) {
    const json* v = member(obj, key);
    if (!v) return;
    auto n = as_int(v);
    if (!v->is_number_integer() || !n || *n < lo || *n > hi) {
      return fail(std::string(key) + " must be an integer from " + std::to_string(lo) + " to " + std::to_string(hi), path + "/" + key);
    }
    out = *n;
  }

  /// {"name": weight} with weights in [-100, 100].
  void weights(const json* v, std::map<std::string, double>& out, const std::string& path) {
    const json* obj = object(v, path);
    if (!obj) return;
    for (auto it = obj->begin(); it != obj->end(); ++it) {
      std::string at = path + "/" + pointer_segment(it.key());
      if (!name_ok(it.key(), at)) continue;
      if (!it->is_number() || !(it->get<double>() >= -kMaxWeight && it->get<double>() <= kMaxWeight)) {
        fail("a weight must be a number from -100 to 100", at);
        continue;
      }
      out[it.key()] = it->get<double>();
    }
  }

  bool name_ok(const std::string& name, const std::string& path) {
    if (!name.empty() && name.size() <= kMaxNameBytes) return true;
    fail("names must have 1 to 64 bytes", path);
    return false;
  }

 private:
  static std::string number_text(double d) {
    return d == std::floor(d) ? std::to_string(static_cast<int64_t>(d)) : std::to_string(d);
  }

  std::vector<Error>& errors_;
};

void read_weights(Reader& r, const json& spec, RankingWeights& w, const std::string& path) {
  static const char* const kKeys[] = {"category", "brand", "tag", "viewed", "bought", "cart",
                                      "trending", "weather", "boost", "popularity", nullptr};
  r.known_keys(spec, kKeys, path);
  std::pair<const char*, double*> fields[] = {
      {"category", &w.category}, {"brand", &w.brand},       {"tag", &w.tag},         {"viewed", &w.viewed},
      {"bought", &w.bought},     {"cart", &w.cart},         {"trending", &w.trending}, {"weather", &w.weather},
      {"boost", &w.boost},       {"popularity", &w.popularity}};
  for (auto& [key, field] : fields) r.number(spec, key, -kMaxWeight, kMaxWeight, *field, path);
}

void read_weather(Reader& r, const json* v, std::map<std::string, TileWeights>& out, const std::string& path) {
  const json* conditions = r.object(v, path);
  if (!conditions) return;
  out.clear();  // the shop's list replaces the defaults
  static const char* const kKeys[] = {"categories", "tags", nullptr};
  for (auto it = conditions->begin(); it != conditions->end(); ++it) {
    std::string at = path + "/" + pointer_segment(it.key());
    const json* condition = r.object(&*it, at);
    if (!condition || !r.name_ok(it.key(), at)) continue;
    r.known_keys(*condition, kKeys, at);
    TileWeights& w = out[ascii_lowercase(it.key())];
    r.weights(member(*condition, "categories"), w.categories, at + "/categories");
    r.weights(member(*condition, "tags"), w.tags, at + "/tags");
  }
}

void read_complements(Reader& r, const json* v, std::map<std::string, std::vector<std::string>>& out, const std::string& path) {
  const json* categories = r.object(v, path);
  if (!categories) return;
  for (auto it = categories->begin(); it != categories->end(); ++it) {
    std::string at = path + "/" + pointer_segment(it.key());
    if (!r.name_ok(it.key(), at)) continue;
    if (!it->is_array() || it->size() > kMaxEntries) {
      r.fail("must be an array of category names", at);
      continue;
    }
    std::vector<std::string>& list = out[it.key()];
    for (std::size_t i = 0; i < it->size(); ++i) {
      const json& name = (*it)[i];
      std::string item_at = at + "/" + std::to_string(i);
      if (!name.is_string()) {
        r.fail("must be a category name", item_at);
      } else if (r.name_ok(name.get<std::string>(), item_at)) {
        list.push_back(name.get<std::string>());
      }
    }
  }
}

}  // namespace

std::map<std::string, TileWeights> RankingSettings::default_weather() {
  auto tags = [](std::map<std::string, double> t) { return TileWeights{{}, {}, std::move(t), {}}; };
  return {
      {"rain", tags({{"waterproof", 1}, {"rain", 1}})},
      {"snow", tags({{"winter", 1}, {"insulated", 1}, {"waterproof", 0.5}})},
      {"cold", tags({{"winter", 1}, {"insulated", 1}, {"wool", 0.5}})},
      {"wind", tags({{"wind", 1}, {"windproof", 1}})},
      {"sun", tags({{"summer", 1}, {"sun", 1}})},
      {"hot", tags({{"summer", 1}, {"lightweight", 0.5}})},
  };
}

RankingSettings parse_ranking_settings(const json* spec, const std::string& path, std::vector<Error>& errors) {
  RankingSettings s;
  Reader r(errors);
  const json* obj = r.object(spec, path);
  if (!obj) return s;
  static const char* const kKeys[] = {"weights", "viewedCap", "diversity", "complements", "weather",
                                      "coldBelowC", "hotAboveC", nullptr};
  r.known_keys(*obj, kKeys, path);
  if (const json* weights = r.object(member(*obj, "weights"), path + "/weights")) {
    read_weights(r, *weights, s.weights, path + "/weights");
  }
  r.integer(*obj, "viewedCap", 1, 100, s.viewedCap, path);
  if (const json* diversity = r.object(member(*obj, "diversity"), path + "/diversity")) {
    static const char* const kDiversityKeys[] = {"maxPerCategory", "window", nullptr};
    r.known_keys(*diversity, kDiversityKeys, path + "/diversity");
    r.integer(*diversity, "maxPerCategory", 1, 1000, s.maxPerCategory, path + "/diversity");
    r.integer(*diversity, "window", 0, 1000, s.diversityWindow, path + "/diversity");
  }
  read_complements(r, member(*obj, "complements"), s.complements, path + "/complements");
  read_weather(r, member(*obj, "weather"), s.weather, path + "/weather");
  r.number(*obj, "coldBelowC", -100, 100, s.coldBelowC, path);
  r.number(*obj, "hotAboveC", -100, 100, s.hotAboveC, path);
  if (s.coldBelowC >= s.hotAboveC) r.fail("coldBelowC must be below hotAboveC", path + "/coldBelowC");
  return s;
}

void add_tile_weights(const json& spec, TileWeights& out) {
  std::pair<const char*, std::map<std::string, double>*> kinds[] = {
      {"categories", &out.categories}, {"brands", &out.brands}, {"tags", &out.tags}, {"products", &out.products}};
  for (auto& [key, map] : kinds) {
    const json* weights = member(spec, key);
    if (!weights || !weights->is_object()) continue;
    for (auto it = weights->begin(); it != weights->end(); ++it) {
      if (it->is_number() && std::isfinite(it->get<double>())) (*map)[it.key()] += it->get<double>();
    }
  }
}

}  // namespace shopkeeper
