// Parses JavaScript regex syntax (the subset in regex.hpp, with the lenient
// Annex B readings of stray `{`, `}` and `]`) into a RegexNode tree. Runs once
// per pattern, so it favours clarity over speed.

#include <algorithm>

#include "regex.hpp"
#include "regex_ast.hpp"
#include "sort.hpp"
#include "unicode.hpp"

namespace shopkeeper {

namespace {

using Node = RegexNode;

constexpr int kMaxGroupDepth = 100;
constexpr uint32_t kMaxCodePoint = 0x10FFFF;

using Ranges = std::vector<std::pair<uint32_t, uint32_t>>;

void add_digit(Ranges& r) { r.push_back({'0', '9'}); }
void add_word(Ranges& r) {
  r.insert(r.end(), {{'0', '9'}, {'A', 'Z'}, {'_', '_'}, {'a', 'z'}});
}
void add_space(Ranges& r) {
  r.insert(r.end(), {{0x09, 0x0D}, {0x20, 0x20}, {0xA0, 0xA0}, {0x1680, 0x1680}, {0x2000, 0x200A},
                     {0x2028, 0x2029}, {0x202F, 0x202F}, {0x205F, 0x205F}, {0x3000, 0x3000}, {0xFEFF, 0xFEFF}});
}

Ranges normalized(Ranges r) {
  sort_items(r);
  Ranges out;
  for (const auto& [lo, hi] : r) {
    if (!out.empty() && lo <= out.back().second + 1) {
      out.back().second = std::max(out.back().second, hi);
    } else {
      out.push_back({lo, hi});
    }
  }
  return out;
}

Ranges complement(const Ranges& sorted) {
  Ranges out;
  uint32_t next = 0;
  for (const auto& [lo, hi] : sorted) {
    if (lo > next) out.push_back({next, lo - 1});
    next = hi + 1;
  }
  if (next <= kMaxCodePoint) out.push_back({next, kMaxCodePoint});
  return out;
}

// Adds the ranges of a class escape letter (d, D, w, W, s, S).
void add_class_escape(Ranges& r, uint32_t letter) {
  Ranges tmp;
  uint32_t lower = letter | 0x20;
  if (lower == 'd') add_digit(tmp);
  if (lower == 'w') add_word(tmp);
  if (lower == 's') add_space(tmp);
  if (letter != lower) tmp = complement(normalized(tmp));
  r.insert(r.end(), tmp.begin(), tmp.end());
}

bool is_class_escape(uint32_t c) {
  return c == 'd' || c == 'D' || c == 'w' || c == 'W' || c == 's' || c == 'S';
}

int hex_value(uint32_t c) {
  if (c >= '0' && c <= '9') return static_cast<int>(c - '0');
  if (c >= 'a' && c <= 'f') return static_cast<int>(c - 'a' + 10);
  if (c >= 'A' && c <= 'F') return static_cast<int>(c - 'A' + 10);
  return -1;
}

class Parser {
 public:
  Parser(std::string_view pattern, RegexProgram& program, std::string& error)
      : program_(program), error_(error) {
    for (std::size_t pos = 0; pos < pattern.size();) cps_.push_back(unicode::decode(pattern, pos));
  }

  bool parse(Node& root) {
    if (!disjunction(root, 0)) return false;
    if (pos_ < cps_.size()) return fail("unmatched ')'");
    return true;
  }

 private:
  bool at_end() const { return pos_ >= cps_.size(); }
  uint32_t peek(std::size_t ahead = 0) const {
    return pos_ + ahead < cps_.size() ? cps_[pos_ + ahead] : 0xFFFFFFFF;
  }
  bool fail(std::string message) {
    error_ = std::move(message);
    return false;
  }

  bool disjunction(Node& out, int depth) {
    Node alt;
    if (!alternative(alt, depth)) return false;
    if (peek() != '|') {
      out = std::move(alt);
      return true;
    }
    out.kind = Node::Kind::Alternate;
    out.children.push_back(std::move(alt));
    while (peek() == '|') {
      ++pos_;
      Node next;
      if (!alternative(next, depth)) return false;
      out.children.push_back(std::move(next));
    }
    return true;
  }

  bool alternative(Node& out, int depth) {
    out.kind = Node::Kind::Concat;
    while (!at_end() && peek() != '|' && peek() != ')') {
      Node atom;
      bool quantifiable = true;
      if (!term(atom, depth, quantifiable)) return false;
      if (!quantifier(atom, quantifiable)) return false;
      out.children.push_back(std::move(atom));
    }
    return true;
  }

