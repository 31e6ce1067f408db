// Simulates the NFA of regex_program.hpp over the text, one code point at a
// time, keeping the set of live instructions (each at most once per step):
// no backtracking, so time is O(program size × text length).

#include "regex.hpp"

#include <vector>

#include "regex_program.hpp"
#include "unicode.hpp"

namespace shopkeeper {

namespace {

// A set of program counters with O(1) insert, membership and clear.
class PcSet {
 public:
  void reset(std::size_t capacity) {
    if (sparse_.size() < capacity) {
      sparse_.resize(capacity);
      dense_.resize(capacity);
    }
    size_ = 0;
  }
  bool contains(uint32_t pc) const { return sparse_[pc] < size_ && dense_[sparse_[pc]] == pc; }
  void insert(uint32_t pc) {
    sparse_[pc] = size_;
    dense_[size_++] = pc;
  }
  void clear() { size_ = 0; }
  bool empty() const { return size_ == 0; }
  const uint32_t* begin() const { return dense_.data(); }
  const uint32_t* end() const { return dense_.data() + size_; }

 private:
  std::vector<uint32_t> sparse_;
  std::vector<uint32_t> dense_;
  uint32_t size_ = 0;
};

// Reused across calls so that matching does not allocate once warmed up.
struct Scratch {
  PcSet current;
  PcSet next;
  std::vector<uint32_t> stack;
};

Scratch& scratch() {
  thread_local Scratch s;
  return s;
}

constexpr uint32_t kNoChar = 0xFFFFFFFF;

class Vm {
 public:
  Vm(const RegexProgram& p, std::string_view text) : p_(p), text_(text), s_(scratch()) {
    s_.current.reset(p.code.size());
    s_.next.reset(p.code.size());
  }

  bool run() {
    uint32_t prev = kNoChar;
    std::size_t pos = 0;
    std::size_t after = 0;
    uint32_t cur = next_char(after);
    while (true) {
      if (p_.can_skip && s_.current.empty()) {
        while (cur != kNoChar && !p_.first_bytes[static_cast<unsigned char>(text_[pos])]) {
          prev = cur;
          pos = after;
          cur = next_char(after);
        }
        if (cur == kNoChar) return false;
      }
      bool may_start = !p_.can_skip || (cur != kNoChar && p_.first_bytes[static_cast<unsigned char>(text_[pos])]);
      if ((!p_.anchored || pos == 0) && may_start && add(s_.current, 0, pos, prev, cur)) return true;
      if (cur == kNoChar || (p_.anchored && s_.current.empty())) return false;
      uint32_t folded = p_.ignore_case ? unicode::to_upper(cur) : cur;
      std::size_t after_next = after;
      uint32_t following = next_char(after_next);
      s_.next.clear();
      for (uint32_t pc : s_.current) {
        if (consumes(p_.code[pc], cur, folded) && add(s_.next, pc + 1, after, cur, following)) return true;
      }
      std::swap(s_.current, s_.next);
      prev = cur;
      pos = after;
      cur = following;
      after = after_next;
    }
  }

 private:
  // The code point at `pos` (advancing it), or kNoChar at the end of the text.
  uint32_t next_char(std::size_t& pos) const {
    return pos < text_.size() ? unicode::decode(text_, pos) : kNoChar;
  }

  bool consumes(const RegexInst& inst, uint32_t cur, uint32_t folded) const {
    switch (inst.op) {
      case RegexOp::Char: return folded == inst.arg;
      case RegexOp::Any: return !is_line_terminator(cur);
      case RegexOp::Class: {
        const RegexClass& cls = p_.classes[inst.arg];
        bool in = cls.in_ranges(cur) ||
                  (p_.ignore_case && (cls.in_ranges(folded) || cls.in_ranges(unicode::to_lower(cur))));
        return in != cls.negated;
      }
      default: return false;
    }
  }

  // Adds `pc` and everything reachable from it without consuming input, at a
  // position between `prev` and `cur`. True as soon as Match is reachable.
  bool add(PcSet& set, uint32_t pc, std::size_t pos, uint32_t prev, uint32_t cur) {
    auto& stack = s_.stack;
    stack.clear();
    stack.push_back(pc);
    while (!stack.empty()) {
      uint32_t at = stack.back();
      stack.pop_back();
      if (set.contains(at)) continue;
      set.insert(at);
      const RegexInst& inst = p_.code[at];
      switch (inst.op) {
        case RegexOp::Match: return true;
        case RegexOp::Jump: stack.push_back(inst.arg); break;
        case RegexOp::Split:
          stack.push_back(inst.alt);
          stack.push_back(inst.arg);
          break;
        case RegexOp::LineStart:
          if (pos == 0) stack.push_back(at + 1);
          break;
        case RegexOp::LineEnd:
          if (pos == text_.size()) stack.push_back(at + 1);
          break;
        case RegexOp::WordBoundary:
        case RegexOp::NotWordBoundary: {
          bool boundary = (prev != kNoChar && is_word_char(prev)) != (cur != kNoChar && is_word_char(cur));
          if (boundary == (inst.op == RegexOp::WordBoundary)) stack.push_back(at + 1);
          break;
        }
        default: break;  // consuming instructions wait in the set for the next character
      }
    }
    return false;
  }

  const RegexProgram& p_;
  std::string_view text_;
  Scratch& s_;
};

// Searches for the literal of a literal-only program.
bool literal_search(const RegexProgram& p, std::string_view text) {
  const std::string& lit = p.literal;
  if (text.size() < lit.size()) return false;
  auto equal_at = [&](std::size_t at) {
    if (!p.ignore_case) return text.compare(at, lit.size(), lit) == 0;
    for (std::size_t i = 0; i < lit.size(); ++i) {
      char c = text[at + i];
      if ((c >= 'A' && c <= 'Z' ? static_cast<char>(c + 32) : c) != lit[i]) return false;
    }
    return true;
  };
  if (p.literal_at_start) return (!p.literal_at_end || text.size() == lit.size()) && equal_at(0);
  if (p.literal_at_end) return equal_at(text.size() - lit.size());
  if (!p.ignore_case) return text.find(lit) != std::string_view::npos;
  for (std::size_t at = 0; at + lit.size() <= text.size(); ++at) {
    if (equal_at(at)) return true;
  }
  return false;
}

}  // namespace

Regex Regex::compile(std::string_view pattern, bool ignore_case, std::string& error) {
  auto program = std::make_shared<RegexProgram>();
  Regex r;
  if (compile_regex(pattern, ignore_case, *program, error)) r.program_ = std::move(program);
  return r;
}

bool Regex::search(std::string_view text) const {
  if (!program_) return false;
  if (program_->is_literal) return literal_search(*program_, text);
  return Vm(*program_, text).run();
}

}  // namespace shopkeeper
