// The core's JSON reader and writer (parse_json, dump_json) against nlohmann's own parse and
// dump: the same texts accepted, the same values read, the same bytes written.

#include <catch2/catch.hpp>

#include <cmath>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <filesystem>
#include <random>
#include <string>
#include <vector>

#include "decimal.hpp"
#include "js_value.hpp"
#include "test_support.hpp"

using shopkeeper::dump_json;
using shopkeeper::json;
using shopkeeper::parse_json;
using shopkeeper::test::read_source_file;

namespace {

// nlohmann's reader with the core's contract: nesting past JsonLimits::kMaxDepth is refused
// (in the text up to a NUL byte, which both read as its end).
json parse_reference(const std::string& text) {
  if (shopkeeper::nests_too_deep(std::string_view(text).substr(0, text.find('\0')))) return json(json::value_t::discarded);
  return json::parse(text, nullptr, false);
}

std::string dump_reference(const json& value) { return value.dump(-1, ' ', false, json::error_handler_t::replace); }

// Reads `text` with both; they must agree on whether it is JSON and, if so, on its value
// (types included: 1, 1.0 and -1 are three kinds of number) and on its text. Doubles are
// the one allowed difference in text: nlohmann's Grisu2 is neither always shortest nor
// always closest, so a differing text must still read back as nlohmann's value.
void check_same(const std::string& text) {
  INFO("text: " << text.substr(0, 300));
  json mine = parse_json(text);
  json theirs = parse_reference(text);
  REQUIRE(mine.is_discarded() == theirs.is_discarded());
  if (mine.is_discarded()) return;
  CHECK(mine == theirs);
  CHECK(dump_reference(mine) == dump_reference(theirs));
  std::string written = dump_json(mine);
  if (written != dump_reference(theirs)) CHECK(parse_reference(written) == theirs);
}

std::vector<std::string> corpus() {
  std::vector<std::string> texts;
  for (const char* folder : {"tests/cases", "rules", "tests/fuzz/corpus"}) {
    for (const auto& entry : std::filesystem::recursive_directory_iterator(std::string(SHOPKEEPER_SOURCE_DIR) + "/" + folder)) {
      if (!entry.is_regular_file()) continue;
      std::string text = read_source_file(std::filesystem::relative(entry.path(), SHOPKEEPER_SOURCE_DIR).string());
      texts.push_back(text);
      // Fuzz seeds hold several texts split at NUL bytes.
      for (std::size_t start = 0, nul; (nul = text.find('\0', start)) != std::string::npos; start = nul + 1) {
        texts.push_back(text.substr(start, nul - start));
        texts.push_back(text.substr(nul + 1));
      }
    }
  }
  return texts;
}

double bits_to_double(uint64_t bits) {
  double v;
  std::memcpy(&v, &bits, sizeof v);
  return v;
}

}  // namespace

TEST_CASE("json: the repository's JSON files read and write as with nlohmann's parse and dump", "[json]") {
  auto texts = corpus();
  REQUIRE(texts.size() > 200);
  for (const auto& text : texts) check_same(text);
}

