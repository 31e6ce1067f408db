#include "decimal.hpp"

#include <cstdint>
#include <cstring>

#include <algorithm>

namespace shopkeeper::decimal {

namespace {

// A decimal of up to 800 significant digits, enough to hold the exact value of any double
// and to round any decimal text correctly (Go's strconv.decimal, whose proofs apply).
constexpr int kMaxDigits = 800;
// The widest binary shift done in one pass: n holds (9 << k) + 9 in 64 bits.
constexpr int kMaxShift = 60;

struct Big {
  char d[kMaxDigits + 1];  // one spare digit for left_shift
  int nd = 0;          // digits used
  int dp = 0;          // the decimal point sits after d[dp - 1]
  bool neg = false;
  bool trunc = false;  // nonzero digits were dropped past d[kMaxDigits - 1]
};

void trim(Big& a) {
  while (a.nd > 0 && a.d[a.nd - 1] == '0') --a.nd;
  if (a.nd == 0) a.dp = 0;
}

void assign(Big& a, uint64_t v) {
  char buf[24];
  int n = 0;
  for (; v > 0; v /= 10) buf[n++] = static_cast<char>('0' + v % 10);
  a.nd = 0;
  while (n > 0) a.d[a.nd++] = buf[--n];
  a.dp = a.nd;
  trim(a);
}

// Divides by 2^k.
void right_shift(Big& a, int k) {
  int r = 0;
  int w = 0;
  uint64_t n = 0;
  for (; (n >> k) == 0; ++r) {
    if (r >= a.nd) {
      if (n == 0) {
        a.nd = 0;
        return;
      }
      while ((n >> k) == 0) {
        n *= 10;
        ++r;
      }
      break;
    }
    n = n * 10 + static_cast<uint64_t>(a.d[r] - '0');
  }
  a.dp -= r - 1;
  const uint64_t mask = (uint64_t{1} << k) - 1;
  for (; r < a.nd; ++r) {
    uint64_t c = static_cast<uint64_t>(a.d[r] - '0');
    a.d[w++] = static_cast<char>('0' + (n >> k));
    n = (n & mask) * 10 + c;
  }
  while (n > 0) {
    uint64_t dig = n >> k;
    n &= mask;
    if (w < kMaxDigits) a.d[w++] = static_cast<char>('0' + dig);
    else if (dig > 0) a.trunc = true;
    n *= 10;
  }
  a.nd = w;
  trim(a);
}

// Multiplies by 2^k, writing from the last digit back. That adds as many digits as 2^k
// has, or one fewer (Go looks the count up in a table of 5^k; when it is one fewer, the
// digits are moved down one place here instead).
void left_shift(Big& a, int k) {
  int delta = 0;
  for (uint64_t p = uint64_t{1} << k; p > 0; p /= 10) ++delta;
  int w = a.nd + delta;
  uint64_t n = 0;
  auto put = [&](uint64_t& value) {
    uint64_t quo = value / 10;
    uint64_t rem = value - 10 * quo;
    --w;
    if (w <= kMaxDigits) a.d[w] = static_cast<char>('0' + rem);
    else if (rem != 0) a.trunc = true;
    value = quo;
  };
  for (int r = a.nd - 1; r >= 0; --r) {
    n += static_cast<uint64_t>(a.d[r] - '0') << k;
    put(n);
  }
  while (n > 0) put(n);
  if (w > 0) {  // one digit fewer
    --delta;
    std::memmove(a.d, a.d + 1, static_cast<std::size_t>(std::min(a.nd + delta, kMaxDigits)));
  } else if (a.nd + delta > kMaxDigits && a.d[kMaxDigits] != '0') {
    a.trunc = true;
  }
  a.nd = std::min(a.nd + delta, kMaxDigits);
  a.dp += delta;
  trim(a);
}

// Multiplies by 2^k (k > 0) or divides by 2^-k.
void shift(Big& a, int k) {
  if (a.nd == 0) return;
  for (; k > kMaxShift; k -= kMaxShift) left_shift(a, kMaxShift);
  for (; k < -kMaxShift; k += kMaxShift) right_shift(a, kMaxShift);
  if (k > 0) left_shift(a, k);
  if (k < 0) right_shift(a, -k);
}

// Whether cutting `a` to nd digits rounds up: ties go to even.
bool should_round_up(const Big& a, int nd) {
  if (nd < 0 || nd >= a.nd) return false;
  if (a.d[nd] == '5' && nd + 1 == a.nd) {
    if (a.trunc) return true;  // a little above the tie
    return nd > 0 && (a.d[nd - 1] - '0') % 2 == 1;
  }
  return a.d[nd] >= '5';
}

// Rounds `a` to nd significant digits (or fewer: trailing zeros go).
void round(Big& a, int nd) {
  if (nd < 0 || nd >= a.nd) return;
  if (!should_round_up(a, nd)) {
    a.nd = nd;
    trim(a);
    return;
  }
  for (int i = nd - 1; i >= 0; --i) {
    if (a.d[i] < '9') {
      ++a.d[i];
      a.nd = i + 1;
      return;
    }
  }
  a.d[0] = '1';  // all nines
  a.nd = 1;
  ++a.dp;
}

// The integer part, rounded.
uint64_t rounded_integer(const Big& a) {
  if (a.dp > 20) return UINT64_MAX;
  uint64_t n = 0;
  int i = 0;
  for (; i < a.dp && i < a.nd; ++i) n = n * 10 + static_cast<uint64_t>(a.d[i] - '0');
  for (; i < a.dp; ++i) n *= 10;
  if (should_round_up(a, a.dp)) ++n;
  return n;
}

constexpr double kPow10[] = {1e0,  1e1,  1e2,  1e3,  1e4,  1e5,  1e6,  1e7,  1e8,  1e9,  1e10, 1e11,
                             1e12, 1e13, 1e14, 1e15, 1e16, 1e17, 1e18, 1e19, 1e20, 1e21, 1e22};

double from_bits(uint64_t bits) {
  double v;
  std::memcpy(&v, &bits, sizeof v);
  return v;
}

// The double nearest to `a` (ties to even); `a` is consumed.
double to_double(Big& a) {
  const uint64_t sign = a.neg ? uint64_t{1} << 63 : 0;
  const uint64_t infinity = uint64_t{0x7FF} << 52;
  if (a.nd == 0 || a.dp < -330) return from_bits(sign);
  if (a.dp > 310) return from_bits(sign | infinity);
  if (a.nd <= 15 && !a.trunc && a.dp - a.nd >= -22 && a.dp - a.nd <= 22) {
    // Both factors are exact doubles, so one IEEE operation rounds correctly (Clinger).
    uint64_t mant = 0;
    for (int i = 0; i < a.nd; ++i) mant = mant * 10 + static_cast<uint64_t>(a.d[i] - '0');
    int e = a.dp - a.nd;
    double v = e >= 0 ? static_cast<double>(mant) * kPow10[e] : static_cast<double>(mant) / kPow10[-e];
    return a.neg ? -v : v;
  }
  // Scale by powers of two into [0.5, 1), counting them.
  static constexpr int kPowTab[] = {1, 3, 6, 9, 13, 16, 19, 23, 26};
  int exp = 0;
  while (a.dp > 0) {
    int n = a.dp >= 9 ? 27 : kPowTab[a.dp];
    shift(a, -n);
    exp += n;
  }
  while (a.dp < 0 || (a.dp == 0 && a.d[0] < '5')) {
    int n = -a.dp >= 9 ? 27 : kPowTab[-a.dp];
    shift(a, n);
    exp -= n;
  }
  --exp;  // [0.5, 1) is [1, 2) one binary exponent down
  if (exp < -1022) {  // subnormal: the exponent stays at its minimum
    int n = -1022 - exp;
    shift(a, -n);
    exp += n;
  }
  if (exp + 1023 >= 0x7FF) return from_bits(sign | infinity);
  shift(a, 53);
  uint64_t mant = rounded_integer(a);
  if (mant == uint64_t{2} << 52) {  // rounding carried into a new bit
    mant >>= 1;
    if (++exp + 1023 >= 0x7FF) return from_bits(sign | infinity);
  }
  uint64_t biased = (mant & (uint64_t{1} << 52)) ? static_cast<uint64_t>(exp + 1023) : 0;
  return from_bits(sign | biased << 52 | (mant & ((uint64_t{1} << 52) - 1)));
}

// The exact value of |v|.
void exact(double v, Big& a) {
  uint64_t bits;
  std::memcpy(&bits, &v, sizeof bits);
  uint64_t mant = bits & ((uint64_t{1} << 52) - 1);
  int exp = static_cast<int>((bits >> 52) & 0x7FF);
  if (exp == 0) exp = 1;  // subnormal
  else mant |= uint64_t{1} << 52;
  assign(a, mant);
  shift(a, exp - 1023 - 52);
}

Digits digits_of(const Big& a) {
  Digits out;
  out.count = a.nd;
  out.point = a.dp;
  std::memcpy(out.d, a.d, static_cast<std::size_t>(a.nd));
  return out;
}

}  // namespace

bool parse(std::string_view s, double& out) {
  Big a;
  std::size_t i = 0;
  if (i < s.size() && (s[i] == '+' || s[i] == '-')) a.neg = s[i++] == '-';
  bool dot = false;
  bool digits = false;
  int significant = 0;  // digits from the first nonzero one on, kept or not
  for (; i < s.size(); ++i) {
    char c = s[i];
    if (c == '.') {
      if (dot) return false;
      dot = true;
      a.dp = significant;
      continue;
    }
    if (c < '0' || c > '9') break;
    digits = true;
    if (c == '0' && significant == 0) {  // leading zeros move the point only
      --a.dp;
      continue;
    }
    ++significant;
    if (a.nd < kMaxDigits) a.d[a.nd++] = c;
    else if (c != '0') a.trunc = true;
  }
  if (!digits) return false;
  if (!dot) a.dp = significant;
  if (i < s.size() && (s[i] == 'e' || s[i] == 'E')) {
    if (++i < s.size() && (s[i] == '+' || s[i] == '-')) ++i;
    bool negative = s[i - 1] == '-';
    if (i >= s.size() || s[i] < '0' || s[i] > '9') return false;
    int e = 0;
    for (; i < s.size() && s[i] >= '0' && s[i] <= '9'; ++i) {
      if (e < 10000) e = e * 10 + (s[i] - '0');  // far past any double either way
    }
    a.dp += negative ? -e : e;
  }
  if (i != s.size()) return false;
  trim(a);
  out = to_double(a);
  return true;
}

Digits shortest(double v) {
  Big value;
  exact(v, value);
  const double magnitude = v < 0 ? -v : v;
  // When the spacing of doubles around v (half of it either way) is below half a unit of
  // the p-th digit, a shorter decimal that reads back as v is also the p digits nearest v,
  // trailing zeros aside: so the first p whose nearest digits read back is the shortest.
  // p = 15 does for normal doubles; subnormals, spaced 2^-1074 apart, hold fewer digits:
  // p = point + 323 keeps 10^(point - p) above 2^-1074 (about 10^-323.3).
  int first = magnitude < 2.2250738585072014e-308 ? std::clamp(value.dp + 323, 1, 15) : 15;
  for (int precision = first;; ++precision) {
    if (value.nd <= precision) return digits_of(value);
    Big candidate = value;
    round(candidate, precision);
    if (precision == 17) return digits_of(candidate);
    Big back = candidate;
    if (to_double(back) == magnitude) return digits_of(candidate);
  }
}

Digits rounded(double v, int precision) {
  Big value;
  exact(v, value);
  round(value, precision);
  return digits_of(value);
}

}  // namespace shopkeeper::decimal
