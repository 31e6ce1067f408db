// The only file that knows about Embind: raw bindings with underscore names,
// JSON strings in and out. js/engine.js gives them an idiomatic surface.

#include <string>

#include <emscripten/bind.h>

#include "acquisition.hpp"
#include "engine.hpp"

namespace {

using shopkeeper::Engine;

// Embind marshals std::string but not std::string_view, hence these adapters.
std::string version() { return shopkeeper::kVersion; }
std::string load(Engine& e, const std::string& rules) { return e.load(rules); }
std::string decide(const Engine& e, const std::string& request) { return e.decide(request); }
std::string track(const Engine& e, const std::string& request) { return e.track(request); }
std::string merge(const Engine& e, const std::string& request) { return e.merge(request); }
std::string classify_acquisition(const std::string& request) { return shopkeeper::classify_acquisition_json(request); }

}  // namespace

EMSCRIPTEN_BINDINGS(shopkeeper) {
  emscripten::function("_version", &version);
  emscripten::function("_classifyAcquisition", &classify_acquisition);
  emscripten::class_<Engine>("Engine")
      .constructor<>()
      .function("_load", &load)
      .function("_decide", &decide)
      .function("_track", &track)
      .function("_merge", &merge);
}
