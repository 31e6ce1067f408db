#pragma once
// The visitor profile kept on the device: what the engine remembers between page views.

#include <cstdint>
#include <map>
#include <string>
#include <string_view>

#include "json_read.hpp"

namespace shopkeeper {

/// What the visitor has seen of one campaign.
struct CampaignState {
  int64_t impressions = 0;         ///< times shown, lifetime
  int64_t lastShown = 0;           ///< ms since epoch, 0 = never
  int64_t lastShownSession = 0;    ///< session number of the last impression
  int64_t sessionImpressions = 0;  ///< impressions within lastShownSession
  int64_t dismissed = 0;           ///< ms of the last dismissal, 0 = never
  int64_t converted = 0;           ///< ms of the conversion, 0 = never
};

/// The current session (a visit): it ends after a period of inactivity.
struct Session {
  int64_t number = 0;     ///< 1 for the first visit
  int64_t startedAt = 0;  ///< ms since epoch
  int64_t pageViews = 0;
  std::string landingPage;  ///< path of the first page of the session
};

/// Everything stored about one visitor. Bounded by design; serialized as JSON.
struct Profile {
  /// Version written by this build; stored values with a higher one are foreign.
  static constexpr int kSchemaVersion = 1;

  std::string id;
  int64_t firstSeen = 0;  ///< ms since epoch of the first page view
  int64_t lastSeen = 0;   ///< ms since epoch of the latest activity
  Session session;
  bool emailCaptured = false;  ///< a flag only: the address never enters the profile
  std::map<std::string, CampaignState> campaigns;
};

/// How a stored value was read.
enum class ProfileStatus {
  Fresh,    ///< nothing was stored: a new visitor
  Loaded,   ///< read as is
  Corrupt,  ///< unreadable (not JSON, truncated, wrong shapes): replaced by a fresh profile
  Foreign,  ///< JSON, but not a profile of a version this build knows: replaced
};

/// The result of reading a stored profile.
struct ProfileLoad {
  Profile profile;
  ProfileStatus status = ProfileStatus::Fresh;
  std::string problem;  ///< why the value was replaced (Corrupt/Foreign only)
};

/// Reads a stored profile; never throws. Empty text means nothing was stored.
ProfileLoad parse_profile(std::string_view stored);

/// Serializes a profile to its stored form.
std::string serialize_profile(const Profile& profile);

/// The status as a lowercase word for the JSON API.
const char* to_string(ProfileStatus status);

}  // namespace shopkeeper
