#include <catch2/catch.hpp>

#include <string>

#include "regex.hpp"

using shopkeeper::Regex;

namespace {

bool search(const std::string& pattern, const std::string& text, bool ignore_case = false) {
  std::string error;
  Regex r = Regex::compile(pattern, ignore_case, error);
  INFO("pattern " << pattern << " error: " << error);
  REQUIRE(r.valid());
  return r.search(text);
}

std::string compile_error(const std::string& pattern) {
  std::string error;
  Regex r = Regex::compile(pattern, false, error);
  CHECK_FALSE(r.valid());
  CHECK_FALSE(r.search("anything"));
  return error;
}

}  // namespace

TEST_CASE("regex: literals search anywhere unless anchored", "[regex]") {
  CHECK(search("bc", "abcd"));
  CHECK_FALSE(search("bd", "abcd"));
  CHECK(search("", ""));
  CHECK(search("", "abc"));
  CHECK(search("^ab", "abc"));
  CHECK_FALSE(search("^bc", "abc"));
  CHECK(search("bc$", "abc"));
  CHECK_FALSE(search("ab$", "abc"));
  CHECK(search("^$", ""));
  CHECK_FALSE(search("^$", "a"));
  CHECK(search("-12-25$", "1980-12-25"));
  CHECK(search("a^", "a^") == false);  // ^ is an assertion anywhere, as in JavaScript
}

TEST_CASE("regex: dot, classes and escapes", "[regex]") {
  CHECK(search("a.c", "abc"));
  CHECK_FALSE(search("a.c", "a\nc"));
  CHECK(search("[a-c]x", "bx"));
  CHECK_FALSE(search("[a-c]x", "dx"));
  CHECK(search("[^a-c]x", "dx"));
  CHECK_FALSE(search("[^a-c]x", "ax"));
  CHECK(search("^\\d{3}-\\d{4}$", "555-1234"));
  CHECK_FALSE(search("^\\d{3}-\\d{4}$", "555-12345"));
  CHECK(search("\\w+@\\w+\\.com", "mail me at joe@shop.com"));
  CHECK(search("\\s", "a b"));
  CHECK_FALSE(search("\\S", "  \t"));
  CHECK(search("\\D", "12a"));
  CHECK_FALSE(search("^\\W+$", "abc"));
  CHECK(search("a\\.b", "a.b"));
  CHECK_FALSE(search("a\\.b", "axb"));
  CHECK(search("https?:\\/\\/shop", "https://shop.test"));
  CHECK(search("https?://shop", "http://shop.test"));  // an unescaped / is fine in a RegExp string
  CHECK(search("[\\d.]+", "3.14"));
  CHECK(search("[a\\-z]", "-"));
  CHECK(search("[-a]", "-"));
  CHECK(search("[a-]", "-"));
  CHECK(search("[\\w-]", "-"));  // Annex B: a class escape makes '-' literal
  CHECK_FALSE(search("[]", "a"));
  CHECK(search("[^]", "\n"));
  CHECK(search("\\x41\\u00e9", "A\xC3\xA9"));
  CHECK(search("\\t", "a\tb"));
  CHECK(search("\\bcat\\b", "a cat sat"));
  CHECK_FALSE(search("\\bcat\\b", "concatenate"));
  CHECK(search("\\Bcat", "concatenate"));
  CHECK(search("caf.", "caf\xC3\xA9"));       // . consumes a whole code point
  CHECK(search("^caf.$", "caf\xC3\xA9"));
  CHECK(search("[\xC3\xA0-\xC3\xBF]", "\xC3\xA9"));  // a range of non-ASCII letters
}

TEST_CASE("regex: alternation, groups and quantifiers", "[regex]") {
  CHECK(search("(Mobile|Tablet)", "Android Mobile Browser"));
  CHECK_FALSE(search("(Mobile|Tablet)", "Chrome Desktop Browser"));
  CHECK(search("^(?:ab)+$", "ababab"));
  CHECK_FALSE(search("^(?:ab)+$", "ababa"));
  CHECK(search("^a*$", ""));
  CHECK(search("^a+b?c*$", "aaac"));
  CHECK(search("^a{3}$", "aaa"));
  CHECK_FALSE(search("^a{3}$", "aa"));
  CHECK(search("^a{2,}$", "aaaaa"));
  CHECK_FALSE(search("^a{2,}$", "a"));
  CHECK(search("^a{2,3}$", "aaa"));
  CHECK_FALSE(search("^a{2,3}$", "aaaa"));
  CHECK(search("^a{0}b$", "b"));
  CHECK(search("^a+?$", "aaa"));
  CHECK(search("^a*?b??c{1,2}?$", "aacc"));
  CHECK(search("^(a|b|)c$", "c"));
  CHECK(search("x|^y", "zy") == false);
  CHECK(search("x|^y", "yz"));
  CHECK(search("^(a*)*$", "aaaa"));
  CHECK(search("((a|b)c|d)+e", "zzacbcde"));
  CHECK(search("a{,2}", "a{,2}"));  // not a quantifier: literal braces (Annex B)
  CHECK(search("{foo}", "{foo}"));
  CHECK(search("a}", "a}"));
  CHECK(search("]", "]"));
}

