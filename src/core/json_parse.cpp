// parse_json: strict JSON text to a value, accepting exactly what nlohmann's parser accepts,
// without instantiating its lexer, SAX parsers and std::function callbacks, and reading
// numbers with decimal.hpp instead of strtod (which pulls in musl's long-double code).

#include <algorithm>
#include <cmath>
#include <cstdint>

#include "decimal.hpp"
#include "json_read.hpp"
#include "unicode.hpp"

namespace shopkeeper {

namespace {

bool is_digit(char c) { return c >= '0' && c <= '9'; }

int hex_digit(char c) {
  if (c >= '0' && c <= '9') return c - '0';
  c = static_cast<char>(c | 0x20);
  return c >= 'a' && c <= 'f' ? c - 'a' + 10 : -1;
}

// Recursive descent over RFC 8259 JSON with nlohmann's lexer rules: strings hold valid
// UTF-8 (RFC 3629) and no raw control characters, \u escapes pair their surrogates,
// integers stay integers (unsigned when not negative) unless they overflow 64 bits.
class Parser {
 public:
  Parser(std::string_view text, int max_depth) : p_(text.data()), end_(text.data() + text.size()), max_depth_(max_depth) {}

  bool document(json& out) {
    // nlohmann skips a UTF-8 byte order mark, and reads a NUL byte as the end of the text
    // (inside a string, where it would be an error, the string is left unterminated instead).
    if (p_ != end_ && static_cast<unsigned char>(*p_) == 0xEF) {
      if (end_ - p_ < 3 || static_cast<unsigned char>(p_[1]) != 0xBB || static_cast<unsigned char>(p_[2]) != 0xBF) return false;
      p_ += 3;
    }
    end_ = std::find(p_, end_, '\0');
    if (!value(out, 0)) return false;
    skip_whitespace();
    return p_ == end_;
  }

 private:
  void skip_whitespace() {
    while (p_ != end_ && (*p_ == ' ' || *p_ == '\t' || *p_ == '\n' || *p_ == '\r')) ++p_;
  }

  // Consumes `c` (after whitespace) when it comes next.
  bool next_is(char c) {
    skip_whitespace();
    if (p_ == end_ || *p_ != c) return false;
    ++p_;
    return true;
  }

  bool value(json& out, int depth) {
    skip_whitespace();
    if (p_ == end_) return false;
    switch (*p_) {
      case '{': return object(out, depth + 1);
      case '[': return array(out, depth + 1);
      case '"': {
        std::string text;
        if (!string(text)) return false;
        out = std::move(text);
        return true;
      }
      case 't': out = true; return literal("true");
      case 'f': out = false; return literal("false");
      case 'n': out = nullptr; return literal("null");
      default: return number(out);
    }
  }

  bool literal(std::string_view word) {
    if (static_cast<std::size_t>(end_ - p_) < word.size() || std::string_view(p_, word.size()) != word) return false;
    p_ += word.size();
    return true;
  }

  bool object(json& out, int depth) {
    if (depth > max_depth_) return false;
    ++p_;
    out = json::object();
    auto& members = out.get_ref<json::object_t&>();
    if (next_is('}')) return true;
    do {
      skip_whitespace();
      std::string key;
      if (p_ == end_ || *p_ != '"' || !string(key) || !next_is(':')) return false;
      json& member = members[std::move(key)];  // a repeated key: the last value wins
      if (!value(member, depth)) return false;
    } while (next_is(','));
    return next_is('}');
  }

  bool array(json& out, int depth) {
    if (depth > max_depth_) return false;
    ++p_;
    out = json::array();
    auto& items = out.get_ref<json::array_t&>();
    if (next_is(']')) return true;
    do {
      items.emplace_back();
      if (!value(items.back(), depth)) return false;
    } while (next_is(','));
    return next_is(']');
  }

  bool string(std::string& out) {
    ++p_;  // the opening quote
    for (;;) {
      const char* run = p_;
      while (p_ != end_ && static_cast<unsigned char>(*p_) >= 0x20 && static_cast<unsigned char>(*p_) < 0x80 && *p_ != '"' && *p_ != '\\') ++p_;
      out.append(run, static_cast<std::size_t>(p_ - run));
      if (p_ == end_) return false;
      auto c = static_cast<unsigned char>(*p_++);
      if (c == '"') return true;
      if (c == '\\') {
        if (!escape(out)) return false;
      } else if (c < 0x20 || !sequence(c, out)) {
        return false;
      }
    }
  }

