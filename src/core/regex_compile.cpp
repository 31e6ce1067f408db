// Turns a parsed pattern into the NFA program: expands repetitions, lays out
// splits and jumps, and records what lets the search skip ahead (an anchored
// start, the bytes a match can begin with, a purely literal pattern).

#include <algorithm>

#include "regex.hpp"
#include "regex_ast.hpp"
#include "regex_program.hpp"
#include "unicode.hpp"

namespace shopkeeper {

namespace {

using Node = RegexNode;

// Instructions a node compiles to, saturating well above the limit.
uint64_t program_size(const Node& n) {
  constexpr uint64_t kCap = uint64_t{1} << 40;
  switch (n.kind) {
    case Node::Kind::Concat: {
      uint64_t total = 0;
      for (const auto& c : n.children) total = std::min(kCap, total + program_size(c));
      return total;
    }
    case Node::Kind::Alternate: {
      uint64_t total = 0;
      for (const auto& c : n.children) total = std::min(kCap, total + program_size(c) + 2);
      return total;
    }
    case Node::Kind::Repeat: {
      uint64_t body = program_size(n.children.front());
      uint64_t fixed = body * static_cast<uint64_t>(n.min);
      uint64_t optional = n.max < 0 ? body + 2 : (body + 1) * static_cast<uint64_t>(n.max - n.min);
      return std::min(kCap, fixed + optional);
    }
    case Node::Kind::Empty: return 0;
    default: return 1;
  }
}

bool starts_anchored(const Node& n) {
  switch (n.kind) {
    case Node::Kind::LineStart: return true;
    case Node::Kind::Concat: return !n.children.empty() && starts_anchored(n.children.front());
    case Node::Kind::Alternate:
      return std::all_of(n.children.begin(), n.children.end(), [](const Node& c) { return starts_anchored(c); });
    default: return false;
  }
}

class Emitter {
 public:
  Emitter(RegexProgram& program, bool ignore_case) : code_(program.code), ignore_case_(ignore_case) {}

  void emit(const Node& n) {
    switch (n.kind) {
      case Node::Kind::Empty: return;
      case Node::Kind::Char: push(RegexOp::Char, ignore_case_ ? unicode::to_upper(n.value) : n.value); return;
      case Node::Kind::Any: push(RegexOp::Any); return;
      case Node::Kind::Class: push(RegexOp::Class, n.value); return;
      case Node::Kind::LineStart: push(RegexOp::LineStart); return;
      case Node::Kind::LineEnd: push(RegexOp::LineEnd); return;
      case Node::Kind::WordB: push(RegexOp::WordBoundary); return;
      case Node::Kind::NotWordB: push(RegexOp::NotWordBoundary); return;
      case Node::Kind::Concat:
        for (const auto& c : n.children) emit(c);
        return;
      case Node::Kind::Alternate: return alternate(n);
      case Node::Kind::Repeat: return repeat(n);
    }
  }

 private:
  uint32_t push(RegexOp op, uint32_t arg = 0, uint32_t alt = 0) {
    code_.push_back({op, arg, alt});
    return static_cast<uint32_t>(code_.size() - 1);
  }
  uint32_t here() const { return static_cast<uint32_t>(code_.size()); }

  void alternate(const Node& n) {
    std::vector<uint32_t> jumps;
    for (std::size_t i = 0; i < n.children.size(); ++i) {
      bool last = i + 1 == n.children.size();
      uint32_t split = last ? 0 : push(RegexOp::Split);
      if (!last) code_[split].arg = here();
      emit(n.children[i]);
      if (!last) {
        jumps.push_back(push(RegexOp::Jump));
        code_[split].alt = here();
      }
    }
    for (uint32_t j : jumps) code_[j].arg = here();
  }

  void repeat(const Node& n) {
    const Node& body = n.children.front();
    for (int i = 0; i < n.min; ++i) emit(body);
    if (n.max < 0) {
      uint32_t split = push(RegexOp::Split);
      code_[split].arg = here();
      emit(body);
      push(RegexOp::Jump, split);
      code_[split].alt = here();
      return;
    }
    std::vector<uint32_t> splits;
    for (int i = n.min; i < n.max; ++i) {
      uint32_t split = push(RegexOp::Split);
      code_[split].arg = here();
      splits.push_back(split);
      emit(body);
    }
    for (uint32_t s : splits) code_[s].alt = here();
  }

