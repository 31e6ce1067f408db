#pragma once
// A linear-time regular expression matcher for the JavaScript regex subset that
// targeting rules use. Patterns compile to a Thompson NFA that is simulated
// without backtracking (Pike VM style), so a match costs O(pattern × text) at
// worst, whatever the pattern: `(a+)+$` cannot blow up.
//
// Supported: literals, `.`, classes (`[a-z]`, `[^...]`, `[]`, `[^]`), escapes
// (`\d \w \s \D \W \S \b \B \n \r \t \v \f \0 \xHH \uHHHH \cX` and escaped
// punctuation), anchors `^ $`, alternation, groups `( )` and `(?: )`,
// quantifiers `* + ? {n} {n,} {n,m}` and their lazy forms, and the `i` flag.
// Rejected at compile time with a message: backreferences, lookaround, named
// groups and unknown letter escapes.

#include <cstdint>
#include <memory>
#include <string>
#include <string_view>

namespace shopkeeper {

struct RegexProgram;

/// A compiled pattern. Cheap to copy (the program is shared and immutable).
class Regex {
 public:
  /// Longest accepted pattern, in bytes.
  static constexpr std::size_t kMaxPatternBytes = 1000;
  /// Largest count accepted in `{n}`, `{n,}` and `{n,m}`.
  static constexpr int kMaxRepeat = 1000;
  /// Largest program after counted repetitions are expanded, in instructions.
  static constexpr std::size_t kMaxProgramSize = 20000;

  /// Compiles `pattern` (UTF-8) with JavaScript syntax; `ignore_case` is the `i`
  /// flag. On failure returns an invalid Regex and describes the problem in `error`.
  static Regex compile(std::string_view pattern, bool ignore_case, std::string& error);

  /// True when the pattern compiled.
  bool valid() const { return program_ != nullptr; }

  /// True when the pattern matches somewhere in `text` (UTF-8), like
  /// JavaScript's RegExp.prototype.test without the `g`, `m`, `s` or `u` flags.
  /// An invalid Regex matches nothing.
  bool search(std::string_view text) const;

 private:
  std::shared_ptr<const RegexProgram> program_;
};

}  // namespace shopkeeper
