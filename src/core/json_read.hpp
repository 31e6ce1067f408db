#pragma once
// Non-throwing reads of optional fields: the wasm build has exceptions off, so
// nothing here may call at() or get<>() on a value of the wrong type.

#include <cstdint>
#include <cmath>
#include <optional>
#include <string>

#include <nlohmann/json.hpp>

namespace shopkeeper {

using json = nlohmann::json;

/// The member `key` of `obj`, or nullptr when `obj` is not an object or lacks it.
inline const json* member(const json& obj, const char* key) {
  if (!obj.is_object()) return nullptr;
  auto it = obj.find(key);
  return it == obj.end() ? nullptr : &*it;
}

/// A finite number as int64 (fractions truncated), or nullopt for anything else.
inline std::optional<int64_t> as_int(const json* v) {
  if (!v || !v->is_number()) return std::nullopt;
  if (v->is_number_integer()) return v->get<int64_t>();
  double d = v->get<double>();
  if (!std::isfinite(d) || d > 9.0e15 || d < -9.0e15) return std::nullopt;
  return static_cast<int64_t>(d);
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

/// Parses text without exceptions; a discarded value on any syntax error.
inline json parse_json(std::string_view text) {
  return json::parse(text.begin(), text.end(), nullptr, /*allow_exceptions=*/false);
}

/// True when `value` nests arrays and objects at most `max_depth` deep. Checked right after
/// parsing untrusted text: copying, comparing or dumping a deeper value would recurse
/// past the wasm stack.
inline bool within_depth(const json& value, int max_depth) {
  if (!value.is_structured()) return true;
  if (max_depth <= 0) return false;
  for (const auto& child : value) {
    if (!within_depth(child, max_depth - 1)) return false;
  }
  return true;
}

/// Serializes without exceptions: invalid UTF-8 is replaced, never thrown on.
inline std::string dump_json(const json& value) {
  return value.dump(-1, ' ', false, json::error_handler_t::replace);
}

}  // namespace shopkeeper
