#pragma once
// The referring sites the acquisition classifier knows by name: search engines,
// social networks, webmail, AI assistants, payment pages, and a few sites that must not be
// mistaken for their parent domain's search engine.

#include <string_view>

namespace shopkeeper {

/// A known referring site.
struct KnownSite {
  const char* medium;       ///< "search", "social", "email", "ai", "referral" or "internal" (payment pages)
  const char* source;       ///< canonical display name, e.g. "DuckDuckGo"
  const char* hosts;        ///< space-separated domains (subdomains included); "name.*" is any country domain of name
  const char* term_params;  ///< space-separated referrer parameters that carry the search term, in order of preference
};

/// The site of `host` (ASCII-lowercased), the most specific entry winning
/// ("mail.google.com" is Gmail, "www.google.com" Google), or nullptr.
const KnownSite* find_site_by_host(std::string_view host);

/// The site of an Android app, by the package an "android-app://" referrer names, or nullptr.
const KnownSite* find_site_by_app(std::string_view package);

/// The site a campaign's utm_source names, by canonical name, common alias ("fb", "twitter")
/// or host ("chatgpt.com"), ignoring ASCII case; or nullptr.
const KnownSite* find_site_by_name(std::string_view name);

}  // namespace shopkeeper
