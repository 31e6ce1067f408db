#pragma once
// What a request says beyond the page (shop time, device, consent, location), and the
// context roots built from it and the profile for campaigns: product, device, consent,
// campaigns, now and context (the feed for the visitor's region).

#include <cstdint>

#include "civil_time.hpp"
#include "context.hpp"
#include "feed.hpp"
#include "json_read.hpp"
#include "profile.hpp"
#include "rules.hpp"

namespace shopkeeper {

/// The signals of one request.
struct RequestSignals {
  ShopTime time;           ///< shop-local now: the request's shopTime, else UTC
  bool timeGiven = false;  ///< the request carried a valid shopTime
  json device;             ///< {mobile, width}
  json consent;            ///< "pending" | "granted" | "denied" | null
};

/// Reads shopTime, device and consent from a decide/track request at `now`.
RequestSignals read_signals(const json& body, int64_t now);

/// Adds the roots product, device, consent, campaigns, now and context to `context`, which
/// already holds the resolved location (the feed's region is picked by it).
void add_campaign_roots(json& context, const RequestSignals& signals, const PageView& page, const Profile& profile,
                        const Rules& rules, const Feed& feed, int64_t now);

}  // namespace shopkeeper
