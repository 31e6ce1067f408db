#include "profile.hpp"

#include <algorithm>
#include <cmath>
#include <utility>

#include "json_write.hpp"
#include "sort.hpp"

namespace shopkeeper {

namespace {

// Reads stored fields strictly: a present field of the wrong type makes the
// whole value corrupt, because it was not written by us.
class Reader {
 public:
  explicit Reader(std::string& problem) : problem_(problem) {}

  bool ok() const { return problem_.empty(); }

  void fail(std::string why) {
    if (problem_.empty()) problem_ = std::move(why);
  }

  void integer(const json* v, const char* what, int64_t& out) {
    if (!v) return;
    auto n = as_int(v);
    if (!n || *n < 0) return fail(std::string(what) + " is not a non-negative number");
    out = *n;
  }

  void number(const json* v, const char* what, double& out) {
    if (!v) return;
    if (!v->is_number() || !std::isfinite(v->get<double>())) return fail(std::string(what) + " is not a number");
    out = v->get<double>();
  }

  void string(const json* v, const char* what, std::string& out, std::size_t max_len) {
    if (!v) return;
    auto s = as_string(v);
    if (!s || s->size() > max_len) return fail(std::string(what) + " is not a string of at most " + std::to_string(max_len) + " bytes");
    out = *s;
  }

  void boolean(const json* v, const char* what, bool& out) {
    if (!v) return;
    auto b = as_bool(v);
    if (!b) return fail(std::string(what) + " is not a boolean");
    out = *b;
  }

  /// `v` as a container of the given kind with at most `max` entries, or nullptr.
  const json* container(const json* v, bool object, const char* what, std::size_t max) {
    if (!v) return nullptr;
    if ((object ? !v->is_object() : !v->is_array()) || v->size() > max) {
      fail(std::string(what) + (object ? " is not an object" : " is not an array") + " of at most " + std::to_string(max) + " entries");
      return nullptr;
    }
    return v;
  }

  /// A tuple stored as an array of exactly `n` values, or nullptr.
  const json* tuple(const json& v, std::size_t n, const char* what) {
    if (!v.is_array() || v.size() != n) {
      fail(std::string(what) + " is not an array of " + std::to_string(n) + " values");
      return nullptr;
    }
    return &v;
  }

  void strings(const json* v, const char* what, std::vector<std::string>& out, std::size_t max, std::size_t max_len) {
    const json* list = container(v, false, what, max);
    if (!list) return;
    for (const auto& item : *list) string(&item, what, out.emplace_back(), max_len);
  }