TEST_CASE("json: edge cases of the grammar are accepted and refused alike", "[json]") {
  const char* texts[] = {
      "", " ", "null", "true", "false", "nul", "truex", "[]", "{}", "[1,]", "{\"a\":1,}", "[,1]", "{,}", "{\"a\"}",
      "{\"a\":}", "{1:2}", "[1 2]", "[1]]", "[[1]", "\"abc", "\"a\\qb\"", "\"\\u00e9\\u0000\"", "\"\\uD83D\\uDE00\"",
      "\"\\uD83D\"", "\"\\uDE00\"", "\"\\uD83Dx\"", "\"\\uD83D\\u0041\"", "\"\\u12\"", "\"\\u12G4\"", "\"tab\there\"",
      "\"\\/\\b\\f\\n\\r\\t\\\"\\\\\"", "0", "-0", "01", "-01", "1.", ".5", "1.5e", "1e+", "1E5", "1e-5", "-1.25E+2",
      "+1", "--1", "1e400", "-1e400", "1e-400", "4.9406564584124654e-324", "18446744073709551615",
      "18446744073709551616", "-9223372036854775808", "-9223372036854775809", "123456789012345678901234567890",
      "0.1", "100", "1e15", "1e16", "0.0001", "0.00001", "1.7976931348623157e308", "\xEF\xBB\xBF{}", "\xEF\xBB{}",
      "{}\xEF\xBB\xBF", " \t\r\n[ 1 , { \"b\" : [ ] } ] \n", "{\"b\":1,\"a\":2,\"b\":3}", "{\"a\":{\"a\":{\"a\":[]}}}",
      "\"\xC3\xA9\"", "\"\xC3\"", "\"\xC0\x80\"", "\"\xED\xA0\x80\"", "\"\xF4\x90\x80\x80\"", "\"\xF0\x9F\x98\x80\"",
      "\"\xE0\x9F\xBF\"", "\"\xFF\"", "\"\x7F\"", "[1e309]", "[-0.0]", "[1,\"\\u0001\"]", "[true,false,null]"};
  for (const char* text : texts) check_same(text);
  // NUL ends nlohmann's input outside strings and is refused inside them.
  for (std::string text : {std::string("{}\0garbage", 10), std::string("[1\0]", 4), std::string("\"a\0\"", 4), std::string("\0", 1),
                           std::string("[1]\0", 4) + std::string(100, '[')}) {
    check_same(text);
  }
}

TEST_CASE("json: mutated documents are accepted and refused alike", "[json]") {
  auto texts = corpus();
  std::mt19937 rng(20261124);
  const char pieces[] = "{}[],:\"\\ 0123456789-+.eEtrufalsn\xC3\xA9\xFF\x01";
  for (int round = 0; round < 5000; ++round) {
    std::string text = texts[rng() % texts.size()].substr(0, 2000);
    int edits = 1 + static_cast<int>(rng() % 4);
    for (int e = 0; e < edits && !text.empty(); ++e) {
      std::size_t at = rng() % text.size();
      char piece = pieces[rng() % (sizeof pieces - 1)];
      switch (rng() % 3) {
        case 0: text[at] = piece; break;
        case 1: text.insert(at, 1, piece); break;
        default: text.erase(at, 1 + rng() % 3);
      }
    }
    check_same(text);
  }
}

TEST_CASE("json: strings with any bytes are written alike (ill-formed UTF-8 as U+FFFD)", "[json]") {
  std::mt19937 rng(7);
  const unsigned char bytes[] = {'a', '"', '\\', 0x00, 0x01, 0x1F, 0x7F, 0x80, 0xBF, 0xC2, 0xC3, 0xE0, 0xED, 0xEF, 0xF0, 0xF4, 0xF5, 0xFF, 0xA0, 0x9F, 0x90, '\n'};
  for (int round = 0; round < 5000; ++round) {
    std::string s;
    for (int n = static_cast<int>(rng() % 12); n > 0; --n) s += static_cast<char>(bytes[rng() % sizeof bytes]);
    INFO("bytes of length " << s.size());
    CHECK(dump_json(json(s)) == dump_reference(json(s)));
    CHECK(dump_json(json::object({{s, 1}})) == dump_reference(json::object({{s, 1}})));
  }
}

TEST_CASE("json: doubles are written as nlohmann writes them, digits shortest", "[json]") {
  std::mt19937_64 rng(11);
  int differing = 0;
  for (int round = 0; round < 20000; ++round) {
    uint64_t bits = rng();
    if (round % 3 == 1) bits = (bits & ~(uint64_t{0x7FF} << 52)) | (uint64_t{1000 + rng() % 50} << 52);  // near 1
    double v = bits_to_double(bits);
    std::string mine = dump_json(json(v));
    std::string theirs = json(v).dump();
    if (mine == theirs) continue;
    INFO(theirs << " vs " << mine);
    REQUIRE(std::isfinite(v));
    CHECK(std::strtod(mine.c_str(), nullptr) == v);
    CHECK(mine.size() <= theirs.size());
    ++differing;
  }
  CHECK(differing < 200);  // Grisu2 misses the shortest, closest digits rarely
  for (double v : {0.0, -0.0, 1.0, -2.5, 0.1, 1e15, 1e16, 1e-4, 1e-5, 123456789.125, 5e-324, 1.7976931348623157e308, std::nan(""), HUGE_VAL}) {
    CHECK(dump_json(json(v)) == json(v).dump());
  }
}

