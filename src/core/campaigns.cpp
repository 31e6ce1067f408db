#include "campaigns.hpp"

#include <set>
#include <vector>

#include "bundle.hpp"
#include "template.hpp"

namespace shopkeeper {

namespace {

/// Adds the weights of a boostTiles action to the merged boosts.
void add_boosts(json& boosts, const json& action) {
  const json& boost = action["boost"];
  for (auto kind = boost.begin(); kind != boost.end(); ++kind) {
    json& merged = boosts[kind.key()];
    for (auto w = kind->begin(); w != kind->end(); ++w) merged[w.key()] = merged.value(w.key(), 0.0) + w->get<double>();
  }
}

json why_shown(const Campaign& c, const CampaignState& s, const Profile& p, const Rules& rules) {
  json why = json::array();
  if (c.hasAudience) {
    std::string keys;
    for (auto it = c.audienceSpec.begin(); it != c.audienceSpec.end(); ++it) keys += (keys.empty() ? "" : ", ") + it.key();
    why.push_back("the visitor matches the audience (" + keys + ")");
  } else {
    why.push_back("the campaign is for every visitor");
  }
  if (!c.schedule.start.empty() || !c.schedule.end.empty() || c.schedule.weekdays != 0x7f || c.schedule.from != 0 || c.schedule.to != 24) {
    why.push_back("within its schedule (shop time)");
  }
  why.push_back("shown " + std::to_string(s.impressions) + " times before");
  if (c.holdout.active) why.push_back("holdout: in the treatment group (" + json(c.holdout.percent).dump() + "% held out)");
  if (c.action.popup() && rules.caps.popupsPerSession > 0) {
    why.push_back("popups this session: " + std::to_string(p.session.popups) + " of " + std::to_string(rules.caps.popupsPerSession));
  }
  return why;
}

}  // namespace

CampaignDecisions decide_campaigns(const Rules& rules, Profile& profile, const Occasion& o) {
  CampaignDecisions out;
  std::set<std::string> groups_taken;
  std::vector<const json*> popup_triggers;
  for (const Campaign& c : rules.campaigns) {
    if (!o.event.empty() && c.trigger.event != o.event) continue;
    auto skip = [&](const char* reason, const std::string& detail) {
      out.skipped.push_back({{"campaign", c.id}, {"reason", reason}, {"detail", detail}});
    };
    const CampaignState& state = state_of(profile, c.id);
    Check check = trigger_check(c, o);
    if (!check) check = schedule_check(c, o);
    if (!check) check = frequency_check(c, state, profile, o);
    if (!check) check = audience_check(c, rules, o);
    if (!check && !o.canRemember) check = {"storage_unavailable", "storage is unavailable, so a dismissal could not be remembered"};
    if (check) {
      skip(check.reason, check.detail);
      continue;
    }
    json group = nullptr;
    if (c.holdout.active) {
      CampaignState& s = profile.campaigns[c.id];
      s.group = holdout_group(c, s, profile.id);
      group = s.group == kControl ? "control" : "treatment";
      if (s.exposedSession != profile.session.number) {
        s.exposedSession = profile.session.number;
        out.exposures.push_back({{"campaign", c.id}, {"group", group}});
      }
      if (s.group == kControl) {
        skip("holdout", "in the control group: exposed, shown nothing");
        continue;
      }
    }
    if (!c.group.empty() && groups_taken.count(c.group)) {
      skip("group", "a campaign of higher priority in the group \"" + c.group + "\" shows");
      continue;
    }
    if (c.action.popup()) {
      if (Check caps = popup_caps_check(c, rules, profile)) {
        skip(caps.reason, caps.detail);
        continue;
      }
      bool same_trigger = false;
      for (const json* t : popup_triggers) same_trigger = same_trigger || *t == c.trigger.spec;
      if (same_trigger) {
        skip("popup_cap", "a popup of higher priority has the same trigger");
        continue;
      }
    }
    json action = c.action.spec;
    render_action_text(action, o.context);
    if (c.action.kind == ActionKind::BundleOffer) {
      action["bundle"] = build_bundle(action, profile);
      if (action["bundle"].is_null()) {
        skip("no_bundle", "no product of the visitor's profile has a complement in this offer");
        continue;
      }
    }
    if (!c.group.empty()) groups_taken.insert(c.group);
    if (c.action.popup()) popup_triggers.push_back(&c.trigger.spec);
    if (c.action.kind == ActionKind::BoostTiles) add_boosts(out.boosts, action);
    json why = why_shown(c, state_of(profile, c.id), profile, rules);
    out.shown.push_back({{"campaign", c.id},
                         {"priority", c.priority},
                         {"trigger", c.trigger.spec},
                         {"action", std::move(action)},
                         {"group", group},
                         {"why", std::move(why)}});
  }
  return out;
}

}  // namespace shopkeeper
