// dump_json: a value as JSON text, byte for byte as nlohmann's dump() with
// error_handler_t::replace writes it, without its serializer and the snprintf it calls
// (which pulls in printf and musl's long-double code).

#include <cmath>
#include <cstdint>

#include "decimal.hpp"
#include "json_read.hpp"
#include "unicode.hpp"

namespace shopkeeper {

namespace {

class Writer {
 public:
  explicit Writer(std::string& out) : out_(out) {}

  void value(const json& v) {
    using T = json::value_t;
    switch (v.type()) {
      case T::null: out_ += "null"; return;
      case T::discarded: out_ += "<discarded>"; return;
      case T::boolean: out_ += *v.get_ptr<const json::boolean_t*>() ? "true" : "false"; return;
      case T::number_integer: {
        int64_t i = *v.get_ptr<const json::number_integer_t*>();
        if (i < 0) out_ += '-';
        return integer(i < 0 ? 0 - static_cast<uint64_t>(i) : static_cast<uint64_t>(i));
      }
      case T::number_unsigned: return integer(*v.get_ptr<const json::number_unsigned_t*>());
      case T::number_float: return number(*v.get_ptr<const json::number_float_t*>());
      case T::string: return string(*v.get_ptr<const json::string_t*>());
      case T::array: {
        out_ += '[';
        bool first = true;
        for (const json& item : *v.get_ptr<const json::array_t*>()) {
          if (!first) out_ += ',';
          first = false;
          value(item);
        }
        out_ += ']';
        return;
      }
      case T::object: {
        out_ += '{';
        bool first = true;
        for (const auto& [key, item] : *v.get_ptr<const json::object_t*>()) {
          if (!first) out_ += ',';
          first = false;
          string(key);
          out_ += ':';
          value(item);
        }
        out_ += '}';
        return;
      }
      case T::binary: return;  // never parsed, never built
    }
  }

 private:
  void integer(uint64_t u) {
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
  void number(double x) {
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
  static bool plain(unsigned char c) { return c >= 0x20 && c < 0x80 && c != '"' && c != '\\'; }

  void string(const std::string& s) {
    static constexpr char kHex[] = "0123456789abcdef";
    out_ += '"';
    const std::size_t size = s.size();
    for (std::size_t i = 0; i < size;) {
      // Plain ASCII goes in runs: one append instead of a call per byte.
      std::size_t run = i;
      while (run < size && plain(static_cast<unsigned char>(s[run]))) ++run;
      if (run > i) {
        out_.append(s, i, run - i);
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
        out_.append(s, i, j);
      } else {
        out_ += "\xEF\xBF\xBD";
      }
      i += j;
    }
    out_ += '"';
  }

  std::string& out_;
};

}  // namespace

std::string dump_json(const json& value) {
  std::string out;
  Writer(out).value(value);
  return out;
}

}  // namespace shopkeeper
