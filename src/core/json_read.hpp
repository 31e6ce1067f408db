#pragma once
// Non-throwing reads of optional fields: the wasm build has exceptions off, so
// nothing here may call at() or get<>() on a value of the wrong type.

#include <cstdint>
#include <cmath>
#include <optional>
#include <string>
#include <string_view>

#include <nlohmann/json.hpp>

namespace shopkeeper {

using json = nlohmann::json;

/// The largest integer a JavaScript number holds exactly (2^53 - 1): the bound of every
/// integer the core reads, so arithmetic on what it read can never overflow int64.
constexpr int64_t kMaxSafeInteger = 9007199254740991;

/// Limits on every JSON text the core parses.
struct JsonLimits {
  /// Arrays and objects nested deeper than this are refused before parsing: copying,
  /// comparing and serializing JSON recurse, so depth must not be the input's to choose.
  static constexpr int kMaxDepth = 64;
};

/// True when `text` nests arrays and objects deeper than `max_depth`. One pass, no
/// allocation; exact for valid JSON (brackets inside strings do not count).
inline bool nests_too_deep(std::string_view text, int max_depth = JsonLimits::kMaxDepth) {
  int depth = 0;
  bool in_string = false;
  for (std::size_t i = 0; i < text.size(); ++i) {
    char c = text[i];
    if (in_string) {
      if (c == '\\') ++i;
      else if (c == '"') in_string = false;
    } else if (c == '"') {
      in_string = true;
    } else if (c == '[' || c == '{') {
      if (++depth > max_depth) return true;
    } else if (c == ']' || c == '}') {
      --depth;
    }
  }
  return false;
}

/// The member `key` of `obj`, or nullptr when `obj` is not an object or lacks it.
inline const json* member(const json& obj, const char* key) {
  if (!obj.is_object()) return nullptr;
  auto it = obj.find(key);
  return it == obj.end() ? nullptr : &*it;
}

/// The same, of a value the caller may take parts of.
inline json* member(json& obj, const char* key) { return const_cast<json*>(member(static_cast<const json&>(obj), key)); }

/// A number within ±kMaxSafeInteger as int64 (fractions truncated), or nullopt for anything else.
inline std::optional<int64_t> as_int(const json* v) {
  if (!v || !v->is_number()) return std::nullopt;
  if (v->is_number_unsigned()) {
    auto u = v->get<uint64_t>();
    return u <= static_cast<uint64_t>(kMaxSafeInteger) ? std::optional<int64_t>(static_cast<int64_t>(u)) : std::nullopt;
  }
  if (v->is_number_integer()) {
    auto n = v->get<int64_t>();
    return n >= -kMaxSafeInteger && n <= kMaxSafeInteger ? std::optional<int64_t>(n) : std::nullopt;
  }
  double d = v->get<double>();
  if (!std::isfinite(d) || d > static_cast<double>(kMaxSafeInteger) || d < -static_cast<double>(kMaxSafeInteger)) return std::nullopt;
  return static_cast<int64_t>(d);
}

/// A whole number within ±kMaxSafeInteger, or nullopt (for 1.5 too): 1.0 counts as 1, as
/// JSON Schema's "integer" and JavaScript (where they are the same number) count it.
inline std::optional<int64_t> as_whole(const json* v) {
  auto n = as_int(v);
  return n && (!v->is_number_float() || v->get<double>() == static_cast<double>(*n)) ? n : std::nullopt;
}

/// A string value, or nullopt.
inline std::optional<std::string> as_string(const json* v) {
  if (!v || !v->is_string()) return std::nullopt;
  return v->get<std::string>();
}

/// A boolean value, or nullopt.
inline std::optional<bool> as_bool(const json* v) {
  if (!v || !v->is_boolean()) return std::nullopt;
  return v->get<bool>();
}

/// Parses text without exceptions, accepting exactly what json::parse does; a discarded
/// value on any syntax error, or when the text nests deeper than `max_depth` (callers that
/// must say which ask nests_too_deep once it failed). The core's only JSON reader:
/// nlohmann's own parser is never instantiated (json_parse.cpp says why).
json parse_json(std::string_view text, int max_depth = JsonLimits::kMaxDepth);

/// Serializes without exceptions, byte for byte as json::dump with error_handler_t::replace
/// (invalid UTF-8 becomes U+FFFD; doubles may take other shortest digits that read back
/// the same). The core's only JSON writer (json_dump.cpp says why).
std::string dump_json(const json& value);

}  // namespace shopkeeper
