#include "campaign_checks.hpp"

#include "bucketing.hpp"
#include "schedule.hpp"

namespace shopkeeper {

namespace {

constexpr int64_t kHourMs = 60LL * 60 * 1000;

std::string of(int64_t used, int64_t limit) { return std::to_string(used) + " of " + std::to_string(limit); }

}  // namespace

Check trigger_check(const Campaign& c, const Occasion& o) {
  const Trigger& t = c.trigger;
  if (!o.event.empty()) {
    if (t.event != o.event) return {"trigger", "fires on " + (t.event.empty() ? "a page view" : "\"" + t.event + "\"") + ", not on \"" + o.event + "\""};
    return {};
  }
  if (!t.event.empty()) return {"trigger", "fires on the event \"" + t.event + "\", not on a page view"};
  if (t.type == TriggerType::CheckoutAbandoned && (!o.context.contains("cart") || o.context["cart"]["abandoned"].is_null())) {
    return {"trigger", "fires on a return after an unfinished checkout, and there is none"};
  }
  if (t.type == TriggerType::RouteChange && !o.routeChange) return {"trigger", "fires on a single-page-app route change, and this is a page load"};
  return {};
}

Check schedule_check(const Campaign& c, const Occasion& o) {
  std::string why = schedule_block(c.schedule, o.time);
  if (why.empty()) return {};
  return {"schedule", why};
}

Check frequency_check(const Campaign& c, const CampaignState& s, const Profile& p, const Occasion& o) {
  const Frequency& f = c.frequency;
  if (f.stopAfterConversion && s.converted > 0) return {"converted", "the visitor converted on it"};
  if (f.stopAfterDismiss && s.dismissed > 0) return {"dismissed", "the visitor dismissed it"};
  if (f.cooldownHours > 0 && s.dismissed > 0 && o.now - s.dismissed < f.cooldownHours * kHourMs) {
    return {"cooldown", "dismissed less than " + std::to_string(f.cooldownHours) + " hours ago"};
  }
  if (f.lifetime > 0 && s.impressions >= f.lifetime) return {"lifetime_cap", "shown " + of(s.impressions, f.lifetime) + " times ever"};
  int64_t today = s.lastShownDay == o.time.day_number() ? s.dayImpressions : 0;
  if (f.perDay > 0 && today >= f.perDay) return {"day_cap", "shown " + of(today, f.perDay) + " times today"};
  int64_t this_session = s.lastShownSession == p.session.number ? s.sessionImpressions : 0;
  if (f.perSession > 0 && this_session >= f.perSession) return {"session_cap", "shown " + of(this_session, f.perSession) + " times this session"};
  return {};
}

Check audience_check(const Campaign& c, const Rules& rules, const Occasion& o) {
  if (!c.hasAudience || c.audience.matches(o.context, &rules.savedGroups)) return {};
  return {"audience", "the visitor is not in the audience"};
}

Check popup_caps_check(const Campaign& c, const Rules& rules, const Profile& p) {
  if (!c.action.popup()) return {};
  const Caps& caps = rules.caps;
  if (caps.popupsPerSession > 0 && p.session.popups >= caps.popupsPerSession) {
    return {"session_popup_cap", "popups this session: " + of(p.session.popups, caps.popupsPerSession)};
  }
  int64_t this_view = p.session.lastPopupView == p.session.pageViews ? p.session.viewPopups : 0;
  if (this_view >= caps.popupsPerPageView) return {"popup_cap", "popups on this page view: " + of(this_view, caps.popupsPerPageView)};
  return {};
}

int64_t holdout_group(const Campaign& c, const CampaignState& s, const std::string& visitor_id) {
  if (s.group != kNoGroup) return s.group;
  double n = growthbook_hash(c.holdout.seed, visitor_id, c.holdout.hashVersion).value_or(1);
  return n < c.holdout.percent / 100 ? kControl : kTreatment;
}

const CampaignState& state_of(const Profile& p, const std::string& id) {
  static const CampaignState kNever;
  auto it = p.campaigns.find(id);
  return it == p.campaigns.end() ? kNever : it->second;
}

}  // namespace shopkeeper
