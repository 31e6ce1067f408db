#pragma once
// The shop's context feed: plain JSON the shop publishes (trends and weather by region,
// referral rewards, anything custom), validated here and shown to rules as `context`.

#include <cstdint>
#include <string_view>
#include <vector>

#include "error.hpp"
#include "json_read.hpp"

namespace shopkeeper {

/// A validated feed. Regions hold {weather: {...} | null, trending: [product ids]}.
struct Feed {
  bool loaded = false;
  int64_t generatedAt = 0;  ///< ms since the epoch
  int64_t ttlSeconds = 0;   ///< 0 = no expiry
  json regions = json::object();
  json referral;            ///< {successful, reward} or null
  json custom;              ///< the shop's own object or null
};

/// Limits that keep a hostile feed small.
struct FeedLimits {
  static constexpr std::size_t kMaxBytes = 256 * 1024;
  static constexpr std::size_t kMaxRegions = 500;
  static constexpr std::size_t kMaxTrending = 50;
  static constexpr int kMaxDepth = 32;
};

/// Parses a feed. A feed that is not usable at all (not JSON, too large, wrong shapes at the
/// top) fills `errors`; parts that are malformed are dropped and reported in `warnings`.
Feed parse_feed(std::string_view text, std::vector<Error>& errors, std::vector<Error>& warnings);

/// The `context` root for a visitor at `location` ({country, region}: "IE-D" or "D" with
/// country "IE"): the region's weather and trending products, else the country's, plus the
/// referral and custom parts. A feed past generatedAt + ttlSeconds counts as absent.
json feed_context(const Feed& feed, const json& location, int64_t now);

}  // namespace shopkeeper
