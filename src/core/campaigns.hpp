#pragma once
// Which campaigns show on this page view, and why the others do not.

#include "json_read.hpp"
#include "profile.hpp"
#include "rules.hpp"

namespace shopkeeper {

/// The outcome of arbitration for one page view.
struct CampaignDecisions {
  json shown = json::array();    ///< [{campaign, action, why: [...]}], in priority order
  json skipped = json::array();  ///< [{campaign, reason, detail}]
};

/// Decides the campaigns for this page view: frequency and dismissal state first,
/// then the audience, then the cap of one popup per page view (highest priority wins).
/// When `can_remember` is false (storage unavailable), no campaign is shown, since
/// a dismissal could not be remembered and the visitor would see it on every page.
CampaignDecisions decide_campaigns(const Rules& rules, const Profile& profile, const json& context, bool can_remember);

}  // namespace shopkeeper
