#pragma once
// Conditions over JSON text: the boundary for validating one condition and for
// evaluating many against one set of attributes in a single call.

#include <string>
#include <string_view>
#include <vector>

#include "condition.hpp"

namespace shopkeeper {

/// Compiles `condition_json` and evaluates it: "true" or "false" (invalid: "false", as GrowthBook).
/// `saved_groups_json` is {"groupId": [values]} or empty.
bool evaluate_condition_json(std::string_view condition_json, std::string_view attributes_json, std::string_view saved_groups_json);

/// The problems of a condition as a JSON array of {code, message, path}; [] when valid.
std::string validate_condition_json(std::string_view condition_json);

/// Conditions compiled once, then evaluated together against one set of attributes.
class ConditionSet {
 public:
  /// Compiles a JSON array of conditions, replacing any held before. Returns
  /// {"ok", "count", "errors": [{code, message, path: "/<index>/..."}]}; an invalid
  /// condition is kept in place and never matches.
  std::string compile(std::string_view conditions_json);

  /// Evaluates every condition against the attributes: a JSON array of booleans
  /// in compile order, or [] when the attributes are not a JSON object. The parsed
  /// attributes and groups are kept for evaluate_held().
  std::string evaluate(std::string_view attributes_json, std::string_view saved_groups_json);

  /// Evaluates again against the attributes of the last evaluate(), already parsed, as the
  /// engine evaluates audiences against the context it holds; [] before any.
  std::string evaluate_held() const;

 private:
  std::vector<Condition> conditions_;
  json attributes_;
  json groups_;
};

}  // namespace shopkeeper
