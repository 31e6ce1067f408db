// Rules documents: load() validates them, and a loaded document is then used for
// page views and events, so the conditions and actions it holds are exercised too.

#include <string>

#include "engine.hpp"
#include "fuzz_support.hpp"

using shopkeeper::Engine;
using shopkeeper::fuzz::check;
using shopkeeper::fuzz::response;

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, std::size_t size) {
  Engine engine;
  auto loaded = response(engine.load(std::string(reinterpret_cast<const char*>(data), size)));
  if (!loaded["ok"].get<bool>()) {
    check(loaded["errors"].is_array() && !loaded["errors"].empty(), "a rejected document says why");
    return 0;
  }
  const char* page = R"({"url":"https://shop.example/product/p1?utm_source=news&utm_medium=email","referrer":"https://www.google.com/",)"
                     R"("type":"product","category":"boots","query":"wool","product":{"product_id":"p1","category":"boots","price":80}})";
  std::string request = std::string(R"({"now":1700000000000,"newId":"v1","page":)") + page + "}";
  auto first = response(engine.decide(request));
  check(first["ok"].get<bool>(), "a page view with valid rules succeeds");
  std::string profile = first["profile"].dump();
  auto again = response(engine.decide(R"({"now":1700000600000,"newId":"v2","profile":)" + profile + R"(,"page":)" + page + "}"));
  check(again["profileStatus"] == "loaded", "the engine reads back the profile it wrote");
  for (const auto& d : first["decisions"]) {
    std::string event = R"({"now":1700000001000,"name":"Promotion Dismissed","profile":)" + profile +
                        R"(,"properties":{"promotion_id":)" + d["campaign"].dump() + "}}";
    check(response(engine.track(event))["handled"] == true, "a campaign's own promotion events are handled");
  }
  return 0;
}