  bool term(Node& out, int depth, bool& quantifiable) {
    uint32_t c = peek();
    ++pos_;
    switch (c) {
      case '^': out.kind = Node::Kind::LineStart; quantifiable = false; return true;
      case '$': out.kind = Node::Kind::LineEnd; quantifiable = false; return true;
      case '.': out.kind = Node::Kind::Any; return true;
      case '(': return group(out, depth);
      case '[': return char_class(out);
      case '\\': return atom_escape(out, quantifiable);
      case '*': case '+': case '?': return fail("nothing to repeat before '" + std::string(1, static_cast<char>(c)) + "'");
      case '{':
        if (parse_braces(nullptr, nullptr)) return fail("nothing to repeat before '{'");
        break;
      default: break;
    }
    out.kind = Node::Kind::Char;
    out.value = c;
    return true;
  }

  bool group(Node& out, int depth) {
    if (depth >= kMaxGroupDepth) return fail("groups nest deeper than 100 levels");
    if (peek() == '?') {
      uint32_t kind = peek(1);
      if (kind == '=' || kind == '!') return fail("lookahead (?" + std::string(1, static_cast<char>(kind)) + " is not supported");
      if (kind == '<' && (peek(2) == '=' || peek(2) == '!')) return fail("lookbehind is not supported");
      if (kind == '<') return fail("named groups are not supported");
      if (kind != ':') return fail("invalid group '(?'");
      pos_ += 2;
    }
    if (!disjunction(out, depth + 1)) return false;
    if (peek() != ')') return fail("missing ')'");
    ++pos_;
    return true;
  }

  // Parses `{n}`, `{n,}` or `{n,m}` at pos_ (which points just past '{' when
  // called from term, or at '{' from quantifier). Without outputs it only looks.
  bool parse_braces(int* min, int* max) {
    std::size_t p = pos_;
    if (p < cps_.size() && cps_[p] == '{') ++p;
    auto number = [&](long& v) {
      std::size_t start = p;
      v = 0;
      while (p < cps_.size() && cps_[p] >= '0' && cps_[p] <= '9') {
        v = std::min<long>(v * 10 + static_cast<long>(cps_[p] - '0'), 1000000);
        ++p;
      }
      return p > start;
    };
    long lo = 0;
    long hi = 0;
    if (!number(lo)) return false;
    hi = lo;
    if (p < cps_.size() && cps_[p] == ',') {
      ++p;
      if (!number(hi)) hi = -1;
    }
    if (p >= cps_.size() || cps_[p] != '}') return false;
    if (min) {
      *min = static_cast<int>(lo);
      *max = static_cast<int>(hi);
      pos_ = p + 1;
    }
    return true;
  }

  bool quantifier(Node& atom, bool quantifiable) {
    uint32_t c = peek();
    int min = 0;
    int max = 0;
    if (c == '*') {
      min = 0, max = -1, ++pos_;
    } else if (c == '+') {
      min = 1, max = -1, ++pos_;
    } else if (c == '?') {
      min = 0, max = 1, ++pos_;
    } else if (c == '{' && parse_braces(&min, &max)) {
      if (max != -1 && max < min) return fail("numbers out of order in {} quantifier");
      if (min > Regex::kMaxRepeat || max > Regex::kMaxRepeat) return fail("repetition count above 1000");
    } else {
      return true;
    }
    if (!quantifiable) return fail("nothing to repeat: an assertion cannot take a quantifier");
    if (peek() == '?') ++pos_;  // lazy: the same answer for a yes/no match
    uint32_t next = peek();
    if (next == '*' || next == '+' || next == '?' || (next == '{' && parse_braces(nullptr, nullptr))) {
      return fail("nothing to repeat: a quantifier cannot follow a quantifier");
    }
    Node repeat;
    repeat.kind = Node::Kind::Repeat;
    repeat.min = min;
    repeat.max = max;
    repeat.children.push_back(std::move(atom));
    atom = std::move(repeat);
    return true;
  }

