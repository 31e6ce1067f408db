// Compiles condition JSON into the tree of condition_tree.hpp, rejecting what
// GrowthBook would silently evaluate to false (unknown operators, operands of
// the wrong shape, invalid regexes) with an error at its JSON path.

#include "condition.hpp"

#include <algorithm>
#include <utility>

#include "condition_tree.hpp"
#include "js_value.hpp"
#include "sort.hpp"
#include "unicode.hpp"
#include "version.hpp"

namespace shopkeeper {

namespace {

using Limits = ConditionLimits;

enum class OperandShape : uint8_t { Primitive, Version, List, Group, Items, Object, Value, Boolean, TypeName, Pattern };

struct OperatorInfo {
  const char* name;
  OpCode code;
  OperandShape shape;
};

constexpr OperatorInfo kOperators[] = {
    {"$eq", OpCode::Eq, OperandShape::Primitive},       {"$ne", OpCode::Ne, OperandShape::Primitive},
    {"$lt", OpCode::Lt, OperandShape::Primitive},       {"$lte", OpCode::Lte, OperandShape::Primitive},
    {"$gt", OpCode::Gt, OperandShape::Primitive},       {"$gte", OpCode::Gte, OperandShape::Primitive},
    {"$veq", OpCode::VEq, OperandShape::Version},       {"$vne", OpCode::VNe, OperandShape::Version},
    {"$vlt", OpCode::VLt, OperandShape::Version},       {"$vlte", OpCode::VLte, OperandShape::Version},
    {"$vgt", OpCode::VGt, OperandShape::Version},       {"$vgte", OpCode::VGte, OperandShape::Version},
    {"$in", OpCode::In, OperandShape::List},            {"$nin", OpCode::Nin, OperandShape::List},
    {"$ini", OpCode::InI, OperandShape::List},          {"$nini", OpCode::NinI, OperandShape::List},
    {"$inGroup", OpCode::InGroup, OperandShape::Group}, {"$notInGroup", OpCode::NotInGroup, OperandShape::Group},
    {"$all", OpCode::All, OperandShape::Items},         {"$alli", OpCode::AllI, OperandShape::Items},
    {"$elemMatch", OpCode::ElemMatchValue, OperandShape::Object},
    {"$size", OpCode::Size, OperandShape::Value},       {"$not", OpCode::Not, OperandShape::Value},
    {"$exists", OpCode::Exists, OperandShape::Boolean}, {"$type", OpCode::Type, OperandShape::TypeName},
    {"$regex", OpCode::Regex, OperandShape::Pattern},   {"$regexi", OpCode::Regex, OperandShape::Pattern},
    {"$notRegex", OpCode::NotRegex, OperandShape::Pattern},
    {"$notRegexi", OpCode::NotRegex, OperandShape::Pattern},
};

constexpr const char* kTypeNames[] = {"string", "number", "boolean", "object", "array", "null", "undefined"};

// A canonical array index ("0", "17"), as `key in array` accepts it; else -1.
int64_t array_index(const std::string& key) {
  if (key.empty() || key.size() > 10 || (key.size() > 1 && key[0] == '0')) return -1;
  int64_t v = 0;
  for (char c : key) {
    if (c < '0' || c > '9') return -1;
    v = v * 10 + (c - '0');
  }
  return v < 4294967295 ? v : -1;
}

// Where a part of the condition is, as a JSON Pointer made only when an error is reported:
// building every part's pointer up front costs depth × size on a hostile document.
class Path {
 public:
  explicit Path(const std::string& root) : root_(&root) {}
  Path(const Path& parent, const std::string& key) : parent_(&parent), key_(&key) {}
  Path(const Path& parent, std::size_t index) : parent_(&parent), index_(index) {}

  std::string str() const {
    if (!parent_) return *root_;
    return parent_->str() + "/" + (key_ ? pointer_segment(*key_) : std::to_string(index_));
  }

