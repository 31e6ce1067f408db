// The shop's context feed: set_feed() takes any text; a feed it accepts then reaches
// conditions and templates on every page view, which must still succeed.

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
      {"id":"snow","audience":{"context.weather.snowExpected":true},
       "action":{"type":"modal","title":"{{context.weather.name|Snow}} at {{context.weather.temperatureC}}","body":"{{context.custom.note}}"}},
      {"id":"trend","audience":{"context.trending.0":{"$exists":true}},"action":{"type":"modal","title":"{{context.trending.0}}"}},
      {"id":"thanks","audience":{"context.referral.successful":{"$gt":0}},"action":{"type":"modal","title":"{{context.referral.reward|x}}"}}]})");
    return loaded;
  }();
  return e;
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, std::size_t size) {
  // Each feed replaces the one before, as a page that fetches a fresh feed does.
  auto set = fuzz::response(engine().set_feed(std::string(reinterpret_cast<const char*>(data), size)));
  if (!set["ok"].get<bool>()) fuzz::check(set["errors"].is_array() && !set["errors"].empty(), "a refused feed says why");
  for (const char* location : {R"({"country":"IE","region":"IE-D"})", R"({"country":"IE","region":"D"})"}) {
    std::string request = std::string(R"({"now":1795529100000,"newId":"v1","page":{"url":"https://shop.example/"},"location":)") + location + "}";
    auto decided = fuzz::response(engine().decide(request));
    fuzz::check(decided["ok"].get<bool>(), "a page view succeeds whatever the feed held");
    fuzz::check(parse_profile(decided["profile"].get<std::string>()).status == ProfileStatus::Loaded, "the profile reads back");
  }
  return 0;
}
