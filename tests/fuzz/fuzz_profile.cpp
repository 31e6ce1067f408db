// The stored profile: whatever localStorage holds must be read without harm, and a
// profile that was read must survive its own stored form unchanged.

#include <string>

#include "engine.hpp"
#include "fuzz_support.hpp"
#include "json_read.hpp"
#include "profile.hpp"

using namespace shopkeeper;

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, std::size_t size) {
  std::string stored(reinterpret_cast<const char*>(data), size);
  ProfileLoad load = parse_profile(stored);
  bool usable = load.status == ProfileStatus::Loaded || load.status == ProfileStatus::Migrated;
  fuzz::check(usable == load.problem.empty() || load.status == ProfileStatus::Fresh, "a replaced profile says why");
  if (usable) {
    std::string once = serialize_profile(load.profile);
    fuzz::check(once.size() <= ProfileLimits::kStoredBytes, "the stored form is bounded");
    ProfileLoad again = parse_profile(once);
    fuzz::check(again.status == ProfileStatus::Loaded, "the stored form reads back");
    fuzz::check(serialize_profile(again.profile) == once, "the stored form is a fixed point");
    fuzz::check(dump_json(parse_json(once)) == once, "the stored form is JSON as dump_json writes it");
  }
  Engine engine;
  nlohmann::json request = {{"now", 1700000000000}, {"newId", "v1"}, {"profile", stored}, {"page", {{"url", "https://shop.example/"}}}};
  auto decided = fuzz::response(engine.decide(request.dump(-1, ' ', false, nlohmann::json::error_handler_t::replace)));
  fuzz::check(decided["ok"].get<bool>(), "a page view succeeds whatever was stored");
  return 0;
}
