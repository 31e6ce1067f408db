#pragma once
// A lenient URL and query-string parser for page URLs and referrers. It never
// fails: whatever cannot be read is left empty, and hostile input does bounded work.

#include <cstddef>
#include <string>
#include <string_view>
#include <vector>

namespace shopkeeper {

/// Input beyond this many bytes is ignored.
constexpr std::size_t kMaxUrlInputBytes = 8 * 1024;
/// Query parameters beyond this many are ignored.
constexpr std::size_t kMaxQueryParams = 200;
/// Decoded parameter keys and values are cut to this many bytes.
constexpr std::size_t kMaxParamBytes = 1024;

/// One query parameter, percent-decoded with `+` read as a space.
struct QueryParam {
  std::string key;
  std::string value;
  bool has_value = false;  ///< false for a bare key ("?preview"), true for "?preview=" too
};

/// The parts of a URL. Scheme and host are ASCII-lowercased; an internationalized
/// host is kept as given (no punycode conversion); the rest is as given, undecoded.
struct Url {
  std::string scheme;    ///< without ':'; empty for a reference without one
  std::string host;      ///< without trailing dots; empty when absent or unusable
  int port = -1;         ///< -1 when absent
  std::string path;
  std::string query;     ///< without '?'
  std::string fragment;  ///< without '#'; never read for parameters
  std::vector<QueryParam> params;  ///< every parameter of `query`, in order, repeats included

  /// The first parameter named exactly `key`, or nullptr.
  const QueryParam* find_param(std::string_view key) const;
};

/// Parses `text`. A reference without a scheme is read host first unless it starts
/// with '/', '?' or '#', so "www.example.com/a?b=c" still names its host.
Url parse_url(std::string_view text);

/// Splits a query string (without '?') into decoded parameters, at most kMaxQueryParams.
std::vector<QueryParam> parse_query(std::string_view query);

/// Decodes %XX escapes (and `+` as a space when `plus_as_space`); a '%' not
/// followed by two hex digits is kept literally.
std::string percent_decode(std::string_view text, bool plus_as_space);

/// True when `host` is `domain` or one of its subdomains, ignoring ASCII case:
/// "www.google.co.uk" matches "google.co.uk", "notgoogle.com" does not match "google.com".
bool host_matches(std::string_view host, std::string_view domain);

}  // namespace shopkeeper