 private:
  const std::string* root_ = nullptr;
  const Path* parent_ = nullptr;
  const std::string* key_ = nullptr;
  std::size_t index_ = 0;
};

class Compiler {
 public:
  explicit Compiler(std::vector<Error>& errors) : errors_(errors) {}

  // A condition object: field paths and $and / $or / $nor / $not.
  bool condition(const json& spec, const Path& path, int depth, Expr& out) {
    if (depth > Limits::kMaxDepth) return fail("condition_too_deep", "condition nests deeper than 32 levels", path);
    if (!spec.is_object()) return fail("condition_not_object", "a condition must be a JSON object", path);
    if (!count(path)) return false;
    if (spec.size() == 1) return entry(spec.begin().key(), spec.begin().value(), path, depth, out);
    out.kind = Expr::Kind::And;
    out.children.resize(spec.size());
    bool ok = true;
    std::size_t i = 0;
    for (auto it = spec.begin(); it != spec.end(); ++it) ok = entry(it.key(), *it, path, depth, out.children[i++]) && ok;
    return ok;
  }

 private:
  bool entry(const std::string& key, const json& value, const Path& parent, int depth, Expr& out) {
    Path path(parent, key);
    if (key == "$and" || key == "$or" || key == "$nor") {
      out.kind = key == "$and" ? Expr::Kind::And : key == "$or" ? Expr::Kind::Or : Expr::Kind::Nor;
      if (!value.is_array()) return fail("expected_array", key + " takes an array of conditions", path);
      out.children.resize(value.size());
      bool ok = true;
      for (std::size_t i = 0; i < value.size(); ++i) {
        ok = condition(value[i], Path(path, i), depth + 1, out.children[i]) && ok;
      }
      return ok;
    }
    if (key == "$not") {
      out.kind = Expr::Kind::Not;
      out.children.resize(1);
      return condition(value, path, depth + 1, out.children[0]);
    }
    if (!key.empty() && key[0] == '$') {
      return fail("unknown_operator", "unknown operator " + key + " (field paths cannot start with $)", path);
    }
    out.kind = Expr::Kind::Field;
    return field_path(key, path, out.path) && test(value, path, depth + 1, false, out.test);
  }

  bool field_path(const std::string& key, const Path& path, std::vector<PathStep>& out) {
    if (!string_fits(key, path)) return false;
    std::size_t start = 0;
    while (true) {
      std::size_t dot = key.find('.', start);
      PathStep step;
      step.key = key.substr(start, dot == std::string::npos ? std::string::npos : dot - start);
      step.index = array_index(step.key);
      out.push_back(std::move(step));
      if (dot == std::string::npos) break;
      start = dot + 1;
    }
    if (out.size() > Limits::kMaxPathSteps) return fail("path_too_long", "field path has more than 32 parts", path);
    return true;
  }

  // A condition value: a literal to compare with, or an operator object.
  bool test(const json& spec, const Path& path, int depth, bool insensitive, ValueTest& out) {
    using Kind = ValueTest::Kind;
    if (depth > Limits::kMaxDepth) return fail("condition_too_deep", "condition nests deeper than 32 levels", path);
    if (!count(path)) return false;
    if (spec.is_string()) {
      const std::string& text = spec.get_ref<const json::string_t&>();
      out.kind = insensitive ? Kind::EqStringI : Kind::EqString;
      out.literal.text = insensitive ? unicode::lowercase(text) : text;
      return string_fits(text, path);
    }
    if (spec.is_number()) {
      out.kind = Kind::EqNumber;
      out.literal.number = js::number_of(spec);
      return true;
    }
    if (spec.is_boolean()) {
      out.kind = Kind::EqBool;
      out.literal.boolean = spec.get<bool>();
      return true;
    }
    if (spec.is_null()) {
      out.kind = Kind::EqNull;
      return true;
    }
    if (!is_operator_object(spec)) {
      out.kind = Kind::EqDeep;
      out.deep = spec;
      return literal_fits(spec, path, depth);
    }
    out.kind = Kind::Ops;
    out.ops.resize(spec.size());
    bool ok = true;
    std::size_t i = 0;
    for (auto it = spec.begin(); it != spec.end(); ++it) {
      ok = op(it.key(), *it, Path(path, it.key()), depth, out.ops[i++]) && ok;
    }
    return ok;
  }

