// The ranker: a page view (any request) leaves its snapshot, the page's strings (any text,
// from data- attributes) fill the string table, and any bytes fill the tile buffers, as the
// JS layer writes them into the module's memory. Ranking must never crash or read out of
// bounds, the order must be a permutation, pinned tiles must keep their places, and scores
// must be numbers.
//
// Input: request \0 strings (one a line) \0 tile bytes. The strings go to the table as the JS
// layer sends them, each followed by a NUL (and as given, which has none: refused). The tile
// bytes give the grid's size (first two bytes: tiles, tags), then words and popularity values,
// repeated to fill.

#include <algorithm>
#include <cmath>
#include <cstring>
#include <string>
#include <vector>

#include "engine.hpp"
#include "fuzz_support.hpp"

using namespace shopkeeper;

namespace {

Engine& engine() {
  static Engine e = [] {
    Engine loaded;
    loaded.load(R"({"version":1,"settings":{"ranking":{"complements":{"boots":{"socks":1}},
      "diversity":{"maxPerCategory":2,"window":6}}},"campaigns":[
      {"id":"sale","action":{"type":"boostTiles","boost":{"categories":{"sale":2},"tags":{"summer":-1}}}}]})");
    loaded.set_feed(R"({"generatedAt":"2026-11-20T10:00:00Z","regions":{"IE-D":{
      "weather":{"name":"Dublin","condition":"rain","temperatureC":3},"trending":[{"product_id":"p1","units":4}]}}})");
    return loaded;
  }();
  return e;
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, std::size_t size) {
  auto in = fuzz::parts(data, size, 3);
  Engine& e = engine();
  fuzz::response(e.decide(in[0]));
  Ranker& ranker = e.ranker();
  fuzz::check(in[1].empty() || ranker.intern(in[1], 1) == -1, "a list without its NULs is refused");
  std::string strings = in[1];
  std::replace(strings.begin(), strings.end(), '\n', '\0');
  if (!strings.empty()) strings += '\0';
  ranker.intern(strings, 1);

  const std::string& bytes = in[2];
  std::size_t count = bytes.size() > 0 ? static_cast<uint8_t>(bytes[0]) : 0;
  std::size_t tags = bytes.size() > 1 ? static_cast<uint8_t>(bytes[1]) : 0;
  if (!ranker.prepare(count, tags)) return 0;
  Ranker::Buffers& b = ranker.buffers();
  std::size_t input_words = count * TileGrid::kTileWords + tags;
  // Everything the JS layer would write, from the rest of the input (repeated), or zeros.
  std::string fill = bytes.size() > 2 ? bytes.substr(2) : std::string(1, '\0');
  std::vector<uint8_t> raw(input_words * 4 + count * 8);
  for (std::size_t i = 0; i < raw.size(); ++i) raw[i] = static_cast<uint8_t>(fill[i % fill.size()]);
  if (input_words) std::memcpy(b.words.get(), raw.data(), input_words * 4);
  if (count) std::memcpy(b.reals.get(), raw.data() + input_words * 4, count * 8);
  ranker.rank_buffers();

  const uint32_t* order = b.words.get() + input_words;
  std::vector<bool> placed(count);
  for (std::size_t k = 0; k < count; ++k) {
    fuzz::check(order[k] < count && !placed[order[k]], "the order is a permutation of the tiles");
    placed[order[k]] = true;
    bool pinned = b.words[order[k] * TileGrid::kTileWords + 5] & TileGrid::kTilePinned;
    fuzz::check(!pinned || order[k] == k, "a pinned tile keeps its place");
    fuzz::check(!std::isnan(b.reals[count + order[k]]), "scores are numbers");
  }
  return 0;
}
