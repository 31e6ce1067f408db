#pragma once
// Visits and sessions: when a page view starts a new visit.

#include <cstdint>
#include <string>

#include "profile.hpp"

namespace shopkeeper {

/// How visits are cut into sessions.
struct VisitSettings {
  int64_t sessionTimeoutMs = 30 * 60 * 1000;  ///< inactivity that ends a session
};

/// Starts a new session at `now` when the last one has ended: after `settings.sessionTimeoutMs`
/// without a page view or event, or on `force_new_session` once a page view was in it. Does not count a page view: an
/// event after a long idle starts a session too, and its first page view is its landing page.
/// Returns true when it started one.
bool start_session_if_due(Profile& profile, int64_t now, const VisitSettings& settings, bool force_new_session = false);

/// Records a page view of `path` at `now` (ms since epoch) on `profile`.
/// A profile without a session (a new visitor) gets `new_id` and its first session;
/// otherwise a new session starts after `settings.sessionTimeoutMs` of inactivity.
/// A new session moves the products of the last one to previousVisitProducts and turns
/// an unfinished checkout into an abandoned one. Returns true when this page view is the first
/// of its session (it started it, or an event after a long idle did).
/// `force_new_session` starts one regardless (an arrival through a new campaign).
bool record_page_view(Profile& profile, const std::string& path, int64_t now, const std::string& new_id,
                      const VisitSettings& settings, bool force_new_session = false);

}  // namespace shopkeeper