  bool op(const std::string& name, const json& v, const Path& path, int depth, OpTest& out) {
    const OperatorInfo* info = nullptr;
    for (const auto& candidate : kOperators) {
      if (name == candidate.name) {
        info = &candidate;
        break;
      }
    }
    if (!info && (name == "$and" || name == "$or" || name == "$nor")) {
      return fail("unknown_operator", name + " is not a field operator: an object whose keys all start with $ holds field operators only", path);
    }
    if (!info) return fail("unknown_operator", "unknown operator " + name, path);
    if (!count(path)) return false;
    out.code = info->code;
    switch (info->shape) {
      case OperandShape::Primitive:
        if (v.is_array() || v.is_object()) {
          return fail("invalid_operand", name + " takes a string, number, boolean or null", path);
        }
        return operand(v, path, out.operand);
      case OperandShape::Version:
        if (!v.is_string() && !v.is_number()) return fail("expected_string", name + " takes a version string", path);
        padded_version(&v, out.operand.text);
        return string_fits(out.operand.text, path);
      case OperandShape::List: return list(name, v, path, out.set);
      case OperandShape::Group:
        if (!v.is_string()) return fail("expected_string", name + " takes a saved group id", path);
        out.operand.text = v.get<std::string>();
        return string_fits(out.operand.text, path);
      case OperandShape::Items: return items(name, v, path, depth, out.tests);
      case OperandShape::Object: return elem_match(v, path, depth, out);
      case OperandShape::Value:
        out.tests.resize(1);
        return test(v, path, depth + 1, false, out.tests[0]);
      case OperandShape::Boolean:
        if (!v.is_boolean()) return fail("expected_boolean", name + " takes true or false", path);
        out.operand.boolean = v.get<bool>();
        return true;
      case OperandShape::TypeName: return type_operand(v, path, out.operand);
      case OperandShape::Pattern: return pattern(name, v, path, out.regex);
    }
    return false;
  }

  bool operand(const json& v, const Path& path, Operand& out) {
    using Type = Operand::Type;
    out.type = v.is_null() ? Type::Null : v.is_boolean() ? Type::Bool : v.is_number() ? Type::Number : Type::String;
    if (v.is_boolean()) out.boolean = v.get<bool>();
    if (v.is_string()) {
      out.text = v.get<std::string>();
      if (!string_fits(out.text, path)) return false;
    }
    out.number = js::to_number(&v);
    return true;
  }

  bool list(const std::string& name, const json& v, const Path& path, ValueSet& out) {
    if (!v.is_array()) return fail("expected_array", name + " takes an array", path);
    if (v.size() > Limits::kMaxListItems) return fail("list_too_long", name + " lists more than 5000 values", path);
    bool fold = name == "$ini" || name == "$nini";
    for (std::size_t i = 0; i < v.size(); ++i) {
      const json& item = v[i];
      if (item.is_string()) {
        const std::string& text = item.get_ref<const json::string_t&>();
        if (!string_fits(text, Path(path, i))) return false;
        out.strings.push_back(fold ? unicode::lowercase(text) : text);
      } else if (item.is_number()) {
        out.numbers.push_back(js::number_of(item));
      } else if (item.is_boolean()) {
        (item.get<bool>() ? out.has_true : out.has_false) = true;
      } else if (item.is_null()) {
        out.has_null = true;
      }
    }
    sort_items(out.strings);
    out.strings.erase(std::unique(out.strings.begin(), out.strings.end()), out.strings.end());
    sort_items(out.numbers);
    return true;
  }

