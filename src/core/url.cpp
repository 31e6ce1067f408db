#include "url.hpp"

#include <algorithm>

#include "text.hpp"

namespace shopkeeper {

namespace {

// Hosts are read from raw bytes, so an IDN in UTF-8 may take up to three bytes per character.
constexpr std::size_t kMaxHostBytes = 512;

bool is_alpha(char c) { return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z'); }
bool is_digit(char c) { return c >= '0' && c <= '9'; }
bool is_slash(char c) { return c == '/' || c == '\\'; }

int hex_value(char c) {
  if (c >= '0' && c <= '9') return c - '0';
  if (c >= 'a' && c <= 'f') return c - 'a' + 10;
  if (c >= 'A' && c <= 'F') return c - 'A' + 10;
  return -1;
}

/// The length of the scheme at the start of `s` (the text before its ':'), or 0 when there is none.
std::size_t scheme_length(std::string_view s) {
  if (s.empty() || !is_alpha(s[0])) return 0;
  std::size_t i = 1;
  while (i < s.size() && (is_alpha(s[i]) || is_digit(s[i]) || s[i] == '+' || s[i] == '-' || s[i] == '.')) ++i;
  if (i >= s.size() || s[i] != ':') return 0;
  // "shop.example:8080/x" and "localhost:3000" are a host and port given without a scheme.
  std::size_t end = i + 1;
  while (end < s.size() && is_digit(s[end])) ++end;
  bool port_follows = end > i + 1 && (end == s.size() || s[end] == '/' || s[end] == '?' || s[end] == '#');
  std::string_view name = s.substr(0, i);
  if (port_follows && (name.find('.') != std::string_view::npos || iequals(name, "localhost"))) return 0;
  return i;
}

bool usable_host_byte(char c, bool bracketed) {
  auto u = static_cast<unsigned char>(c);
  if (u >= 0x80) return true;  // part of an IDN, kept as given
  if (bracketed) return hex_value(c) >= 0 || c == ':' || c == '.';
  if (u <= 0x20 || u == 0x7f) return false;
  static constexpr std::string_view kForbidden = "\"#%/:<>?@[\\]^`{|}";
  return kForbidden.find(c) == std::string_view::npos;
}

/// Reads "userinfo@host:port" into `url`; leaves host and port unset when either is unusable.
void read_authority(std::string_view authority, Url& url) {
  auto at = authority.rfind('@');
  if (at != std::string_view::npos) authority.remove_prefix(at + 1);
  std::string_view host = authority;
  std::string_view port;
  bool bracketed = !host.empty() && host.front() == '[';
  if (bracketed) {
    auto close = host.find(']');
    if (close == std::string_view::npos) return;
    std::string_view after = host.substr(close + 1);
    if (!after.empty() && after.front() != ':') return;
    if (!after.empty()) port = after.substr(1);
    host = host.substr(1, close - 1);
  } else if (auto colon = host.rfind(':'); colon != std::string_view::npos) {
    port = host.substr(colon + 1);
    host = host.substr(0, colon);
  }
  while (!host.empty() && host.back() == '.') host.remove_suffix(1);
  if (host.empty() || host.size() > kMaxHostBytes) return;
  if (!std::all_of(host.begin(), host.end(), [&](char c) { return usable_host_byte(c, bracketed); })) return;
  int port_number = -1;
  if (!port.empty()) {
    if (port.size() > 5 || !std::all_of(port.begin(), port.end(), is_digit)) return;
    port_number = 0;
    for (char c : port) port_number = port_number * 10 + (c - '0');
    if (port_number > 65535) return;
  }
  url.host = bracketed ? "[" + ascii_lowercase(host) + "]" : ascii_lowercase(host);
  url.port = port_number;
}

std::string bounded_decode(std::string_view raw) {
  std::string out = percent_decode(raw, true);
  truncate_utf8(out, kMaxParamBytes);
  return out;
}

}  // namespace

const QueryParam* Url::find_param(std::string_view key) const {
  for (const auto& p : params) {
    if (p.key == key) return &p;
  }
  return nullptr;
}

std::string percent_decode(std::string_view text, bool plus_as_space) {
  std::string out;
  out.reserve(text.size());
  for (std::size_t i = 0; i < text.size(); ++i) {
    char c = text[i];
    if (c == '%' && i + 2 < text.size() && hex_value(text[i + 1]) >= 0 && hex_value(text[i + 2]) >= 0) {
      out += static_cast<char>(hex_value(text[i + 1]) * 16 + hex_value(text[i + 2]));
      i += 2;
    } else if (c == '+' && plus_as_space) {
      out += ' ';
    } else {
      out += c;
    }
  }
  return out;
}

std::vector<QueryParam> parse_query(std::string_view query) {
  std::vector<QueryParam> params;
  std::size_t pos = 0;
  while (pos <= query.size() && params.size() < kMaxQueryParams) {
    auto amp = query.find('&', pos);
    std::string_view piece = query.substr(pos, amp == std::string_view::npos ? std::string_view::npos : amp - pos);
    if (!piece.empty()) {
      auto eq = piece.find('=');
      QueryParam p;
      p.key = bounded_decode(piece.substr(0, eq));
      p.has_value = eq != std::string_view::npos;
      if (p.has_value) p.value = bounded_decode(piece.substr(eq + 1));
      params.push_back(std::move(p));
    }
    if (amp == std::string_view::npos) break;
    pos = amp + 1;
  }
  return params;
}

Url parse_url(std::string_view text) {
  Url url;
  text = text.substr(0, std::min(text.size(), kMaxUrlInputBytes));
  std::string cleaned;  // browsers drop tabs and newlines anywhere in a URL
  cleaned.reserve(text.size());
  for (char c : text) {
    if (c != '\t' && c != '\n' && c != '\r') cleaned += c;
  }
  std::string_view rest = trim_ascii(cleaned);

  bool has_authority = false;
  if (std::size_t scheme = scheme_length(rest); scheme > 0) {
    url.scheme = ascii_lowercase(rest.substr(0, scheme));
    rest.remove_prefix(scheme + 1);
    if (url.scheme == "http" || url.scheme == "https") {
      // As browsers do for web URLs: "https:/x", "https:x" and "https:\\x" all name host x.
      while (!rest.empty() && is_slash(rest.front())) rest.remove_prefix(1);
      has_authority = true;
    } else if (rest.size() >= 2 && rest[0] == '/' && rest[1] == '/') {
      rest.remove_prefix(2);
      has_authority = true;
    }
  } else if (rest.size() >= 2 && is_slash(rest[0]) && is_slash(rest[1])) {
    rest.remove_prefix(2);
    has_authority = true;
  } else {
    has_authority = !rest.empty() && !is_slash(rest.front()) && rest.front() != '?' && rest.front() != '#';
  }

  if (has_authority) {
    auto end = rest.find_first_of("/?#\\");
    read_authority(rest.substr(0, end), url);
    rest.remove_prefix(end == std::string_view::npos ? rest.size() : end);
  }
  if (auto hash = rest.find('#'); hash != std::string_view::npos) {
    url.fragment = std::string(rest.substr(hash + 1));
    rest = rest.substr(0, hash);
  }
  if (auto question = rest.find('?'); question != std::string_view::npos) {
    url.query = std::string(rest.substr(question + 1));
    rest = rest.substr(0, question);
  }
  url.path = std::string(rest);
  url.params = parse_query(url.query);
  return url;
}

bool host_matches(std::string_view host, std::string_view domain) {
  while (!host.empty() && host.back() == '.') host.remove_suffix(1);
  while (!domain.empty() && domain.back() == '.') domain.remove_suffix(1);
  if (domain.empty() || host.size() < domain.size()) return false;
  if (host.size() == domain.size()) return iequals(host, domain);
  std::size_t start = host.size() - domain.size();
  return host[start - 1] == '.' && iequals(host.substr(start), domain);
}

}  // namespace shopkeeper
