// The requests of a page view and of an event: decide() and track() take any text and
// answer with JSON, never a crash, whatever the page, properties or profile hold, and the
// profile they return always reads back.

#include <string>

#include "engine.hpp"
#include "fuzz_support.hpp"
#include "profile.hpp"

using namespace shopkeeper;

namespace {

Engine& engine() {
  static Engine e = [] {
    Engine loaded;
    loaded.load(R"({"version":1,"campaigns":[
      {"id":"welcome","audience":{"visitor.isNew":true},"action":{"type":"modal","title":"Hi"}},
      {"id":"boots","priority":5,"audience":{"interests.top":{"$elemMatch":{"$eq":"boots"}},"cart.value":{"$gt":50}},
       "action":{"type":"modal","title":"Boots","cta":{"label":"Go","href":"/category/boots"}}},
      {"id":"back","audience":{"$or":[{"page.url":{"$regex":"utm_"}},{"acquisition.current.medium":"email"}]},
       "action":{"type":"modal","title":"Back"}}]})");
    return loaded;
  }();
  return e;
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, std::size_t size) {
  std::string request(reinterpret_cast<const char*>(data), size);
  for (const auto& res : {fuzz::response(engine().decide(request)), fuzz::response(engine().track(request))}) {
    if (!res["ok"].get<bool>()) continue;
    fuzz::check(res["profile"].is_string(), "a call returns the profile to store");
    fuzz::check(parse_profile(res["profile"].get<std::string>()).status == ProfileStatus::Loaded,
                "the engine reads back every profile it writes");
  }
  return 0;
}
