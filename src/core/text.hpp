#pragma once
// Byte-level string helpers: ASCII case folding, trimming, UTF-8-safe truncation.
// ASCII only on purpose: hosts and parameter names are compared as bytes, and
// anything non-ASCII (an IDN, a search term) is passed through unchanged.

#include <cstddef>
#include <string>
#include <string_view>

namespace shopkeeper {

/// True for 1 to 64 ASCII letters, digits, '-' or '_': campaign and visitor ids.
inline bool is_identifier(std::string_view s) {
  if (s.empty() || s.size() > 64) return false;
  for (char c : s) {
    bool ok = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '-' || c == '_';
    if (!ok) return false;
  }
  return true;
}

/// True for a link target a page may follow: a path starting with a single / or an http(s) URL
/// (never javascript:, data: or a protocol-relative //host). Browsers drop tabs and newlines from
/// URLs and read \ as /, so a link holding either ("/\evil.example", "/<tab>/evil.example") is
/// refused too: it would leave the shop just as "//evil.example" does.
inline bool is_link(std::string_view s) {
  for (char c : s) {
    if (static_cast<unsigned char>(c) < 0x20 || c == 0x7f || c == '\\') return false;
  }
  bool relative = !s.empty() && s[0] == '/' && (s.size() < 2 || s[1] != '/');
  return relative || s.rfind("https://", 0) == 0 || s.rfind("http://", 0) == 0;
}

/// `c` lowercased when it is an ASCII capital, otherwise unchanged.
inline char ascii_lower(char c) { return c >= 'A' && c <= 'Z' ? static_cast<char>(c - 'A' + 'a') : c; }

/// A copy of `s` with ASCII capitals lowercased.
inline std::string ascii_lowercase(std::string_view s) {
  std::string out(s);
  for (char& c : out) c = ascii_lower(c);
  return out;
}

/// True when `a` and `b` are equal ignoring ASCII case.
inline bool iequals(std::string_view a, std::string_view b) {
  if (a.size() != b.size()) return false;
  for (std::size_t i = 0; i < a.size(); ++i) {
    if (ascii_lower(a[i]) != ascii_lower(b[i])) return false;
  }
  return true;
}

/// `s` without leading and trailing spaces and ASCII control characters.
inline std::string_view trim_ascii(std::string_view s) {
  auto blank = [](char c) { return static_cast<unsigned char>(c) <= 0x20 || c == 0x7f; };
  while (!s.empty() && blank(s.front())) s.remove_prefix(1);
  while (!s.empty() && blank(s.back())) s.remove_suffix(1);
  return s;
}

/// Cuts `s` to at most `max_bytes` without splitting a UTF-8 sequence
/// (invalid UTF-8 is cut at most three bytes short, never emptied).
inline void truncate_utf8(std::string& s, std::size_t max_bytes) {
  if (s.size() <= max_bytes) return;
  std::size_t cut = max_bytes;
  while (cut > 0 && max_bytes - cut < 3 && (static_cast<unsigned char>(s[cut]) & 0xC0) == 0x80) --cut;
  s.resize(cut);
}

}  // namespace shopkeeper
