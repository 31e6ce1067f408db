#include "ranking_settings.hpp"

#include <cmath>
#include <initializer_list>
#include <utility>

#include "text.hpp"

namespace shopkeeper {

namespace {

constexpr std::size_t kMaxEntries = 200;  // per map or list: rules stay small
constexpr std::size_t kMaxNameBytes = 64;

/// A number setting: its key, its range, and where it goes.
struct Field {
  const char* key;
  double lo;
  double hi;
  bool integer;
  double* out;
};

class Reader {
 public:
  explicit Reader(std::vector<Error>& errors) : errors_(errors) {}

  /// Reports a problem with member `key` of the object at `path` (the object itself when
  /// `key` is empty). Paths are built here only, when something is wrong.
  void fail(std::string message, const std::string& path, const std::string& key = std::string(),
            const char* code = "invalid_ranking") {
    errors_.push_back({code, std::move(message), key.empty() ? path : path + "/" + pointer_segment(key)});
  }

  /// An object, or nullptr after reporting it (an absent value is fine: nullptr, no error).
  const json* object(const json* v, const std::string& path, const std::string& key = std::string()) {
    if (!v) return nullptr;
    if (v->is_object() && v->size() <= kMaxEntries) return v;
    fail("must be an object of at most 200 entries", path, key);
    return nullptr;
  }

  /// Reads the number `fields` of `obj` (absent ones keep their defaults) and reports
  /// members that are neither fields nor `others`.
  void fields(const json& obj, const Field* fields, std::size_t count, std::initializer_list<const char*> others,
              const std::string& path) {
    for (auto it = obj.begin(); it != obj.end(); ++it) {
      const Field* field = nullptr;
      for (std::size_t i = 0; i < count; ++i) field = it.key() == fields[i].key ? &fields[i] : field;
      bool other = false;
      for (const char* k : others) other = other || it.key() == k;
      if (!field) {
        if (!other) fail("unknown field \"" + it.key() + "\"", path, it.key(), "unknown_field");
        continue;
      }
      double v = it->is_number() ? it->get<double>() : NAN;
      if (v >= field->lo && v <= field->hi && (it->is_number_integer() || !field->integer)) {
        *field->out = v;
        continue;
      }
      fail(it.key() + (field->integer ? " must be an integer from " : " must be a number from ") +
               std::to_string(static_cast<int>(field->lo)) + " to " + std::to_string(static_cast<int>(field->hi)),
           path, it.key());
    }
  }

  /// {"name": weight} with weights in [-100, 100], into `out` (an object).
  void weights(const json* v, json& out, const std::string& path) {
    const json* obj = object(v, path);
    if (!obj) return;
    for (auto it = obj->begin(); it != obj->end(); ++it) {
      double w = it->is_number() ? it->get<double>() : NAN;
      if (!name_ok(it.key(), path)) continue;
      if (w >= -100 && w <= 100) {
        out[it.key()] = w;
      } else {
        fail("a weight must be a number from -100 to 100", path, it.key());
      }
    }
  }

  /// Whether `name`, a member of the object at `path` or an entry, is 1 to 64 bytes.
  bool name_ok(const std::string& name, const std::string& path, const std::string& key = std::string()) {
    if (!name.empty() && name.size() <= kMaxNameBytes) return true;
    fail("names must have 1 to 64 bytes", path, key.empty() ? name : key);
    return false;
  }

 private:
  std::vector<Error>& errors_;
};

/// {"group": {"name": weight}}: what each cart category or weather condition favours.
/// Group names are lowercased when `lowercase` (weather conditions come in any case).
json read_groups(Reader& r, const json* v, const std::string& path, bool lowercase) {
  json out = json::object();
  const json* groups = r.object(v, path);
  if (!groups) return out;
  for (auto it = groups->begin(); it != groups->end(); ++it) {
    if (!r.name_ok(it.key(), path)) continue;
    std::string at = path + "/" + pointer_segment(it.key());
    r.weights(&*it, out[lowercase ? ascii_lowercase(it.key()) : it.key()] = json::object(), at);
  }
  return out;
}

}  // namespace

const char* const kRankPartNames[kPartCount] = {"category", "brand",    "tag",     "viewed", "bought",
                                                "cart",     "trending", "weather", "boost",  "popularity"};

json RankingSettings::default_weather() {
  return parse_json(R"({
    "rain": {"waterproof": 1, "rain": 1},
    "snow": {"winter": 1, "insulated": 1, "waterproof": 0.5},
    "cold": {"winter": 1, "insulated": 1, "wool": 0.5},
    "wind": {"wind": 1, "windproof": 1},
    "sun": {"summer": 1, "sun": 1},
    "hot": {"summer": 1, "lightweight": 0.5}
  })");
}

double tile_weight(const json& weights, const char* kind, const std::string& name) {
  const json* map = member(weights, kind);
  if (!map || !map->is_object()) return 0;
  auto it = map->find(name);
  return it != map->end() && it->is_number() ? it->get<double>() : 0;
}

RankingSettings parse_ranking_settings(const json* spec, const std::string& path, std::vector<Error>& errors) {
  RankingSettings s;
  Reader r(errors);
  const json* obj = r.object(spec, path);
  if (!obj) return s;
  const Field top[] = {{"viewedCap", 1, 100, true, &s.viewedCap},
                       {"coldBelowC", -100, 100, false, &s.coldBelowC},
                       {"hotAboveC", -100, 100, false, &s.hotAboveC}};
  r.fields(*obj, top, 3, {"weights", "diversity", "complements", "weather"}, path);
  if (s.coldBelowC >= s.hotAboveC) r.fail("coldBelowC must be below hotAboveC", path, "coldBelowC");
  if (const json* weights = r.object(member(*obj, "weights"), path, "weights")) {
    Field parts[kPartCount];
    for (int i = 0; i < kPartCount; ++i) parts[i] = {kRankPartNames[i], -100, 100, false, &s.weights[i]};
    r.fields(*weights, parts, kPartCount, {}, path + "/weights");
  }
  if (const json* diversity = r.object(member(*obj, "diversity"), path, "diversity")) {
    const Field fields[] = {{"maxPerCategory", 1, 1000, true, &s.maxPerCategory}, {"window", 0, 1000, true, &s.diversityWindow}};
    r.fields(*diversity, fields, 2, {}, path + "/diversity");
  }
  if (const json* complements = member(*obj, "complements")) s.complements = read_groups(r, complements, path + "/complements", false);
  // The shop's list replaces the defaults.
  if (const json* weather = member(*obj, "weather")) s.weather = read_groups(r, weather, path + "/weather", true);
  return s;
}

void add_tile_weights(const json& spec, json& out) {
  if (!out.is_object()) out = json::object();
  for (const char* kind : {"categories", "brands", "tags", "products"}) {
    const json* weights = member(spec, kind);
    json& into = out[kind];
    if (!into.is_object()) into = json::object();
    if (!weights || !weights->is_object()) continue;
    for (auto it = weights->begin(); it != weights->end(); ++it) {
      if (!it->is_number() || !std::isfinite(it->get<double>())) continue;
      json& sum = into[it.key()];
      sum = (sum.is_number() ? sum.get<double>() : 0.0) + it->get<double>();
    }
  }
}

}  // namespace shopkeeper