  // The rest of a UTF-8 sequence led by `lead`, copied to `out` when well-formed.
  bool sequence(unsigned char lead, std::string& out) {
    unsigned char lo;
    unsigned char hi;
    int more = unicode::continuation_bytes(lead, lo, hi);
    if (more == 0) return false;
    out += static_cast<char>(lead);
    for (int i = 0; i < more; ++i, lo = 0x80, hi = 0xBF) {
      if (p_ == end_ || static_cast<unsigned char>(*p_) < lo || static_cast<unsigned char>(*p_) > hi) return false;
      out += *p_++;
    }
    return true;
  }

  bool escape(std::string& out) {
    if (p_ == end_) return false;
    char c = *p_++;
    switch (c) {
      case '"':
      case '\\':
      case '/': out += c; return true;
      case 'b': out += '\b'; return true;
      case 'f': out += '\f'; return true;
      case 'n': out += '\n'; return true;
      case 'r': out += '\r'; return true;
      case 't': out += '\t'; return true;
      case 'u': break;
      default: return false;
    }
    int cp = hex4();
    if (cp >= 0xD800 && cp <= 0xDBFF) {
      if (end_ - p_ < 2 || p_[0] != '\\' || p_[1] != 'u') return false;
      p_ += 2;
      int low = hex4();
      if (low < 0xDC00 || low > 0xDFFF) return false;
      cp = ((cp - 0xD800) << 10) + (low - 0xDC00) + 0x10000;
    } else if (cp < 0 || (cp >= 0xDC00 && cp <= 0xDFFF)) {
      return false;
    }
    unicode::append(out, static_cast<uint32_t>(cp));
    return true;
  }

  // Four hex digits as a number, or -1.
  int hex4() {
    if (end_ - p_ < 4) return -1;
    int v = 0;
    for (int i = 0; i < 4; ++i) {
      int d = hex_digit(*p_++);
      if (d < 0) return -1;
      v = v * 16 + d;
    }
    return v;
  }

  bool number(json& out) {
    const char* start = p_;
    bool negative = *p_ == '-';
    if (negative) ++p_;
    if (p_ == end_ || !is_digit(*p_)) return false;
    auto digits = [&] {
      if (p_ == end_ || !is_digit(*p_)) return false;
      while (p_ != end_ && is_digit(*p_)) ++p_;
      return true;
    };
    if (*p_ == '0') ++p_;  // a leading zero stands alone: "01" is two tokens, an error
    else digits();
    bool integer = true;
    if (p_ != end_ && *p_ == '.') {
      ++p_;
      integer = false;
      if (!digits()) return false;
    }
    if (p_ != end_ && (*p_ == 'e' || *p_ == 'E')) {
      ++p_;
      integer = false;
      if (p_ != end_ && (*p_ == '+' || *p_ == '-')) ++p_;
      if (!digits()) return false;
    }
    std::string_view text(start, static_cast<std::size_t>(p_ - start));
    if (integer) {  // as strtoull / strtoll: what overflows 64 bits is read as a double
      uint64_t u = 0;
      bool fits = true;
      for (char c : text.substr(negative ? 1 : 0)) {
        auto d = static_cast<uint64_t>(c - '0');
        if (u > (UINT64_MAX - d) / 10) fits = false;
        u = u * 10 + d;
      }
      if (fits && !negative) {
        out = u;
        return true;
      }
      if (fits && u <= uint64_t{1} << 63) {
        out = static_cast<int64_t>(0 - u);
        return true;
      }
    }
    double d = 0;
    decimal::parse(text, d);
    out = d;
    return std::isfinite(d);  // nlohmann refuses numbers past the largest double
  }

  const char* p_;
  const char* end_;
  const int max_depth_;
};

}  // namespace

json parse_json(std::string_view text, int max_depth) {
  json out;
  if (!Parser(text, max_depth).document(out)) return json(json::value_t::discarded);
  return out;
}

}  // namespace shopkeeper
