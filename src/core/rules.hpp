#pragma once
// The rules document: settings and campaigns, validated once at load.

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "acquisition.hpp"
#include "action.hpp"
#include "condition.hpp"
#include "error.hpp"
#include "ranking_settings.hpp"
#include "schedule.hpp"
#include "trigger.hpp"
#include "visits.hpp"

namespace shopkeeper {

/// How often a campaign may be shown.
struct Frequency {
  int64_t perSession = 1;          ///< impressions per session; 0 = no limit
  int64_t perDay = 0;              ///< impressions per shop-local day; 0 = no limit
  int64_t lifetime = 0;            ///< impressions ever; 0 = no limit
  int64_t cooldownHours = 0;       ///< hours after a dismissal before it may show again
  bool stopAfterDismiss = true;    ///< never again once dismissed
  bool stopAfterConversion = true; ///< never again once converted
};

/// A control group kept from the campaign to measure its lift.
struct Holdout {
  bool active = false;
  double percent = 0;    ///< share of eligible visitors held out, 0..100
  std::string seed;      ///< hashed with the visitor id; defaults to the campaign id
  int hashVersion = 2;   ///< GrowthBook hash version, 1 or 2
};

/// One campaign: when it triggers, who it is for, what it shows, how often.
struct Campaign {
  std::string id;
  int64_t priority = 0;  ///< higher wins
  std::string group;     ///< mutually exclusive group ("" = none): at most one decision per group
  Trigger trigger;
  Condition audience;    ///< valid() is false when the campaign has no audience (everyone)
  bool hasAudience = false;
  json audienceSpec;     ///< the audience as written, for explanations
  Frequency frequency;
  Schedule schedule;
  Holdout holdout;
  Action action;
};

/// Caps over all campaigns.
struct Caps {
  int64_t popupsPerPageView = 1;  ///< popups one page view may show
  int64_t popupsPerSession = 0;   ///< popups one session may show; 0 = no limit
};

/// A loaded rules document.
struct Rules {
  VisitSettings visits;
  AcquisitionRequest acquisition;  ///< refParam and internalDomains from the settings
  int64_t interestHalfLifeMs = 14LL * 24 * 60 * 60 * 1000;  ///< interest scores halve in this time
  RankingSettings ranking;  ///< settings.ranking: how tiles are ordered
  std::string timeZone = "UTC";    ///< the shop's IANA time zone, for schedules and daily caps
  Caps caps;
  json savedGroups = json::object();  ///< {id: [values]} for $inGroup / $notInGroup
  std::vector<Campaign> campaigns;  ///< sorted by priority, highest first; stable
};

/// Limits that keep a hostile document from exhausting memory or time.
struct RulesLimits {
  static constexpr std::size_t kMaxDocumentBytes = 1 << 20;
  static constexpr std::size_t kMaxCampaigns = 200;
  static constexpr std::size_t kMaxSavedGroups = 100;
  static constexpr std::size_t kMaxGroupValues = 5000;
  /// Problems listed for one document; past this, one last error says how many were left out.
  static constexpr std::size_t kMaxErrors = 100;
};

/// Parses and validates a rules document. `errors` is empty on success.
Rules parse_rules(std::string_view text, std::vector<Error>& errors);

}  // namespace shopkeeper
