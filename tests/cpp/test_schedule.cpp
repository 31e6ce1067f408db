#include <catch2/catch.hpp>

#include "civil_time.hpp"
#include "rules_validator.hpp"
#include "schedule.hpp"

using nlohmann::json;
using namespace shopkeeper;

namespace {

std::optional<ShopTime> shop_time(const json& v) { return read_shop_time(&v); }

ShopTime at(const char* date, const char* weekday, int hour, int minute) {
  return *shop_time({{"date", date}, {"weekday", weekday}, {"hour", hour}, {"minute", minute}});
}

Schedule schedule(const json& spec) {
  std::vector<Error> errors;
  Validator v(errors);
  Schedule s = parse_schedule(v, &spec, "");
  REQUIRE(errors.empty());
  return s;
}

}  // namespace

TEST_CASE("civil time: UTC dates, weekdays and ISO timestamps", "[schedule]") {
  ShopTime t = utc_time(1795529100000);  // 2026-11-24T14:05Z
  CHECK(t.stamp() == "2026-11-24T14:05");
  CHECK(kWeekdayNames[t.weekday] == std::string("tue"));
  CHECK(t.day_number() == 20261124);
  CHECK(utc_time(0).stamp() == "1970-01-01T00:00");
  CHECK(utc_time(951782400000).date() == "2000-02-29");
  CHECK(parse_iso_ms("2026-11-24T14:05:00Z") == 1795529100000);
  CHECK(parse_iso_ms("2026-11-24T15:05:00.000+01:00") == 1795529100000);
  CHECK(parse_iso_ms("2026-11-24T14:05Z") == 1795529100000);
  CHECK_FALSE(parse_iso_ms("2026-11-24T14:05:00").has_value());  // no zone: ambiguous
  CHECK_FALSE(parse_iso_ms("2026-13-01T00:00Z").has_value());
  CHECK(valid_date(2024, 2, 29));
  CHECK_FALSE(valid_date(2100, 2, 29));
}

TEST_CASE("a request's shop time must be consistent", "[schedule]") {
  CHECK(shop_time({{"date", "2026-11-24"}, {"weekday", "tue"}, {"hour", 9}, {"minute", 0}}).has_value());
  CHECK_FALSE(shop_time({{"date", "2026-11-24"}, {"weekday", "mon"}, {"hour", 9}, {"minute", 0}}).has_value());
  CHECK_FALSE(shop_time({{"date", "2026-11-24"}, {"weekday", "tue"}, {"hour", 24}, {"minute", 0}}).has_value());
  CHECK_FALSE(shop_time({{"date", "24/11/2026"}, {"weekday", "tue"}, {"hour", 9}, {"minute", 0}}).has_value());
  CHECK_FALSE(shop_time(nullptr).has_value());
}

TEST_CASE("schedules include start and end to the minute, weekdays and hours", "[schedule]") {
  Schedule s = schedule({{"start", "2026-11-20"}, {"end", "2026-11-30T18:00"}, {"weekdays", {"mon", "tue"}}, {"hours", {{"from", 9}, {"to", 18}}}});
  CHECK(schedule_block(s, at("2026-11-24", "tue", 14, 5)).empty());
  CHECK(schedule_block(s, at("2026-11-30", "mon", 17, 59)).empty());
  CHECK(schedule_block(s, at("2026-11-30", "mon", 18, 0)) == "shows from 9:00 to 18:00 (shop time now 18:00)");
  CHECK(schedule_block(s, at("2026-11-19", "thu", 10, 0)) == "starts 2026-11-20T00:00 (shop time now 2026-11-19T10:00)");
  CHECK(schedule_block(s, at("2026-11-25", "wed", 10, 0)) == "not on wed");
  CHECK(schedule_block(s, at("2026-12-01", "tue", 10, 0)) == "ended 2026-11-30T18:00 (shop time now 2026-12-01T10:00)");
  CHECK(schedule_block(schedule(json::object()), at("2030-01-01", "tue", 3, 0)).empty());
}
