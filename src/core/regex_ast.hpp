#pragma once
// Internal to the regex matcher: the syntax tree regex_parse.cpp builds and
// regex_compile.cpp turns into an NFA program.

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "regex_program.hpp"

namespace shopkeeper {

/// One node of a parsed pattern.
struct RegexNode {
  enum class Kind { Empty, Char, Any, Class, Concat, Alternate, Repeat, LineStart, LineEnd, WordB, NotWordB };
  Kind kind = Kind::Empty;
  uint32_t value = 0;  // Char: code point; Class: index into the program's classes
  int min = 0;
  int max = 0;  // Repeat: -1 for unbounded
  std::vector<RegexNode> children;
};

/// Parses `pattern` (JavaScript syntax, the subset in regex.hpp) into `root`,
/// adding its character classes to `program`. False with a message in `error`
/// when the pattern is invalid or outside the subset.
bool parse_regex(std::string_view pattern, RegexProgram& program, RegexNode& root, std::string& error);

}  // namespace shopkeeper
