#pragma once
// JsonWriter: JSON text written straight into a string, byte for byte as dump_json writes the
// same value, for code that knows the shape of what it writes and need not build a json value
// first (the stored profile, written on every page view and event).

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "json_read.hpp"

namespace shopkeeper {

/// Appends JSON to a string. Members and items get their commas; the caller writes an
/// object's keys in the byte order of their names, as a json object keeps them, so the text
/// is the one dump_json would write.
class JsonWriter {
 public:
  explicit JsonWriter(std::string& out) : out_(out) {}

  /// Any json value.
  void value(const json& v);
  void null();
  void boolean(bool b);
  /// An integer, written without a fraction ("3").
  void integer(int64_t i);
  /// A double, as nlohmann writes one: the shortest digits, always with a fraction or an
  /// exponent ("3.0", "1e-05"); NaN and infinities as null.
  void number(double x);
  /// A string, escaped; ill-formed UTF-8 becomes U+FFFD.
  void string(std::string_view s);
  /// An array of strings.
  void strings(const std::vector<std::string>& list);

  void begin_object();
  void end_object();
  void begin_array();
  void end_array();
  /// An object member's key; its value follows.
  void key(std::string_view k);

 private:
  void separate();
  void digits(uint64_t u);

  std::string& out_;
  bool first_ = true;  ///< nothing written yet in the current object or array
};

}  // namespace shopkeeper
