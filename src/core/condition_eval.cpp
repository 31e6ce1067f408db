// Evaluates a compiled condition with the semantics of GrowthBook's
// evalCondition / evalConditionValue / evalOperatorCondition (sdk-js mongrule.ts).

#include <algorithm>

#include "condition_tree.hpp"
#include "js_value.hpp"
#include "unicode.hpp"
#include "version.hpp"

namespace shopkeeper {

namespace {

bool test_value(const ValueTest& t, const json* v, const json* groups);

// GrowthBook's getPath: null (here nullptr) as soon as a step is missing.
const json* resolve(const json& root, const std::vector<PathStep>& path) {
  const json* cur = &root;
  for (const auto& step : path) {
    if (cur->is_object()) {
      auto it = cur->find(step.key);
      if (it == cur->end()) return nullptr;
      cur = &*it;
    } else if (cur->is_array() && step.index >= 0 && static_cast<uint64_t>(step.index) < cur->size()) {
      cur = &(*cur)[static_cast<std::size_t>(step.index)];
    } else {
      return nullptr;
    }
  }
  return cur;
}

bool is_null(const json* v) { return !v || v->is_null(); }

// `actual === operand` for a primitive operand.
bool strict_equals(const json* v, const Operand& o) {
  switch (o.type) {
    case Operand::Type::Null: return is_null(v);
    case Operand::Type::Bool: return v && v->is_boolean() && v->get<bool>() == o.boolean;
    case Operand::Type::Number: return v && v->is_number() && js::number_of(*v) == o.number;
    case Operand::Type::String: return v && v->is_string() && v->get_ref<const json::string_t&>() == o.text;
  }
  return false;
}

// `a === b` for two JSON values: arrays and objects are never identical.
bool strict_equals(const json& a, const json& b) {
  if (a.is_number() && b.is_number()) return js::number_of(a) == js::number_of(b);
  if (a.type() != b.type()) return false;
  if (a.is_null()) return true;
  if (a.is_boolean()) return a.get<bool>() == b.get<bool>();
  if (a.is_string()) return a.get_ref<const json::string_t&>() == b.get_ref<const json::string_t&>();
  return false;
}

bool set_has(const ValueSet& s, const json& v, bool fold) {
  if (v.is_null()) return s.has_null;
  if (v.is_boolean()) return v.get<bool>() ? s.has_true : s.has_false;
  if (v.is_number()) return std::binary_search(s.numbers.begin(), s.numbers.end(), js::number_of(v));
  if (!v.is_string()) return false;
  const std::string& text = v.get_ref<const json::string_t&>();
  if (!fold) return std::binary_search(s.strings.begin(), s.strings.end(), text);
  thread_local std::string lowered;  // reused: no allocation once warm
  lowered.clear();
  unicode::append_lowercase(text, lowered);
  return std::binary_search(s.strings.begin(), s.strings.end(), lowered);
}

// GrowthBook's isIn: an array attribute matches when any element is in the list.
bool is_in(const json* actual, const ValueSet& s, bool fold) {
  if (is_null(actual)) return s.has_null;
  if (!actual->is_array()) return set_has(s, *actual, fold);
  return std::any_of(actual->begin(), actual->end(), [&](const json& el) { return set_has(s, el, fold); });
}

bool in_group(const json* actual, const std::string& id, const json* groups) {
  const json* group = groups ? member(*groups, id.c_str()) : nullptr;
  if (!group || !group->is_array()) return false;
  static const json kNull;
  auto has = [&](const json& x) {
    return std::any_of(group->begin(), group->end(), [&](const json& g) { return strict_equals(x, g); });
  };
  if (actual && actual->is_array()) return std::any_of(actual->begin(), actual->end(), has);
  return has(actual ? *actual : kNull);
}

bool all(const json* actual, const std::vector<ValueTest>& items, const json* groups) {
  if (!actual || !actual->is_array()) return false;
  return std::all_of(items.begin(), items.end(), [&](const ValueTest& item) {
    return std::any_of(actual->begin(), actual->end(), [&](const json& el) { return test_value(item, &el, groups); });
  });
}

// GrowthBook's elemMatch (sdk-js 1.8.0 mongrule.ts), which skips only null elements: 0, "" and
// false are tested like any other (its earlier versions skipped every falsy element).
template <class Check>
bool elem_match(const json* actual, Check check) {
  if (!actual || !actual->is_array()) return false;
  return std::any_of(actual->begin(), actual->end(), [&](const json& el) { return !el.is_null() && check(el); });
}

bool regex_test(const Regex& regex, const json* actual) {
  if (actual && actual->is_string()) return regex.search(actual->get_ref<const json::string_t&>());
  thread_local std::string text;  // RegExp.test coerces with ToString: null tests "null"
  text.clear();
  js::append_string(actual, text);
  return regex.search(text);
}

bool test_op(const OpTest& op, const json* v, const json* groups) {
  const Operand& o = op.operand;
  auto order = [&] { return js::compare(v, o.type == Operand::Type::String ? &o.text : nullptr, o.number); };
  switch (op.code) {
    case OpCode::Eq: return strict_equals(v, o);
    case OpCode::Ne: return !strict_equals(v, o);
    case OpCode::Lt: return order() == js::Order::Less;
    case OpCode::Lte: {
      auto r = order();
      return r == js::Order::Less || r == js::Order::Equal;
    }
    case OpCode::Gt: return order() == js::Order::Greater;
    case OpCode::Gte: {
      auto r = order();
      return r == js::Order::Greater || r == js::Order::Equal;
    }
    case OpCode::VEq: return compare_padded_version(v, o.text) == 0;
    case OpCode::VNe: return compare_padded_version(v, o.text) != 0;
    case OpCode::VLt: return compare_padded_version(v, o.text) < 0;
    case OpCode::VLte: return compare_padded_version(v, o.text) <= 0;
    case OpCode::VGt: return compare_padded_version(v, o.text) > 0;
    case OpCode::VGte: return compare_padded_version(v, o.text) >= 0;
    case OpCode::In: return is_in(v, op.set, false);
    case OpCode::Nin: return !is_in(v, op.set, false);
    case OpCode::InI: return is_in(v, op.set, true);
    case OpCode::NinI: return !is_in(v, op.set, true);
    case OpCode::InGroup: return in_group(v, o.text, groups);
    case OpCode::NotInGroup: return !in_group(v, o.text, groups);
    case OpCode::All:
    case OpCode::AllI: return all(v, op.tests, groups);
    case OpCode::ElemMatchValue:
      return elem_match(v, [&](const json& el) { return test_value(op.tests.front(), &el, groups); });
    case OpCode::ElemMatchExpr:
      return elem_match(v, [&](const json& el) { return evaluate(op.exprs.front(), el, groups); });
    case OpCode::Size: {
      if (!v || !v->is_array()) return false;
      const json size(v->size());
      return test_value(op.tests.front(), &size, groups);
    }
    case OpCode::Not: return !test_value(op.tests.front(), v, groups);
    case OpCode::Exists: return o.boolean != is_null(v);
    case OpCode::Type: return o.text == js::type_name(v);
    case OpCode::Regex: return regex_test(op.regex, v);
    case OpCode::NotRegex: return !regex_test(op.regex, v);
  }
  return false;
}

bool test_value(const ValueTest& t, const json* v, const json* groups) {
  switch (t.kind) {
    case ValueTest::Kind::EqString: return js::string_equals(v, t.literal.text, false);
    case ValueTest::Kind::EqStringI: return js::string_equals(v, t.literal.text, true);
    case ValueTest::Kind::EqNumber: return js::to_number(v) == t.literal.number;
    case ValueTest::Kind::EqBool: return !is_null(v) && js::truthy(v) == t.literal.boolean;
    case ValueTest::Kind::EqNull: return is_null(v);
    case ValueTest::Kind::EqDeep: return v && *v == t.deep;
    case ValueTest::Kind::Ops:
      return std::all_of(t.ops.begin(), t.ops.end(), [&](const OpTest& op) { return test_op(op, v, groups); });
  }
  return false;
}

}  // namespace

bool evaluate(const Expr& e, const json& obj, const json* groups) {
  auto holds = [&](const Expr& child) { return evaluate(child, obj, groups); };
  switch (e.kind) {
    case Expr::Kind::And: return std::all_of(e.children.begin(), e.children.end(), holds);
    case Expr::Kind::Or: return e.children.empty() || std::any_of(e.children.begin(), e.children.end(), holds);
    // GrowthBook's $nor is !evalOr, and an empty $or is true: an empty $nor is false.
    case Expr::Kind::Nor: return !e.children.empty() && std::none_of(e.children.begin(), e.children.end(), holds);
    case Expr::Kind::Not: return !holds(e.children.front());
    case Expr::Kind::Field: return test_value(e.test, resolve(obj, e.path), groups);
  }
  return false;
}

}  // namespace shopkeeper
