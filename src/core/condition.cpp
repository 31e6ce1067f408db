#include "condition.hpp"

#include <utility>

namespace shopkeeper {

namespace {

constexpr int kMaxDepth = 32;

enum class Op { And, Or, Nor, Not, Field };
enum class FieldOp { Eq, Ne, Gt, Gte, Lt, Lte, In, Nin, Exists };

struct FieldTest {
  FieldOp op;
  json operand;
};

std::vector<std::string> split_path(const std::string& dotted) {
  std::vector<std::string> parts;
  std::string::size_type start = 0;
  while (true) {
    auto dot = dotted.find('.', start);
    parts.push_back(dotted.substr(start, dot - start));
    if (dot == std::string::npos) break;
    start = dot + 1;
  }
  return parts;
}

const json* resolve(const json& root, const std::vector<std::string>& path) {
  const json* cur = &root;
  for (const auto& key : path) {
    cur = member(*cur, key.c_str());
    if (!cur) return nullptr;
  }
  return cur;
}

bool compare(const json& a, const json& b, FieldOp op) {
  bool same_kind = (a.is_number() && b.is_number()) || (a.is_string() && b.is_string());
  if (!same_kind) return false;
  switch (op) {
    case FieldOp::Gt: return a > b;
    case FieldOp::Gte: return a >= b;
    case FieldOp::Lt: return a < b;
    case FieldOp::Lte: return a <= b;
    default: return false;
  }
}

bool contains(const json& list, const json& v) {
  for (const auto& item : list) {
    if (item == v) return true;
  }
  return false;
}

}  // namespace

struct ConditionNode {
  Op op = Op::And;
  std::vector<ConditionNode> children;
  std::vector<std::string> path;
  std::vector<FieldTest> tests;
};

namespace {

bool test_field(const json* value, const FieldTest& t) {
  static const json kNull;
  const json& v = value ? *value : kNull;
  switch (t.op) {
    case FieldOp::Eq: return value && v == t.operand;
    case FieldOp::Ne: return !(value && v == t.operand);
    case FieldOp::In: return value && contains(t.operand, v);
    case FieldOp::Nin: return !(value && contains(t.operand, v));
    case FieldOp::Exists: return (value && !value->is_null()) == t.operand.get<bool>();
    default: return value && compare(v, t.operand, t.op);
  }
}

bool eval(const ConditionNode& n, const json& attrs) {
  switch (n.op) {
    case Op::And:
      for (const auto& c : n.children) {
        if (!eval(c, attrs)) return false;
      }
      return true;
    case Op::Or:
      if (n.children.empty()) return true;
      for (const auto& c : n.children) {
        if (eval(c, attrs)) return true;
      }
      return false;
    case Op::Nor:
      for (const auto& c : n.children) {
        if (eval(c, attrs)) return false;
      }
      return true;
    case Op::Not: return !eval(n.children.front(), attrs);
    case Op::Field: {
      const json* v = resolve(attrs, n.path);
      for (const auto& t : n.tests) {
        if (!test_field(v, t)) return false;
      }
      return true;
    }
  }
  return false;
}

class Compiler {
 public:
  explicit Compiler(std::vector<Error>& errors) : errors_(errors) {}

  bool node(const json& spec, const std::string& path, int depth, ConditionNode& out) {
    if (depth > kMaxDepth) return fail("condition_too_deep", "condition nests deeper than 32 levels", path);
    if (!spec.is_object()) return fail("condition_not_object", "a condition must be a JSON object", path);
    out.op = Op::And;
    bool ok = true;
    for (auto it = spec.begin(); it != spec.end(); ++it) {
      const std::string& key = it.key();
      std::string child_path = path + "/" + pointer_segment(key);
      ConditionNode child;
      if (key == "$and" || key == "$or" || key == "$nor") {
        child.op = key == "$and" ? Op::And : key == "$or" ? Op::Or : Op::Nor;
        ok = list(*it, child_path, depth, child) && ok;
      } else if (key == "$not") {
        child.op = Op::Not;
        child.children.emplace_back();
        ok = node(*it, child_path, depth + 1, child.children.back()) && ok;
      } else if (!key.empty() && key[0] == '$') {
        ok = fail("unknown_operator", "unknown operator " + key, child_path);
      } else {
        child.op = Op::Field;
        child.path = split_path(key);
        ok = field(*it, child_path, child) && ok;
      }
      out.children.push_back(std::move(child));
    }
    return ok;
  }

 private:
  bool list(const json& spec, const std::string& path, int depth, ConditionNode& out) {
    if (!spec.is_array()) return fail("expected_array", "expected an array of conditions", path);
    bool ok = true;
    for (std::size_t i = 0; i < spec.size(); ++i) {
      out.children.emplace_back();
      ok = node(spec[i], path + "/" + std::to_string(i), depth + 1, out.children.back()) && ok;
    }
    return ok;
  }

  bool field(const json& spec, const std::string& path, ConditionNode& out) {
    bool is_operator_object = spec.is_object() && !spec.empty() && spec.begin().key().rfind('$', 0) == 0;
    if (!is_operator_object) {
      out.tests.push_back({FieldOp::Eq, spec});
      return true;
    }
    bool ok = true;
    for (auto it = spec.begin(); it != spec.end(); ++it) {
      const std::string& op = it.key();
      std::string op_path = path + "/" + pointer_segment(op);
      static const std::pair<const char*, FieldOp> kOps[] = {
          {"$eq", FieldOp::Eq}, {"$ne", FieldOp::Ne}, {"$gt", FieldOp::Gt}, {"$gte", FieldOp::Gte},
          {"$lt", FieldOp::Lt}, {"$lte", FieldOp::Lte}, {"$in", FieldOp::In}, {"$nin", FieldOp::Nin},
          {"$exists", FieldOp::Exists}};
      const FieldOp* found = nullptr;
      for (const auto& [name, value] : kOps) {
        if (op == name) found = &value;
      }
      if (!found) {
        ok = fail("unknown_operator", "unknown operator " + op, op_path);
        continue;
      }
      if ((*found == FieldOp::In || *found == FieldOp::Nin) && !it->is_array()) {
        ok = fail("expected_array", op + " takes an array", op_path);
        continue;
      }
      if (*found == FieldOp::Exists && !it->is_boolean()) {
        ok = fail("expected_boolean", "$exists takes true or false", op_path);
        continue;
      }
      out.tests.push_back({*found, *it});
    }
    return ok;
  }

  bool fail(const char* code, std::string message, const std::string& path) {
    errors_.push_back({code, std::move(message), path});
    return false;
  }

  std::vector<Error>& errors_;
};

}  // namespace

Condition Condition::compile(const json& spec, const std::string& path, std::vector<Error>& errors) {
  auto root = std::make_shared<ConditionNode>();
  Condition c;
  if (Compiler(errors).node(spec, path, 0, *root)) c.root_ = std::move(root);
  return c;
}

bool Condition::matches(const json& attributes) const {
  return root_ && eval(*root_, attributes);
}

}  // namespace shopkeeper
