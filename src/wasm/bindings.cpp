// The only file that knows about Embind: raw bindings with underscore names,
// JSON strings in and out. js/engine.js gives them an idiomatic surface.
//
// Engines and condition sets cross the boundary as small integer handles, not as Embind
// classes: plain functions keep Embind's class machinery (~2 KB brotli of glue) out of the
// script a page loads, and a stale or forged handle finds nothing instead of freed memory.

#include <cstdint>
#include <memory>
#include <string>
#include <string_view>
#include <type_traits>
#include <vector>

#include <emscripten/bind.h>

#include "acquisition.hpp"
#include "bucketing.hpp"
#include "condition_set.hpp"
#include "engine.hpp"
#include "location.hpp"

namespace {

using shopkeeper::ConditionSet;
using shopkeeper::Engine;

/// Live instances by handle; a freed slot is reused.
template <class T>
class Registry {
 public:
  int add() {
    std::size_t slot = 0;
    while (slot < slots_.size() && slots_[slot]) ++slot;
    if (slot == slots_.size()) slots_.emplace_back();
    slots_[slot] = std::make_unique<T>();
    return static_cast<int>(slot);
  }
  void remove(int handle) {
    if (get(handle)) slots_[static_cast<std::size_t>(handle)].reset();
  }
  T* get(int handle) const { return handle >= 0 && static_cast<std::size_t>(handle) < slots_.size() ? slots_[static_cast<std::size_t>(handle)].get() : nullptr; }

