#include "acquisition.hpp"

#include <initializer_list>

#include "acquisition_domains.hpp"
#include "text.hpp"
#include "url.hpp"

namespace shopkeeper {

namespace {

using namespace medium;  // the medium names

/// UTM values and search terms are kept to this many bytes: they end up in the stored profile.
constexpr std::size_t kMaxFieldBytes = 256;
constexpr std::size_t kMaxClickIdBytes = 512;
constexpr std::size_t kMaxRefCodeBytes = 64;

struct ClickIdKind {
  const char* param;
  const char* source;
  const char* medium;
};

// Ad platforms add these to the landing URL of an ad click, so they mean paid.
// fbclid is different: Facebook and Instagram add it to every outbound link, organic
// posts and ads alike, so it proves the visitor came from Meta but not that the click
// was bought. GA4 likewise ignores fbclid and classifies such a visit by its referrer
// (organic social); Meta ads count as paid when they carry utm_medium=paid, as Meta's
// URL parameters setting adds. srsltid (Google Merchant Center on organic results) and
// ysclid (Yandex on its results) mark organic search the same way.
// irclickid (Impact) is an affiliate network's id, counted as paid: the shop pays per click or sale.
constexpr ClickIdKind kClickIds[] = {
    {"gclid", "Google", kPaid},        {"gbraid", "Google", kPaid},       {"wbraid", "Google", kPaid},
    {"dclid", "Google", kPaid},        {"msclkid", "Bing", kPaid},        {"ttclid", "TikTok", kPaid},
    {"twclid", "X", kPaid},            {"li_fat_id", "LinkedIn", kPaid},  {"epik", "Pinterest", kPaid},
    {"rdt_cid", "Reddit", kPaid},      {"sccid", "Snapchat", kPaid},      {"qclid", "Quora", kPaid},
    {"yclid", "Yandex", kPaid},        {"tblci", "Taboola", kPaid},       {"irclickid", "Impact", kPaid},
    {"fbclid", "Facebook", "social"},  {"srsltid", "Google", "search"},   {"ysclid", "Yandex", "search"},
};

bool is_paid(const ClickIdKind& kind) { return std::string_view(kind.medium) == kPaid; }

/// The first parameter named `key` ignoring ASCII case: hand-made links write UTM_Source too.
const QueryParam* find_param_ci(const Url& url, std::string_view key) {
  for (const auto& p : url.params) {
    if (iequals(p.key, key)) return &p;
  }
  return nullptr;
}

/// A trimmed, bounded, non-empty text value, or nullopt.
std::optional<std::string> field_value(std::string_view raw) {
  std::string value(trim_ascii(raw));
  if (value.empty()) return std::nullopt;
  truncate_utf8(value, kMaxFieldBytes);
  return value;
}

std::optional<std::string> utm(const Url& page, std::string_view key) {
  const QueryParam* p = find_param_ci(page, key);
  return p ? field_value(p->value) : std::nullopt;
}

bool starts_with_ci(std::string_view s, std::string_view prefix) {
  return s.size() >= prefix.size() && iequals(s.substr(0, prefix.size()), prefix);
}

/// The search term a referrer carries, if any. A value that is a URL is the target of a
/// redirect (google.com/url?q=https://...), not a search.
std::optional<std::string> search_term(const KnownSite& site, const Url& referrer) {
  std::string_view names = site.term_params;
  while (!names.empty()) {
    auto space = names.find(' ');
    std::string_view name = names.substr(0, space);
    names.remove_prefix(space == std::string_view::npos ? names.size() : space + 1);
    const QueryParam* p = referrer.find_param(name);
    if (!p) continue;
    auto term = field_value(p->value);
    if (term && !starts_with_ci(*term, "http://") && !starts_with_ci(*term, "https://")) return term;
  }
  return std::nullopt;
}

Acquisition from_site(const KnownSite& site, const Url& referrer) {
  Acquisition a;
  a.medium = site.medium;
  a.source = site.source;
  a.term = search_term(site, referrer);
  return a;
}

bool is_internal(const std::string& referrer_host, const std::string& page_host,
                 const std::vector<std::string>& internal_domains) {
  if (!page_host.empty() && referrer_host == page_host) return true;
  for (const auto& domain : internal_domains) {
    if (host_matches(referrer_host, domain)) return true;
  }
  return false;
}

/// Classifies by document.referrer alone.
Acquisition from_referrer(const Url& referrer, const Url& page, const AcquisitionRequest& request) {
  Acquisition a;
  if (referrer.host.empty()) return a;  // none, or not a usable URL: direct
  if (referrer.scheme == "android-app") {
    // The host is an app's package name, or (Facebook's app sends android-app://m.facebook.com/) a web host.
    const KnownSite* app = find_site_by_app(referrer.host);
    if (!app) app = find_site_by_host(referrer.host);
    if (app) return from_site(*app, referrer);
  } else if (referrer.scheme != "http" && referrer.scheme != "https" && !referrer.scheme.empty()) {
    return a;  // file:, data:, javascript:, extensions: no site sent the visitor
  } else if (is_internal(referrer.host, page.host, request.internal_domains)) {
    a.medium = kInternal;
    return a;
  } else if (const KnownSite* site = find_site_by_host(referrer.host)) {
    return from_site(*site, referrer);
  }
  a.medium = kReferral;
  a.source = referrer.host;
  return a;
}

/// Click ids are opaque tokens in URL-safe or base64 characters; anything else is not echoed back.
bool valid_click_id(std::string_view value) {
  if (value.empty() || value.size() > kMaxClickIdBytes) return false;
  for (char c : value) {
    bool ok = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') ||
              std::string_view("-._~+/=").find(c) != std::string_view::npos;
    if (!ok) return false;
  }
  return true;
}

struct FoundClickId {
  const ClickIdKind* kind = nullptr;
  std::string value;
};

/// The first paid click id of the URL, else its first other one.
FoundClickId find_click_id(const Url& page) {
  FoundClickId unpaid;
  for (const auto& p : page.params) {
    for (const auto& kind : kClickIds) {
      if (!iequals(p.key, kind.param)) continue;
      std::string_view value = trim_ascii(p.value);
      if (!valid_click_id(value)) break;
      if (is_paid(kind)) return {&kind, std::string(value)};
      if (!unpaid.kind) unpaid = {&kind, std::string(value)};
      break;
    }
  }
  return unpaid;
}

std::optional<std::string> ref_code(const Url& page, const std::string& param) {
  const QueryParam* p = find_param_ci(page, param);
  if (!p) return std::nullopt;
  std::string_view code = trim_ascii(p->value);
  if (code.empty() || code.size() > kMaxRefCodeBytes) return std::nullopt;
  for (char c : code) {
    bool ok = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '-' || c == '_';
    if (!ok) return std::nullopt;
  }
  return std::string(code);
}

/// Maps the many spellings of utm_medium onto the media this classifier reports.
std::string normalize_medium(std::string_view utm_medium) {
  std::string given = ascii_lowercase(utm_medium);
  std::string m = given;
  for (char& c : m) {
    if (c == '_' || c == ' ') c = '-';
  }
  auto any_of = [&m](std::initializer_list<const char*> names) {
    for (const char* n : names) {
      if (m == n) return true;
    }
    return false;
  };
  if (any_of({"cpc", "ppc", "cpm", "cpv", "display", "banner"}) || m.compare(0, 4, "paid") == 0) return kPaid;
  if (any_of({"email", "e-mail", "newsletter"})) return "email";
  if (any_of({"social", "social-network", "social-media", "sm"})) return "social";
  if (m == "organic") return "search";
  if (any_of({"referral", "affiliate"})) return kReferral;
  return given;
}

/// UTM tags describe the link the shop itself tagged, so they override everything they name.
void apply_utm(const Url& page, bool paid_click, Acquisition& a) {
  auto source = utm(page, "utm_source");
  auto medium = utm(page, "utm_medium");
  auto campaign = utm(page, "utm_campaign");
  if (!source && !medium && !campaign) return;
  // A tagged link is an arrival even when it was followed from the shop's own pages
  // (an internal result never carries a click id or referral code to keep).
  if (a.medium == kInternal) a = Acquisition{};
  if (source) a.source = source;
  if (medium) {
    a.medium = normalize_medium(*medium);
  } else if (source) {
    const KnownSite* site = find_site_by_name(*source);
    a.medium = paid_click ? kPaid : site ? site->medium : kReferral;
  }
  a.campaign = campaign;
  a.content = utm(page, "utm_content");
  if (auto term = utm(page, "utm_term")) a.term = term;
}

json optional_json(const std::optional<std::string>& s) { return s ? json(*s) : json(nullptr); }

}  // namespace

Acquisition classify_acquisition(const AcquisitionRequest& request) {
  Url page = parse_url(request.url);
  Url referrer = parse_url(request.referrer);
  Acquisition a = from_referrer(referrer, page, request);

  FoundClickId click = find_click_id(page);
  bool paid_click = click.kind && is_paid(*click.kind);
  if (click.kind) {
    a.click_id = ClickId{click.kind->param, click.value};
    // A non-paid id only fills in for a referrer that names no site.
    if (paid_click || a.medium == kDirect || a.medium == kInternal) {
      a.medium = click.kind->medium;
      a.source = click.kind->source;
    }
  }

  a.ref_code = ref_code(page, request.ref_param);
  if (a.ref_code && !paid_click) a.medium = kReferral;

  apply_utm(page, paid_click, a);
  return a;
}

json to_json(const Acquisition& a) {
  json click = nullptr;
  if (a.click_id) click = {{"param", a.click_id->param}, {"value", a.click_id->value}};
  return {
      {"medium", a.medium},
      {"source", optional_json(a.source)},
      {"term", optional_json(a.term)},
      {"campaign", optional_json(a.campaign)},
      {"content", optional_json(a.content)},
      {"clickId", std::move(click)},
      {"refCode", optional_json(a.ref_code)},
  };
}

}  // namespace shopkeeper

