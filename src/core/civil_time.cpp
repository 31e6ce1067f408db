#include "civil_time.hpp"

#include <cstdio>

namespace shopkeeper {

const char* const kWeekdayNames[7] = {"mon", "tue", "wed", "thu", "fri", "sat", "sun"};

namespace {

constexpr int64_t kDayMs = 24LL * 60 * 60 * 1000;

/// Digits of text[pos, pos+n) as a number, or -1.
int digits(std::string_view text, std::size_t pos, std::size_t n) {
  if (pos + n > text.size()) return -1;
  int value = 0;
  for (std::size_t i = pos; i < pos + n; ++i) {
    if (text[i] < '0' || text[i] > '9') return -1;
    value = value * 10 + (text[i] - '0');
  }
  return value;
}

/// Reads "YYYY-MM-DD" at the start of `text`.
bool read_date(std::string_view text, int& y, int& m, int& d) {
  y = digits(text, 0, 4);
  m = digits(text, 5, 2);
  d = digits(text, 8, 2);
  return text.size() >= 10 && text[4] == '-' && text[7] == '-' && y >= 0 && valid_date(y, m, d);
}

/// Reads "HH:MM" at `pos`.
bool read_clock(std::string_view text, std::size_t pos, int& h, int& min) {
  h = digits(text, pos, 2);
  min = digits(text, pos + 3, 2);
  return pos + 5 <= text.size() && text[pos + 2] == ':' && h >= 0 && h <= 23 && min >= 0 && min <= 59;
}

}  // namespace

std::string ShopTime::date() const {
  char buf[16];
  std::snprintf(buf, sizeof buf, "%04d-%02d-%02d", year, month, day);
  return buf;
}

std::string ShopTime::stamp() const {
  char buf[24];
  std::snprintf(buf, sizeof buf, "%04d-%02d-%02dT%02d:%02d", year, month, day, hour, minute);
  return buf;
}

// Howard Hinnant's days_from_civil / civil_from_days.
int64_t days_from_civil(int64_t y, int m, int d) {
  y -= m <= 2;
  int64_t era = (y >= 0 ? y : y - 399) / 400;
  int64_t yoe = y - era * 400;
  int64_t doy = (153 * (m + (m > 2 ? -3 : 9)) + 2) / 5 + d - 1;
  int64_t doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
  return era * 146097 + doe - 719468;
}

bool valid_date(int y, int m, int d) {
  static const int kDays[12] = {31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
  if (m < 1 || m > 12 || d < 1) return false;
  bool leap = (y % 4 == 0 && y % 100 != 0) || y % 400 == 0;
  return d <= kDays[m - 1] + (m == 2 && leap ? 1 : 0);
}

ShopTime utc_time(int64_t ms) {
  int64_t days = ms >= 0 ? ms / kDayMs : (ms - kDayMs + 1) / kDayMs;
  int64_t in_day = ms - days * kDayMs;
  ShopTime t;
  t.hour = static_cast<int>(in_day / 3600000);
  t.minute = static_cast<int>(in_day / 60000 % 60);
  t.weekday = static_cast<int>(((days + 3) % 7 + 7) % 7);  // 1970-01-01 was a Thursday
  int64_t z = days + 719468;
  int64_t era = (z >= 0 ? z : z - 146096) / 146097;
  int64_t doe = z - era * 146097;
  int64_t yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365;
  int64_t doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
  int64_t mp = (5 * doy + 2) / 153;
  t.day = static_cast<int>(doy - (153 * mp + 2) / 5 + 1);
  t.month = static_cast<int>(mp < 10 ? mp + 3 : mp - 9);
  t.year = static_cast<int>(yoe + era * 400 + (t.month <= 2));
  return t;
}

std::optional<ShopTime> read_shop_time(const json* v) {
  if (!v || !v->is_object()) return std::nullopt;
  auto date = as_string(member(*v, "date"));
  auto weekday = as_string(member(*v, "weekday"));
  auto hour = as_int(member(*v, "hour"));
  auto minute = as_int(member(*v, "minute"));
  ShopTime t;
  if (!date || date->size() != 10 || !read_date(*date, t.year, t.month, t.day) || !weekday || !hour || !minute) return std::nullopt;
  if (*hour < 0 || *hour > 23 || *minute < 0 || *minute > 59) return std::nullopt;
  t.hour = static_cast<int>(*hour);
  t.minute = static_cast<int>(*minute);
  t.weekday = static_cast<int>(((days_from_civil(t.year, t.month, t.day) + 3) % 7 + 7) % 7);
  if (*weekday != kWeekdayNames[t.weekday]) return std::nullopt;
  return t;
}

bool parse_local_stamp(std::string_view text, const char* default_time, std::string& out) {
  int y, m, d, h, min;
  if (!read_date(text, y, m, d)) return false;
  if (text.size() == 10) {
    out = std::string(text) + "T" + default_time;
    return true;
  }
  if (text.size() != 16 || text[10] != 'T' || !read_clock(text, 11, h, min)) return false;
  out = std::string(text);
  return true;
}

std::optional<int64_t> parse_iso_ms(std::string_view text) {
  int y, m, d, h, min;
  if (!read_date(text, y, m, d) || text.size() < 17 || (text[10] != 'T' && text[10] != ' ') || !read_clock(text, 11, h, min)) {
    return std::nullopt;
  }
  std::size_t pos = 16;
  int64_t ms = 0;
  if (pos < text.size() && text[pos] == ':') {
    int s = digits(text, pos + 1, 2);
    if (s < 0 || s > 60) return std::nullopt;
    ms = s * 1000LL;
    pos += 3;
    if (pos < text.size() && text[pos] == '.') {
      ++pos;
      int64_t scale = 100;
      while (pos < text.size() && text[pos] >= '0' && text[pos] <= '9') {
        ms += (text[pos] - '0') * scale;
        scale /= 10;
        ++pos;
      }
    }
  }
  int64_t offset_min = 0;
  if (pos < text.size() && text[pos] == 'Z') {
    ++pos;
  } else if (pos < text.size() && (text[pos] == '+' || text[pos] == '-')) {
    int oh, om;
    if (!read_clock(text, pos + 1, oh, om)) return std::nullopt;
    offset_min = (oh * 60 + om) * (text[pos] == '-' ? -1 : 1);
    pos += 6;
  } else {
    return std::nullopt;  // a timestamp without a zone is ambiguous
  }
  if (pos != text.size()) return std::nullopt;
  return (days_from_civil(y, m, d) * 1440 + h * 60 + min - offset_min) * 60000 + ms;
}

json to_json(const ShopTime& t, int64_t ms) {
  return {{"ms", ms}, {"date", t.date()}, {"weekday", kWeekdayNames[t.weekday]}, {"hour", t.hour}, {"minute", t.minute}};
}

}  // namespace shopkeeper
