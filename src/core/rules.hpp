#pragma once
// The rules document: settings and campaigns, validated once at load.

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "acquisition.hpp"
#include "condition.hpp"
#include "error.hpp"
#include "ranking_settings.hpp"
#include "visits.hpp"

namespace shopkeeper {

/// How often a campaign may be shown.
struct Frequency {
  int64_t perSession = 1;          ///< impressions per session; 0 = no limit
  int64_t lifetime = 0;            ///< impressions ever; 0 = no limit
  bool stopAfterDismiss = true;    ///< never again once dismissed
  bool stopAfterConversion = true; ///< never again once converted
};

/// One campaign: who it is for, what it shows, how often.
struct Campaign {
  std::string id;
  int64_t priority = 0;  ///< higher wins
  Condition audience;    ///< valid() is false when the campaign has no audience (everyone)
  bool hasAudience = false;
  Frequency frequency;
  json action;  ///< validated; handed to the JS renderer as is
};

/// A loaded rules document.
struct Rules {
  VisitSettings visits;
  AcquisitionRequest acquisition;  ///< refParam and internalDomains from the settings
  int64_t interestHalfLifeMs = 14LL * 24 * 60 * 60 * 1000;  ///< interest scores halve in this time
  RankingSettings ranking;  ///< settings.ranking: how tiles are ordered
  std::vector<Campaign> campaigns;  ///< sorted by priority, highest first; stable
};

/// Limits that keep a hostile document from exhausting memory or time.
struct RulesLimits {
  static constexpr std::size_t kMaxDocumentBytes = 1 << 20;
  static constexpr std::size_t kMaxCampaigns = 200;
  static constexpr std::size_t kMaxTextBytes = 4096;
};

/// Parses and validates a rules document. `errors` is empty on success.
Rules parse_rules(std::string_view text, std::vector<Error>& errors);

}  // namespace shopkeeper
