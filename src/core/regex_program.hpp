#pragma once
// Internal to the regex matcher: the NFA program that regex_compile.cpp builds
// and regex.cpp simulates.

#include <array>
#include <cstdint>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace shopkeeper {

/// A character class: sorted, non-overlapping inclusive code point ranges.
struct RegexClass {
  std::vector<std::pair<uint32_t, uint32_t>> ranges;
  bool negated = false;

  /// True when `cp` falls in one of the ranges (ignoring `negated`).
  bool in_ranges(uint32_t cp) const;
};

enum class RegexOp : uint8_t {
  Char,             ///< consume `arg` (canonicalized when ignore_case)
  Any,              ///< consume anything but a line terminator
  Class,            ///< consume a member of classes[arg]
  Split,            ///< continue at `arg` and at `alt`
  Jump,             ///< continue at `arg`
  LineStart,        ///< assert position 0
  LineEnd,          ///< assert end of text
  WordBoundary,     ///< assert \b
  NotWordBoundary,  ///< assert \B
  Match,
};

struct RegexInst {
  RegexOp op;
  uint32_t arg = 0;
  uint32_t alt = 0;
};

struct RegexProgram {
  std::vector<RegexInst> code;
  std::vector<RegexClass> classes;
  bool ignore_case = false;
  bool anchored = false;  ///< every match must start at position 0
  /// When set, every match consumes a first character whose leading UTF-8 byte is
  /// marked in `first_bytes`, so the search can skip characters that are not.
  bool can_skip = false;
  std::array<bool, 256> first_bytes{};
  /// Set when the whole pattern is literal text with optional ^ and $: then it
  /// is searched for directly, without the NFA. Lowercase ASCII under the i flag.
  bool is_literal = false;
  bool literal_at_start = false;
  bool literal_at_end = false;
  std::string literal;
};

/// Parses and compiles `pattern` into `out`; false with a message in `error` when
/// the pattern is invalid or outside the supported subset.
bool compile_regex(std::string_view pattern, bool ignore_case, RegexProgram& out, std::string& error);

/// True for the characters `\w` matches.
inline bool is_word_char(uint32_t cp) {
  return (cp >= 'a' && cp <= 'z') || (cp >= 'A' && cp <= 'Z') || (cp >= '0' && cp <= '9') || cp == '_';
}

/// True for JavaScript's line terminators, which `.` does not match.
inline bool is_line_terminator(uint32_t cp) {
  return cp == '\n' || cp == '\r' || cp == 0x2028 || cp == 0x2029;
}

}  // namespace shopkeeper
