#pragma once
// Merging two versions of one visitor's profile, written concurrently by two tabs.

#include "profile.hpp"

namespace shopkeeper {

/// Joins two versions of a profile: counters and times take the maximum, lists the
/// union (newest kept within their bounds), a cart item stays unless removed after it
/// was added. Commutative and idempotent, so tabs that exchange their writes converge.
/// When the two have different ids (two tabs of a first visit), the earlier one wins.
Profile merge_profiles(const Profile& a, const Profile& b);

}  // namespace shopkeeper
