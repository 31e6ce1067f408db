#include "condition_set.hpp"

namespace shopkeeper {

namespace {

/// Parsed saved groups, or null when absent or not an object.
json read_groups(std::string_view text) {
  if (text.empty()) return nullptr;
  json groups = parse_json(text);
  return groups.is_object() ? groups : json();
}

}  // namespace

bool evaluate_condition_json(std::string_view condition_json, std::string_view attributes_json, std::string_view saved_groups_json) {
  json spec = parse_json(condition_json);
  json attributes = parse_json(attributes_json);
  if (spec.is_discarded() || attributes.is_discarded()) return false;
  std::vector<Error> errors;
  Condition c = Condition::compile(spec, "", errors);
  json groups = read_groups(saved_groups_json);
  return c.matches(attributes, groups.is_object() ? &groups : nullptr);
}

std::string validate_condition_json(std::string_view condition_json) {
  json spec = parse_json(condition_json);
  if (spec.is_discarded() && nests_too_deep(condition_json)) {
    return dump_json(to_json(std::vector<Error>{{"condition_too_deep", "the condition nests deeper than " +
                                                 std::to_string(JsonLimits::kMaxDepth) + " levels", ""}}));
  }
  if (spec.is_discarded()) return dump_json(to_json(std::vector<Error>{{"invalid_json", "the condition is not valid JSON", ""}}));
  return dump_json(to_json(Condition::validate(spec)));
}

std::string ConditionSet::compile(std::string_view conditions_json) {
  conditions_.clear();
  json specs = parse_json(conditions_json);
  std::vector<Error> errors;
  if (specs.is_discarded() && nests_too_deep(conditions_json)) {
    errors.push_back({"condition_too_deep", "the conditions nest deeper than " + std::to_string(JsonLimits::kMaxDepth) + " levels", ""});
  } else if (!specs.is_array()) {
    errors.push_back({"expected_array", "the conditions must be a JSON array", ""});
  } else {
    for (std::size_t i = 0; i < specs.size(); ++i) {
      conditions_.push_back(Condition::compile(specs[i], "/" + std::to_string(i), errors));
    }
  }
  return dump_json({{"ok", errors.empty()}, {"count", conditions_.size()}, {"errors", to_json(errors)}});
}

std::string ConditionSet::evaluate(std::string_view attributes_json, std::string_view saved_groups_json) {
  attributes_ = parse_json(attributes_json);
  groups_ = read_groups(saved_groups_json);
  return evaluate_held();
}

std::string ConditionSet::evaluate_held() const {
  if (!attributes_.is_object()) return "[]";
  const json* g = groups_.is_object() ? &groups_ : nullptr;
  std::string out = "[";
  for (std::size_t i = 0; i < conditions_.size(); ++i) {
    if (i) out += ',';
    out += conditions_[i].matches(attributes_, g) ? "true" : "false";
  }
  out += ']';
  return out;
}

}  // namespace shopkeeper
