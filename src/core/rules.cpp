#include "rules.hpp"

#include <algorithm>
#include <initializer_list>
#include <set>
#include <utility>

#include "text.hpp"

namespace shopkeeper {

namespace {

class Validator {
 public:
  explicit Validator(std::vector<Error>& errors) : errors_(errors) {}

  void fail(const char* code, std::string message, const std::string& path) {
    errors_.push_back({code, std::move(message), path});
  }

  /// Reports members of `obj` not in `allowed`.
  void known_keys(const json& obj, std::initializer_list<const char*> allowed, const std::string& path) {
    for (auto it = obj.begin(); it != obj.end(); ++it) {
      bool known = std::any_of(allowed.begin(), allowed.end(), [&](const char* k) { return it.key() == k; });
      if (!known) fail("unknown_field", "unknown field \"" + it.key() + "\"", path + "/" + pointer_segment(it.key()));
    }
  }

  /// An integer member within [lo, hi], or `fallback` when absent.
  int64_t integer(const json& obj, const char* key, int64_t lo, int64_t hi, int64_t fallback, const std::string& path) {
    const json* v = member(obj, key);
    if (!v) return fallback;
    auto n = as_int(v);
    if (!n || !v->is_number_integer() || *n < lo || *n > hi) {
      fail("invalid_number", std::string(key) + " must be an integer from " + std::to_string(lo) + " to " + std::to_string(hi),
           path + "/" + key);
      return fallback;
    }
    return *n;
  }

  bool boolean(const json& obj, const char* key, bool fallback, const std::string& path) {
    const json* v = member(obj, key);
    if (!v) return fallback;
    if (!v->is_boolean()) {
      fail("invalid_boolean", std::string(key) + " must be true or false", path + "/" + key);
      return fallback;
    }
    return v->get<bool>();
  }

  /// A string member of at most kMaxTextBytes; `required` reports its absence.
  void text(const json& obj, const char* key, bool required, const std::string& path) {
    const json* v = member(obj, key);
    if (!v) {
      if (required) fail("missing_field", std::string(key) + " is required", path + "/" + key);
      return;
    }
    if (!v->is_string() || v->get_ref<const std::string&>().size() > RulesLimits::kMaxTextBytes) {
      fail("invalid_text", std::string(key) + " must be a string of at most 4096 bytes", path + "/" + key);
    }
  }

  /// A link target: a relative path or an http(s) URL, never a script URL.
  void link(const json& obj, const char* key, const std::string& path) {
    text(obj, key, false, path);
    const json* v = member(obj, key);
    if (!v || !v->is_string()) return;
    const auto& s = v->get_ref<const std::string&>();
    bool relative = !s.empty() && s[0] == '/' && (s.size() < 2 || s[1] != '/');
    bool web = s.rfind("https://", 0) == 0 || s.rfind("http://", 0) == 0;
    if (!relative && !web) fail("invalid_link", "links must be a path starting with / or an http(s) URL", path + "/" + key);
  }

