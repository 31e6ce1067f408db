#include <catch2/catch.hpp>

#include "bucketing.hpp"
#include "test_support.hpp"

using nlohmann::json;
using shopkeeper::growthbook_hash;
using shopkeeper::test::json_of;
using shopkeeper::test::read_source_file;

TEST_CASE("GrowthBook hash values (tests/cases/hash.json)", "[bucketing][cases]") {
  json suite = json_of(read_source_file("tests/cases/hash.json"));
  for (const char* group : {"growthbook", "growthbookExperiments", "unicode"}) {
    for (const auto& c : suite[group]["cases"]) {
      INFO(group << " " << c.dump());
      auto got = growthbook_hash(c[0].get<std::string>(), c[1].get<std::string>(), c[2].get<int>());
      if (c[3].is_null()) {
        CHECK_FALSE(got.has_value());
      } else {
        REQUIRE(got.has_value());
        CHECK(*got == c[3].get<double>());  // exact: both sides divide the same integers
      }
    }
  }
}

TEST_CASE("FNV-1a 32 counts UTF-16 code units, as JavaScript strings do", "[bucketing]") {
  CHECK(shopkeeper::fnv1a32_utf16("") == 0x811c9dc5u);
  CHECK(shopkeeper::fnv1a32_utf16("a") == 0xe40c292cu);  // the FNV-1a reference value
  // U+00E9 is one code unit (0xE9), not its two UTF-8 bytes.
  CHECK(shopkeeper::fnv1a32_utf16("\xC3\xA9") == ((0x811c9dc5u ^ 0xE9u) * 16777619u));
}