namespace shopkeeper {

namespace {

constexpr std::size_t kMaxStoredText = 1024;

/// Reads an optional string field: nullopt when absent or null; false when of another type.
bool read_optional(const json& v, const char* key, std::optional<std::string>& out) {
  const json* field = member(v, key);
  if (!field || field->is_null()) return true;
  if (!field->is_string() || field->get_ref<const std::string&>().size() > kMaxStoredText) return false;
  out = field->get<std::string>();
  return true;
}

}  // namespace

bool same_touch(const Acquisition& a, const Acquisition& b) {
  auto click = [](const Acquisition& x) { return x.click_id ? x.click_id->param + "=" + x.click_id->value : std::string(); };
  return a.medium == b.medium && a.source == b.source && a.campaign == b.campaign && a.term == b.term &&
         a.content == b.content && a.ref_code == b.ref_code && click(a) == click(b);
}

std::optional<Acquisition> acquisition_from_json(const json& v) {
  Acquisition a;
  auto medium = as_string(member(v, "medium"));
  if (!medium || medium->empty() || medium->size() > kMaxStoredText) return std::nullopt;
  a.medium = *medium;
  std::optional<std::string> param, value;
  if (const json* click = member(v, "clickId"); click && !click->is_null()) {
    if (!read_optional(*click, "param", param) || !read_optional(*click, "value", value) || !param || !value) return std::nullopt;
    a.click_id = ClickId{*param, *value};
  }
  bool ok = read_optional(v, "source", a.source) && read_optional(v, "term", a.term) &&
            read_optional(v, "campaign", a.campaign) && read_optional(v, "content", a.content) &&
            read_optional(v, "refCode", a.ref_code);
  if (!ok) return std::nullopt;
  return a;
}

}  // namespace shopkeeper
