#include <catch2/catch.hpp>

#include <random>
#include <string>

#include "acquisition.hpp"
#include "test_support.hpp"

using nlohmann::json;
using shopkeeper::classify_acquisition_json;
using shopkeeper::test::json_of;
using shopkeeper::test::read_source_file;

namespace {

json classify(const json& request) { return json_of(classify_acquisition_json(request.dump())); }

}  // namespace

TEST_CASE("shared acquisition cases (tests/cases/acquisition.json)", "[acquisition][cases]") {
  json suite = json_of(read_source_file("tests/cases/acquisition.json"));
  REQUIRE(suite["cases"].size() >= 150);
  for (const auto& c : suite["cases"]) {
    json res = classify(c["input"]);
    INFO(c["name"].get<std::string>() << "\n  got " << res.dump());
    REQUIRE(res["ok"] == true);
    for (const auto& [key, expected] : c["expected"].items()) {
      INFO("field " << key);
      CHECK(res[key] == expected);
    }
  }
}

TEST_CASE("every field is present in a response, absent ones as null", "[acquisition]") {
  json res = classify({{"url", "https://shop.example/"}, {"referrer", ""}});
  CHECK(res == json{{"ok", true},       {"medium", "direct"}, {"source", nullptr}, {"term", nullptr},
                    {"campaign", nullptr}, {"content", nullptr}, {"clickId", nullptr}, {"refCode", nullptr}});
}

TEST_CASE("unusable requests are errors with a path, never exceptions", "[acquisition]") {
  struct Bad {
    const char* request;
    const char* path;
  };
  for (const Bad& bad : {
           Bad{"", ""},
           Bad{"{", ""},
           Bad{"[]", ""},
           Bad{"\"https://shop.example/\"", ""},
           Bad{R"({"url": 42})", "/url"},
           Bad{R"({"url": "https://shop.example/", "referrer": {"href": "x"}})", "/referrer"},
           Bad{R"({"refParam": ""})", "/refParam"},
           Bad{R"({"refParam": "r e f"})", "/refParam"},
           Bad{R"({"refParam": 7})", "/refParam"},
           Bad{R"({"internalDomains": "shop.example"})", "/internalDomains"},
           Bad{R"({"internalDomains": ["shop.example", 3]})", "/internalDomains/1"},
           Bad{R"({"internalDomains": ["shop.example", "https://blog.shop.example/"]})", "/internalDomains/1"},
           Bad{R"({"internalDomains": ["", "shop.example"]})", "/internalDomains/0"},
           Bad{R"({"internalDomains": ["shop.example", "bücher.example"]})", "/internalDomains/1"},  // browsers send xn--bcher-kva.example
       }) {
    INFO(bad.request);
    json res = json_of(classify_acquisition_json(bad.request));
    CHECK(res["ok"] == false);
    CHECK(res["error"]["code"] == "invalid_request");
    CHECK(res["error"]["path"] == bad.path);
  }
}

TEST_CASE("null optional fields mean their defaults", "[acquisition]") {
  json res = classify(
      {{"url", "https://shop.example/?ref=alice"}, {"referrer", nullptr}, {"refParam", nullptr}, {"internalDomains", nullptr}});
  CHECK(res["ok"] == true);
  CHECK(res["refCode"] == "alice");
}

TEST_CASE("too many internal domains are refused", "[acquisition][limits]") {
  json domains = json::array();
  for (int i = 0; i < 101; ++i) domains.push_back("d" + std::to_string(i) + ".example");
  json res = classify({{"url", "https://shop.example/"}, {"internalDomains", domains}});
  CHECK(res["ok"] == false);
  CHECK(res["error"]["path"] == "/internalDomains");
}

TEST_CASE("tags beyond the first 8 KB of a URL are not read", "[acquisition][limits]") {
  std::string pad(9000, 'p');
  json res = classify({{"url", "https://shop.example/?pad=" + pad + "&utm_source=late&utm_medium=email"},
                       {"referrer", "https://www.bing.com/search?q=" + pad}});
  CHECK(res["ok"] == true);
  CHECK(res["medium"] == "search");
  CHECK(res["source"] == "Bing");
  CHECK(res["term"].get<std::string>().size() == 256);
  CHECK(res["campaign"].is_null());
}

TEST_CASE("a megabyte of hostile input is classified without trouble", "[acquisition][limits]") {
  std::string junk;
  for (int i = 0; i < 100000; ++i) junk += "%&=?#";
  json res = classify({{"url", "https://shop.example/?" + junk}, {"referrer", "https://" + junk}});
  CHECK(res["ok"] == true);
  CHECK(res["medium"] == "direct");
}

TEST_CASE("mutated requests never throw and always classify", "[acquisition][limits]") {
  std::mt19937 rng(7);
  const std::string alphabet = "%+&=?#/:@.\\ aZ9\xC3\xA9\xFF";
  const std::string urls[] = {"https://shop.example/?utm_source=a&utm_medium=cpc&gclid=x&ref=bob",
                              "https://www.google.co.uk/search?q=shoes", "android-app://com.google.android.gm/"};
  for (int round = 0; round < 2000; ++round) {
    std::string url = urls[round % 3];
    std::string referrer = urls[(round + 1) % 3];
    for (std::string* s : {&url, &referrer}) {
      int edits = static_cast<int>(rng() % 8);
      for (int e = 0; e < edits; ++e) {
        std::size_t at = rng() % (s->size() + 1);
        s->insert(s->begin() + static_cast<std::ptrdiff_t>(at), alphabet[rng() % alphabet.size()]);
      }
    }
    json request = {{"url", url}, {"referrer", referrer}, {"internalDomains", {"shop.example"}}};
    std::string text = request.dump(-1, ' ', false, json::error_handler_t::replace);
    std::string out;
    REQUIRE_NOTHROW(out = classify_acquisition_json(text));
    REQUIRE(json_of(out)["ok"] == true);
  }
}
