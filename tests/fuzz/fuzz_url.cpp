// URLs and query strings: the parser never fails, and its bounds hold whatever the input.

#include <string>

#include "fuzz_support.hpp"
#include "url.hpp"

using namespace shopkeeper;

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, std::size_t size) {
  auto in = fuzz::parts(data, size, 2);
  Url url = parse_url(in[0]);
  fuzz::check(url.params.size() <= kMaxQueryParams, "query parameters are bounded");
  for (const auto& p : url.params) {
    fuzz::check(p.key.size() <= kMaxParamBytes && p.value.size() <= kMaxParamBytes, "parameters are bounded");
  }
  fuzz::check(url.port >= -1 && url.port <= 65535, "a port is absent or valid");
  fuzz::check(url.host.find_first_of("/?#@ \t\r\n") == std::string::npos, "a host holds no delimiter");
  fuzz::check(url.path.size() + url.query.size() + url.fragment.size() <= kMaxUrlInputBytes, "parts are bounded by the input");
  if (const QueryParam* first = url.params.empty() ? nullptr : &url.params.front()) {
    fuzz::check(url.find_param(first->key) == first, "find_param finds the first parameter of a name");
  }
  std::string decoded = percent_decode(in[1], true);
  fuzz::check(decoded.size() <= in[1].size(), "decoding never grows a text");
  fuzz::check(parse_query(in[1]).size() <= kMaxQueryParams, "query parameters are bounded");
  if (host_matches(url.host, in[1])) fuzz::check(!url.host.empty(), "only a host matches a domain");
  return 0;
}
