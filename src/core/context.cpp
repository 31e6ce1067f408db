#include "context.hpp"

namespace shopkeeper {

namespace {

constexpr std::size_t kMaxUrlBytes = 2048;
constexpr int64_t kDayMs = 24LL * 60 * 60 * 1000;

std::string bounded(std::optional<std::string> s) {
  if (!s) return {};
  if (s->size() > kMaxUrlBytes) s->resize(kMaxUrlBytes);
  return std::move(*s);
}

}  // namespace

std::string path_of(const std::string& url) {
  std::string::size_type start = 0;
  auto scheme = url.find("://");
  if (scheme != std::string::npos && url.find_first_of("/?#") > scheme) {
    start = url.find_first_of("/?#", scheme + 3);
    if (start == std::string::npos) return "/";
  }
  auto end = url.find_first_of("?#", start);
  std::string path = url.substr(start, end == std::string::npos ? std::string::npos : end - start);
  if (path.empty() || path[0] != '/') return "/";
  return path;
}

PageView read_page(const json* page) {
  PageView v;
  if (!page) return v;
  v.url = bounded(as_string(member(*page, "url")));
  v.referrer = bounded(as_string(member(*page, "referrer")));
  v.path = path_of(v.url);
  return v;
}

json build_context(const Profile& p, const PageView& page, int64_t now, int64_t previous_seen) {
  json days_since = nullptr;
  if (previous_seen > 0 && now >= previous_seen) days_since = (now - previous_seen) / kDayMs;
  return {
      {"visitor",
       {{"id", p.id},
        {"isNew", p.session.number == 1},
        {"visitCount", p.session.number},
        {"firstSeen", p.firstSeen},
        {"lastSeen", p.lastSeen},
        {"daysSinceLastVisit", days_since},
        {"emailCaptured", p.emailCaptured}}},
      {"session",
       {{"number", p.session.number},
        {"pageViews", p.session.pageViews},
        {"startedAt", p.session.startedAt},
        {"landingPage", p.session.landingPage}}},
      {"page", {{"url", page.url}, {"path", page.path}, {"referrer", page.referrer}}},
      {"now", {{"ms", now}}},
  };
}

}  // namespace shopkeeper
