#include "profile.hpp"

#include <algorithm>
#include <optional>
#include <utility>
#include <vector>

namespace shopkeeper {

namespace {

constexpr std::size_t kMaxIdLength = 64;
constexpr std::size_t kMaxCampaigns = 256;

// Reads stored fields strictly: a present field of the wrong type makes the
// whole value corrupt, because it was not written by us.
class Reader {
 public:
  explicit Reader(std::string& problem) : problem_(problem) {}

  bool ok() const { return problem_.empty(); }

  void integer(const json& obj, const char* key, int64_t& out) {
    const json* v = member(obj, key);
    if (!v) return;
    auto n = as_int(v);
    if (!n || *n < 0) return fail(std::string(key) + " is not a non-negative number");
    out = *n;
  }

  void string(const json& obj, const char* key, std::string& out, std::size_t max_len) {
    const json* v = member(obj, key);
    if (!v) return;
    auto s = as_string(v);
    if (!s || s->size() > max_len) return fail(std::string(key) + " is not a string of at most " + std::to_string(max_len) + " bytes");
    out = *s;
  }

  void boolean(const json& obj, const char* key, bool& out) {
    const json* v = member(obj, key);
    if (!v) return;
    auto b = as_bool(v);
    if (!b) return fail(std::string(key) + " is not a boolean");
    out = *b;
  }

  const json* object(const json& obj, const char* key) {
    const json* v = member(obj, key);
    if (v && !v->is_object()) {
      fail(std::string(key) + " is not an object");
      return nullptr;
    }
    return v;
  }

  void fail(std::string why) {
    if (problem_.empty()) problem_ = std::move(why);
  }

 private:
  std::string& problem_;
};

void read_campaign(Reader& r, const json& obj, CampaignState& c) {
  if (!obj.is_object()) return r.fail("a campaign state is not an object");
  r.integer(obj, "impressions", c.impressions);
  r.integer(obj, "lastShown", c.lastShown);
  r.integer(obj, "lastShownSession", c.lastShownSession);
  r.integer(obj, "sessionImpressions", c.sessionImpressions);
  r.integer(obj, "dismissed", c.dismissed);
  r.integer(obj, "converted", c.converted);
}

json write_campaign(const CampaignState& c) {
  json out = json::object();
  auto put = [&out](const char* key, int64_t v) {
    if (v != 0) out[key] = v;  // zero is the default: keep the stored profile small
  };
  put("impressions", c.impressions);
  put("lastShown", c.lastShown);
  put("lastShownSession", c.lastShownSession);
  put("sessionImpressions", c.sessionImpressions);
  put("dismissed", c.dismissed);
  put("converted", c.converted);
  return out;
}

}  // namespace

ProfileLoad parse_profile(std::string_view stored) {
  ProfileLoad load;
  if (stored.empty()) return load;

  json doc = parse_json(stored);
  if (doc.is_discarded()) {
    load.status = ProfileStatus::Corrupt;
    load.problem = "the stored profile is not valid JSON";
    return load;
  }
  auto version = as_int(member(doc, "v"));
  if (!doc.is_object() || !version || *version < 1 || *version > Profile::kSchemaVersion) {
    load.status = ProfileStatus::Foreign;
    load.problem = "the stored value is not a shopkeeper profile of schema version 1.." +
                   std::to_string(Profile::kSchemaVersion);
    return load;
  }

  Profile p;
  Reader r(load.problem);
  r.string(doc, "id", p.id, kMaxIdLength);
  r.integer(doc, "firstSeen", p.firstSeen);
  r.integer(doc, "lastSeen", p.lastSeen);
  r.boolean(doc, "emailCaptured", p.emailCaptured);
  if (const json* s = r.object(doc, "session")) {
    r.integer(*s, "number", p.session.number);
    r.integer(*s, "startedAt", p.session.startedAt);
    r.integer(*s, "pageViews", p.session.pageViews);
    r.string(*s, "landingPage", p.session.landingPage, 2048);
  }
  if (const json* cs = r.object(doc, "campaigns")) {
    if (cs->size() > kMaxCampaigns) r.fail("too many campaign states");
    for (auto it = cs->begin(); r.ok() && it != cs->end(); ++it) {
      read_campaign(r, *it, p.campaigns[it.key()]);
    }
  }
  if (r.ok() && (p.id.empty() || p.session.number < 1)) r.fail("the profile has no id or no session");

  if (!r.ok()) {
    load.status = ProfileStatus::Corrupt;
    return load;
  }
  load.profile = std::move(p);
  load.status = ProfileStatus::Loaded;
  return load;
}

std::string serialize_profile(const Profile& p) {
  // States of campaigns retired from the rules would pile up across rule changes:
  // past the bound, the ones touched least recently are dropped.
  std::vector<const std::pair<const std::string, CampaignState>*> entries;
  std::vector<std::pair<int64_t, std::size_t>> by_recency;  // (-recency, index): most recent first
  for (const auto& entry : p.campaigns) {
    const CampaignState& c = entry.second;
    by_recency.emplace_back(-std::max({c.lastShown, c.dismissed, c.converted}), entries.size());
    entries.push_back(&entry);
  }
  if (by_recency.size() > kMaxCampaigns) {
    std::sort(by_recency.begin(), by_recency.end());
    by_recency.resize(kMaxCampaigns);
  }
  json campaigns = json::object();
  for (const auto& ranked : by_recency) {
    const auto& entry = *entries[ranked.second];
    campaigns[entry.first] = write_campaign(entry.second);
  }
  json doc = {
      {"v", Profile::kSchemaVersion},
      {"id", p.id},
      {"firstSeen", p.firstSeen},
      {"lastSeen", p.lastSeen},
      {"session",
       {{"number", p.session.number},
        {"startedAt", p.session.startedAt},
        {"pageViews", p.session.pageViews},
        {"landingPage", p.session.landingPage}}},
      {"emailCaptured", p.emailCaptured},
      {"campaigns", std::move(campaigns)},
  };
  return dump_json(doc);
}

const char* to_string(ProfileStatus status) {
  switch (status) {
    case ProfileStatus::Fresh: return "fresh";
    case ProfileStatus::Loaded: return "loaded";
    case ProfileStatus::Corrupt: return "corrupt";
    case ProfileStatus::Foreign: return "foreign";
  }
  return "unknown";
}

}  // namespace shopkeeper
