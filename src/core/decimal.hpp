#pragma once
// Exact conversions between decimal text and doubles, without strtod or printf: in wasm
// those pull in musl's long-double arithmetic and the whole printf engine (~20 KB). One
// arbitrary-precision decimal (the algorithm of Go's strconv fallback) serves reading,
// shortest round-trip digits and rounding to a precision, all correctly rounded.

#include <string_view>

namespace shopkeeper::decimal {

/// The significant digits of a finite nonzero magnitude: |v| = 0.d[0]d[1]...d[count-1] × 10^point,
/// with no leading or trailing zeros.
struct Digits {
  char d[18];
  int count = 0;
  int point = 0;
};

/// Reads `[+-]digits[.digits][(e|E)[+-]digits]` (either digit run may be empty, not both), correctly
/// rounded as strtod does: ±infinity past the largest double, ±0 below the smallest. False when
/// `text` is anything else (no surrounding whitespace, no hex, no inf/nan).
bool parse(std::string_view text, double& out);

/// The fewest digits that read back as `v` (finite, nonzero), the closest to `v` among those:
/// the digits of JavaScript's Number::toString.
Digits shortest(double v);

/// `v` (finite, nonzero) rounded to `precision` (1 to 17) significant digits, ties to even on the
/// exact binary value, as printf rounds; trailing zeros dropped.
Digits rounded(double v, int precision);

}  // namespace shopkeeper::decimal