 private:
  std::string& problem_;
};

constexpr std::size_t kId = ProfileLimits::kIdBytes;
constexpr std::size_t kName = ProfileLimits::kNameBytes;

// ---- campaigns: [impressions, lastShown, lastShownSession, sessionImpressions, dismissed, converted,
//                  lastShownDay, dayImpressions, group, exposedSession]; version 2 stored the first six

void read_campaign_v1(Reader& r, const json& obj, CampaignState& c) {
  if (!obj.is_object()) return r.fail("a campaign state is not an object");
  r.integer(member(obj, "impressions"), "impressions", c.impressions);
  r.integer(member(obj, "lastShown"), "lastShown", c.lastShown);
  r.integer(member(obj, "lastShownSession"), "lastShownSession", c.lastShownSession);
  r.integer(member(obj, "sessionImpressions"), "sessionImpressions", c.sessionImpressions);
  r.integer(member(obj, "dismissed"), "dismissed", c.dismissed);
  r.integer(member(obj, "converted"), "converted", c.converted);
}

void read_campaign(Reader& r, const json& v, CampaignState& c, std::size_t size) {
  const json* t = r.tuple(v, size, "a campaign state");
  if (!t) return;
  int64_t* fields[] = {&c.impressions, &c.lastShown, &c.lastShownSession, &c.sessionImpressions, &c.dismissed,
                       &c.converted, &c.lastShownDay, &c.dayImpressions, &c.group, &c.exposedSession};
  for (std::size_t i = 0; i < size; ++i) r.integer(&(*t)[i], "a campaign state field", *fields[i]);
  if (c.group > kControl) r.fail("a holdout group is not 0, 1 or 2");
}

// ---- interests: {"name": [score, at]}

double rounded(double x) { return std::round(x * 1000.0) / 1000.0; }

void read_interests(Reader& r, const json* v, std::map<std::string, Decayed>& out, std::size_t max) {
  const json* obj = r.container(v, true, "an interest map", max);
  if (!obj) return;
  for (auto it = obj->begin(); r.ok() && it != obj->end(); ++it) {
    if (it.key().size() > kName) return r.fail("an interest name is too long");
    const json* t = r.tuple(*it, 2, "an interest");
    if (!t) return;
    Decayed& d = out[it.key()];
    r.number(&(*t)[0], "an interest score", d.score);
    r.integer(&(*t)[1], "an interest time", d.at);
  }
}

// ---- lists of tuples

template <typename T, typename ReadOne>
void read_list(Reader& r, const json* v, const char* what, std::size_t max, std::vector<T>& out, ReadOne read_one) {
  const json* list = r.container(v, false, what, max);
  if (!list) return;
  for (const auto& item : *list) {
    if (!r.ok()) return;
    read_one(item, out.emplace_back());
  }
}

void read_checkout(Reader& r, const json* v, Checkout& c) {
  if (!v || v->is_null()) return;
  const json* t = r.tuple(*v, 4, "a checkout");
  if (!t) return;
  r.integer(&(*t)[0], "checkout start", c.startedAt);
  r.integer(&(*t)[1], "checkout session", c.session);
  r.number(&(*t)[2], "checkout value", c.value);
  r.strings(&(*t)[3], "checkout items", c.items, ProfileLimits::kCartItems, kId);
}

void read_browsing(Reader& r, const json& doc, Browsing& b) {
  if (const json* i = r.container(member(doc, "interests"), true, "interests", 3)) {
    read_interests(r, member(*i, "c"), b.categories, ProfileLimits::kCategories);
    read_interests(r, member(*i, "b"), b.brands, ProfileLimits::kBrands);
    read_interests(r, member(*i, "t"), b.tags, ProfileLimits::kTags);
  }
  read_list(r, member(doc, "viewed"), "viewed", ProfileLimits::kViewed, b.viewed, [&](const json& v, ProductView& p) {
    const json* t = r.tuple(v, 4, "a viewed product");
    if (!t) return;
    r.string(&(*t)[0], "a product id", p.id, kId);
    r.string(&(*t)[1], "a category", p.category, kName);
    r.integer(&(*t)[2], "a view count", p.count);
    r.integer(&(*t)[3], "a view time", p.last);
  });
  r.strings(member(doc, "sessionProducts"), "sessionProducts", b.sessionProducts, ProfileLimits::kSessionProducts, kId);
  r.strings(member(doc, "previousVisit"), "previousVisit", b.previousVisitProducts, ProfileLimits::kSessionProducts, kId);
  r.strings(member(doc, "searches"), "searches", b.searches, ProfileLimits::kSearches, ProfileLimits::kSearchBytes);
  read_list(r, member(doc, "products"), "products", ProfileLimits::kDetails, b.details, [&](const json& v, ProductDetails& d) {
    const json* t = r.tuple(v, 7, "a product's details");
    if (!t) return;
    r.string(&(*t)[0], "a product id", d.id, kId);
    r.string(&(*t)[1], "a product name", d.name, kName);
    r.string(&(*t)[2], "a brand", d.brand, kName);
    r.string(&(*t)[3], "a category", d.category, kName);
    r.number(&(*t)[4], "a price", d.price);
    r.string(&(*t)[5], "a product url", d.url, ProfileLimits::kUrlBytes);
    r.integer(&(*t)[6], "a details time", d.at);
  });
}

void read_cart(Reader& r, const json* v, Cart& c) {
  const json* cart = r.container(v, true, "cart", 4);
  if (!cart) return;
  read_list(r, member(*cart, "items"), "cart items", ProfileLimits::kCartItems, c.items, [&](const json& v, CartItem& item) {
    const json* t = r.tuple(v, 5, "a cart item");
    if (!t) return;
    r.string(&(*t)[0], "a product id", item.id, kId);
    r.string(&(*t)[1], "a category", item.category, kName);
    r.integer(&(*t)[2], "a quantity", item.quantity);
    r.number(&(*t)[3], "a price", item.price);
    r.integer(&(*t)[4], "an add time", item.addedAt);
  });
  read_list(r, member(*cart, "removed"), "removed items", ProfileLimits::kRemoved, c.removed, [&](const json& v, RemovedItem& item) {
    const json* t = r.tuple(v, 5, "a removed item");
    if (!t) return;
    r.string(&(*t)[0], "a product id", item.id, kId);
    r.string(&(*t)[1], "a category", item.category, kName);
    r.number(&(*t)[2], "a price", item.price);
    r.integer(&(*t)[3], "a removal time", item.at);
    r.boolean(&(*t)[4], "a checkout flag", item.duringCheckout);
  });
  read_checkout(r, member(*cart, "checkout"), c.checkout);
  read_checkout(r, member(*cart, "abandoned"), c.abandoned);
}

void read_orders(Reader& r, const json* v, Orders& o) {
  const json* orders = r.container(v, true, "orders", 4);
  if (!orders) return;
  r.integer(member(*orders, "count"), "order count", o.count);
  r.number(member(*orders, "total"), "order total", o.totalSpent);
  r.integer(member(*orders, "lastAt"), "last order time", o.lastAt);
  r.strings(member(*orders, "bought"), "bought", o.bought, ProfileLimits::kBought, kId);
}

void read_touch(Reader& r, const json* v, Touch& t) {
  if (!v || v->is_null()) return;
  auto acquisition = v->is_object() ? acquisition_from_json(*v) : std::nullopt;
  if (!acquisition) return r.fail("a touch is not an acquisition");
  t.acquisition = std::move(*acquisition);
  r.integer(member(*v, "at"), "a touch time", t.at);
}

/// When a campaign state or an interest was last touched: what shedding keeps longest.
int64_t interest_recency(const Decayed& d) { return d.at; }
int64_t campaign_recency(const CampaignState& c) { return std::max({c.lastShown, c.dismissed, c.converted}); }

// ---- writing: each field as the reader above expects its type

void put(JsonWriter& w, const std::string& s) { w.string(s); }
void put(JsonWriter& w, int64_t i) { w.integer(i); }
void put(JsonWriter& w, double x) { w.number(x); }
void put(JsonWriter& w, bool b) { w.boolean(b); }
void put(JsonWriter& w, const std::vector<std::string>& list) { w.strings(list); }

/// A record stored as an array of its fields.
template <typename... T>
void put_tuple(JsonWriter& w, const T&... fields) {
  w.begin_array();
  (put(w, fields), ...);
  w.end_array();
}

void put(JsonWriter& w, const Checkout& c) {
  if (c.startedAt == 0) return w.null();
  put_tuple(w, c.startedAt, c.session, c.value, c.items);
}

void put(JsonWriter& w, const std::map<std::string, Decayed>& interests) {
  w.begin_object();
  for (const auto& [name, d] : interests) {
    w.key(name);
    put_tuple(w, rounded(d.score), d.at);
  }
  w.end_object();
}

/// An object member.
template <typename T>
void put(JsonWriter& w, const char* key, const T& value) {
  w.key(key);
  put(w, value);
}

/// The stored text, written directly: every page view and event writes it. Keys go in the
/// byte order of their names, as parse_json's objects keep them, so that the text is the
/// one dump_json writes of it once read back.
std::string stored_text(const Profile& p) {
  // States of campaigns retired from the rules would pile up across rule changes:
  // past the bound, the ones touched least recently are dropped.
  std::vector<bool> kept(p.campaigns.size(), true);
  if (p.campaigns.size() > ProfileLimits::kCampaigns) {
    std::vector<std::pair<int64_t, std::size_t>> by_recency;  // (-recency, index): most recent first
    for (const auto& entry : p.campaigns) by_recency.emplace_back(-campaign_recency(entry.second), by_recency.size());
    sort_items(by_recency);
    std::fill(kept.begin(), kept.end(), false);
    for (std::size_t i = 0; i < ProfileLimits::kCampaigns; ++i) kept[by_recency[i].second] = true;
  }
  const Browsing& b = p.browsing;
  std::string out;
  out.reserve(4096);
  JsonWriter w(out);
  w.begin_object();
  w.key("acquisition");
  w.begin_object();
  w.key("current");
  w.value(to_json(p.currentTouch));
  w.key("first");
  w.value(to_json(p.firstTouch));
  w.end_object();

  w.key("campaigns");
  w.begin_object();
  std::size_t index = 0;
  for (const auto& [id, c] : p.campaigns) {
    if (!kept[index++]) continue;
    w.key(id);
    put_tuple(w, c.impressions, c.lastShown, c.lastShownSession, c.sessionImpressions, c.dismissed, c.converted, c.lastShownDay,
              c.dayImpressions, c.group, c.exposedSession);
  }
  w.end_object();

  w.key("cart");
  w.begin_object();
  put(w, "abandoned", p.cart.abandoned);
  put(w, "checkout", p.cart.checkout);
  w.key("items");
  w.begin_array();
  for (const auto& i : p.cart.items) put_tuple(w, i.id, i.category, i.quantity, i.price, i.addedAt);
  w.end_array();
  w.key("removed");
  w.begin_array();
  for (const auto& i : p.cart.removed) put_tuple(w, i.id, i.category, i.price, i.at, i.duringCheckout);
  w.end_array();
  w.end_object();

  put(w, "emailCaptured", p.emailCaptured);
  put(w, "firstSeen", p.firstSeen);
  put(w, "id", p.id);
  w.key("interests");
  w.begin_object();
  put(w, "b", b.brands);
  put(w, "c", b.categories);
  put(w, "t", b.tags);
  w.end_object();
  put(w, "lastSeen", p.lastSeen);

  w.key("orders");
  w.begin_object();
  put(w, "bought", p.orders.bought);
  put(w, "count", p.orders.count);
  put(w, "lastAt", p.orders.lastAt);
  put(w, "total", p.orders.totalSpent);
  w.end_object();

  put(w, "previousVisit", b.previousVisitProducts);
  w.key("products");
  w.begin_array();
  for (const auto& d : b.details) put_tuple(w, d.id, d.name, d.brand, d.category, d.price, d.url, d.at);
  w.end_array();
  put(w, "searches", b.searches);

  const Session& s = p.session;
  w.key("session");
  w.begin_object();
  put(w, "landingPage", s.landingPage);
  put(w, "lastPopupView", s.lastPopupView);
  put(w, "number", s.number);
  put(w, "pageViews", s.pageViews);
  put(w, "popups", s.popups);
  put(w, "startedAt", s.startedAt);
  put(w, "viewPopups", s.viewPopups);
  w.end_object();

  put(w, "sessionProducts", b.sessionProducts);
  put(w, "v", int64_t{Profile::kSchemaVersion});
  w.key("viewed");
  w.begin_array();
  for (const auto& v : b.viewed) put_tuple(w, v.id, v.category, v.count, v.last);
  w.end_array();
  w.end_object();
  return out;
}

template <typename T>
void keep_newest_half(std::vector<T>& list) {
  keep_newest(list, list.size() - list.size() / 2);
}

/// Keeps the half of `map` whose `recency(value)` is the highest. Ranked as (-recency, index)
/// pairs, as stored_text() ranks campaign states, so both share one sort.
template <typename Map, typename Recency>
void keep_recent_half(Map& map, Recency recency) {
  std::vector<std::pair<int64_t, std::size_t>> ranked;
  std::vector<typename Map::const_iterator> entries;
  for (auto it = map.cbegin(); it != map.cend(); ++it) {
    ranked.emplace_back(-recency(it->second), entries.size());
    entries.push_back(it);
  }
  sort_items(ranked);
  for (std::size_t i = ranked.size() - ranked.size() / 2; i < ranked.size(); ++i) map.erase(entries[ranked[i].second]);
}

/// One round of shedding: the history, or, once shedding it no longer shrinks the profile, the
/// campaign states (what keeps dismissed popups away) and the cart, least recent first. The id,
/// visits, counters and touches are always kept.
void shed(Profile& p, bool history_left) {
  if (!history_left) {
    keep_recent_half(p.campaigns, campaign_recency);
    keep_newest_half(p.cart.items);
    return;
  }
  Browsing& b = p.browsing;
  keep_newest_half(b.viewed);
  keep_newest_half(b.searches);
  keep_newest_half(b.sessionProducts);
  keep_newest_half(b.previousVisitProducts);
  keep_newest_half(b.details);
  keep_newest_half(p.cart.removed);
  keep_newest_half(p.orders.bought);
  for (auto* interests : {&b.tags, &b.brands, &b.categories}) keep_recent_half(*interests, interest_recency);
}

}  // namespace

ProfileLoad parse_profile(std::string_view stored) {
  ProfileLoad load;
  if (stored.empty()) return load;

  if (stored.size() > ProfileLimits::kReadBytes) {
    load.status = ProfileStatus::Corrupt;
    load.problem = "the stored profile is larger than " + std::to_string(ProfileLimits::kReadBytes / 1024) + " KiB";
    return load;
  }
  json doc = parse_json(stored);
  if (doc.is_discarded()) {
    load.status = ProfileStatus::Corrupt;
    load.problem = nests_too_deep(stored) ? "the stored profile nests too deep" : "the stored profile is not valid JSON";
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
  r.string(member(doc, "id"), "id", p.id, kId);
  r.integer(member(doc, "firstSeen"), "firstSeen", p.firstSeen);
  r.integer(member(doc, "lastSeen"), "lastSeen", p.lastSeen);
  r.boolean(member(doc, "emailCaptured"), "emailCaptured", p.emailCaptured);
  if (const json* s = r.container(member(doc, "session"), true, "session", 7)) {
    r.integer(member(*s, "number"), "session number", p.session.number);
    r.integer(member(*s, "startedAt"), "session start", p.session.startedAt);
    r.integer(member(*s, "pageViews"), "page views", p.session.pageViews);
    r.string(member(*s, "landingPage"), "landing page", p.session.landingPage, 2048);
    r.integer(member(*s, "popups"), "session popups", p.session.popups);
    r.integer(member(*s, "lastPopupView"), "last popup view", p.session.lastPopupView);
    r.integer(member(*s, "viewPopups"), "view popups", p.session.viewPopups);
  }
  // Version 1 stored campaign states as objects and had no browsing, cart or orders;
  // version 2 had shorter campaign states, no popup counts and no product details.
  std::size_t max_campaigns = *version == 1 ? 256 : ProfileLimits::kCampaigns;
  if (const json* cs = r.container(member(doc, "campaigns"), true, "campaigns", max_campaigns)) {
    for (auto it = cs->begin(); r.ok() && it != cs->end(); ++it) {
      if (*version == 1) read_campaign_v1(r, *it, p.campaigns[it.key()]);
      else read_campaign(r, *it, p.campaigns[it.key()], *version == 2 ? 6 : 10);
    }
  }
  if (*version >= 2) {
    if (const json* a = r.container(member(doc, "acquisition"), true, "acquisition", 2)) {
      read_touch(r, member(*a, "first"), p.firstTouch);
      read_touch(r, member(*a, "current"), p.currentTouch);
    }
    read_browsing(r, doc, p.browsing);
    read_cart(r, member(doc, "cart"), p.cart);
    read_orders(r, member(doc, "orders"), p.orders);
  }
  if (r.ok() && (p.id.empty() || p.session.number < 1)) r.fail("the profile has no id or no session");

  if (!r.ok()) {
    load.status = ProfileStatus::Corrupt;
    return load;
  }
  load.profile = std::move(p);
  load.status = *version == Profile::kSchemaVersion ? ProfileStatus::Loaded : ProfileStatus::Migrated;
  return load;
}

std::string serialize_profile(const Profile& profile, std::size_t max_bytes) {
  std::string text = stored_text(profile);
  if (text.size() <= max_bytes) return text;
  Profile p = profile;
  bool history_left = true;
  for (int round = 0; round < 24 && text.size() > max_bytes; ++round) {
    std::size_t before = text.size();
    shed(p, history_left);
    text = stored_text(p);
    history_left = history_left && text.size() < before;
  }
  return text;
}

json to_json(const Touch& t) {
  if (t.at == 0) return nullptr;
  json out = to_json(t.acquisition);
  out["at"] = t.at;
  return out;
}

const char* to_string(ProfileStatus status) {
  switch (status) {
    case ProfileStatus::Fresh: return "fresh";
    case ProfileStatus::Loaded: return "loaded";
    case ProfileStatus::Migrated: return "migrated";
    case ProfileStatus::Corrupt: return "corrupt";
    case ProfileStatus::Foreign: return "foreign";
  }
  return "unknown";
}

}  // namespace shopkeeper
