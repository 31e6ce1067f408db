#include <catch2/catch.hpp>

#include "condition.hpp"
#include "test_support.hpp"

using nlohmann::json;
using shopkeeper::Condition;
using shopkeeper::Error;

namespace {

bool eval(const json& cond, const json& attrs) {
  std::vector<Error> errors;
  return Condition::compile(cond, "", errors).matches(attrs);
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
}
