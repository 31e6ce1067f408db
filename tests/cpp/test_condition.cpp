#include <catch2/catch.hpp>

#include <string>

#include "condition.hpp"
#include "condition_set.hpp"
#include "test_support.hpp"

using nlohmann::json;
using shopkeeper::Condition;
using shopkeeper::Error;

namespace {

bool eval(const json& cond, const json& attrs) {
  std::vector<Error> errors;
  return Condition::compile(cond, "", errors).matches(attrs);
}

const json& cases() {
  static const json file = shopkeeper::test::json_of(shopkeeper::test::read_source_file("tests/cases/conditions.json"));
  return file;
}

}  // namespace

TEST_CASE("implicit equality on dot paths", "[condition]") {
  json ctx = {{"visitor", {{"isNew", true}, {"visitCount", 1}}}};
  CHECK(eval({{"visitor.isNew", true}}, ctx));
  CHECK_FALSE(eval({{"visitor.isNew", false}}, ctx));
  CHECK_FALSE(eval({{"visitor.missing", true}}, ctx));
  CHECK(eval({{"visitor.visitCount", {{"$gte", 1}, {"$lt", 3}}}}, ctx));
}

TEST_CASE("invalid conditions never match and report their path", "[condition]") {
  std::vector<Error> errors;
  Condition c = Condition::compile({{"$or", {{{"a", {{"$nope", 1}}}}}}}, "/audience", errors);
  CHECK_FALSE(c.valid());
  CHECK_FALSE(c.matches(json::object()));
  REQUIRE(errors.size() == 1);
  CHECK(errors[0].path == "/audience/$or/0/a/$nope");
  CHECK(errors[0].code == "unknown_operator");
  CHECK(Condition::validate({{"a", {{"$nope", 1}}}}).size() == 1);
  CHECK(Condition::validate({{"a", {{"$in", {1, 2}}}}}).empty());
}

TEST_CASE("shared condition cases", "[condition][cases]") {
  const json& file = cases();
  REQUIRE(file["cases"].size() >= 200);
  for (const auto& c : file["cases"]) {
    const std::string name = c["name"].get<std::string>();
    INFO("case: " << name);
    std::vector<Error> errors;
    Condition cond = Condition::compile(c["condition"], "", errors);
    INFO("first error: " << (errors.empty() ? "" : errors[0].path + " " + errors[0].message));
    REQUIRE(cond.valid());
    const json* groups = c.contains("savedGroups") ? &c["savedGroups"] : nullptr;
    CHECK(cond.matches(c["attributes"], groups) == c["expected"].get<bool>());
  }
}

TEST_CASE("shared invalid condition cases", "[condition][cases]") {
  for (const auto& c : cases()["invalid"]) {
    const std::string name = c["name"].get<std::string>();
    INFO("case: " << name);
    std::vector<Error> errors;
    Condition cond = Condition::compile(c["condition"], "", errors);
    CHECK_FALSE(cond.valid());
    CHECK_FALSE(cond.matches(json::object()));
    REQUIRE_FALSE(errors.empty());
    INFO("message: " << errors[0].message);
    CHECK(errors[0].path == c["errorPath"].get<std::string>());
  }
}

TEST_CASE("a compiled condition is reusable and order-independent", "[condition]") {
  std::vector<Error> errors;
  Condition c = Condition::compile(
      json::parse(R"({"page.path": {"$regex": "^/products/"}, "cart.value": {"$gte": 50}})"), "", errors);
  REQUIRE(c.valid());
  for (int i = 0; i < 100; ++i) {
    json ctx = {{"page", {{"path", i % 2 ? "/products/shoe" : "/cart"}}}, {"cart", {{"value", i}}}};
    CHECK(c.matches(ctx) == (i % 2 == 1 && i >= 50));
  }
}

TEST_CASE("limits: depth, size and string length", "[condition]") {
  json deep = {{"a", 1}};
  for (int i = 0; i < 40; ++i) deep = {{"$not", deep}};
  std::vector<Error> errors;
  CHECK_FALSE(Condition::compile(deep, "", errors).valid());
  REQUIRE_FALSE(errors.empty());
  CHECK(errors[0].code == "condition_too_deep");

  json wide = json::array();
  for (int i = 0; i < 2100; ++i) wide.push_back({{"a", i}});
  errors.clear();
  CHECK_FALSE(Condition::compile({{"$or", wide}}, "", errors).valid());
  REQUIRE(errors.size() == 1);
  CHECK(errors[0].code == "condition_too_large");

  errors.clear();
  CHECK_FALSE(Condition::compile({{"a", std::string(5000, 'x')}}, "", errors).valid());
  REQUIRE(errors.size() == 1);
  CHECK(errors[0].code == "string_too_long");
  CHECK(errors[0].path == "/a");
}

TEST_CASE("a condition set evaluates again against the attributes it holds", "[condition]") {
  shopkeeper::ConditionSet set;
  REQUIRE(nlohmann::json::parse(set.compile(R"([{"a": {"$gt": 1}}, {"id": {"$inGroup": "vip"}}])"))["ok"] == true);
  CHECK(set.evaluate_held() == "[]");
  CHECK(set.evaluate(R"({"a": 2, "id": "x"})", R"({"vip": ["x"]})") == "[true,true]");
  CHECK(set.evaluate_held() == "[true,true]");
  CHECK(set.evaluate("[1]", "") == "[]");
  CHECK(set.evaluate_held() == "[]");
}
