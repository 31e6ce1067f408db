#include "location.hpp"

#include <cmath>

#include "text.hpp"
#include "time_zones.hpp"
#include "url.hpp"

namespace shopkeeper {

namespace {

constexpr std::size_t kMaxCityBytes = 64;
constexpr std::size_t kMaxZoneBytes = 64;

bool is_letter(char c) { return (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z'); }
bool is_alnum(char c) { return is_letter(c) || (c >= '0' && c <= '9'); }

std::string ascii_uppercase(std::string_view s) {
  std::string out(s);
  for (char& c : out) {
    if (c >= 'a' && c <= 'z') c = static_cast<char>(c - 'a' + 'A');
  }
  return out;
}

/// An ISO 3166-1 alpha-2 code, uppercased; "" for anything else. Geo databases and CDNs
/// put user-assigned codes where they know no country (Cloudflare's "XX", MaxMind's "AP"
/// and "EU"), and "UK" is the common spelling of GB.
std::string country_code(std::string_view raw) {
  std::string_view s = trim_ascii(raw);
  if (s.size() != 2 || !is_letter(s[0]) || !is_letter(s[1])) return {};
  std::string code = ascii_uppercase(s);
  if (code == "UK") return "GB";
  char a = code[0], b = code[1];
  bool user_assigned = code == "AA" || code == "ZZ" || (a == 'Q' && b >= 'M') || a == 'X';
  if (user_assigned || code == "EU" || code == "AP") return {};
  return code;
}

/// The subdivision part of an ISO 3166-2 code: 1 to 3 letters or digits.
bool is_subdivision(std::string_view s) {
  if (s.empty() || s.size() > 3) return false;
  for (char c : s) {
    if (!is_alnum(c)) return false;
  }
  return true;
}

bool is_zone_name(std::string_view s) {
  if (s.empty() || s.size() > kMaxZoneBytes) return false;
  for (char c : s) {
    if (!is_alnum(c) && c != '/' && c != '_' && c != '-' && c != '+') return false;
  }
  return true;
}

/// A coordinate within [-limit, limit], or nullopt.
std::optional<double> coordinate(const json* v, double limit) {
  if (!v || !v->is_number()) return std::nullopt;
  double d = v->get<double>();
  if (!std::isfinite(d) || d < -limit || d > limit) return std::nullopt;
  return d;
}

struct HintReader {
  std::vector<Error>& warnings;

  void ignore(const char* field, const std::string& why) {
    warnings.push_back({"location_hint_ignored", std::string("location.") + field + " " + why, std::string("/location/") + field});
  }

  /// A string member, or "" (a present non-string member is reported).
  std::string text(const json& hint, const char* field) {
    const json* v = member(hint, field);
    if (!v || v->is_null()) return {};
    if (!v->is_string()) {
      ignore(field, "is not a string");
      return {};
    }
    return v->get<std::string>();
  }

  /// Reads country, region and city into `out`; false when the hint names no country.
  bool read(const json& hint, Location& out) {
    std::string raw_country = text(hint, "country");
    std::string country = country_code(raw_country);
    if (!raw_country.empty() && country.empty()) ignore("country", "is not an ISO 3166-1 country code");

    std::string raw_region = ascii_uppercase(trim_ascii(text(hint, "region")));
    std::string region;
    if (!raw_region.empty()) {
      bool prefixed = raw_region.size() > 3 && raw_region[2] == '-';
      std::string prefix = prefixed ? country_code(raw_region.substr(0, 2)) : std::string();
      std::string_view sub = std::string_view(raw_region).substr(prefixed ? 3 : 0);
      if (country.empty() && !prefix.empty()) country = prefix;
      if (!is_subdivision(sub) || (prefixed && prefix.empty())) ignore("region", "is not an ISO 3166-2 subdivision code");
      else if (prefixed && prefix != country) ignore("region", "is not a subdivision of " + country);
      else if (country.empty()) ignore("region", "names no country: give location.country or a code such as US-CA");
      else region = country + "-" + std::string(sub);
    }
    if (country.empty()) return false;

    std::string city(trim_ascii(text(hint, "city")));
    // Some CDNs send the city percent-encoded ("S%C3%A3o%20Paulo"); no city name has a '%'.
    if (city.find('%') != std::string::npos) city = percent_decode(city, false);
    truncate_utf8(city, kMaxCityBytes);

    out.country = std::move(country);
    out.region = std::move(region);
    out.city = std::move(city);
    return true;
  }

  std::optional<Coordinates> coordinates(const json& hint) {
    const json* lat = member(hint, "latitude");
    const json* lon = member(hint, "longitude");
    if ((!lat || lat->is_null()) && (!lon || lon->is_null())) return std::nullopt;
    auto latitude = coordinate(lat, 90);
    auto longitude = coordinate(lon, 180);
    if (!latitude || !longitude) {
      ignore(latitude ? "longitude" : "latitude", "is not a coordinate in degrees");
      return std::nullopt;
    }
    Coordinates c{*latitude, *longitude, std::nullopt};
    const json* acc = member(hint, "accuracy");
    if (acc && acc->is_number() && std::isfinite(acc->get<double>()) && acc->get<double>() >= 0) c.accuracy = acc->get<double>();
    return c;
  }
};

json or_null(const std::string& s) { return s.empty() ? json() : json(s); }

}  // namespace

Location resolve_location(const json* hint, const json* time_zone, std::vector<Error>& warnings) {
  Location out;
  if (time_zone && time_zone->is_string() && is_zone_name(time_zone->get_ref<const std::string&>())) {
    out.timeZone = time_zone->get<std::string>();
  }
  HintReader reader{warnings};
  bool hinted = false;
  if (hint && hint->is_object()) {
    hinted = reader.read(*hint, out);
    out.coordinates = reader.coordinates(*hint);
  }
  if (hinted) {
    out.source = LocationSource::Hint;
  } else if (auto place = place_of_time_zone(out.timeZone)) {
    out.country = place->country;
    out.region = place->region;
    out.source = LocationSource::TimeZone;
  }
  if (out.coordinates) out.source = LocationSource::Geolocation;
  return out;
}

const char* to_string(LocationSource source) {
  switch (source) {
    case LocationSource::Geolocation: return "geolocation";
    case LocationSource::Hint: return "hint";
    case LocationSource::TimeZone: return "timezone";
    case LocationSource::Unknown: return "unknown";
  }
  return "unknown";
}

json to_json(const Location& l) {
  json out = {{"country", or_null(l.country)}, {"region", or_null(l.region)}, {"city", or_null(l.city)},
              {"timeZone", or_null(l.timeZone)}, {"source", to_string(l.source)},
              {"latitude", nullptr}, {"longitude", nullptr}, {"accuracy", nullptr}};
  if (l.coordinates) {
    out["latitude"] = l.coordinates->latitude;
    out["longitude"] = l.coordinates->longitude;
    if (l.coordinates->accuracy) out["accuracy"] = *l.coordinates->accuracy;
  }
  return out;
}

std::string resolve_location_json(std::string_view request_json) {
  json body = parse_json(request_json);
  if (body.is_discarded() || !body.is_object()) {
    return dump_json({{"ok", false}, {"error", to_json(Error{"invalid_request", "the request must be a JSON object", ""})}});
  }
  std::vector<Error> warnings;
  json out = to_json(resolve_location(member(body, "location"), member(body, "timeZone"), warnings));
  out["ok"] = true;
  out["warnings"] = to_json(warnings);
  return dump_json(out);
}

}  // namespace shopkeeper
