#pragma once
// Explanations: why one campaign would or would not show at this moment.

#include "campaign_checks.hpp"
#include "json_read.hpp"
#include "profile.hpp"
#include "rules.hpp"

namespace shopkeeper {

/// Runs the arbitration on a copy of `profile` (nothing is recorded) and every check of `c`,
/// each on its own, so that all the reasons show at once: {"ok", "campaign", "wouldShow",
/// "checks": [{check, passed, detail}] for trigger, schedule, frequency, audience, holdout,
/// group, caps (and bundle for bundle offers), "audience": [{path, matched}] for each
/// top-level condition of the audience}.
json explain_campaign(const Rules& rules, const Campaign& c, const Profile& profile, const Occasion& o);

}  // namespace shopkeeper
