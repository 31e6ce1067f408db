#include "engine.hpp"

#include "campaigns.hpp"
#include "context.hpp"
#include "events.hpp"
#include "merge.hpp"
#include "profile.hpp"
#include "ranking_snapshot.hpp"
#include "text.hpp"
#include "visits.hpp"

namespace shopkeeper {

namespace {

std::string failure(const char* code, const std::string& message, const std::string& path) {
  return dump_json({{"ok", false}, {"error", to_json(Error{code, message, path})}});
}

/// The common part of every request: the parsed body, the stored profile and the clock.
struct Request {
  json body;
  ProfileLoad load;
  int64_t now = 0;
  std::string newId;
  std::string error;  ///< a ready failure response when the request is unusable
};

Request read_request(std::string_view text) {
  Request r;
  r.body = parse_json(text);
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
  auto stored = as_string(member(r.body, "profile"));
  r.load = parse_profile(stored ? *stored : std::string());
  return r;
}

json warnings_for(const ProfileLoad& load) {
  json warnings = json::array();
  if (load.status == ProfileStatus::Corrupt || load.status == ProfileStatus::Foreign) {
    warnings.push_back({{"code", std::string("profile_") + to_string(load.status)},
                        {"message", load.problem + "; it was replaced by a fresh profile"}});
  }
  return warnings;
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
  return dump_json({{"ok", true}, {"campaigns", rules_.campaigns.size()}});
}

std::string Engine::decide(std::string_view request_json) {
  Request r = read_request(request_json);
  if (!r.error.empty()) return r.error;
  PageView page = read_page(member(r.body, "page"));
  bool can_remember = as_bool(member(r.body, "storage")).value_or(true);

  Profile& p = r.load.profile;
  int64_t previous_seen = p.lastSeen;
  AcquisitionRequest arrival_request = rules_.acquisition;
  arrival_request.url = page.url;
  arrival_request.referrer = page.referrer;
  Acquisition arrival = classify_acquisition(arrival_request);
  // An arrival through a new campaign starts a new session; direct and internal ones never do.
  bool campaign_arrival = arrival.medium != medium::kDirect && arrival.medium != medium::kInternal;
  bool new_campaign = campaign_arrival && p.currentTouch.at != 0 && !same_touch(arrival, p.currentTouch.acquisition);
  bool new_session = record_page_view(p, page.path, r.now, r.newId, rules_.visits, new_campaign);
  if (new_session) {
    p.currentTouch = Touch{arrival, r.now};
    // A session that starts from one of the shop's own pages (a tab left open) is direct.
    if (arrival.medium == medium::kInternal) p.currentTouch.acquisition = Acquisition{};
    if (p.firstTouch.at == 0) p.firstTouch = p.currentTouch;
  }
  bool had_history = has_ranking_history(p);  // before this page adds to it
  // The page context is what the page shows: a product page is a product view, and so on.
  if (page.product.is_object()) apply_event(p, rules_, "Product Viewed", page.product, r.now);
  if (!page.category.empty() && !page.product.is_object()) {
    apply_event(p, rules_, "Product List Viewed", {{"category", page.category}}, r.now);
  }
  if (!page.query.empty()) apply_event(p, rules_, "Products Searched", {{"query", page.query}}, r.now);
  json context = build_context(p, page, arrival, r.now, previous_seen, rules_.interestHalfLifeMs);
  CampaignDecisions decisions = decide_campaigns(rules_, p, context, can_remember);
  json boosts = merge_boosts(decisions.shown);
  ranker_.set_snapshot(build_ranking_snapshot(p, context, boosts, rules_.ranking, r.now, rules_.interestHalfLifeMs, had_history),
                       rules_.ranking);

  return dump_json({
      {"ok", true},
      {"visitor", context["visitor"]},
      {"session", {{"number", p.session.number}, {"pageViews", p.session.pageViews}, {"isNew", new_session}}},
      {"acquisition", context["acquisition"]},
      {"decisions", std::move(decisions.shown)},
      {"skipped", std::move(decisions.skipped)},
      {"boosts", std::move(boosts)},
      {"profile", serialize_profile(p)},
      {"profileStatus", to_string(r.load.status)},
      {"warnings", warnings_for(r.load)},
  });
}

std::string Engine::track(std::string_view request_json) const {
  Request r = read_request(request_json);
  if (!r.error.empty()) return r.error;
  auto name = as_string(member(r.body, "name"));
  if (!name || name->empty() || name->size() > 200) {
    return failure("invalid_request", "name must be a non-empty event name", "/name");
  }
  static const json kNoProperties = json::object();
  const json* props = member(r.body, "properties");
  if (!props || !props->is_object()) props = &kNoProperties;

  Profile& p = r.load.profile;
  // An event with no stored profile (storage cleared mid-visit) still belongs to a session.
  if (p.session.number == 0) record_page_view(p, "", r.now, r.newId, rules_.visits);
  bool handled = apply_event(p, rules_, *name, *props, r.now);
  if (r.now > p.lastSeen) p.lastSeen = r.now;

  return dump_json({
      {"ok", true},
      {"handled", handled},
      {"visitorId", p.id},
      {"profile", serialize_profile(p)},
      {"profileStatus", to_string(r.load.status)},
      {"warnings", warnings_for(r.load)},
  });
}

}  // namespace shopkeeper

namespace shopkeeper {

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

}  // namespace shopkeeper
