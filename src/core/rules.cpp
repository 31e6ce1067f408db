#include "rules.hpp"

#include <algorithm>
#include <utility>

#include "context_roots.hpp"
#include "rules_validator.hpp"
#include "sort.hpp"
#include "text.hpp"
#include "time_zones.hpp"

namespace shopkeeper {

namespace {

Frequency parse_frequency(Validator& v, const json* spec, const std::string& path) {
  Frequency f;
  if (!spec) return f;
  if (!spec->is_object()) {
    v.fail("invalid_frequency", "frequency must be an object", path);
    return f;
  }
  v.known_keys(*spec, {"perSession", "perDay", "lifetime", "cooldownHours", "stopAfterDismiss", "stopAfterConversion"}, path);
  f.perSession = v.integer(*spec, "perSession", 0, 1000, f.perSession, path);
  f.perDay = v.integer(*spec, "perDay", 0, 1000, f.perDay, path);
  f.lifetime = v.integer(*spec, "lifetime", 0, 1000000, f.lifetime, path);
  f.cooldownHours = v.integer(*spec, "cooldownHours", 0, 24 * 365, f.cooldownHours, path);
  f.stopAfterDismiss = v.boolean(*spec, "stopAfterDismiss", f.stopAfterDismiss, path);
  f.stopAfterConversion = v.boolean(*spec, "stopAfterConversion", f.stopAfterConversion, path);
  if (f.cooldownHours > 0 && f.stopAfterDismiss) {
    v.fail("impossible_frequency", "cooldownHours needs stopAfterDismiss: false (a dismissal otherwise stops the campaign for good)",
           child_path(path, "cooldownHours"));
  }
  return f;
}

Holdout parse_holdout(Validator& v, const json* spec, const std::string& id, const std::string& path) {
  Holdout h;
  if (!spec) return h;
  if (!spec->is_object()) {
    v.fail("invalid_holdout", "holdout must be an object", path);
    return h;
  }
  v.known_keys(*spec, {"percent", "seed", "hashVersion"}, path);
  h.active = true;
  if (!member(*spec, "percent")) v.fail("missing_field", "percent is required", child_path(path, "percent"));
  h.percent = v.number(*spec, "percent", 0, 100, 0, path);
  h.seed = v.text(*spec, "seed", false, path, 200);
  if (h.seed.empty()) h.seed = id;
  h.hashVersion = static_cast<int>(v.integer(*spec, "hashVersion", 1, 2, 2, path));
  return h;
}

// Takes the audience and the action out of `spec`, which the caller drops afterwards.
Campaign parse_campaign(Validator& v, json& spec, const json& saved_groups, const std::string& path) {
  Campaign c;
  if (!spec.is_object()) {
    v.fail("invalid_campaign", "a campaign must be an object", path);
    return c;
  }
  v.known_keys(spec, {"id", "description", "priority", "group", "trigger", "audience", "action", "frequency", "schedule", "holdout"}, path);
  auto id = as_string(member(spec, "id"));
  if (!id || !is_identifier(*id)) {
    v.fail("invalid_id", "id must be 1-64 letters, digits, - or _", child_path(path, "id"));
  } else {
    c.id = *id;
  }
  v.text(spec, "description", false, path);
  c.priority = v.integer(spec, "priority", -1000000, 1000000, 0, path);
  c.group = v.text(spec, "group", false, path, 64);
  if (!c.group.empty() && !is_identifier(c.group)) v.fail("invalid_id", "group must be 1-64 letters, digits, - or _", child_path(path, "group"));
  c.trigger = parse_trigger(v, member(spec, "trigger"), child_path(path, "trigger"));
  if (json* audience = member(spec, "audience")) {
    c.audience = Condition::compile(*audience, child_path(path, "audience"), v.errors());
    check_condition_paths(v, *audience, saved_groups, child_path(path, "audience"));
    c.hasAudience = true;
    c.audienceSpec = std::move(*audience);
  }
  c.frequency = parse_frequency(v, member(spec, "frequency"), child_path(path, "frequency"));
  c.schedule = parse_schedule(v, member(spec, "schedule"), child_path(path, "schedule"));
  c.holdout = parse_holdout(v, member(spec, "holdout"), c.id, child_path(path, "holdout"));
  c.action = parse_action(v, member(spec, "action"), child_path(path, "action"));
  if (c.action.kind == ActionKind::BoostTiles && !immediate(c.trigger)) {
    v.fail("invalid_trigger", "boostTiles weights apply when the page is ranked: use pageView without delay, routeChange or checkoutAbandoned",
           child_path(path, "trigger"));
  }
  return c;
}

void parse_settings(Validator& v, const json& settings, Rules& rules) {
  const std::string path = "/settings";
  v.known_keys(settings, {"sessionTimeoutMinutes", "interestHalfLifeDays", "refParam", "internalDomains", "timeZone", "caps", "ranking"},
               path);
  if (auto error = read_acquisition_settings(settings, rules.acquisition, path)) {
    v.fail("invalid_settings", error->message, error->path);
  }
  rules.visits.sessionTimeoutMs = v.integer(settings, "sessionTimeoutMinutes", 1, 24 * 60, 30, path) * 60 * 1000;
  rules.interestHalfLifeMs = v.integer(settings, "interestHalfLifeDays", 1, 3650, 14, path) * 24 * 60 * 60 * 1000;
  if (member(settings, "timeZone")) {
    // An unknown zone is an error, not UTC in silence: schedules would run hours off.
    std::string zone = v.text(settings, "timeZone", true, path, 64);
    if (is_time_zone(zone)) rules.timeZone = zone;
    else if (!zone.empty()) {
      v.fail("unknown_time_zone", "timeZone \"" + zone + "\" is not an IANA time zone name such as Europe/Dublin", child_path(path, "timeZone"));
    }
  }
  if (const json* caps = v.object(settings, "caps", path)) {
    v.known_keys(*caps, {"popupsPerPageView", "popupsPerSession"}, child_path(path, "caps"));
    rules.caps.popupsPerPageView = v.integer(*caps, "popupsPerPageView", 0, 10, 1, child_path(path, "caps"));
    rules.caps.popupsPerSession = v.integer(*caps, "popupsPerSession", 0, 1000, 0, child_path(path, "caps"));
  }
  rules.ranking = parse_ranking_settings(v, settings, path);
}

void parse_saved_groups(Validator& v, const json& groups, Rules& rules) {
  if (groups.size() > RulesLimits::kMaxSavedGroups) return v.fail("invalid_saved_groups", "at most 100 saved groups", "/savedGroups");
  for (auto it = groups.begin(); it != groups.end(); ++it) {
    std::string path = "/savedGroups/" + pointer_segment(it.key());
    if (!is_identifier(it.key())) v.fail("invalid_id", "saved group ids are 1-64 letters, digits, - or _", path);
    bool primitives = it->is_array() && std::all_of(it->begin(), it->end(), [](const json& x) { return x.is_primitive(); });
    if (!primitives || it->size() > RulesLimits::kMaxGroupValues) {
      v.fail("invalid_saved_groups", "a saved group is an array of at most 5000 strings, numbers or booleans", path);
    }
  }
  rules.savedGroups = groups;
}

}  // namespace

Rules parse_rules(std::string_view text, std::vector<Error>& errors) {
  Rules rules;
  Validator v(errors);
  if (text.size() > RulesLimits::kMaxDocumentBytes) {
    v.fail("document_too_large", "the rules document exceeds 1 MiB", "");
    return rules;
  }
  json doc = parse_json(text);
  if (doc.is_discarded() && nests_too_deep(text)) {
    v.fail("document_too_deep", "the rules document nests arrays and objects deeper than " +
                                    std::to_string(JsonLimits::kMaxDepth) + " levels", "");
    return rules;
  }
  if (doc.is_discarded()) {
    v.fail("invalid_json", "the rules document is not valid JSON", "");
    return rules;
  }
  if (!doc.is_object()) {
    v.fail("invalid_document", "the rules document must be a JSON object", "");
    return rules;
  }
  v.known_keys(doc, {"$schema", "version", "settings", "savedGroups", "campaigns"}, "");
  const json* version = member(doc, "version");
  if (!version || *version != 1) v.fail("unsupported_version", "version must be 1", "/version");
  if (const json* settings = v.object(doc, "settings", "")) parse_settings(v, *settings, rules);
  if (const json* groups = v.object(doc, "savedGroups", "")) parse_saved_groups(v, *groups, rules);

  json* campaigns = member(doc, "campaigns");
  if (!campaigns || !campaigns->is_array()) {
    v.fail("missing_field", "campaigns must be an array", "/campaigns");
    return rules;
  }
  if (campaigns->size() > RulesLimits::kMaxCampaigns) {
    v.fail("too_many_campaigns", "at most 200 campaigns", "/campaigns");
    return rules;
  }
  v.campaigns = campaigns;
  std::vector<std::string> seen;  // at most 200 ids: a scan is less wasm than a std::set
  for (std::size_t i = 0; i < campaigns->size(); ++i) {
    std::string path = "/campaigns/" + std::to_string(i);
    Campaign c = parse_campaign(v, (*campaigns)[i], rules.savedGroups, path);
    if (!c.id.empty() && std::find(seen.begin(), seen.end(), c.id) != seen.end()) {
      v.fail("duplicate_id", "duplicate campaign id " + c.id, child_path(path, "id"));
    } else if (!c.id.empty()) {
      seen.push_back(c.id);
    }
    rules.campaigns.push_back(std::move(c));
  }
  if (errors.size() > RulesLimits::kMaxErrors) {
    std::size_t left_out = errors.size() - RulesLimits::kMaxErrors;
    errors.resize(RulesLimits::kMaxErrors);
    v.fail("too_many_errors", std::to_string(left_out) + " more problems are not listed", "");
  }
  // Highest priority first, document order among equals (the sort is stable).
  sort_items(rules.campaigns, [](const Campaign& a, const Campaign& b) { return a.priority > b.priority; });
  return rules;
}

}  // namespace shopkeeper
