#pragma once
// Where the visitor is, from what the page and the browser tell: a hint the shop's server
// fills (from its CDN's geo headers), else a guess from the browser's time zone, plus
// coordinates when the shop enabled browser geolocation and the visitor granted it.
// No IP lookup and no third party: nothing here leaves the device.

#include <optional>
#include <string>
#include <vector>

#include "error.hpp"
#include "json_read.hpp"

namespace shopkeeper {

/// A position from browser geolocation (the JS layer rounds it before storing it).
struct Coordinates {
  double latitude = 0;
  double longitude = 0;
  std::optional<double> accuracy;  ///< meters, as the browser reported
};

/// Where the location came from, the most precise first.
enum class LocationSource { Geolocation, Hint, TimeZone, Unknown };

/// The visitor's location as rules and templates see it. Empty strings are unknown.
struct Location {
  std::string country;   ///< ISO 3166-1 alpha-2, uppercase ("IE")
  std::string region;    ///< ISO 3166-2 ("IE-D", "US-AZ")
  std::string city;      ///< as the hint gave it
  std::string timeZone;  ///< the browser's IANA zone, whatever the source
  LocationSource source = LocationSource::Unknown;
  std::optional<Coordinates> coordinates;  ///< only with source Geolocation
};

/// Resolves the location of a page view from the request's `location` member (the shop's
/// hint: country, region, city; and latitude, longitude, accuracy from geolocation) and
/// its `timeZone` member. The hint counts when it names a country (directly, or through
/// a region code such as "US-CA"); a region without its country prefix ("CA") is taken
/// within the hint's country. Unusable parts are ignored, each reported in `warnings`
/// with its path in the request. Country and region come from the hint, else from the
/// time zone; coordinates, when valid, make the source Geolocation (they bring no
/// country of their own: that would need a reverse-geocoding service).
Location resolve_location(const json* hint, const json* time_zone, std::vector<Error>& warnings);

/// The source as the word rules see: "geolocation", "hint", "timezone" or "unknown".
const char* to_string(LocationSource source);

/// {country, region, city, timeZone, source, latitude, longitude, accuracy}, unknown
/// values null.
json to_json(const Location& location);

/// The pure function behind the JS `resolveLocation`: request {location?, timeZone?},
/// response {ok, country, region, city, timeZone, source, latitude, longitude, accuracy,
/// warnings} or {ok:false, error} when the request is not a JSON object.
std::string resolve_location_json(std::string_view request_json);

}  // namespace shopkeeper
