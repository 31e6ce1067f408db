#pragma once
// How the visitor arrived: medium, source and campaign of a page view, from its
// URL (UTM tags, click ids, a referral code) and document.referrer.

#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "error.hpp"
#include "json_read.hpp"

namespace shopkeeper {

/// The media an arrival is classified into.
namespace medium {
inline constexpr const char* kSearch = "search";
inline constexpr const char* kSocial = "social";
inline constexpr const char* kEmail = "email";
inline constexpr const char* kPaid = "paid";
inline constexpr const char* kReferral = "referral";
inline constexpr const char* kInternal = "internal";
inline constexpr const char* kDirect = "direct";
inline constexpr const char* kAi = "ai";
}  // namespace medium

/// What the classifier reads: the page URL and referrer as the browser reports them.
struct AcquisitionRequest {
  std::string url;
  std::string referrer;
  std::string ref_param = "ref";              ///< the URL parameter that carries a referral code
  std::vector<std::string> internal_domains;  ///< lowercased; a referrer on one of them (or a subdomain) is internal
};

/// An advertising or platform click id found in the page URL.
struct ClickId {
  std::string param;  ///< its lowercase parameter name, e.g. "gclid"
  std::string value;
};

/// The arrival. `medium` is one of search, social, email, paid, referral, internal,
/// direct, ai, or the lowercased utm_medium when it names none of them ("sms").
struct Acquisition {
  std::string medium = "direct";
  std::optional<std::string> source;    ///< canonical name ("Google"), referring host, or utm_source
  std::optional<std::string> term;      ///< utm_term, or the search term a referrer carried
  std::optional<std::string> campaign;  ///< utm_campaign
  std::optional<std::string> content;   ///< utm_content
  std::optional<ClickId> click_id;
  std::optional<std::string> ref_code;  ///< matches [A-Za-z0-9_-]{1,64}; anything else is dropped
};

/// Classifies an arrival. Precedence: UTM tags, then a paid click id, then a referral
/// code, then the referrer (with a non-paid click id filling in when it says nothing).
Acquisition classify_acquisition(const AcquisitionRequest& request);

/// Renders {"medium","source","term","campaign","content","clickId":{param,value},"refCode"},
/// absent fields as null.
json to_json(const Acquisition& acquisition);

/// Reads the optional "refParam" and "internalDomains" members of `settings` into `out`;
/// the first problem found, with its JSON path under `path`, or nullopt.
std::optional<Error> read_acquisition_settings(const json& settings, AcquisitionRequest& out, const std::string& path);

/// Whether two arrivals are the same touch (same medium, source, campaign, term, content,
/// click id and referral code).
bool same_touch(const Acquisition& a, const Acquisition& b);

/// Reads an arrival rendered by to_json; nullopt when `v` is not one.
std::optional<Acquisition> acquisition_from_json(const json& v);

/// The JSON boundary. Request: {"url", "referrer", "refParam"?, "internalDomains"?}.
/// Response: {"ok":true, ...to_json(acquisition)} or {"ok":false,"error":{code,message,path}}.
std::string classify_acquisition_json(std::string_view request_json);

}  // namespace shopkeeper