  bool items(const std::string& name, const json& v, const Path& path, int depth, std::vector<ValueTest>& out) {
    if (!v.is_array()) return fail("expected_array", name + " takes an array", path);
    if (v.size() > Limits::kMaxListItems) return fail("list_too_long", name + " lists more than 5000 values", path);
    out.resize(v.size());
    bool ok = true;
    for (std::size_t i = 0; i < v.size(); ++i) {
      ok = test(v[i], Path(path, i), depth + 1, name == "$alli", out[i]) && ok;
    }
    return ok;
  }

  bool elem_match(const json& v, const Path& path, int depth, OpTest& out) {
    if (!v.is_object()) return fail("expected_object", "$elemMatch takes a condition or an operator object", path);
    if (is_operator_object(v)) {
      out.tests.resize(1);
      return test(v, path, depth + 1, false, out.tests[0]);
    }
    out.code = OpCode::ElemMatchExpr;
    out.exprs.resize(1);
    return condition(v, path, depth + 1, out.exprs[0]);
  }

  bool type_operand(const json& v, const Path& path, Operand& out) {
    const char* const* end = std::end(kTypeNames);
    if (v.is_string() && std::find(std::begin(kTypeNames), end, v.get<std::string>()) != end) {
      out.text = v.get<std::string>();
      return true;
    }
    return fail("unknown_type", "$type takes string, number, boolean, object, array, null or undefined", path);
  }

  bool pattern(const std::string& name, const json& v, const Path& path, Regex& out) {
    if (!v.is_string()) return fail("expected_string", name + " takes a regular expression string", path);
    std::string message;
    bool ignore_case = name.back() == 'i';
    out = Regex::compile(v.get_ref<const json::string_t&>(), ignore_case, message);
    if (!out.valid()) return fail("invalid_regex", name + ": " + message, path);
    return true;
  }

  // Counts the elements of a literal array / object toward the node budget.
  bool literal_fits(const json& v, const Path& path, int depth) {
    if (depth > Limits::kMaxDepth) return fail("condition_too_deep", "value nests deeper than 32 levels", path);
    if (v.is_string()) return string_fits(v.get_ref<const json::string_t&>(), path);
    if (!v.is_structured()) return true;
    for (const auto& item : v.items()) {
      if (!count(path) || !literal_fits(item.value(), path, depth + 1)) return false;
      if (v.is_object() && !string_fits(item.key(), path)) return false;
    }
    return true;
  }

  bool string_fits(const std::string& s, const Path& path) {
    if (s.size() <= Limits::kMaxStringBytes) return true;
    return fail("string_too_long", "string longer than 4096 bytes", path);
  }

  bool count(const Path& path) {
    if (++nodes_ <= Limits::kMaxNodes) return true;
    if (nodes_ == Limits::kMaxNodes + 1) fail("condition_too_large", "condition has more than 2000 parts", path);
    return false;
  }

  bool fail(const char* code, std::string message, const Path& path) {
    errors_.push_back({code, std::move(message), path.str()});
    return false;
  }

  std::vector<Error>& errors_;
  int nodes_ = 0;
};

}  // namespace

bool is_operator_object(const json& v) {
  if (!v.is_object() || v.empty()) return false;
  for (auto it = v.begin(); it != v.end(); ++it) {
    if (it.key().rfind('$', 0) != 0) return false;
  }
  return true;
}

Condition Condition::compile(const json& spec, const std::string& path, std::vector<Error>& errors) {
  auto root = std::make_shared<Expr>();
  Condition c;
  if (Compiler(errors).condition(spec, Path(path), 0, *root)) c.root_ = std::move(root);
  return c;
}

std::vector<Error> Condition::validate(const json& spec, const std::string& path) {
  std::vector<Error> errors;
  compile(spec, path, errors);
  return errors;
}

bool Condition::matches(const json& attributes, const json* saved_groups) const {
  return root_ && evaluate(*root_, attributes, saved_groups);
}

}  // namespace shopkeeper
