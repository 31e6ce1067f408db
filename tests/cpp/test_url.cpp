#include <catch2/catch.hpp>

#include <random>
#include <string>

#include "url.hpp"

using shopkeeper::host_matches;
using shopkeeper::kMaxParamBytes;
using shopkeeper::kMaxQueryParams;
using shopkeeper::kMaxUrlInputBytes;
using shopkeeper::parse_query;
using shopkeeper::parse_url;
using shopkeeper::percent_decode;
using shopkeeper::Url;

TEST_CASE("a full URL splits into its parts", "[url]") {
  Url u = parse_url("HTTPS://User:Pw@WWW.Shop.Example:8443/Cart/Items?a=1&b=2#Top");
  CHECK(u.scheme == "https");
  CHECK(u.host == "www.shop.example");
  CHECK(u.port == 8443);
  CHECK(u.path == "/Cart/Items");
  CHECK(u.query == "a=1&b=2");
  CHECK(u.fragment == "Top");
  REQUIRE(u.params.size() == 2);
  CHECK(u.params[1].key == "b");
  CHECK(u.params[1].value == "2");
}

TEST_CASE("missing parts stay empty", "[url]") {
  Url u = parse_url("https://shop.example");
  CHECK(u.host == "shop.example");
  CHECK(u.port == -1);
  CHECK(u.path.empty());
  CHECK(u.query.empty());
  CHECK(u.params.empty());

  Url bare = parse_url("https://shop.example.?#");
  CHECK(bare.host == "shop.example");
  CHECK(bare.query.empty());
  CHECK(bare.fragment.empty());
}

TEST_CASE("hosts are lowercased, internationalized hosts kept as given", "[url]") {
  CHECK(parse_url("https://BÜCHER.Example/").host == "bÜcher.example");
  CHECK(parse_url("https://xn--bcher-kva.example/").host == "xn--bcher-kva.example");
  CHECK(parse_url("https://[2001:DB8::1]:8080/x").host == "[2001:db8::1]");
  CHECK(parse_url("https://[2001:DB8::1]:8080/x").port == 8080);
}

TEST_CASE("references without a scheme", "[url]") {
  Url host_first = parse_url("www.google.com/search?q=shoes");
  CHECK(host_first.scheme.empty());
  CHECK(host_first.host == "www.google.com");
  CHECK(host_first.path == "/search");
  CHECK(host_first.find_param("q")->value == "shoes");

  CHECK(parse_url("//cdn.example/x").host == "cdn.example");
  CHECK(parse_url("shop.example:8080/x").host == "shop.example");
  CHECK(parse_url("shop.example:8080/x").port == 8080);

  Url relative = parse_url("/products?utm_source=x");
  CHECK(relative.host.empty());
  CHECK(relative.path == "/products");
  CHECK(relative.find_param("utm_source")->value == "x");
  CHECK(parse_url("?a=1").find_param("a")->value == "1");
}

TEST_CASE("web URLs are read the way browsers read them", "[url]") {
  CHECK(parse_url("https:shop.example/x").host == "shop.example");
  CHECK(parse_url("https:\\\\shop.example\\x").host == "shop.example");
  CHECK(parse_url("https:///shop.example/x").host == "shop.example");
  // The backslash ends the host, so userinfo cannot smuggle another host in.
  CHECK(parse_url("https://evil.example\\@www.google.com/").host == "evil.example");
  CHECK(parse_url(" \thttps://shop.exa\nmple/\r\n ").host == "shop.example");
}

TEST_CASE("other schemes keep their host only with //", "[url]") {
  CHECK(parse_url("android-app://com.google.android.gm/").host == "com.google.android.gm");
  Url js = parse_url("javascript:alert(1)?utm_source=x");
  CHECK(js.scheme == "javascript");
  CHECK(js.host.empty());
  CHECK(parse_url("mailto:someone@shop.example").host.empty());
  CHECK(parse_url("file:///home/me/page.html").host.empty());
}

TEST_CASE("unusable hosts and ports leave the host empty", "[url]") {
  CHECK(parse_url("https://sho p.example/").host.empty());
  CHECK(parse_url("https://shop.example:99999/").host.empty());
  CHECK(parse_url("https://shop.example:80a/").host.empty());
  CHECK(parse_url("https://[::1/").host.empty());
  CHECK(parse_url("https://%77ww.example/").host.empty());
  CHECK(parse_url("https://" + std::string(600, 'a') + ".example/").host.empty());
  CHECK(parse_url("https://?q=1").host.empty());
  CHECK(parse_url("https://shop.example:/x").host == "shop.example");
}

