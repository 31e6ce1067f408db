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