 private:
  std::vector<std::unique_ptr<T>> slots_;
};

Registry<Engine> engines;
Registry<ConditionSet> sets;

const char* const kDestroyed = R"({"ok":false,"error":{"code":"destroyed","message":"the engine was destroyed","path":""}})";

// Text into the engine calls: the JS layer writes UTF-8 into this buffer with the browser's
// TextEncoder, then passes its length. Embind's std::string conversion encodes in JS, one
// character at a time; before V8 has optimized that loop, a page paid milliseconds for the
// rules document alone.
// Left uninitialized (not a vector, whose resize writes every byte): the JS layer writes it.
std::unique_ptr<char[]> text_in;
std::size_t text_in_size = 0;

uintptr_t text_buffer(int bytes) {
  if (bytes < 0) return 0;
  if (static_cast<std::size_t>(bytes) > text_in_size || !text_in) {
    text_in.reset(new char[static_cast<std::size_t>(bytes) + 1]);
    text_in_size = static_cast<std::size_t>(bytes);
  }
  return reinterpret_cast<uintptr_t>(text_in.get());
}

// `length` bytes of the buffer from `offset`; nothing when they do not fit it.
std::string_view text_of(int length, int offset = 0) {
  return text_in && length >= 0 && offset >= 0 && static_cast<std::size_t>(offset) + static_cast<std::size_t>(length) <= text_in_size
             ? std::string_view(text_in.get() + offset, static_cast<std::size_t>(length))
             : std::string_view();
}

// Text out of the engine calls: the answer stays here for the JS layer to decode with
// TextDecoder, as Embind scans a std::string result in JS, byte by byte. A call returns the
// length of its JSON; a profile to store follows it, up to text_result_length().
std::string text_out;

uintptr_t text_result() { return reinterpret_cast<uintptr_t>(text_out.data()); }
int text_result_length() { return static_cast<int>(text_out.size()); }

// One engine call on the text in the buffer: the length of its answer in text_out.
template <auto Method>
int engine_call(int handle, int length) {
  Engine* engine = engines.get(handle);
  text_out = engine ? (engine->*Method)(text_of(length)) : kDestroyed;
  return static_cast<int>(text_out.size());
}

// A decide, track or explain: the request's JSON, then the stored profile's text (`stored`
// bytes; -1 when the request carries it). The profile decide and track give back follows
// their JSON, unescaped.
template <auto Method>
int profile_call(int handle, int length, int stored) {
  Engine* engine = engines.get(handle);
  shopkeeper::StoredProfile profile = stored >= 0 ? shopkeeper::StoredProfile(text_of(stored, length)) : std::nullopt;
  if (!engine) {
    text_out = kDestroyed;
    return static_cast<int>(text_out.size());
  }
  std::string aside;
  if constexpr (std::is_invocable_v<decltype(Method), Engine*, std::string_view, shopkeeper::StoredProfile, shopkeeper::ProfileAside>) {
    text_out = (engine->*Method)(text_of(length), profile, &aside);
  } else {
    text_out = (engine->*Method)(text_of(length), profile);
  }
  int json_length = static_cast<int>(text_out.size());
  text_out += aside;
  return json_length;
}

std::string version() { return shopkeeper::kVersion; }
// -1 stands for null (an unknown version): every hash is in [0, 1).
double hash(const std::string& seed, const std::string& value, int version) {
  return shopkeeper::growthbook_hash(seed, value, version).value_or(-1);
}
std::string classify_acquisition(const std::string& request) { return shopkeeper::classify_acquisition_json(request); }
bool evaluate_condition(const std::string& c, const std::string& a, const std::string& g) {
  return shopkeeper::evaluate_condition_json(c, a, g);
}
std::string resolve_location(const std::string& request) { return shopkeeper::resolve_location_json(request); }
std::string validate_condition(const std::string& c) { return shopkeeper::validate_condition_json(c); }
int engine_new() { return engines.add(); }
void engine_delete(int handle) { engines.remove(handle); }
int set_new() { return sets.add(); }
void set_delete(int handle) { sets.remove(handle); }
// A destroyed set compiles nothing and matches nothing.
std::string set_compile(int handle, const std::string& conditions) {
  ConditionSet* set = sets.get(handle);
  return set ? set->compile(conditions) : R"({"ok":false,"count":0,"errors":[]})";
}
std::string set_evaluate(int handle, const std::string& a, const std::string& g) {
  ConditionSet* set = sets.get(handle);
  return set ? set->evaluate(a, g) : "[]";
}
std::string set_evaluate_held(int handle) {
  ConditionSet* set = sets.get(handle);
  return set ? set->evaluate_held() : "[]";
}

void preload_profile(int handle, int length) {
  if (Engine* engine = engines.get(handle)) engine->preload_profile(text_of(length));
}

// Ranking: the grid goes through the ranker's buffers in the module's memory (addresses as
// numbers, see js/engine.js), the strings once through the shared table. A destroyed engine
// takes no strings (-1) and has no buffers (0).
int intern_strings(int handle, int length, int start) {
  Engine* engine = engines.get(handle);
  return engine && start >= 0 ? static_cast<int>(engine->ranker().intern(text_of(length), static_cast<std::size_t>(start))) : -1;
}
uintptr_t rank_prepare(int handle, int count, int tag_count) {
  Engine* engine = engines.get(handle);
  if (!engine || count < 0 || tag_count < 0 || !engine->ranker().prepare(count, tag_count)) return 0;
  return reinterpret_cast<uintptr_t>(engine->ranker().buffers().words.get());
}
uintptr_t rank_reals(int handle) {
  Engine* engine = engines.get(handle);
  return engine ? reinterpret_cast<uintptr_t>(engine->ranker().buffers().reals.get()) : 0;
}
void rank(int handle) {
  if (Engine* engine = engines.get(handle)) engine->ranker().rank_buffers();
}

}  // namespace

EMSCRIPTEN_BINDINGS(shopkeeper) {
  using emscripten::function;
  function("_version", &version);
  function("_classifyAcquisition", &classify_acquisition);
  function("_hash", &hash);
  function("_evaluateCondition", &evaluate_condition);
  function("_resolveLocation", &resolve_location);
  function("_validateCondition", &validate_condition);
  function("_textBuffer", &text_buffer);
  function("_textResult", &text_result);
  function("_textResultLength", &text_result_length);
  function("_engineNew", &engine_new);
  function("_engineDelete", &engine_delete);
  function("_load", &engine_call<&Engine::load>);
  function("_setFeed", &engine_call<&Engine::set_feed>);
  function("_decide", &profile_call<&Engine::decide>);
  function("_track", &profile_call<&Engine::track>);
  function("_merge", &engine_call<&Engine::merge>);
  function("_compact", &engine_call<&Engine::compact>);
  function("_explain", &profile_call<&Engine::explain>);
  function("_preloadProfile", &preload_profile);
  function("_internStrings", &intern_strings);
  function("_rankPrepare", &rank_prepare);
  function("_rankReals", &rank_reals);
  function("_rank", &rank);
  function("_setNew", &set_new);
  function("_setDelete", &set_delete);
  function("_setCompile", &set_compile);
  function("_setEvaluate", &set_evaluate);
  function("_setEvaluateHeld", &set_evaluate_held);
}
