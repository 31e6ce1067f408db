#include "explain.hpp"

#include "bundle.hpp"
#include "campaigns.hpp"

namespace shopkeeper {

namespace {

json check(const char* name, const Check& c, const char* passed_detail) {
  return {{"check", name}, {"passed", !c}, {"detail", c ? c.detail : std::string(passed_detail)}};
}

/// The decisions of campaigns ranked above `c` (they come first in rules.campaigns).
std::vector<const json*> decided_before(const Rules& rules, const Campaign& c, const json& shown) {
  std::vector<const json*> out;
  for (const Campaign& other : rules.campaigns) {
    if (&other == &c) break;
    for (const auto& d : shown) {
      if (d["campaign"] == other.id) out.push_back(&d);
    }
  }
  return out;
}

}  // namespace

json explain_campaign(const Rules& rules, const Campaign& c, const Profile& profile, const Occasion& o) {
  Profile copy = profile;
  CampaignDecisions arbitration = decide_campaigns(rules, copy, o);
  bool would_show = false;
  for (const auto& d : arbitration.shown) would_show = would_show || d["campaign"] == c.id;

  const CampaignState& state = state_of(profile, c.id);
  json checks = json::array();
  checks.push_back(check("trigger", trigger_check(c, o), "the trigger belongs to this moment"));
  checks.push_back(check("schedule", schedule_check(c, o), "within the schedule (shop time)"));
  checks.push_back(check("frequency", frequency_check(c, state, profile, o), "the frequency rules allow it"));
  checks.push_back(check("audience", audience_check(c, rules, o), c.hasAudience ? "the visitor is in the audience" : "for every visitor"));
  Check holdout;
  if (c.holdout.active && holdout_group(c, state, profile.id) == kControl) holdout = {"holdout", "in the control group: would be exposed, shown nothing"};
  checks.push_back(check("holdout", holdout, c.holdout.active ? "in the treatment group" : "no holdout"));

  std::vector<const json*> before = decided_before(rules, c, arbitration.shown);
  Check group;
  for (const json* d : before) {
    const Campaign* other = nullptr;
    for (const Campaign& x : rules.campaigns) {
      if ((*d)["campaign"] == x.id) other = &x;
    }
    if (!c.group.empty() && other && other->group == c.group) group = {"group", "\"" + other->id + "\" of the same group shows"};
  }
  checks.push_back(check("group", group, c.group.empty() ? "no exclusive group" : "no campaign of higher priority in the group shows"));

  Check caps = o.canRemember ? popup_caps_check(c, rules, profile) : Check{"storage_unavailable", "storage is unavailable"};
  for (const json* d : before) {
    if (!caps && c.action.popup() && Action::is_popup_creative((*d)["action"].value("type", "")) && (*d)["trigger"] == c.trigger.spec) {
      caps = {"popup_cap", "\"" + (*d)["campaign"].get<std::string>() + "\", a popup of higher priority, has the same trigger"};
    }
  }
  checks.push_back(check("caps", caps, c.action.popup() ? "within the popup caps" : "not a popup"));
  if (c.action.kind == ActionKind::BundleOffer) {
    Check bundle;
    if (build_bundle(c.action.spec, profile).is_null()) bundle = {"no_bundle", "no product of the profile has a complement in this offer"};
    checks.push_back(check("bundle", bundle, "a bundle can be built"));
  }

  json audience = json::array();
  for (auto it = c.audienceSpec.begin(); c.hasAudience && it != c.audienceSpec.end(); ++it) {
    std::vector<Error> ignored;
    Condition part = Condition::compile(json{{it.key(), *it}}, "", ignored);
    audience.push_back({{"path", it.key()}, {"matched", part.matches(o.context, &rules.savedGroups)}});
  }
  return {{"ok", true}, {"campaign", c.id}, {"wouldShow", would_show}, {"checks", std::move(checks)}, {"audience", std::move(audience)}};
}

}  // namespace shopkeeper