  // After a backslash: a character escape shared by atoms and classes, or false.
  bool character_escape(uint32_t c, uint32_t& out) {
    switch (c) {
      case 'n': out = '\n'; return true;
      case 'r': out = '\r'; return true;
      case 't': out = '\t'; return true;
      case 'v': out = '\v'; return true;
      case 'f': out = '\f'; return true;
      case '0':
        if (peek() >= '0' && peek() <= '9') return fail("octal escapes are not supported");
        out = 0;
        return true;
      case 'c': {
        uint32_t letter = peek();
        if (!((letter >= 'a' && letter <= 'z') || (letter >= 'A' && letter <= 'Z'))) return fail("invalid \\c escape");
        ++pos_;
        out = letter % 32;
        return true;
      }
      case 'x': case 'u': {
        int digits = c == 'x' ? 2 : 4;
        uint32_t v = 0;
        for (int i = 0; i < digits; ++i) {
          int h = hex_value(peek());
          if (h < 0) return fail(std::string("invalid \\") + static_cast<char>(c) + " escape");
          v = v * 16 + static_cast<uint32_t>(h);
          ++pos_;
        }
        out = v;
        return true;
      }
      default: break;
    }
    if (c >= '1' && c <= '9') return fail("backreferences are not supported");
    if (c == 'k') return fail("named backreferences are not supported");
    if (c == 'p' || c == 'P') return fail("unicode property escapes are not supported");
    if ((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z')) {
      return fail(std::string("unknown escape \\") + static_cast<char>(c));
    }
    out = c;  // an escaped punctuation mark or symbol stands for itself
    return true;
  }

  bool atom_escape(Node& out, bool& quantifiable) {
    if (at_end()) return fail("pattern ends with a backslash");
    uint32_t c = peek();
    ++pos_;
    if (c == 'b' || c == 'B') {
      out.kind = c == 'b' ? Node::Kind::WordB : Node::Kind::NotWordB;
      quantifiable = false;
      return true;
    }
    if (is_class_escape(c)) {
      RegexClass cls;
      add_class_escape(cls.ranges, c);
      return emit_class(out, std::move(cls));
    }
    out.kind = Node::Kind::Char;
    return character_escape(c, out.value);
  }

  // One class atom: sets `cp`, or adds ranges and sets `is_set` for \d etc.
  bool class_atom(uint32_t& cp, bool& is_set, Ranges& ranges) {
    is_set = false;
    uint32_t c = peek();
    ++pos_;
    if (c != '\\') {
      cp = c;
      return true;
    }
    if (at_end()) return fail("pattern ends with a backslash");
    uint32_t e = peek();
    ++pos_;
    if (is_class_escape(e)) {
      add_class_escape(ranges, e);
      is_set = true;
      return true;
    }
    if (e == 'b') {
      cp = 0x08;
      return true;
    }
    if (e == '-') {
      cp = '-';
      return true;
    }
    return character_escape(e, cp);
  }

  bool char_class(Node& out) {
    RegexClass cls;
    if (peek() == '^') {
      cls.negated = true;
      ++pos_;
    }
    while (true) {
      if (at_end()) return fail("missing ']'");
      if (peek() == ']') {
        ++pos_;
        break;
      }
      uint32_t lo = 0;
      bool lo_set = false;
      if (!class_atom(lo, lo_set, cls.ranges)) return false;
      if (peek() == '-' && peek(1) != ']' && pos_ + 1 < cps_.size()) {
        ++pos_;
        uint32_t hi = 0;
        bool hi_set = false;
        if (!class_atom(hi, hi_set, cls.ranges)) return false;
        if (lo_set || hi_set) {  // Annex B: [\d-z] is \d, '-' and 'z'
          if (!lo_set) cls.ranges.push_back({lo, lo});
          if (!hi_set) cls.ranges.push_back({hi, hi});
          cls.ranges.push_back({'-', '-'});
          continue;
        }
        if (hi < lo) return fail("range out of order in character class");
        cls.ranges.push_back({lo, hi});
      } else if (!lo_set) {
        cls.ranges.push_back({lo, lo});
      }
    }
    return emit_class(out, std::move(cls));
  }

  bool emit_class(Node& out, RegexClass cls) {
    cls.ranges = normalized(std::move(cls.ranges));
    out.kind = Node::Kind::Class;
    out.value = static_cast<uint32_t>(program_.classes.size());
    program_.classes.push_back(std::move(cls));
    return true;
  }

  std::vector<uint32_t> cps_;
  std::size_t pos_ = 0;
  RegexProgram& program_;
  std::string& error_;
};

}  // namespace

bool parse_regex(std::string_view pattern, RegexProgram& program, RegexNode& root, std::string& error) {
  return Parser(pattern, program, error).parse(root);
}

}  // namespace shopkeeper
