#pragma once
// Events (Segment e-commerce names) and what they change in the profile.

#include <cstdint>
#include <string>

#include "json_read.hpp"
#include "profile.hpp"
#include "rules.hpp"

namespace shopkeeper {

/// Applies the event `name` with Segment-spec `properties` at `now`:
/// "Product Viewed", "Product List Viewed", "Product Added", "Product Removed", "Cart Viewed",
/// "Checkout Started", "Order Completed", "Products Searched", "Signed Up", and the
/// promotion events "Promotion Viewed", "Promotion Dismissed", "Promotion Clicked"
/// (kept only for campaigns of `rules`, which bounds them).
/// A "Promotion Viewed" of a popup (its `creative`, else the campaign's action type) counts
/// against the popup caps; every one counts against
/// the campaign's daily cap on `local_day` (the shop-local YYYYMMDD; 0 = the UTC day of `now`).
/// Returns false when the profile keeps nothing of the event.
bool apply_event(Profile& profile, const Rules& rules, const std::string& name, const json& properties, int64_t now,
                 int64_t local_day = 0);

}  // namespace shopkeeper
