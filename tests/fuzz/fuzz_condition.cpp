// Conditions: input is `condition \0 attributes \0 savedGroups`. Validating, evaluating
// one condition and evaluating a compiled set must agree with each other.

#include <string>

#include "condition_set.hpp"
#include "fuzz_support.hpp"

using namespace shopkeeper;

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, std::size_t size) {
  auto in = fuzz::parts(data, size, 3);
  const std::string& condition = in[0];
  const std::string& attributes = in[1];
  const std::string& groups = in[2];
  bool matched = evaluate_condition_json(condition, attributes, groups);
  auto problems = nlohmann::json::parse(validate_condition_json(condition), nullptr, false);
  fuzz::check(problems.is_array(), "validation returns an array");
  if (!problems.empty()) fuzz::check(!matched, "an invalid condition never matches");

  auto spec = nlohmann::json::parse(condition, nullptr, false);
  if (spec.is_discarded()) return 0;
  ConditionSet set;
  auto compiled = fuzz::response(set.compile(nlohmann::json::array({spec}).dump()));
  fuzz::check(compiled["ok"] == problems.empty(), "a set compiles exactly when its condition validates");
  auto results = nlohmann::json::parse(set.evaluate(attributes, groups), nullptr, false);
  fuzz::check(results.is_array(), "a set evaluates to an array");
  // A text nested too deep is refused whole (no condition is kept); otherwise there is one.
  if (compiled["count"] == 1 && nlohmann::json::parse(attributes, nullptr, false).is_object()) {
    fuzz::check(results.size() == 1 && results[0] == matched, "a compiled set agrees with a single evaluation");
  }
  return 0;
}
