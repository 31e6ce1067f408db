#pragma once
// Calendar arithmetic without a time zone database: the JS layer computes the
// shop-local time with Intl and sends it; the core checks it and falls back to UTC.

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

#include "json_read.hpp"

namespace shopkeeper {

/// Weekday names as rules and requests spell them, Monday first.
extern const char* const kWeekdayNames[7];

/// A local date and time to the minute (the shop's, for schedules and daily caps).
struct ShopTime {
  int year = 1970, month = 1, day = 1;
  int weekday = 3;  ///< 0 = Monday ... 6 = Sunday
  int hour = 0, minute = 0;

  /// "YYYY-MM-DD"
  std::string date() const;
  /// "YYYY-MM-DDTHH:MM", comparable as text.
  std::string stamp() const;
  /// YYYYMMDD as a number: one value per local day.
  int64_t day_number() const { return year * 10000LL + month * 100 + day; }
};

/// Days since 1970-01-01 of a proleptic Gregorian date.
int64_t days_from_civil(int64_t year, int month, int day);

/// True when the date exists (month lengths and leap years).
bool valid_date(int year, int month, int day);

/// The UTC time at `ms` since the epoch.
ShopTime utc_time(int64_t ms);

/// Reads {"date": "2026-11-24", "weekday": "tue", "hour": 14, "minute": 5}; nullopt when it
/// is absent or inconsistent (the weekday must be the date's).
std::optional<ShopTime> read_shop_time(const json* v);

/// Parses "YYYY-MM-DD" or "YYYY-MM-DDTHH:MM" into `out` ("YYYY-MM-DDTHH:MM", with `default_time`
/// for a date alone). False when malformed or not a real date.
bool parse_local_stamp(std::string_view text, const char* default_time, std::string& out);

/// Milliseconds since the epoch of an ISO 8601 timestamp with a zone ("...Z" or "+01:00"),
/// seconds and fractions optional; nullopt when malformed.
std::optional<int64_t> parse_iso_ms(std::string_view text);

/// The context's `now`: {ms, date, weekday, hour, minute} in shop time.
json to_json(const ShopTime& t, int64_t ms);

}  // namespace shopkeeper
