#pragma once
// Targeting conditions in the MongoDB-style syntax of GrowthBook's SDKs, with
// GrowthBook's evaluation semantics, compiled once from JSON and evaluated many
// times against a context.

#include <memory>
#include <string>
#include <vector>

#include "error.hpp"
#include "json_read.hpp"

namespace shopkeeper {

struct Expr;

/// Limits on one condition, checked at compile time.
struct ConditionLimits {
  static constexpr int kMaxDepth = 32;                ///< nested conditions and operator objects
  static constexpr int kMaxNodes = 2000;              ///< conditions, operators and literal elements
  static constexpr std::size_t kMaxListItems = 5000;  ///< items of one $in / $nin / $all list
  static constexpr std::size_t kMaxStringBytes = 4096;  ///< any string operand or field path
  static constexpr std::size_t kMaxPathSteps = 32;    ///< dot-separated parts of a field path
};

/// GrowthBook's isOperatorObject: a non-empty object whose keys all start with '$'. Such an
/// object tests the value it stands against; any other object is a value or a condition.
bool is_operator_object(const json& v);

/// A compiled condition. Cheap to copy (the tree is shared and immutable).
class Condition {
 public:
  /// Compiles `spec`. On failure returns an empty condition and appends errors
  /// whose paths start at `path` (the condition's location in its document).
  /// Unknown operators, operands of the wrong shape and regexes outside the
  /// supported subset (see regex.hpp) are errors.
  static Condition compile(const json& spec, const std::string& path, std::vector<Error>& errors);

  /// The errors compile() would report for `spec`; empty when it is valid.
  static std::vector<Error> validate(const json& spec, const std::string& path = "");

  /// True when the condition compiled.
  bool valid() const { return root_ != nullptr; }

  /// Evaluates against `attributes`. `saved_groups` is an object mapping a saved
  /// group id to its array of values, for $inGroup / $notInGroup; nullptr means
  /// no groups (every group is empty). An invalid condition never matches.
  bool matches(const json& attributes, const json* saved_groups = nullptr) const;

 private:
  std::shared_ptr<const Expr> root_;
};

}  // namespace shopkeeper
