#pragma once
// Arbitration: which campaigns show at this moment, and why the others do not.

#include "campaign_checks.hpp"
#include "json_read.hpp"
#include "profile.hpp"
#include "rules.hpp"

namespace shopkeeper {

/// The outcome of arbitration for one page view or event.
struct CampaignDecisions {
  json shown = json::array();      ///< [{campaign, priority, trigger, action, group, why}], in priority order
  json skipped = json::array();    ///< [{campaign, reason, detail}]
  json exposures = json::array();  ///< [{campaign, group}]: holdout exposures, once per session
  json boosts = {{"categories", json::object()}, {"brands", json::object()}, {"tags", json::object()}, {"products", json::object()}};
};

/// Decides the campaigns for occasion `o`, highest priority first: trigger, schedule,
/// frequency, audience, storage, holdout, exclusive group, popup caps (among popups with
/// the same trigger only the first), then the action is built (templates, bundle).
/// At a page view every campaign is considered; at an event only those it triggers.
/// Records holdout assignments and exposures in `profile`. Without storage (`o.canRemember`
/// false) nothing shows, since a dismissal could not be remembered.
CampaignDecisions decide_campaigns(const Rules& rules, Profile& profile, const Occasion& o);

}  // namespace shopkeeper
