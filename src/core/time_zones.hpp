#pragma once
// Where a browser's IANA time zone puts the visitor: a coarse guess, used when the
// shop gives no location hint.

#include <optional>
#include <string>
#include <string_view>

namespace shopkeeper {

/// The place a time zone implies: always a country, and a region only where the
/// zone lies within one subdivision (America/Phoenix is Arizona; America/Denver
/// spans several states, so it gives the country alone).
struct ZonePlace {
  std::string country;  ///< ISO 3166-1 alpha-2, e.g. "US"
  std::string region;   ///< ISO 3166-2, e.g. "US-AZ"; empty when the zone spans several
};

/// The place of an IANA zone name, canonical or alias ("Asia/Kolkata", "Asia/Calcutta",
/// "US/Eastern"), ignoring ASCII case; nullopt for unknown names and for zones of no
/// country ("UTC", "Etc/GMT+5").
std::optional<ZonePlace> place_of_time_zone(std::string_view zone);

/// True for the IANA zone names browsers know (tzdata 2025b: canonical, alias, and those of
/// no country such as "UTC", "Etc/GMT+5", "EST5EDT"), ignoring ASCII case.
bool is_time_zone(std::string_view zone);

}  // namespace shopkeeper
