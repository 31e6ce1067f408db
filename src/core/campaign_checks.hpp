#pragma once
// The checks a campaign passes before it shows, one function each, shared by the
// arbitration (campaigns.cpp) and the explanations (explain.cpp).

#include <cstdint>
#include <string>

#include "civil_time.hpp"
#include "json_read.hpp"
#include "profile.hpp"
#include "rules.hpp"

namespace shopkeeper {

/// The moment campaigns are decided for.
struct Occasion {
  const json& context;     ///< what conditions and templates see
  ShopTime time;           ///< shop-local now
  int64_t now = 0;         ///< ms since the epoch
  bool canRemember = true; ///< storage works, so a dismissal would be remembered
  bool routeChange = false;  ///< the page view is a single-page-app route change
  std::string event;       ///< "" for a page view, else the tracked event's name
};

/// The outcome of one check: passed, or a skip reason with a human detail.
struct Check {
  const char* reason = nullptr;  ///< nullptr = passed
  std::string detail;
  explicit operator bool() const { return reason != nullptr; }  ///< true when it blocks
};

/// The campaign's trigger does not belong to this occasion: an event trigger at a page
/// view, checkoutAbandoned without an abandoned checkout, routeChange on a full page load.
Check trigger_check(const Campaign& c, const Occasion& o);

/// Outside the schedule in shop time.
Check schedule_check(const Campaign& c, const Occasion& o);

/// Stopped by its own history: converted, dismissed, cooldown, lifetime_cap, day_cap, session_cap.
Check frequency_check(const Campaign& c, const CampaignState& s, const Profile& p, const Occasion& o);

/// The visitor is not in the audience.
Check audience_check(const Campaign& c, const Rules& rules, const Occasion& o);

/// The popup caps of the session (session_popup_cap) and of this page view (popup_cap).
Check popup_caps_check(const Campaign& c, const Rules& rules, const Profile& p);

/// The holdout group of the visitor for `c`: the stored one, else the one the hash gives.
int64_t holdout_group(const Campaign& c, const CampaignState& s, const std::string& visitor_id);

/// The state of campaign `id` in `p`, or a never-shown state.
const CampaignState& state_of(const Profile& p, const std::string& id);

}  // namespace shopkeeper
