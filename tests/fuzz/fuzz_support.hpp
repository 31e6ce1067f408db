#pragma once
// Shared by the libFuzzer targets: splitting one input into several texts, and
// checks that turn a broken promise of the core into a crash libFuzzer reports.

#include <cstddef>
#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <string>
#include <string_view>
#include <vector>

#include <nlohmann/json.hpp>

namespace shopkeeper::fuzz {

/// The input cut at NUL bytes into exactly `n` texts (missing ones are empty, the
/// last takes the rest). JSON never contains a raw NUL, so seeds stay readable:
/// `printf '%s\0%s' "$condition" "$attributes"`.
inline std::vector<std::string> parts(const uint8_t* data, std::size_t size, std::size_t n) {
  std::string_view all(reinterpret_cast<const char*>(data), size);
  std::vector<std::string> out;
  while (out.size() + 1 < n) {
    auto nul = all.find('\0');
    if (nul == std::string_view::npos) break;
    out.emplace_back(all.substr(0, nul));
    all.remove_prefix(nul + 1);
  }
  out.emplace_back(all);
  out.resize(n);
  return out;
}

/// Aborts, so that libFuzzer saves the input, when `holds` is false.
inline void check(bool holds, const char* what) {
  if (holds) return;
  std::fprintf(stderr, "fuzz check failed: %s\n", what);
  std::abort();
}

/// Parses a response of the JSON API, which must always be a JSON object with a boolean "ok".
inline nlohmann::json response(const std::string& text) {
  auto doc = nlohmann::json::parse(text, nullptr, /*allow_exceptions=*/false);
  check(doc.is_object() && doc.contains("ok") && doc["ok"].is_boolean(), "a response is a JSON object with a boolean ok");
  return doc;
}

}  // namespace shopkeeper::fuzz