 private:
  std::vector<Error>& errors_;
};

void parse_action(Validator& v, const json* action, const std::string& path) {
  if (!action || !action->is_object()) {
    v.fail("missing_field", "action must be an object", path);
    return;
  }
  v.known_keys(*action, {"type", "title", "body", "cta", "closeLabel"}, path);
  const json* type = member(*action, "type");
  if (!type || *type != "modal") v.fail("invalid_action", "action.type must be \"modal\"", path + "/type");
  v.text(*action, "title", true, path);
  v.text(*action, "body", false, path);
  v.text(*action, "closeLabel", false, path);
  if (const json* cta = member(*action, "cta")) {
    std::string cta_path = path + "/cta";
    if (!cta->is_object()) return v.fail("invalid_action", "cta must be an object", cta_path);
    v.known_keys(*cta, {"label", "href"}, cta_path);
    v.text(*cta, "label", true, cta_path);
    v.link(*cta, "href", cta_path);
  }
}

Frequency parse_frequency(Validator& v, const json* spec, const std::string& path) {
  Frequency f;
  if (!spec) return f;
  if (!spec->is_object()) {
    v.fail("invalid_frequency", "frequency must be an object", path);
    return f;
  }
  v.known_keys(*spec, {"perSession", "lifetime", "stopAfterDismiss", "stopAfterConversion"}, path);
  f.perSession = v.integer(*spec, "perSession", 0, 1000, f.perSession, path);
  f.lifetime = v.integer(*spec, "lifetime", 0, 1000000, f.lifetime, path);
  f.stopAfterDismiss = v.boolean(*spec, "stopAfterDismiss", f.stopAfterDismiss, path);
  f.stopAfterConversion = v.boolean(*spec, "stopAfterConversion", f.stopAfterConversion, path);
  return f;
}

Campaign parse_campaign(Validator& v, const json& spec, const std::string& path, std::vector<Error>& errors) {
  Campaign c;
  if (!spec.is_object()) {
    v.fail("invalid_campaign", "a campaign must be an object", path);
    return c;
  }
  v.known_keys(spec, {"id", "description", "priority", "audience", "frequency", "action"}, path);
  auto id = as_string(member(spec, "id"));
  if (!id || !is_identifier(*id)) {
    v.fail("invalid_id", "id must be 1-64 letters, digits, - or _", path + "/id");
  } else {
    c.id = *id;
  }
  v.text(spec, "description", false, path);
  c.priority = v.integer(spec, "priority", -1000000, 1000000, 0, path);
  if (const json* audience = member(spec, "audience")) {
    c.audience = Condition::compile(*audience, path + "/audience", errors);
    c.hasAudience = true;
  }
  c.frequency = parse_frequency(v, member(spec, "frequency"), path + "/frequency");
  const json* action = member(spec, "action");
  parse_action(v, action, path + "/action");
  if (action) c.action = *action;
  return c;
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
  if (doc.is_discarded()) {
    v.fail("invalid_json", "the rules document is not valid JSON", "");
    return rules;
  }
  if (!doc.is_object()) {
    v.fail("invalid_document", "the rules document must be a JSON object", "");
    return rules;
  }
  v.known_keys(doc, {"$schema", "version", "settings", "campaigns"}, "");
  const json* version = member(doc, "version");
  if (!version || *version != 1) v.fail("unsupported_version", "version must be 1", "/version");

  if (const json* settings = member(doc, "settings")) {
    if (!settings->is_object()) {
      v.fail("invalid_settings", "settings must be an object", "/settings");
    } else {
      v.known_keys(*settings, {"sessionTimeoutMinutes", "interestHalfLifeDays", "refParam", "internalDomains", "ranking"},
                   "/settings");
      if (auto error = read_acquisition_settings(*settings, rules.acquisition, "/settings")) {
        v.fail("invalid_settings", error->message, error->path);
      }
      rules.visits.sessionTimeoutMs = v.integer(*settings, "sessionTimeoutMinutes", 1, 24 * 60, 30, "/settings") * 60 * 1000;
      rules.interestHalfLifeMs = v.integer(*settings, "interestHalfLifeDays", 1, 3650, 14, "/settings") * 24 * 60 * 60 * 1000;
      rules.ranking = parse_ranking_settings(member(*settings, "ranking"), "/settings/ranking", errors);
    }
  }

  const json* campaigns = member(doc, "campaigns");
  if (!campaigns || !campaigns->is_array()) {
    v.fail("missing_field", "campaigns must be an array", "/campaigns");
    return rules;
  }
  if (campaigns->size() > RulesLimits::kMaxCampaigns) {
    v.fail("too_many_campaigns", "at most 200 campaigns", "/campaigns");
    return rules;
  }
  std::set<std::string> seen;
  for (std::size_t i = 0; i < campaigns->size(); ++i) {
    std::string path = "/campaigns/" + std::to_string(i);
    Campaign c = parse_campaign(v, (*campaigns)[i], path, errors);
    if (!c.id.empty() && !seen.insert(c.id).second) v.fail("duplicate_id", "duplicate campaign id " + c.id, path + "/id");
    rules.campaigns.push_back(std::move(c));
  }
  // Highest priority first, document order among equals. (pair + std::sort instead of
  // std::stable_sort: the one sort instantiation the core shares is much smaller in wasm.)
  std::vector<std::pair<int64_t, std::size_t>> order;
  for (std::size_t i = 0; i < rules.campaigns.size(); ++i) order.emplace_back(-rules.campaigns[i].priority, i);
  std::sort(order.begin(), order.end());
  std::vector<Campaign> sorted;
  sorted.reserve(order.size());
  for (const auto& entry : order) sorted.push_back(std::move(rules.campaigns[entry.second]));
  rules.campaigns = std::move(sorted);
  return rules;
}

}  // namespace shopkeeper