TEST_CASE("regex: the i flag", "[regex]") {
  CHECK(search("mobile", "Android MOBILE", true));
  CHECK(search("(MOBILE|TABLET)", "android tablet", true));
  CHECK_FALSE(search("mobile", "Android MOBILE", false));
  CHECK(search("[a-z]+", "ABC", true));
  CHECK(search("^[A-Z]+$", "abc", true));
  CHECK(search("\xC3\x89T\xC3\x89", "\xC3\xA9t\xC3\xA9", true));          // ÉTÉ / été
  CHECK(search("\xD0\x9C\xD0\x9E\xD0\xA1\xD0\x9A\xD0\x92\xD0\x90", "\xD0\xBC\xD0\xBE\xD1\x81\xD0\xBA\xD0\xB2\xD0\xB0", true));  // МОСКВА / москва
  CHECK_FALSE(search("[^a-z]", "ABC", true));
  CHECK(search("\xC8\x98", "\xC8\x99", true));  // Romanian Ș / ș
  CHECK(search("^\xC3\x89t\xC3\xA9$", "\xC3\xA9T\xC3\x89", true));  // a literal pattern, i flag, non-ASCII
}

TEST_CASE("regex: unsupported or invalid patterns fail to compile with a message", "[regex]") {
  CHECK(compile_error("(a)\\1").find("backreference") != std::string::npos);
  CHECK(compile_error("a(?=b)").find("lookahead") != std::string::npos);
  CHECK(compile_error("a(?!b)").find("lookahead") != std::string::npos);
  CHECK(compile_error("(?<=a)b").find("lookbehind") != std::string::npos);
  CHECK(compile_error("(?<name>a)").find("named group") != std::string::npos);
  CHECK(compile_error("\\k<name>").find("named backreference") != std::string::npos);
  CHECK(compile_error("\\p{L}").find("property") != std::string::npos);
  CHECK(compile_error("\\q").find("unknown escape") != std::string::npos);
  CHECK(compile_error("/???***[)").find("nothing to repeat") != std::string::npos);
  CHECK(compile_error("*a").find("nothing to repeat") != std::string::npos);
  CHECK(compile_error("a**").find("nothing to repeat") != std::string::npos);
  CHECK(compile_error("a{2}{3}").find("nothing to repeat") != std::string::npos);
  CHECK(compile_error("^*").find("nothing to repeat") != std::string::npos);
  CHECK(compile_error("{2}").find("nothing to repeat") != std::string::npos);
  CHECK(compile_error("(ab").find("missing ')'") != std::string::npos);
  CHECK(compile_error("ab)").find("unmatched ')'") != std::string::npos);
  CHECK(compile_error("[ab").find("missing ']'") != std::string::npos);
  CHECK(compile_error("[z-a]").find("out of order") != std::string::npos);
  CHECK(compile_error("a{3,2}").find("out of order") != std::string::npos);
  CHECK(compile_error("a{1001}").find("above 1000") != std::string::npos);
  CHECK(compile_error("ab\\").find("backslash") != std::string::npos);
  CHECK(compile_error("(?i)a").find("invalid group") != std::string::npos);
  CHECK(compile_error(std::string(1001, 'a')).find("longer than 1000") != std::string::npos);
  CHECK(compile_error("(a{1000}){1000}").find("too large") != std::string::npos);
}

TEST_CASE("regex: pathological patterns run in linear time", "[regex]") {
  std::string text(10000, 'a');
  text += 'b';
  CHECK_FALSE(search("(a+)+$", text));
  CHECK_FALSE(search("^(a+)+$", text));
  CHECK_FALSE(search("^(a|a)*$", text));
  CHECK_FALSE(search("^(a*)*c", text));
  CHECK(search("(a|aa)+b$", text));
  CHECK_FALSE(search("^(\\w+\\s?)*$", text + "!"));
  std::string many(5000, 'x');
  CHECK_FALSE(search("x{500}y", many));
}
