#pragma once
// UTF-8 decoding and the simple case mappings that JavaScript's toLowerCase and
// case-insensitive regexes apply, for the scripts shops use (Latin, Greek,
// Cyrillic, Armenian, fullwidth Latin). Other code points map to themselves.

#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>

namespace shopkeeper::unicode {

/// Decodes the code point at `text[pos]` and advances `pos` past it. Invalid
/// bytes decode as U+FFFD and advance by one byte, so decoding never fails.
uint32_t decode(std::string_view text, std::size_t& pos);

/// How many continuation bytes a well-formed UTF-8 sequence led by `lead` has (RFC 3629: no
/// overlong forms, no surrogates, nothing past U+10FFFF), 0 when `lead` starts none. The byte
/// after the lead must lie in [`lo`, `hi`], the others in [0x80, 0xBF].
inline int continuation_bytes(unsigned char lead, unsigned char& lo, unsigned char& hi) {
  lo = lead == 0xE0 ? 0xA0 : lead == 0xF0 ? 0x90 : 0x80;
  hi = lead == 0xED ? 0x9F : lead == 0xF4 ? 0x8F : 0xBF;
  return lead >= 0xC2 && lead <= 0xDF ? 1 : lead >= 0xE0 && lead <= 0xEF ? 2 : lead >= 0xF0 && lead <= 0xF4 ? 3 : 0;
}

/// Appends `cp` to `out` as UTF-8.
void append(std::string& out, uint32_t cp);

/// The lowercase form of one code point (single code point mappings only).
uint32_t to_lower(uint32_t cp);

/// The uppercase form of one code point, as JavaScript's regex Canonicalize
/// uses it: never maps a non-ASCII code point to an ASCII one.
uint32_t to_upper(uint32_t cp);

/// Writes the lowercase UTF-8 form of `cp` (as toLowerCase maps it) into `buf`,
/// which must hold 8 bytes; returns the byte count.
int encode_lower(uint32_t cp, char* buf);

/// `text` lowercased the way String.prototype.toLowerCase does (İ becomes i + U+0307).
std::string lowercase(std::string_view text);

/// Appends lowercase(`text`) to `out`.
void append_lowercase(std::string_view text, std::string& out);

}  // namespace shopkeeper::unicode