TEST_CASE("decimal: reading is correctly rounded, like strtod", "[json][decimal]") {
  std::mt19937_64 rng(3);
  char text[80];
  for (int round = 0; round < 20000; ++round) {
    double v = bits_to_double(rng());
    if (!std::isfinite(v)) continue;
    std::snprintf(text, sizeof text, "%.*e", static_cast<int>(rng() % 20), v);
    double mine = 0;
    REQUIRE(shopkeeper::decimal::parse(text, mine));
    double expected = std::strtod(text, nullptr);
    INFO(text);
    CHECK(std::memcmp(&mine, &expected, sizeof mine) == 0);
  }
  // Halfway between two doubles, resolved only by the 800th digit and beyond.
  std::string halfway = "9007199254740993" + std::string(900, '0') + "1e-900";
  double mine = 0;
  REQUIRE(shopkeeper::decimal::parse(halfway, mine));
  CHECK(mine == std::strtod(halfway.c_str(), nullptr));
  for (const char* bad : {"", "-", ".", "e5", "1e", "1e+", "1..2", "1.2.3", "--1", "1x", " 1", "inf", "nan", "0x10"}) {
    CHECK_FALSE(shopkeeper::decimal::parse(bad, mine));
  }
}

TEST_CASE("decimal: shortest and rounded digits match printf's", "[json][decimal]") {
  std::mt19937_64 rng(5);
  char text[80];
  auto digits_of = [](const shopkeeper::decimal::Digits& d) {
    std::string s(d.d, static_cast<std::size_t>(d.count));
    return s + "e" + std::to_string(d.point - 1);
  };
  // printf's %.{p-1}e as digits and exponent, trailing zeros dropped.
  auto printf_digits = [](const char* t) {
    std::string s;
    const char* p = t;
    for (; *p != 'e'; ++p) {
      if (*p >= '0' && *p <= '9') s += *p;
    }
    while (s.size() > 1 && s.back() == '0') s.pop_back();
    return s + "e" + std::to_string(std::atoi(p + 1));
  };
  for (int round = 0; round < 10000; ++round) {
    uint64_t bits = rng() & ~(uint64_t{1} << 63);
    if (round % 4 == 0) bits &= (uint64_t{1} << 52) - 1;  // subnormal
    double v = bits_to_double(bits);
    if (!std::isfinite(v) || v == 0) continue;
    int p = 1;
    for (; p < 17; ++p) {
      std::snprintf(text, sizeof text, "%.*e", p - 1, v);
      if (std::strtod(text, nullptr) == v) break;
    }
    std::snprintf(text, sizeof text, "%.*e", p - 1, v);
    CHECK(digits_of(shopkeeper::decimal::shortest(v)) == printf_digits(text));
    int precision = 1 + static_cast<int>(rng() % 17);
    std::snprintf(text, sizeof text, "%.*e", precision - 1, v);
    CHECK(digits_of(shopkeeper::decimal::rounded(v, precision)) == printf_digits(text));
  }
}

TEST_CASE("js: numbers become text as JavaScript's String(number) writes them", "[json][decimal]") {
  const std::pair<double, const char*> cases[] = {
      {0.1, "0.1"}, {1e21, "1e+21"}, {1e20, "100000000000000000000"}, {1.5e-7, "1.5e-7"}, {0.000001, "0.000001"},
      {1e-7, "1e-7"}, {123e-20, "1.23e-18"}, {5e-324, "5e-324"}, {1.7976931348623157e308, "1.7976931348623157e+308"},
      {-2.5, "-2.5"}, {0.30000000000000004, "0.30000000000000004"}, {123456789.12345679, "123456789.12345679"},
      {1.2345678901234567e-5, "0.000012345678901234568"}, {9007199254740993.0, "9007199254740992"}, {-0.0, "0"}};
  for (const auto& [v, expected] : cases) {
    char buf[32];
    CHECK(std::string(buf, shopkeeper::js::format_number(v, buf)) == expected);
  }
  CHECK(shopkeeper::js::to_number(" 12.5e1 ") == 125);
  CHECK(shopkeeper::js::to_number("-.5") == -0.5);
  CHECK(std::isinf(shopkeeper::js::to_number("1e999")));
  CHECK(std::isnan(shopkeeper::js::to_number("1e")));
}
