#pragma once
// Internal to conditions: the compiled form that condition.cpp builds from JSON
// and condition_eval.cpp walks. Everything evaluation needs is decided here at
// compile time (split paths, pre-coerced operands, sorted sets, lowercased
// strings, compiled regexes), so evaluating allocates nothing.

#include <cstdint>
#include <string>
#include <vector>

#include "json_read.hpp"
#include "regex.hpp"

namespace shopkeeper {

struct Expr;

/// One step of a dot path: an object key, which also indexes arrays when it is a
/// canonical array index ("0", "12"), as JavaScript's `key in array` does.
struct PathStep {
  std::string key;
  int64_t index = -1;  ///< -1 when the key is not an array index
};

/// A primitive operand with the coercions evaluation needs, made once.
struct Operand {
  enum class Type : uint8_t { Null, Bool, Number, String } type = Type::Null;
  bool boolean = false;
  double number = 0;  ///< the value, or ToNumber of a string / bool / null
  std::string text;   ///< the string, or its lowercase / padded form where an operator needs it
};

/// The primitives of an $in-style list, sorted for binary search. Arrays and
/// objects in the list are dropped: JavaScript's includes() never matches them.
struct ValueSet {
  std::vector<std::string> strings;  ///< lowercased for $ini / $nini
  std::vector<double> numbers;
  bool has_null = false;
  bool has_true = false;
  bool has_false = false;
};

enum class OpCode : uint8_t {
  Eq, Ne, Lt, Lte, Gt, Gte,
  VEq, VNe, VLt, VLte, VGt, VGte,
  In, Nin, InI, NinI,
  InGroup, NotInGroup,
  All, AllI,
  ElemMatchValue,  ///< $elemMatch with an operator object: tests each element as a value
  ElemMatchExpr,   ///< $elemMatch with a condition: evaluates it on each element
  Size, Not,
  Exists, Type,
  Regex, NotRegex,
};

struct ValueTest;

/// One operator of an operator object, e.g. {"$gt": 5}.
struct OpTest {
  OpCode code = OpCode::Eq;
  Operand operand;               ///< comparisons, versions, $exists, $type, $inGroup
  ValueSet set;                  ///< $in, $nin, $ini, $nini
  std::vector<ValueTest> tests;  ///< $all / $alli items; the single operand of $size, $not, $elemMatch
  std::vector<Expr> exprs;       ///< the single condition of $elemMatch
  Regex regex;                   ///< $regex, $regexi, $notRegex, $notRegexi
};

/// A condition value: what a field is tested with (GrowthBook's ConditionValue).
struct ValueTest {
  enum class Kind : uint8_t {
    EqString,   ///< `value + "" === text`
    EqStringI,  ///< the same, lowercased (inside $alli)
    EqNumber,   ///< `value * 1 === number`
    EqBool,     ///< `value !== null && !!value === boolean`
    EqNull,     ///< `value === null`
    EqDeep,     ///< JSON equality with an array or a non-operator object
    Ops,        ///< every operator in `ops` holds
  } kind = Kind::Ops;
  Operand literal;
  json deep;
  std::vector<OpTest> ops;
};

/// A condition object (GrowthBook's ConditionInterface), or one entry of it.
struct Expr {
  enum class Kind : uint8_t { And, Or, Nor, Not, Field } kind = Kind::And;
  std::vector<Expr> children;  ///< And, Or, Nor; Not has exactly one
  std::vector<PathStep> path;  ///< Field
  ValueTest test;              ///< Field
};

/// Evaluates a compiled condition against `obj`; `groups` holds the saved groups
/// ({id: [values]}) or is nullptr.
bool evaluate(const Expr& expr, const json& obj, const json* groups);

}  // namespace shopkeeper
