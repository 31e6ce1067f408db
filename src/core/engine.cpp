#include "engine.hpp"

#include "campaigns.hpp"
#include "context.hpp"
#include "events.hpp"
#include "explain.hpp"
#include "location.hpp"
#include "merge.hpp"
#include "profile.hpp"
#include "ranking_snapshot.hpp"
#include "request_context.hpp"
#include "text.hpp"
#include "visits.hpp"

namespace shopkeeper {

namespace {

std::string failure(const char* code, const std::string& message, const std::string& path) {
  return dump_json({{"ok", false}, {"error", to_json(Error{code, message, path})}});
}

/// The common part of every request: the parsed body, the stored profile, the clock and the signals.
struct Request {
  json body;
  ProfileLoad load;
  int64_t now = 0;
  std::string newId;
  RequestSignals signals;
  PageView page;
  json warnings = json::array();
  std::string error;  ///< a ready failure response when the request is unusable
};

Request read_request(std::string_view text, const Rules& rules, PreloadedProfile& preloaded, StoredProfile given) {
  Request r;
  r.body = parse_json(text);
  if (r.body.is_discarded() && nests_too_deep(text)) {
    r.error = failure("invalid_request", "the request nests deeper than " + std::to_string(JsonLimits::kMaxDepth) + " levels", "");
    return r;
  }
  if (r.body.is_discarded() || !r.body.is_object()) {
    r.error = failure("invalid_request", "the request must be a JSON object", "");
    return r;
  }
  auto now = as_int(member(r.body, "now"));
  if (!now || *now <= 0) {
    r.error = failure("invalid_request", "now must be a positive number of milliseconds since the epoch", "/now");
    return r;
  }
  r.now = *now;
  auto id = as_string(member(r.body, "newId"));
  // Without a usable id from the caller, derive one from the clock: unique enough
  // for one device, and the JS layer always sends a random one.
  r.newId = id && is_identifier(*id) ? *id : "t" + std::to_string(r.now);
  std::optional<std::string> stored = given ? std::nullopt : as_string(member(r.body, "profile"));
  std::string_view stored_text = given ? *given : stored ? std::string_view(*stored) : std::string_view();
  r.load = preloaded.held && preloaded.text == stored_text ? std::move(preloaded.load) : parse_profile(stored_text);
  preloaded = PreloadedProfile{};
  r.signals = read_signals(r.body, r.now);
  r.page = read_page(member(r.body, "page"));
  if (r.load.status == ProfileStatus::Corrupt || r.load.status == ProfileStatus::Foreign) {
    r.warnings.push_back({{"code", std::string("profile_") + to_string(r.load.status)},
                          {"message", r.load.problem + "; it was replaced by a fresh profile"}});
  }
  if (!r.signals.timeGiven && rules.timeZone != "UTC") {
    r.warnings.push_back({{"code", "shop_time_missing"},
                          {"message", "no valid shopTime in the request: schedules and daily caps use UTC instead of " + rules.timeZone}});
  }
  return r;
}

/// The context conditions see at this moment: the profile's, where the visitor is (unusable
/// location hints become warnings), and the campaign roots.
json context_of(Request& r, const Rules& rules, const Feed& feed, const Acquisition& arrival, int64_t previous_seen) {
  const Profile& p = r.load.profile;
  json context = build_context(p, r.page, arrival, r.now, previous_seen, rules.interestHalfLifeMs);
  std::vector<Error> problems;
  context["location"] = to_json(resolve_location(member(r.body, "location"), member(r.body, "timeZone"), problems));
  for (const Error& e : problems) r.warnings.push_back(to_json(e));
  add_campaign_roots(context, r.signals, r.page, p, rules, feed, r.now);
  return context;
}

/// A page view recorded on the request's profile, and the context it gives.
struct PageViewState {
  Acquisition arrival;
  bool newSession = false;
  bool hadHistory = false;  ///< the profile held what ranking uses before this page view (see has_ranking_history)
  json context;
};

PageViewState record(Request& r, const Rules& rules, const Feed& feed) {
  PageViewState s;
  Profile& p = r.load.profile;
  int64_t previous_seen = p.lastSeen;
  AcquisitionRequest arrival_request = rules.acquisition;
  arrival_request.url = r.page.url;
  arrival_request.referrer = r.page.referrer;
  s.arrival = classify_acquisition(arrival_request);
  // An arrival through a new campaign starts a new session; direct and internal ones never do.
  bool campaign_arrival = s.arrival.medium != medium::kDirect && s.arrival.medium != medium::kInternal;
  bool new_campaign = campaign_arrival && p.currentTouch.at != 0 && !same_touch(s.arrival, p.currentTouch.acquisition);
  s.newSession = record_page_view(p, r.page.path, r.now, r.newId, rules.visits, new_campaign);
  if (s.newSession) {
    p.currentTouch = Touch{s.arrival, r.now};
    // A session that starts from one of the shop's own pages (a tab left open) is direct.
    if (s.arrival.medium == medium::kInternal) p.currentTouch.acquisition = Acquisition{};
    if (p.firstTouch.at == 0) p.firstTouch = p.currentTouch;
  }
  s.hadHistory = has_ranking_history(p);
  // The page context is what the page shows: a product page is a product view, and so on.
  int64_t day = r.signals.time.day_number();
  if (r.page.product.is_object()) apply_event(p, rules, "Product Viewed", r.page.product, r.now, day);
  if (!r.page.category.empty() && !r.page.product.is_object()) {
    apply_event(p, rules, "Product List Viewed", {{"category", r.page.category}}, r.now, day);
  }
  if (!r.page.query.empty()) apply_event(p, rules, "Products Searched", {{"query", r.page.query}}, r.now, day);
  s.context = context_of(r, rules, feed, s.arrival, previous_seen);
  return s;
}

/// The response, with the profile to store in its "profile" member or in `aside`.
std::string with_profile(ProfileAside aside, const Profile& p, json response) {
  if (aside) *aside = serialize_profile(p);
  else response["profile"] = serialize_profile(p);
  return dump_json(response);
}

Occasion occasion_of(const Request& r, const json& context, std::string event) {
  return Occasion{context, r.signals.time, r.now, as_bool(member(r.body, "storage")).value_or(true), r.page.routeChange, std::move(event)};
}

}  // namespace

std::string Engine::load(std::string_view rules_json) {
  std::vector<Error> errors;
  Rules parsed = parse_rules(rules_json, errors);
  if (!errors.empty()) {
    rules_ = Rules{};
    return dump_json({{"ok", false}, {"errors", to_json(errors)}});
  }
  rules_ = std::move(parsed);
  return dump_json({{"ok", true}, {"campaigns", rules_.campaigns.size()}, {"timeZone", rules_.timeZone},
                    {"refParam", rules_.acquisition.ref_param}});
}

void Engine::preload_profile(std::string_view stored) {
  preloaded_ = PreloadedProfile{std::string(stored), parse_profile(stored), true};
}

std::string Engine::set_feed(std::string_view feed_json) {
  std::vector<Error> errors, warnings;
  Feed parsed = parse_feed(feed_json, errors, warnings);
  feed_ = errors.empty() ? std::move(parsed) : Feed{};
  if (!errors.empty()) return dump_json({{"ok", false}, {"errors", to_json(errors)}});
  return dump_json({{"ok", true}, {"warnings", to_json(warnings)}});
}

std::string Engine::decide(std::string_view request_json, StoredProfile stored, ProfileAside aside) {
  Request r = read_request(request_json, rules_, preloaded_, stored);
  if (!r.error.empty()) return r.error;
  PageViewState s = record(r, rules_, feed_);
  Profile& p = r.load.profile;
  CampaignDecisions decisions = decide_campaigns(rules_, p, occasion_of(r, s.context, ""));
  ranker_.set_snapshot(build_ranking_snapshot(p, s.context, decisions.boosts, rules_.ranking, r.now, rules_.interestHalfLifeMs,
                                              s.hadHistory),
                       rules_.ranking);
  // The context is done with: the response takes its parts.
  return with_profile(aside, p, {
      {"ok", true},
      {"visitor", std::move(s.context["visitor"])},
      {"session", {{"number", p.session.number}, {"pageViews", p.session.pageViews}, {"isNew", s.newSession}}},
      {"acquisition", std::move(s.context["acquisition"])},
      {"location", std::move(s.context["location"])},
      {"decisions", std::move(decisions.shown)},
      {"exposures", std::move(decisions.exposures)},
      {"skipped", std::move(decisions.skipped)},
      {"boosts", std::move(decisions.boosts)},
      {"profileStatus", to_string(r.load.status)},
      {"warnings", std::move(r.warnings)},
  });
}

std::string Engine::explain(std::string_view request_json, StoredProfile stored) const {
  Request r = read_request(request_json, rules_, preloaded_, stored);
  if (!r.error.empty()) return r.error;
  auto id = as_string(member(r.body, "campaign"));
  const Campaign* campaign = nullptr;
  for (const Campaign& c : rules_.campaigns) {
    if (id && c.id == *id) campaign = &c;
  }
  if (!campaign) return failure("unknown_campaign", "campaign must be the id of a loaded campaign", "/campaign");
  PageViewState s = record(r, rules_, feed_);
  return dump_json(explain_campaign(rules_, *campaign, r.load.profile, occasion_of(r, s.context, "")));
}

std::string Engine::track(std::string_view request_json, StoredProfile stored, ProfileAside aside) const {
  Request r = read_request(request_json, rules_, preloaded_, stored);
  if (!r.error.empty()) return r.error;
  auto name = as_string(member(r.body, "name"));
  if (!name || name->empty() || name->size() > 200) {
    return failure("invalid_request", "name must be a non-empty event name", "/name");
  }
  static const json kNoProperties = json::object();
  const json* props = member(r.body, "properties");
  if (!props || !props->is_object()) props = &kNoProperties;

  Profile& p = r.load.profile;
  int64_t previous_seen = p.lastSeen;
  // An event with no stored profile (storage cleared mid-visit) still belongs to a session, and
  // one after the session timed out (an idle tab) starts the next.
  if (p.session.number == 0) record_page_view(p, "", r.now, r.newId, rules_.visits);
  else start_session_if_due(p, r.now, rules_.visits);
  bool handled = apply_event(p, rules_, *name, *props, r.now, r.signals.time.day_number());
  if (r.now > p.lastSeen) p.lastSeen = r.now;

  CampaignDecisions decisions;
  bool triggers = std::any_of(rules_.campaigns.begin(), rules_.campaigns.end(), [&](const Campaign& c) { return c.trigger.event == *name; });
  if (triggers) {
    AcquisitionRequest arrival = rules_.acquisition;
    arrival.url = r.page.url;
    arrival.referrer = r.page.referrer;
    json context = context_of(r, rules_, feed_, classify_acquisition(arrival), previous_seen);
    decisions = decide_campaigns(rules_, p, occasion_of(r, context, *name));
  }
  return with_profile(aside, p, {
      {"ok", true},
      {"handled", handled},
      {"visitorId", p.id},
      {"decisions", std::move(decisions.shown)},
      {"exposures", std::move(decisions.exposures)},
      {"skipped", std::move(decisions.skipped)},
      {"profileStatus", to_string(r.load.status)},
      {"warnings", std::move(r.warnings)},
  });
}

std::string Engine::merge(std::string_view request_json) const {
  json body = parse_json(request_json);
  auto ours = as_string(member(body, "ours"));
  auto theirs = as_string(member(body, "theirs"));
  if (!ours || !theirs) return failure("invalid_request", "ours and theirs must be stored profile strings", "");
  ProfileLoad a = parse_profile(*ours);
  ProfileLoad b = parse_profile(*theirs);
  auto usable = [](const ProfileLoad& l) { return l.status == ProfileStatus::Loaded || l.status == ProfileStatus::Migrated; };
  Profile merged = usable(a) && usable(b) ? merge_profiles(a.profile, b.profile) : usable(a) ? a.profile : b.profile;
  return dump_json({{"ok", true}, {"profile", serialize_profile(merged)}});
}

std::string Engine::compact(std::string_view request_json) const {
  json body = parse_json(request_json);
  auto stored = as_string(member(body, "profile"));
  if (!stored) return failure("invalid_request", "profile must be a stored profile string", "/profile");
  const json* budget = member(body, "maxBytes");
  auto max_bytes = budget ? as_int(budget) : std::optional<int64_t>(ProfileLimits::kCompactBytes);
  if (!max_bytes || *max_bytes < 1024 || *max_bytes > static_cast<int64_t>(ProfileLimits::kStoredBytes)) {
    return failure("invalid_request", "maxBytes must be a number of bytes from 1024 to 16384", "/maxBytes");
  }
  ProfileLoad load = parse_profile(*stored);
  if (load.status != ProfileStatus::Loaded && load.status != ProfileStatus::Migrated) {
    return failure("invalid_profile", load.problem.empty() ? "nothing to compact" : load.problem, "/profile");
  }
  std::string text = serialize_profile(load.profile, static_cast<std::size_t>(*max_bytes));
  std::size_t bytes = text.size();
  return dump_json({{"ok", true}, {"profile", std::move(text)}, {"bytes", bytes}});
}

}  // namespace shopkeeper
