#pragma once
// Internal to rules loading: reads members of a rules document and reports each
// problem with its JSON path, falling back to the default so that one bad field
// never hides the problems of the next.

#include <initializer_list>
#include <string>
#include <string_view>
#include <vector>

#include "error.hpp"
#include "json_read.hpp"

namespace shopkeeper {

/// `path` + "/" + `key`: the JSON Pointer of a member (`key` already escaped). Out of line on
/// purpose: the parsers build dozens of paths, and an inlined concatenation each is a lot of wasm.
std::string child_path(const std::string& path, std::string_view key);

/// Collects the problems of one document.
class Validator {
 public:
  /// The most bytes of any text field of a rules document.
  static constexpr std::size_t kMaxTextBytes = 4096;

  explicit Validator(std::vector<Error>& errors) : errors_(errors) {}

  void fail(const char* code, std::string message, const std::string& path);

  /// The problems found so far, for parsers that report into the same list (conditions).
  std::vector<Error>& errors() { return errors_; }

  /// The document's campaigns array once it is known to be one: paths below the context's
  /// `campaigns` root must name one of their ids.
  const json* campaigns = nullptr;

  /// Reports members of `obj` not in `allowed`.
  void known_keys(const json& obj, std::initializer_list<const char*> allowed, const std::string& path);

  /// `obj[key]` when it is an object, else nullptr (reported unless absent).
  const json* object(const json& obj, const char* key, const std::string& path);

  /// An integer member within [lo, hi] (1.0 counts as 1, 1.5 is refused), or `fallback` when absent.
  int64_t integer(const json& obj, const char* key, int64_t lo, int64_t hi, int64_t fallback, const std::string& path);

  /// A number member within [lo, hi], or `fallback` when absent.
  double number(const json& obj, const char* key, double lo, double hi, double fallback, const std::string& path);

  bool boolean(const json& obj, const char* key, bool fallback, const std::string& path);

  /// A string member of 1 to `max` bytes, or "" (reported when `required` or not a string).
  std::string text(const json& obj, const char* key, bool required, const std::string& path, std::size_t max = kMaxTextBytes);

  /// A string member that must be one of `choices`; `fallback` when absent.
  std::string choice(const json& obj, const char* key, std::initializer_list<const char*> choices, const char* fallback,
                     const std::string& path);

  /// A link target: a path starting with / or an http(s) URL, never a script URL.
  std::string link(const json& obj, const char* key, bool required, const std::string& path);

 private:
  std::vector<Error>& errors_;
};

}  // namespace shopkeeper
