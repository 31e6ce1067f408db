// The only file that knows about Embind: raw bindings with underscore names,
// JSON strings in and out. js/engine.js gives them an idiomatic surface.

#include <string>

#include <emscripten/bind.h>

#include "acquisition.hpp"
#include "bucketing.hpp"
#include "condition_set.hpp"
#include "engine.hpp"
#include "location.hpp"

namespace {

using shopkeeper::ConditionSet;
using shopkeeper::Engine;

// Embind marshals std::string but not std::string_view, hence these adapters.
std::string version() { return shopkeeper::kVersion; }
std::string load(Engine& e, const std::string& rules) { return e.load(rules); }
std::string decide(Engine& e, const std::string& request) { return e.decide(request); }
std::string track(const Engine& e, const std::string& request) { return e.track(request); }
std::string merge(const Engine& e, const std::string& request) { return e.merge(request); }
std::string compact(const Engine& e, const std::string& request) { return e.compact(request); }
std::string explain(const Engine& e, const std::string& request) { return e.explain(request); }
std::string set_feed(Engine& e, const std::string& feed) { return e.set_feed(feed); }
// -1 stands for null (an unknown version): every hash is in [0, 1).
double hash(const std::string& seed, const std::string& value, int version) {
  return shopkeeper::growthbook_hash(seed, value, version).value_or(-1);
}
// Ranking: the grid goes through the ranker's buffers in the module's memory (addresses
// as numbers, see js/engine.js), the strings once through the shared table.
int intern_strings(Engine& e, const std::string& strings, int start) {
  return start < 0 ? -1 : static_cast<int>(e.ranker().intern(strings, static_cast<std::size_t>(start)));
}
uintptr_t rank_prepare(Engine& e, int count, int tag_count) {
  if (count < 0 || tag_count < 0 || !e.ranker().prepare(count, tag_count)) return 0;
  return reinterpret_cast<uintptr_t>(e.ranker().buffers().words.data());
}
uintptr_t rank_reals(Engine& e) { return reinterpret_cast<uintptr_t>(e.ranker().buffers().reals.data()); }
void rank(Engine& e) { e.ranker().rank_buffers(); }
std::string classify_acquisition(const std::string& request) { return shopkeeper::classify_acquisition_json(request); }
bool evaluate_condition(const std::string& c, const std::string& a, const std::string& g) {
  return shopkeeper::evaluate_condition_json(c, a, g);
}
std::string resolve_location(const std::string& request) { return shopkeeper::resolve_location_json(request); }
std::string validate_condition(const std::string& c) { return shopkeeper::validate_condition_json(c); }
std::string compile_set(ConditionSet& s, const std::string& conditions) { return s.compile(conditions); }
std::string evaluate_set(ConditionSet& s, const std::string& a, const std::string& g) { return s.evaluate(a, g); }
std::string evaluate_held(const ConditionSet& s) { return s.evaluate_held(); }

}  // namespace

EMSCRIPTEN_BINDINGS(shopkeeper) {
  emscripten::function("_version", &version);
  emscripten::function("_classifyAcquisition", &classify_acquisition);
  emscripten::function("_hash", &hash);
  emscripten::function("_evaluateCondition", &evaluate_condition);
  emscripten::function("_resolveLocation", &resolve_location);
  emscripten::function("_validateCondition", &validate_condition);
  emscripten::class_<ConditionSet>("ConditionSet")
      .constructor<>()
      .function("_compile", &compile_set)
      .function("_evaluate", &evaluate_set)
      .function("_evaluateHeld", &evaluate_held);
  emscripten::class_<Engine>("Engine")
      .constructor<>()
      .function("_load", &load)
      .function("_decide", &decide)
      .function("_track", &track)
      .function("_merge", &merge)
      .function("_compact", &compact)
      .function("_explain", &explain)
      .function("_setFeed", &set_feed)
      .function("_internStrings", &intern_strings)
      .function("_rankPrepare", &rank_prepare)
      .function("_rankReals", &rank_reals)
      .function("_rank", &rank);
}
