#pragma once
// Targeting conditions in the MongoDB-style syntax of GrowthBook's SDKs,
// compiled once from JSON and evaluated many times against a context.

#include <memory>
#include <string>
#include <vector>

#include "error.hpp"
#include "json_read.hpp"

namespace shopkeeper {

struct ConditionNode;

/// A compiled condition. Cheap to copy (the tree is shared and immutable).
class Condition {
 public:
  /// Compiles `spec`. On failure returns an empty condition and appends errors
  /// whose paths start at `path` (the condition's location in its document).
  static Condition compile(const json& spec, const std::string& path, std::vector<Error>& errors);

  /// True when the condition compiled.
  bool valid() const { return root_ != nullptr; }

  /// Evaluates against `attributes`. An invalid condition never matches.
  bool matches(const json& attributes) const;

 private:
  std::shared_ptr<const ConditionNode> root_;
};

}  // namespace shopkeeper