  std::vector<RegexInst>& code_;
  bool ignore_case_;
};

uint8_t lead_byte(uint32_t cp) {
  if (cp < 0x80) return static_cast<uint8_t>(cp);
  if (cp < 0x800) return static_cast<uint8_t>(0xC0 | (cp >> 6));
  if (cp < 0x10000) return static_cast<uint8_t>(0xE0 | (cp >> 12));
  return static_cast<uint8_t>(0xF0 | (cp >> 18));
}

// Recognises a pattern that is literal text between an optional ^ and $.
void detect_literal(const Node& root, RegexProgram& p) {
  if (root.kind != Node::Kind::Concat) return;
  auto begin = root.children.begin();
  auto end = root.children.end();
  bool at_start = begin != end && begin->kind == Node::Kind::LineStart;
  if (at_start) ++begin;
  bool at_end = begin != end && std::prev(end)->kind == Node::Kind::LineEnd;
  if (at_end) --end;
  std::string text;
  for (auto it = begin; it != end; ++it) {
    if (it->kind != Node::Kind::Char || it->value == 0xFFFD) return;
    if (p.ignore_case && it->value >= 0x80) return;
    unicode::append(text, p.ignore_case ? unicode::to_lower(it->value) : it->value);
  }
  p.is_literal = true;
  p.literal_at_start = at_start;
  p.literal_at_end = at_end;
  p.literal = std::move(text);
}

// Marks the bytes that can start a character `cp` matches; conservative for
// non-ASCII under the i flag, where case variants have other lead bytes.
void mark_first(RegexProgram& p, uint32_t cp) {
  if (p.ignore_case && cp >= 0x80) {
    for (int b = 0x80; b < 0x100; ++b) p.first_bytes[b] = true;
    return;
  }
  p.first_bytes[lead_byte(cp)] = true;
  if (p.ignore_case) {
    p.first_bytes[unicode::to_lower(cp)] = true;
    p.first_bytes[unicode::to_upper(cp)] = true;
  }
}

// Follows the non-consuming instructions from the start (assuming every
// assertion holds) to find the characters a match can begin with.
void compute_first_bytes(RegexProgram& p) {
  p.can_skip = false;
  if (p.anchored) return;
  std::vector<char> seen(p.code.size());  // not vector<bool>: its bit proxies are more wasm
  std::vector<uint32_t> stack{0};
  while (!stack.empty()) {
    uint32_t pc = stack.back();
    stack.pop_back();
    if (seen[pc]) continue;
    seen[pc] = true;
    const RegexInst& inst = p.code[pc];
    switch (inst.op) {
      case RegexOp::Match:
      case RegexOp::Any: return;  // an empty match, or any character at all
      case RegexOp::Jump: stack.push_back(inst.arg); break;
      case RegexOp::Split:
        stack.push_back(inst.arg);
        stack.push_back(inst.alt);
        break;
      case RegexOp::Char: mark_first(p, inst.arg); break;
      case RegexOp::Class: {
        const RegexClass& cls = p.classes[inst.arg];
        if (cls.negated) return;
        for (const auto& [lo, hi] : cls.ranges) {
          for (uint32_t c = lo; c <= std::min<uint32_t>(hi, 0x7F); ++c) mark_first(p, c);
          if (hi >= 0x80) {
            for (int b = 0x80; b < 0x100; ++b) p.first_bytes[b] = true;
          }
        }
        break;
      }
      default: stack.push_back(pc + 1); break;  // assertions
    }
  }
  p.can_skip = true;
}

}  // namespace

bool RegexClass::in_ranges(uint32_t cp) const {
  auto it = std::upper_bound(ranges.begin(), ranges.end(), cp,
                             [](uint32_t v, const std::pair<uint32_t, uint32_t>& r) { return v < r.first; });
  return it != ranges.begin() && cp <= std::prev(it)->second;
}

bool compile_regex(std::string_view pattern, bool ignore_case, RegexProgram& out, std::string& error) {
  if (pattern.size() > Regex::kMaxPatternBytes) {
    error = "pattern longer than 1000 bytes";
    return false;
  }
  Node root;
  if (!parse_regex(pattern, out, root, error)) return false;
  if (program_size(root) + 1 > Regex::kMaxProgramSize) {
    error = "pattern too large once its repetitions are expanded";
    return false;
  }
  out.ignore_case = ignore_case;
  out.anchored = starts_anchored(root);
  out.code.reserve(static_cast<std::size_t>(program_size(root)) + 1);
  Emitter(out, ignore_case).emit(root);
  out.code.push_back({RegexOp::Match});
  compute_first_bytes(out);
  detect_literal(root, out);
  return true;
}

}  // namespace shopkeeper
