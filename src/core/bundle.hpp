#pragma once
// Bundle offers built on the device from the visitor's own profile: a product they
// removed, left in a checkout, looked at most or last time, or have in the cart,
// clubbed with a complementary product at a bundle price.

#include "json_read.hpp"
#include "profile.hpp"

namespace shopkeeper {

/// Builds the bundle of a validated bundleOffer action: the first source of `from` (default
/// removed, abandoned, mostViewed, lastVisit, cart) that yields a product the visitor has not
/// bought, whose name, price and category the profile recorded, and for whose category
/// `complements` lists another product. Returns {items: [{id, name, price, url, category}],
/// regularPrice, bundlePrice, discountPercent}, or null when no source yields one.
json build_bundle(const json& action, const Profile& profile);

}  // namespace shopkeeper