TEST_CASE("percent-decoding", "[url]") {
  CHECK(percent_decode("caf%C3%A9%20au%2Blait", true) == "café au+lait");
  CHECK(percent_decode("a+b", true) == "a b");
  CHECK(percent_decode("a+b", false) == "a+b");
  CHECK(percent_decode("%zz%4%", true) == "%zz%4%");
  CHECK(percent_decode("100%", true) == "100%");
  CHECK(percent_decode("%4a%4A", true) == "JJ");
  CHECK(percent_decode("%00x", true) == std::string("\0x", 2));
}

TEST_CASE("query parameters: repeats, empty values, bare keys", "[url]") {
  auto params = parse_query("a=1&a=2&empty=&bare&&=novalue&x=a=b&sp=a+b%20c");
  REQUIRE(params.size() == 7);
  CHECK(params[0].value == "1");
  CHECK(params[1].value == "2");
  CHECK(params[2].key == "empty");
  CHECK(params[2].has_value);
  CHECK(params[2].value.empty());
  CHECK(params[3].key == "bare");
  CHECK_FALSE(params[3].has_value);
  CHECK(params[4].key.empty());
  CHECK(params[4].value == "novalue");
  CHECK(params[5].value == "a=b");
  CHECK(params[6].value == "a b c");

  Url u = parse_url("https://s.example/?a=1&a=2");
  CHECK(u.find_param("a")->value == "1");  // the first wins for lookups
  CHECK(u.find_param("A") == nullptr);
  CHECK(u.find_param("b") == nullptr);
}

TEST_CASE("keys are decoded too, and malformed escapes stay literal", "[url]") {
  Url u = parse_url("https://s.example/?utm%5Fsource=news&q=50%&r=%E2%82");
  CHECK(u.find_param("utm_source")->value == "news");
  CHECK(u.find_param("q")->value == "50%");
  CHECK(u.find_param("r")->value == "\xE2\x82");
}

TEST_CASE("the fragment never contributes parameters", "[url]") {
  Url u = parse_url("https://s.example/p?a=1#b=2&utm_source=x");
  CHECK(u.params.size() == 1);
  CHECK(u.fragment == "b=2&utm_source=x");
  Url spa = parse_url("https://s.example/#/route?utm_source=x");
  CHECK(spa.params.empty());
  CHECK(spa.path == "/");
}

TEST_CASE("huge input is bounded", "[url][limits]") {
  std::string many = "https://s.example/?";
  for (int i = 0; i < 1000; ++i) many += "k" + std::to_string(i) + "=v&";
  CHECK(parse_url(many).params.size() == kMaxQueryParams);

  std::string long_value = "https://s.example/?v=" + std::string(5000, 'x') + "&next=1";
  Url u = parse_url(long_value);
  CHECK(u.find_param("v")->value.size() == kMaxParamBytes);
  CHECK(u.find_param("next")->value == "1");

  // A long value is cut on a character boundary: 'é' is two bytes.
  std::string accents;
  for (int i = 0; i < 700; ++i) accents += "%C3%A9";
  std::string cut = parse_url("https://s.example/?v=x" + accents).find_param("v")->value;
  CHECK(cut.size() == kMaxParamBytes - 1);

  std::string beyond = "https://s.example/?pad=" + std::string(kMaxUrlInputBytes, 'p') + "&late=1";
  CHECK(parse_url(beyond).find_param("late") == nullptr);

  std::string ampersands = "https://s.example/?" + std::string(100000, '&') + "a=1";
  CHECK(parse_url(ampersands).params.empty());  // the parameter lies past the first 8 KB
}

TEST_CASE("hostile bytes never throw", "[url][limits]") {
  std::mt19937 rng(20240611);
  const std::string alphabet = "%+&=?#/:@[]\\.aZ09 \t\x01\xC3\xA9\xFF";
  const std::string seeds[] = {"https://www.google.com/search?q=a", "android-app://x/", "//a?b#c", "?&=%"};
  for (int round = 0; round < 3000; ++round) {
    std::string s = seeds[round % 4];
    int edits = static_cast<int>(rng() % 12);
    for (int e = 0; e < edits; ++e) {
      std::size_t at = s.empty() ? 0 : rng() % (s.size() + 1);
      s.insert(s.begin() + static_cast<std::ptrdiff_t>(at), alphabet[rng() % alphabet.size()]);
    }
    REQUIRE_NOTHROW(parse_url(s));
  }
}

TEST_CASE("a host matches a domain when equal or a subdomain of it", "[url]") {
  CHECK(host_matches("google.co.uk", "google.co.uk"));
  CHECK(host_matches("www.google.co.uk", "google.co.uk"));
  CHECK(host_matches("WWW.Google.COM", "google.com"));
  CHECK(host_matches("google.com.", "google.com"));
  CHECK_FALSE(host_matches("notgoogle.com", "google.com"));
  CHECK_FALSE(host_matches("google.com.evil.example", "google.com"));
  CHECK_FALSE(host_matches("com", "google.com"));
  CHECK_FALSE(host_matches("google.com", ""));
  CHECK_FALSE(host_matches("", "google.com"));
}
