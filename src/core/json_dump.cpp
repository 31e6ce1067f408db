// dump_json and JsonWriter: JSON text byte for byte as nlohmann's dump() with
// error_handler_t::replace writes it, without its serializer and the snprintf it calls
// (which pulls in printf and musl's long-double code).

#include <cmath>
#include <cstdint>

#include "decimal.hpp"
#include "json_write.hpp"
#include "unicode.hpp"

namespace shopkeeper {

namespace {

// A byte a JSON string holds as it is.
bool plain(unsigned char c) { return c >= 0x20 && c < 0x80 && c != '"' && c != '\\'; }

}  // namespace

void JsonWriter::separate() {
  if (!first_) out_ += ',';
  first_ = false;
}

void JsonWriter::begin_object() {
  separate();
  out_ += '{';
  first_ = true;
}

void JsonWriter::end_object() {
  out_ += '}';
  first_ = false;
}

void JsonWriter::begin_array() {
  separate();
  out_ += '[';
  first_ = true;
}

void JsonWriter::end_array() {
  out_ += ']';
  first_ = false;
}

void JsonWriter::key(std::string_view k) {
  string(k);
  out_ += ':';
  first_ = true;
}

void JsonWriter::null() {
  separate();
  out_ += "null";
}

void JsonWriter::boolean(bool b) {
  separate();
  out_ += b ? "true" : "false";
}

void JsonWriter::integer(int64_t i) {
  separate();
  if (i < 0) out_ += '-';
  digits(i < 0 ? 0 - static_cast<uint64_t>(i) : static_cast<uint64_t>(i));
}

void JsonWriter::strings(const std::vector<std::string>& list) {
  begin_array();
  for (const std::string& s : list) string(s);
  end_array();
}

void JsonWriter::value(const json& v) {
  using T = json::value_t;
  switch (v.type()) {
    case T::null: return null();
    case T::discarded: separate(); out_ += "<discarded>"; return;
    case T::boolean: return boolean(*v.get_ptr<const json::boolean_t*>());
    case T::number_integer: return integer(*v.get_ptr<const json::number_integer_t*>());
    case T::number_unsigned: separate(); return digits(*v.get_ptr<const json::number_unsigned_t*>());
    case T::number_float: return number(*v.get_ptr<const json::number_float_t*>());
    case T::string: return string(*v.get_ptr<const json::string_t*>());
    case T::array:
      begin_array();
      for (const json& item : *v.get_ptr<const json::array_t*>()) value(item);
      return end_array();
    case T::object:
      begin_object();
      for (const auto& [k, item] : *v.get_ptr<const json::object_t*>()) {
        key(k);
        value(item);
      }
      return end_object();
    case T::binary: return;  // never parsed, never built
  }
}

void JsonWriter::digits(uint64_t u) {
  char buf[20];
  int n = 0;
  do {
    buf[n++] = static_cast<char>('0' + u % 10);
    u /= 10;
  } while (u > 0);
  while (n > 0) out_ += buf[--n];
}

// nlohmann's layout of the shortest round-trip digits: fixed notation from 1e-5 up to
// 1e15 (always with a fraction, "2.0"), exponent notation with a signed two-digit
// exponent elsewhere ("1e-05", "1.5e+20"); NaN and infinities as null.
void JsonWriter::number(double x) {
  separate();
  if (!std::isfinite(x)) {
    out_ += "null";
    return;
  }
  if (std::signbit(x)) {
    out_ += '-';
    x = -x;
  }
  if (x == 0) {
    out_ += "0.0";
    return;
  }
  decimal::Digits d = decimal::shortest(x);
  const int k = d.count;
  const int n = d.point;
  if (k <= n && n <= 15) {
    out_.append(d.d, static_cast<std::size_t>(k));
    out_.append(static_cast<std::size_t>(n - k), '0');
    out_ += ".0";
  } else if (0 < n && n <= 15) {
    out_.append(d.d, static_cast<std::size_t>(n));
    out_ += '.';
    out_.append(d.d + n, static_cast<std::size_t>(k - n));
  } else if (-4 < n && n <= 0) {
    out_ += "0.";
    out_.append(static_cast<std::size_t>(-n), '0');
    out_.append(d.d, static_cast<std::size_t>(k));
  } else {
    out_ += d.d[0];
    if (k > 1) {
      out_ += '.';
      out_.append(d.d + 1, static_cast<std::size_t>(k - 1));
    }
    int e = n - 1;
    out_ += e < 0 ? "e-" : "e+";
    if (e < 0) e = -e;
    if (e >= 100) out_ += static_cast<char>('0' + e / 100);
    out_ += static_cast<char>('0' + e / 10 % 10);
    out_ += static_cast<char>('0' + e % 10);
  }
}

// Escapes as nlohmann does with ensure_ascii off: quote, backslash and control characters
// (\b \t \n \f \r, else \u00xx); each ill-formed UTF-8 sequence becomes one U+FFFD, and
// reading resumes at the byte that broke it.
void JsonWriter::string(std::string_view s) {
  separate();
  static constexpr char kHex[] = "0123456789abcdef";
  out_ += '"';
  const std::size_t size = s.size();
  for (std::size_t i = 0; i < size;) {
    // Plain ASCII goes in runs: one append instead of a call per byte.
    std::size_t run = i;
    while (run < size && plain(static_cast<unsigned char>(s[run]))) ++run;
    if (run > i) {
      out_.append(s.data() + i, run - i);
      i = run;
      continue;
    }
    auto c = static_cast<unsigned char>(s[i]);
    if (c < 0x80) {
      ++i;
      switch (c) {
        case '\b': out_ += "\\b"; break;
        case '\t': out_ += "\\t"; break;
        case '\n': out_ += "\\n"; break;
        case '\f': out_ += "\\f"; break;
        case '\r': out_ += "\\r"; break;
        case '"': out_ += "\\\""; break;
        case '\\': out_ += "\\\\"; break;
        default:
          if (c <= 0x1F) {
            out_ += "\\u00";
            out_ += kHex[c >> 4];
            out_ += kHex[c & 0xF];
          } else {
            out_ += static_cast<char>(c);
          }
      }
      continue;
    }
    unsigned char lo;
    unsigned char hi;
    int more = unicode::continuation_bytes(c, lo, hi);
    std::size_t j = 1;
    for (; j <= static_cast<std::size_t>(more) && i + j < size; ++j, lo = 0x80, hi = 0xBF) {
      auto b = static_cast<unsigned char>(s[i + j]);
      if (b < lo || b > hi) break;
    }
    if (more > 0 && j == static_cast<std::size_t>(more) + 1) {
      out_.append(s.data() + i, j);
    } else {
      out_ += "\xEF\xBF\xBD";
    }
    i += j;
  }
  out_ += '"';
}

std::string dump_json(const json& value) {
  std::string out;
  JsonWriter(out).value(value);
  return out;
}

}  // namespace shopkeeper
