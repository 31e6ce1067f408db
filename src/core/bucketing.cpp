#include "bucketing.hpp"

#include <string>

#include "unicode.hpp"

namespace shopkeeper {

namespace {

constexpr uint32_t kOffset = 0x811c9dc5u;
constexpr uint32_t kPrime = 16777619u;

uint32_t step(uint32_t h, uint32_t unit) { return (h ^ unit) * kPrime; }

uint32_t extend(uint32_t h, std::string_view text) {
  for (std::size_t pos = 0; pos < text.size();) {
    uint32_t cp = unicode::decode(text, pos);
    if (cp >= 0x10000) {  // a surrogate pair, as in a JavaScript string
      cp -= 0x10000;
      h = step(h, 0xD800 + (cp >> 10));
      h = step(h, 0xDC00 + (cp & 0x3FF));
    } else {
      h = step(h, cp);
    }
  }
  return h;
}

}  // namespace

uint32_t fnv1a32_utf16(std::string_view text) { return extend(kOffset, text); }

std::optional<double> growthbook_hash(std::string_view seed, std::string_view value, int version) {
  if (version == 2) {
    uint32_t inner = extend(extend(kOffset, seed), value);
    return static_cast<double>(fnv1a32_utf16(std::to_string(inner)) % 10000) / 10000;
  }
  if (version == 1) return static_cast<double>(extend(extend(kOffset, value), seed) % 1000) / 1000;
  return std::nullopt;
}

}  // namespace shopkeeper
