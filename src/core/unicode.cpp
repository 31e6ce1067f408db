#include "unicode.hpp"

namespace shopkeeper::unicode {

namespace {

// Uppercase → lowercase ranges. stride 2: only every other code point from
// `first` is uppercase (the alternating pairs of Latin Extended and Cyrillic).
struct CaseRange {
  uint32_t first;
  uint32_t last;
  int32_t delta;
  uint32_t stride;
};

constexpr CaseRange kLower[] = {
    {0x41, 0x5A, 32, 1},       {0xC0, 0xD6, 32, 1},       {0xD8, 0xDE, 32, 1},
    {0x100, 0x12E, 1, 2},      {0x132, 0x136, 1, 2},      {0x139, 0x147, 1, 2},
    {0x14A, 0x176, 1, 2},      {0x178, 0x178, -121, 1},   {0x179, 0x17D, 1, 2},
    {0x386, 0x386, 38, 1},     {0x388, 0x38A, 37, 1},     {0x38C, 0x38C, 64, 1},
    {0x38E, 0x38F, 63, 1},     {0x391, 0x3A1, 32, 1},     {0x3A3, 0x3AB, 32, 1},
    {0x400, 0x40F, 80, 1},     {0x410, 0x42F, 32, 1},     {0x460, 0x480, 1, 2},
    {0x48A, 0x4BE, 1, 2},      {0x4C0, 0x4C0, 15, 1},     {0x4C1, 0x4CD, 1, 2},
    {0x4D0, 0x52E, 1, 2},      {0x531, 0x556, 48, 1},     {0x1E00, 0x1E94, 1, 2},
    {0x1E9E, 0x1E9E, -7615, 1}, {0x1EA0, 0x1EFE, 1, 2},   {0xFF21, 0xFF3A, 32, 1},
    // Latin Extended-B (Romanian Ș Ț, Vietnamese Ơ Ư, digraphs) and the rarer Greek letters
    {0x1A0, 0x1A4, 1, 2},      {0x1AF, 0x1AF, 1, 1},      {0x1B3, 0x1B5, 1, 2},
    {0x1C4, 0x1C4, 2, 1},      {0x1C5, 0x1C5, 1, 1},      {0x1C7, 0x1C7, 2, 1},
    {0x1C8, 0x1C8, 1, 1},      {0x1CA, 0x1CA, 2, 1},      {0x1CB, 0x1DB, 1, 2},
    {0x1DE, 0x1EE, 1, 2},      {0x1F1, 0x1F1, 2, 1},      {0x1F2, 0x1F4, 1, 2},
    {0x1F8, 0x21E, 1, 2},      {0x222, 0x232, 1, 2},      {0x246, 0x24E, 1, 2},
    {0x370, 0x372, 1, 2},      {0x376, 0x376, 1, 1},      {0x3D8, 0x3EE, 1, 2},
    {0x3F7, 0x3F7, 1, 1},      {0x3FA, 0x3FA, 1, 1},
};

bool in_range(const CaseRange& r, uint32_t cp, uint32_t first, uint32_t last) {
  return cp >= first && cp <= last && (cp - first) % r.stride == 0;
}

// Writes `cp` as UTF-8 into `buf` (at least 4 bytes); returns the byte count.
int encode(uint32_t cp, char* buf) {
  if (cp < 0x80) {
    buf[0] = static_cast<char>(cp);
    return 1;
  }
  if (cp < 0x800) {
    buf[0] = static_cast<char>(0xC0 | (cp >> 6));
    buf[1] = static_cast<char>(0x80 | (cp & 0x3F));
    return 2;
  }
  if (cp < 0x10000) {
    buf[0] = static_cast<char>(0xE0 | (cp >> 12));
    buf[1] = static_cast<char>(0x80 | ((cp >> 6) & 0x3F));
    buf[2] = static_cast<char>(0x80 | (cp & 0x3F));
    return 3;
  }
  buf[0] = static_cast<char>(0xF0 | (cp >> 18));
  buf[1] = static_cast<char>(0x80 | ((cp >> 12) & 0x3F));
  buf[2] = static_cast<char>(0x80 | ((cp >> 6) & 0x3F));
  buf[3] = static_cast<char>(0x80 | (cp & 0x3F));
  return 4;
}

}  // namespace

uint32_t decode(std::string_view text, std::size_t& pos) {
  auto byte = [&](std::size_t i) { return static_cast<unsigned char>(text[i]); };
  unsigned char b0 = byte(pos);
  if (b0 < 0x80) {
    ++pos;
    return b0;
  }
  int len = b0 >= 0xF0 ? (b0 <= 0xF4 ? 4 : 0) : b0 >= 0xE0 ? 3 : b0 >= 0xC2 ? 2 : 0;
  if (len == 0 || pos + len > text.size()) {
    ++pos;
    return 0xFFFD;
  }
  uint32_t cp = b0 & (0x7F >> len);
  for (int i = 1; i < len; ++i) {
    unsigned char b = byte(pos + i);
    if ((b & 0xC0) != 0x80) {
      ++pos;
      return 0xFFFD;
    }
    cp = (cp << 6) | (b & 0x3F);
  }
  bool overlong = (len == 3 && cp < 0x800) || (len == 4 && (cp < 0x10000 || cp > 0x10FFFF));
  if (overlong || (cp >= 0xD800 && cp <= 0xDFFF)) {
    ++pos;
    return 0xFFFD;
  }
  pos += len;
  return cp;
}

void append(std::string& out, uint32_t cp) {
  char buf[4];
  out.append(buf, encode(cp, buf));
}

int encode_lower(uint32_t cp, char* buf) {
  if (cp == 0x130) {  // İ lowercases to two code points in JavaScript
    buf[0] = 'i';
    return 1 + encode(0x307, buf + 1);
  }
  return encode(to_lower(cp), buf);
}

uint32_t to_lower(uint32_t cp) {
  if (cp < 0x80) return cp >= 'A' && cp <= 'Z' ? cp + 32 : cp;
  for (const auto& r : kLower) {
    if (in_range(r, cp, r.first, r.last)) return static_cast<uint32_t>(static_cast<int32_t>(cp) + r.delta);
  }
  return cp;
}

uint32_t to_upper(uint32_t cp) {
  if (cp < 0x80) return cp >= 'a' && cp <= 'z' ? cp - 32 : cp;
  if (cp == 0x3C2) return 0x3A3;  // final sigma
  if (cp == 0xB5) return 0x39C;   // micro sign
  if (cp == 0xDF) return cp;      // ß uppercases to "SS", which Canonicalize keeps as ß
  for (const auto& r : kLower) {
    uint32_t first = static_cast<uint32_t>(static_cast<int32_t>(r.first) + r.delta);
    uint32_t last = static_cast<uint32_t>(static_cast<int32_t>(r.last) + r.delta);
    if (in_range(r, cp, first, last)) return static_cast<uint32_t>(static_cast<int32_t>(cp) - r.delta);
  }
  return cp;
}

void append_lowercase(std::string_view text, std::string& out) {
  for (std::size_t pos = 0; pos < text.size();) {
    if (static_cast<unsigned char>(text[pos]) < 0x80) {  // ASCII fast path
      char c = text[pos++];
      out.push_back(c >= 'A' && c <= 'Z' ? static_cast<char>(c + 32) : c);
      continue;
    }
    char buf[8];
    out.append(buf, encode_lower(decode(text, pos), buf));
  }
}

std::string lowercase(std::string_view text) {
  std::string out;
  out.reserve(text.size());
  append_lowercase(text, out);
  return out;
}

}  // namespace shopkeeper::unicode
