#pragma once
// The engine: built once from a rules document, then a few calls per page view,
// each taking and returning JSON text. Nothing throws across this API.

#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "error.hpp"
#include "feed.hpp"
#include "profile.hpp"
#include "ranking.hpp"
#include "rules.hpp"

namespace shopkeeper {

/// The library version, as in package.json.
constexpr const char* kVersion = "0.1.0";

/// The stored profile text given beside a decide, track or explain request, in place of its
/// "profile" member: the JS layer passes it so, unescaped, as it is most of a request's bytes.
/// std::nullopt: the member is used.
using StoredProfile = std::optional<std::string_view>;

/// Where decide and track put the profile to store instead of the response's "profile" member:
/// the JS layer takes it so, unescaped, as it is most of a response's bytes. nullptr: the
/// member holds it.
using ProfileAside = std::string*;

/// A stored profile read ahead of the call that brings it (Engine::preload_profile).
struct PreloadedProfile {
  std::string text;
  ProfileLoad load;
  bool held = false;
};

/// Decides what a visitor sees. One long-lived instance per page.
class Engine {
 public:
  /// Loads (or replaces) the rules document. Returns {"ok":true,"campaigns":N,"timeZone","refParam"}
  /// or {"ok":false,"errors":[{code,message,path}]}; on failure the engine keeps
  /// working with no campaigns, so visits are still recorded.
  std::string load(std::string_view rules_json);

  /// Sets the shop's context feed (see feed.hpp). Returns {"ok":true,"warnings"} or
  /// {"ok":false,"errors"}; a rejected feed also drops the previous one.
  std::string set_feed(std::string_view feed_json);

  /// A page view. Request: {"profile": stored string or null, "page": {"url", "referrer", "type",
  /// "category", "query", "product", "routeChange"}, "now": ms since epoch, "newId": id for a new
  /// visitor, "storage": false when nothing can be persisted, "shopTime": {date, weekday, hour,
  /// minute} in the shop's time zone, "device": {mobile, width}, "consent", "location": the
  /// shop's hint and geolocation coordinates, "timeZone": the browser's IANA zone (see
  /// location.hpp)}. Response: {"ok", "visitor", "session", "acquisition", "location",
  /// "decisions", "exposures", "skipped", "boosts", "profile" (string to store; in `aside`
  /// instead when given), "profileStatus", "warnings"} or {"ok":false,"error"}.
  /// Keeps what the ranking needs of this page view (see ranker()).
  std::string decide(std::string_view request_json, StoredProfile stored = std::nullopt, ProfileAside aside = nullptr);

  /// Why a campaign would or would not show on this page view, without recording anything.
  /// Request: decide's plus {"campaign": id}. Response: {"ok", "campaign", "wouldShow",
  /// "checks": [{check, passed, detail}], "audience": [{path, matched}]} or {"ok":false,"error"}.
  std::string explain(std::string_view request_json, StoredProfile stored = std::nullopt) const;

  /// Joins two stored versions of the profile that two tabs wrote concurrently.
  /// Request: {"ours": stored string, "theirs": stored string}. Response: {"ok", "profile"}
  /// (an unreadable side is ignored) or {"ok":false,"error"}.
  std::string merge(std::string_view request_json) const;

  /// Compacts a stored profile to make room when storage is full. Request: {"profile":
  /// stored string, "maxBytes": the budget (default ProfileLimits::kCompactBytes, 1024 to
  /// 16384)}. Response: {"ok", "profile", "bytes"}, or {"ok":false,"error"} when the
  /// profile is unreadable or the budget out of range. History goes first (see serialize_profile).
  std::string compact(std::string_view request_json) const;

  /// An event on this page. Request: decide's fields plus {"name", "properties"}. Response:
  /// {"ok", "handled", "visitorId", "decisions", "exposures", "skipped" (for the campaigns the
  /// event triggers), "profile" (or in `aside`), "profileStatus", "warnings"} or {"ok":false,"error"}.
  std::string track(std::string_view request_json, StoredProfile stored = std::nullopt, ProfileAside aside = nullptr) const;

  /// Reads a stored profile ahead of the call that brings it, e.g. while the page is still
  /// loading: the next decide, track or explain whose "profile" is this same text takes it
  /// as read. One is held at a time, until that call; a call with another text drops it.
  void preload_profile(std::string_view stored);

  /// Orders product tiles for the visitor of the latest decide().
  Ranker& ranker() { return ranker_; }

 private:
  Rules rules_;
  Feed feed_;
  Ranker ranker_;
  mutable PreloadedProfile preloaded_;  ///< taken by the const calls too: a cache, not engine state
};

}  // namespace shopkeeper
