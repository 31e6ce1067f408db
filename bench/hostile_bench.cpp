// Prints how the cost of hostile input grows with its size: each case runs at sizes n, 2n,
// 4n and 8n, and a linear parser or matcher shows a steady time per byte (growth ×2 per
// doubling); a quadratic one would show ×4. Run: build/native/hostile_bench (a Release
// build gives real figures: cmake -S . -B build/bench -DCMAKE_BUILD_TYPE=Release).

#include <chrono>
#include <cstdio>
#include <functional>
#include <string>

#include "condition_set.hpp"
#include "engine.hpp"
#include "regex.hpp"
#include "url.hpp"

using namespace shopkeeper;

namespace {

/// The fastest of five runs of `work`, in microseconds.
double best_us(const std::function<void()>& work) {
  double best = 1e300;
  for (int run = 0; run < 5; ++run) {
    auto t0 = std::chrono::steady_clock::now();
    work();
    double us = std::chrono::duration<double, std::micro>(std::chrono::steady_clock::now() - t0).count();
    if (us < best) best = us;
  }
  return best;
}

/// Runs `make(n)` -> input and `use(input)` at four sizes and prints one line per size.
void grow(const char* name, std::size_t n, const std::function<std::string(std::size_t)>& make,
          const std::function<void(const std::string&)>& use) {
  double previous = 0;
  for (std::size_t size = n; size <= 8 * n; size *= 2) {
    std::string input = make(size);
    double us = best_us([&] { use(input); });
    std::printf("%-44s %9zu bytes %11.1f us %8.2f ns/byte", name, input.size(), us, 1000.0 * us / static_cast<double>(input.size()));
    if (previous > 0) std::printf("   x%.2f", us / previous);
    std::printf("\n");
    previous = us;
  }
}

std::string repeat(const std::string& unit, std::size_t bytes) {
  std::string out;
  while (out.size() < bytes) out += unit;
  return out;
}

/// A rules document of about `bytes` bytes: 100 campaigns with a regex, a list and nested conditions.
std::string rules_of(std::size_t bytes) {
  std::string campaigns;
  const std::size_t values = bytes / 100 / 10;
  for (int i = 0; i < 100; ++i) {
    std::string list;
    for (std::size_t v = 0; v < values; ++v) list += (v ? ",\"" : "\"") + std::to_string(v * 7919 + i) + "\"";
    campaigns += (i ? "," : "") + std::string(R"({"id":"c)") + std::to_string(i) +
                 R"(","audience":{"$or":[{"page.url":{"$regex":"^https?://[^/]+/(a+)+(b|c)*$"}},{"page.type":{"$in":[)" + list +
                 R"(]}},{"interests.top":{"$elemMatch":{"$regexi":"boo+ts?"}}}]},"action":{"type":"modal","title":"T"}})";
  }
  return R"({"version":1,"campaigns":[)" + campaigns + "]}";
}

}  // namespace

int main() {
  std::printf("Cost of hostile input by size (best of 5 runs; growth per doubling: x2 = linear)\n\n");

  for (const char* pattern : {"(a+)+$", "(a|aa)*c", "(x+x+)+y", "^(\\w+\\s?)*$"}) {
    std::string error;
    Regex regex = Regex::compile(pattern, false, error);
    grow((std::string("regex ") + pattern + " on aaa...a!").c_str(), 128 * 1024,
         [](std::size_t n) { return std::string(n, 'a') + "!"; }, [&](const std::string& s) { (void)regex.search(s); });
  }

  ConditionSet set;
  set.compile(R"([{"tags":{"$all":["x1","x2","x3","x4","x5","x6","x7","x8"]}},
                  {"items":{"$elemMatch":{"price":{"$gt":5},"name":{"$regexi":"(a+)+z"}}}},
                  {"tags":{"$nin":["q","r","s"]},"items.0.name":{"$regex":"^a*$"}}])");
  grow("conditions over an attribute of n elements", 128 * 1024,
       [](std::size_t n) {
         std::string tags = repeat(R"("aaaaaaaa",)", n / 2);
         std::string items = repeat(R"({"price":9,"name":"aaaaaaaaaaaaaaaa"},)", n / 2);
         return R"({"tags":[)" + tags + R"("x9"],"items":[)" + items + R"({}]})";
       },
       [&](const std::string& attributes) { (void)set.evaluate(attributes, ""); });

  grow("rules document load", 120 * 1024, rules_of, [](const std::string& doc) {
    Engine engine;
    (void)engine.load(doc);
  });

  grow("JSON nesting check + parse of a flat document", 128 * 1024,
       [](std::size_t n) { return "[" + repeat(R"({"a":"[[[{{{","b":[1,2,3]},)", n) + "0]"; },
       [](const std::string& text) { (void)parse_json(text); });

  grow("query string of n bytes (200 parameters kept)", 2 * 1024,
       [](std::size_t n) { return repeat("utm_source=%3Cscript%3E&", n); },
       [](const std::string& q) { (void)parse_query(q); });

  grow("page view with a hostile URL (8 KiB read)", 4 * 1024,
       [](std::size_t n) {
         return R"({"now":1700000000000,"page":{"url":"https://shop.example/?)" + repeat("gclid=a&ref=%%&", n) +
                R"(","referrer":"https://www.google.com/search?q=)" + repeat("a+", n / 4) + R"("}})";
       },
       [](const std::string& request) {
         static Engine engine;
         (void)engine.decide(request);
       });
  return 0;
}
