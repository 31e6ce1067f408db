#pragma once
// The context that conditions see: the visitor, the session and the page, as JSON.

#include <cstdint>
#include <string>

#include "acquisition.hpp"
#include "json_read.hpp"
#include "profile.hpp"

namespace shopkeeper {

/// The page being viewed, as the JS layer reports it.
struct PageView {
  std::string url;
  std::string path;  ///< derived from url: no scheme, host, query or fragment
  std::string referrer;
  std::string type;      ///< the shop's page type: "home", "category", "product", "cart", ...
  std::string category;  ///< the category shown (category and product pages)
  std::string query;     ///< the search term of a search results page
  json product;          ///< {product_id, category, brand, price, tags} of a product page, or null
  bool routeChange = false;  ///< a single-page app changed its route (no page load)
};

/// Reads {"url", "referrer", "type", "category", "query", "product", "routeChange"} from a request;
/// missing or non-string values become "". Strings are bounded so a hostile URL
/// cannot bloat the profile.
PageView read_page(const json* page);

/// The path part of a URL ("https://shop.example/a/b?x#y" -> "/a/b"); "/" when it has none.
std::string path_of(const std::string& url);

/// Builds the context for this page view. `previous_seen` is the profile's lastSeen
/// before this page view was recorded (0 for a new visitor); interest scores are
/// decayed to `now` with `half_life_ms`.
/// `arrival` is how this page view arrived.
json build_context(const Profile& profile, const PageView& page, const Acquisition& arrival, int64_t now,
                   int64_t previous_seen, int64_t half_life_ms);

}  // namespace shopkeeper
