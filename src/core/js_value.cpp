#include "js_value.hpp"

#include <cmath>
#include <limits>

#include "decimal.hpp"
#include "unicode.hpp"

namespace shopkeeper::js {

namespace {

constexpr double kNaN = std::numeric_limits<double>::quiet_NaN();
constexpr int kMaxJoinDepth = 64;  // deeper nested arrays join as "" (JS would recurse)

// Reused buffer for ToPrimitive of arrays, so coercions do not allocate once warm.
std::string& scratch() {
  thread_local std::string s;
  return s;
}

// Streams ToString(value) into `put`, which returns false to stop early.
template <class Put>
bool emit(const json* v, Put& put, int depth) {
  if (!v || v->is_null()) return put("null");
  if (v->is_string()) return put(v->get_ref<const json::string_t&>());
  if (v->is_boolean()) return put(v->get<bool>() ? "true" : "false");
  if (v->is_number()) {
    char buf[32];
    return put(std::string_view(buf, format_number(number_of(*v), buf)));
  }
  if (v->is_array()) {
    if (depth >= kMaxJoinDepth) return true;
    bool first = true;
    for (const auto& item : *v) {
      if (!first && !put(",")) return false;
      first = false;
      if (!item.is_null() && !emit(&item, put, depth + 1)) return false;
    }
    return true;
  }
  return put("[object Object]");
}

bool is_js_whitespace(uint32_t cp) {
  return (cp >= 0x09 && cp <= 0x0D) || cp == 0x20 || cp == 0xA0 || cp == 0x1680 || (cp >= 0x2000 && cp <= 0x200A) ||
         cp == 0x2028 || cp == 0x2029 || cp == 0x202F || cp == 0x205F || cp == 0x3000 || cp == 0xFEFF;
}

std::string_view trim(std::string_view text) {
  std::size_t start = 0;
  while (start < text.size()) {
    std::size_t next = start;
    if (!is_js_whitespace(unicode::decode(text, next))) break;
    start = next;
  }
  std::size_t end = text.size();
  while (end > start) {
    std::size_t back = end - 1;  // step back to the start of the last code point
    while (back > start && (static_cast<unsigned char>(text[back]) & 0xC0) == 0x80) --back;
    std::size_t probe = back;
    if (!is_js_whitespace(unicode::decode(text, probe))) break;
    end = back;
  }
  return text.substr(start, end - start);
}

double parse_radix(std::string_view digits, int base) {
  if (digits.empty()) return kNaN;
  double v = 0;
  for (char c : digits) {
    int d = c >= '0' && c <= '9' ? c - '0' : c >= 'a' && c <= 'f' ? c - 'a' + 10 : c >= 'A' && c <= 'F' ? c - 'A' + 10 : 99;
    if (d >= base) return kNaN;
    v = v * base + d;
  }
  return v;
}

// True when `s` is a StrUnsignedDecimalLiteral other than Infinity.
bool is_decimal(std::string_view s) {
  std::size_t i = 0;
  std::size_t digits = 0;
  while (i < s.size() && s[i] >= '0' && s[i] <= '9') ++i, ++digits;
  if (i < s.size() && s[i] == '.') {
    ++i;
    while (i < s.size() && s[i] >= '0' && s[i] <= '9') ++i, ++digits;
  }
  if (digits == 0) return false;
  if (i < s.size() && (s[i] == 'e' || s[i] == 'E')) {
    ++i;
    if (i < s.size() && (s[i] == '+' || s[i] == '-')) ++i;
    std::size_t exp_start = i;
    while (i < s.size() && s[i] >= '0' && s[i] <= '9') ++i;
    if (i == exp_start) return false;
  }
  return i == s.size();
}

}  // namespace

std::size_t format_number(double v, char* buf) {
  auto put = [&](const char* s) {
    std::size_t n = 0;
    while (s[n]) buf[n] = s[n], ++n;
    return n;
  };
  if (std::isnan(v)) return put("NaN");
  if (v == 0) return put("0");
  if (std::isinf(v)) return put(v > 0 ? "Infinity" : "-Infinity");
  std::size_t n = 0;
  if (v < 0) {
    buf[n++] = '-';
    v = -v;
  }
  if (v < 9007199254740992.0 && v == std::floor(v)) {
    char digits[20];
    int k = 0;
    for (auto u = static_cast<uint64_t>(v); u > 0; u /= 10) digits[k++] = static_cast<char>('0' + u % 10);
    while (k > 0) buf[n++] = digits[--k];
    return n;
  }
  if (v >= 1e-6 && v < 1e9) {
    // Ordinary decimals: the fewest fractional digits k (up to 6) whose integer
    // n reads back exactly. n / 10^k is correctly rounded like parsing "n e-k",
    // and below 1e9 a step of 10^-6 exceeds the double spacing, so n is unique.
    static constexpr double kPow10[] = {1, 10, 100, 1e3, 1e4, 1e5, 1e6};
    for (int k = 1; k <= 6; ++k) {
      double scaled = std::round(v * kPow10[k]);
      if (scaled / kPow10[k] != v) continue;
      char digits[24];
      int len = 0;
      for (auto u = static_cast<uint64_t>(scaled); u > 0; u /= 10) digits[len++] = static_cast<char>('0' + u % 10);
      while (len <= k) digits[len++] = '0';  // a leading "0." for values below 1
      for (int i = len - 1; i >= 0; --i) {
        buf[n++] = digits[i];
        if (i == k) buf[n++] = '.';
      }
      return n;
    }
  }
  // The shortest digit string that reads back as v, then JavaScript's layout rules.
  decimal::Digits d = decimal::shortest(v);
  const int k = d.count;
  const int point = d.point;  // the decimal point sits after `point` digits
  const char* digits = d.d;
  if (k <= point && point <= 21) {
    for (int i = 0; i < k; ++i) buf[n++] = digits[i];
    for (int i = k; i < point; ++i) buf[n++] = '0';
  } else if (0 < point && point <= 21) {
    for (int i = 0; i < k; ++i) {
      if (i == point) buf[n++] = '.';
      buf[n++] = digits[i];
    }
  } else if (-6 < point && point <= 0) {
    buf[n++] = '0';
    buf[n++] = '.';
    for (int i = point; i < 0; ++i) buf[n++] = '0';
    for (int i = 0; i < k; ++i) buf[n++] = digits[i];
  } else {
    buf[n++] = digits[0];
    if (k > 1) buf[n++] = '.';
    for (int i = 1; i < k; ++i) buf[n++] = digits[i];
    int e = point - 1;
    buf[n++] = 'e';
    buf[n++] = e < 0 ? '-' : '+';
    if (e < 0) e = -e;
    if (e >= 100) buf[n++] = static_cast<char>('0' + e / 100);
    if (e >= 10) buf[n++] = static_cast<char>('0' + e / 10 % 10);
    buf[n++] = static_cast<char>('0' + e % 10);
  }
  return n;
}

double to_number(std::string_view text) {
  std::string_view s = trim(text);
  if (s.empty()) return 0;
  if (s.size() > 2 && s[0] == '0') {
    char kind = static_cast<char>(s[1] | 0x20);
    if (kind == 'x') return parse_radix(s.substr(2), 16);
    if (kind == 'o') return parse_radix(s.substr(2), 8);
    if (kind == 'b') return parse_radix(s.substr(2), 2);
  }
  bool negative = s[0] == '-';
  std::string_view body = (s[0] == '-' || s[0] == '+') ? s.substr(1) : s;
  if (body == "Infinity") return negative ? -HUGE_VAL : HUGE_VAL;
  double v = kNaN;
  if (is_decimal(body)) decimal::parse(s, v);
  return v;
}

double to_number(const json* value) {
  if (!value || value->is_null()) return 0;
  if (value->is_number()) return number_of(*value);
  if (value->is_boolean()) return value->get<bool>() ? 1 : 0;
  if (value->is_string()) return to_number(std::string_view(value->get_ref<const json::string_t&>()));
  if (value->is_array()) {
    std::string& joined = scratch();
    joined.clear();
    append_string(value, joined);
    return to_number(std::string_view(joined));
  }
  return kNaN;
}

void append_string(const json* value, std::string& out) {
  auto put = [&](std::string_view piece) {
    out.append(piece);
    return true;
  };
  emit(value, put, 0);
}

bool string_equals(const json* value, std::string_view expected, bool lowercase) {
  if (!lowercase && value && value->is_string()) return value->get_ref<const json::string_t&>() == expected;
  auto put = [&](std::string_view piece) {
    if (!lowercase) {
      if (piece.size() > expected.size() || expected.compare(0, piece.size(), piece) != 0) return false;
      expected.remove_prefix(piece.size());
      return true;
    }
    for (std::size_t pos = 0; pos < piece.size();) {
      char buf[8];
      int n = unicode::encode_lower(unicode::decode(piece, pos), buf);
      if (static_cast<std::size_t>(n) > expected.size() || expected.compare(0, n, buf, n) != 0) return false;
      expected.remove_prefix(n);
    }
    return true;
  };
  return emit(value, put, 0) && expected.empty();
}

bool truthy(const json* value) {
  if (!value || value->is_null()) return false;
  if (value->is_boolean()) return value->get<bool>();
  if (value->is_number()) {
    double d = number_of(*value);
    return d != 0 && !std::isnan(d);
  }
  if (value->is_string()) return !value->get_ref<const json::string_t&>().empty();
  return true;
}

const char* type_name(const json* value) {
  if (!value || value->is_null()) return "null";
  if (value->is_array()) return "array";
  if (value->is_string()) return "string";
  if (value->is_number()) return "number";
  if (value->is_boolean()) return "boolean";
  return "object";
}

Order compare(const json* actual, const std::string* operand_string, double operand_number) {
  std::string_view text;
  bool is_text = true;
  if (actual && actual->is_string()) {
    text = actual->get_ref<const json::string_t&>();
  } else if (actual && actual->is_array()) {
    std::string& joined = scratch();
    joined.clear();
    append_string(actual, joined);
    text = joined;
  } else if (actual && actual->is_object()) {
    text = "[object Object]";
  } else {
    is_text = false;
  }
  if (is_text && operand_string) {
    int c = text.compare(*operand_string);
    return c < 0 ? Order::Less : c > 0 ? Order::Greater : Order::Equal;
  }
  double a = is_text ? to_number(text) : to_number(actual);
  double b = operand_number;
  if (std::isnan(a) || std::isnan(b)) return Order::Unordered;
  return a < b ? Order::Less : a > b ? Order::Greater : Order::Equal;
}

}  // namespace shopkeeper::js
