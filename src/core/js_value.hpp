#pragma once
// JavaScript's type coercions on JSON values, as GrowthBook's evalCondition
// relies on them: `value + ""`, `value * 1`, `!!value`, `typeof` and the
// abstract relational comparison behind `<`. A missing value is null here, as
// GrowthBook's getPath returns null for missing paths.

#include <cstddef>
#include <string>
#include <string_view>

#include "json_read.hpp"

namespace shopkeeper::js {

/// The result of JavaScript's abstract relational comparison.
enum class Order { Less, Equal, Greater, Unordered };

/// A JSON number as a double (JavaScript numbers are doubles). Requires is_number().
inline double number_of(const json& v) { return v.get<double>(); }

/// Number::toString for `v` into `buf` (at least 32 bytes); returns the length.
std::size_t format_number(double v, char* buf);

/// StringToNumber: trims whitespace, "" is 0, accepts decimal, 0x/0o/0b and Infinity; otherwise NaN.
double to_number(std::string_view text);

/// ToNumber(value); `value` may be nullptr (null).
double to_number(const json* value);

/// Appends ToString(value) (`value + ""`) to `out`: arrays join with ",", objects are "[object Object]".
void append_string(const json* value, std::string& out);

/// ToString(value) === expected, or ToString(value).toLowerCase() === expected when
/// `lowercase` (then `expected` must already be lowercase). Does not allocate.
bool string_equals(const json* value, std::string_view expected, bool lowercase);

/// ToBoolean(value).
bool truthy(const json* value);

/// GrowthBook's getType: "null", "array", "string", "number", "boolean" or "object".
const char* type_name(const json* value);

/// Compares `actual` with a primitive operand the way `actual < operand` does:
/// as strings when both are strings after ToPrimitive, otherwise as numbers.
/// `operand_string` is the operand when it is a string (else nullptr);
/// `operand_number` is ToNumber(operand) in every case.
Order compare(const json* actual, const std::string* operand_string, double operand_number);

}  // namespace shopkeeper::js
