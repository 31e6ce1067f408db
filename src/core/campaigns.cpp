#include "campaigns.hpp"

namespace shopkeeper {

namespace {

/// Why a campaign cannot show now because of its own history, or nullptr.
const char* frequency_block(const Campaign& c, const CampaignState& s, int64_t session_number) {
  const Frequency& f = c.frequency;
  if (f.stopAfterConversion && s.converted > 0) return "converted";
  if (f.stopAfterDismiss && s.dismissed > 0) return "dismissed";
  if (f.lifetime > 0 && s.impressions >= f.lifetime) return "lifetime_cap";
  int64_t this_session = s.lastShownSession == session_number ? s.sessionImpressions : 0;
  if (f.perSession > 0 && this_session >= f.perSession) return "session_cap";
  return nullptr;
}

}  // namespace

CampaignDecisions decide_campaigns(const Rules& rules, const Profile& profile, const json& context, bool can_remember) {
  CampaignDecisions out;
  static const CampaignState kNever;
  bool popup_taken = false;
  for (const Campaign& c : rules.campaigns) {
    auto skip = [&](const char* reason, const std::string& detail) {
      out.skipped.push_back({{"campaign", c.id}, {"reason", reason}, {"detail", detail}});
    };
    auto state_it = profile.campaigns.find(c.id);
    const CampaignState& state = state_it == profile.campaigns.end() ? kNever : state_it->second;
    if (const char* blocked = frequency_block(c, state, profile.session.number)) {
      skip(blocked, "frequency rules stop this campaign for this visitor");
      continue;
    }
    if (c.hasAudience && !c.audience.matches(context)) {
      skip("audience", "the visitor is not in the audience");
      continue;
    }
    if (!can_remember) {
      skip("storage_unavailable", "storage is unavailable, so a dismissal could not be remembered");
      continue;
    }
    if (popup_taken) {
      skip("popup_cap", "another campaign of higher priority shows a popup on this page view");
      continue;
    }
    popup_taken = true;
    json why = json::array();
    why.push_back(c.hasAudience ? "the visitor matches the audience" : "the campaign is for every visitor");
    why.push_back("shown " + std::to_string(state.impressions) + " times before");
    out.shown.push_back({{"campaign", c.id}, {"priority", c.priority}, {"action", c.action}, {"why", std::move(why)}});
  }
  return out;
}

}  // namespace shopkeeper
