#pragma once
// Campaign schedules in the shop's local time: a start and an end, weekdays, hours.

#include <cstdint>
#include <string>

#include "civil_time.hpp"
#include "json_read.hpp"

namespace shopkeeper {

class Validator;

/// When a campaign may show. The default is always.
struct Schedule {
  std::string start;        ///< "YYYY-MM-DDTHH:MM" shop-local, inclusive; "" = no start
  std::string end;          ///< "YYYY-MM-DDTHH:MM" shop-local, inclusive to the minute; "" = no end
  uint8_t weekdays = 0x7f;  ///< bit 0 = Monday ... bit 6 = Sunday
  int from = 0;             ///< first hour of the day, 0..23
  int to = 24;              ///< the hour it stops, 1..24 (exclusive)
};

/// Reads and validates a schedule: dates must exist, the end must not be before the start,
/// weekdays must not be empty and hours.from must be before hours.to.
Schedule parse_schedule(Validator& v, const json* spec, const std::string& path);

/// Why `s` excludes the shop-local time `t`, or "" when it includes it.
std::string schedule_block(const Schedule& s, const ShopTime& t);

}  // namespace shopkeeper
