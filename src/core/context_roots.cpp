#include "context_roots.hpp"

#include <algorithm>
#include <utility>

#include "condition.hpp"
#include "rules_validator.hpp"

namespace shopkeeper {

namespace {

// The context as build_context (context.cpp), the engine's location and add_campaign_roots
// (request_context.cpp) make it; test_context_keys.cpp holds the two in step. Each key is
// followed by what is below it:
//   nothing        a value
//   {key ...}      an object with these keys
//   [] / [{...}]   a list of values / of such objects: the next step is an index
//   * / *{...}     a map whose keys are names from the visitor's browsing or the rules: of
//                  values / of such objects
//   ?              the shop's own data: any key, anything below
constexpr std::string_view kContext =
    "{visitor{id isNew visitCount firstSeen lastSeen daysSinceLastVisit emailCaptured orders totalSpent} "
    "session{number pageViews startedAt landingPage} "
    "acquisition{first{medium source term campaign content clickId{param value} refCode at} "
    "current{medium source term campaign content clickId{param value} refCode at} "
    "page{medium source term campaign content clickId{param value} refCode}} "
    "page{url path referrer type category query productId routeChange} "
    "product{id name price category brand} "
    "interests{top[] categories* brands* tags* viewed[] previousVisit[] searches[] bought[]} "
    "cart{items[{id category quantity price}] count value removed[{id category price at duringCheckout}] "
    "checkoutStarted abandoned{at value items[]}} "
    "location{country region city timeZone source latitude longitude accuracy} "
    "device{mobile width} "
    "consent "
    "context{region weather{name condition temperatureC snowExpected} trending[] referral{successful reward} custom?} "
    "campaigns*{impressions lastShown dismissed converted group} "
    "now{ms date weekday hour minute}}";

/// Takes the first entry off `level` (the text between an object's braces): returns its key
/// and sets `below` to what follows the key.
std::string_view take_key(std::string_view& level, std::string_view& below) {
  std::size_t end = 0;
  for (int depth = 0; end < level.size() && (depth > 0 || level[end] != ' '); ++end) {
    if (level[end] == '{' || level[end] == '[') ++depth;
    if (level[end] == '}' || level[end] == ']') --depth;
  }
  std::string_view entry = level.substr(0, end);
  level.remove_prefix(std::min(end + 1, level.size()));
  std::size_t key_end = std::min(entry.find_first_of("{[*?"), entry.size());
  below = entry.substr(key_end);
  return entry.substr(0, key_end);
}

void check_paths(Validator& v, const json& condition, const json& saved_groups, const std::string& path, std::string_view prefix);

// `field` is the full dot path the operators test, nullptr when it names nothing. An $elemMatch
// condition is checked with the paths of the list's first element ("cart.items.0.category"), as
// every element has the same keys.
void check_operators(Validator& v, const json& ops, const json& saved_groups, const std::string& path, const std::string* field) {
  for (auto it = ops.begin(); it != ops.end(); ++it) {
    std::string op_path = child_path(path, pointer_segment(it.key()));
    if ((it.key() == "$inGroup" || it.key() == "$notInGroup") && it->is_string() && !member(saved_groups, it->get_ref<const std::string&>().c_str())) {
      v.fail("unknown_group", "no saved group \"" + it->get<std::string>() + "\" in savedGroups", op_path);
    } else if (it.key() == "$not" && it->is_object()) {
      check_operators(v, *it, saved_groups, op_path, field);
    } else if (it.key() == "$elemMatch" && it->is_object() && field) {
      std::string element = *field + ".0";
      if (is_operator_object(*it)) check_operators(v, *it, saved_groups, op_path, &element);
      else check_paths(v, *it, saved_groups, op_path, element + ".");
    }
  }
}

bool names_campaign(const json& campaigns, std::string_view id) {
  for (const json& c : campaigns) {
    const json* given = member(c, "id");
    if (given && given->is_string() && given->get_ref<const std::string&>() == id) return true;
  }
  return false;
}

void check_paths(Validator& v, const json& condition, const json& saved_groups, const std::string& path, std::string_view prefix) {
  if (!condition.is_object()) return;  // the condition compiler reports the shape
  for (auto it = condition.begin(); it != condition.end(); ++it) {
    const std::string& key = it.key();
    std::string child = child_path(path, pointer_segment(key));
    if (key == "$and" || key == "$or" || key == "$nor") {
      if (!it->is_array()) continue;
      for (std::size_t i = 0; i < it->size(); ++i) check_paths(v, (*it)[i], saved_groups, child_path(child, std::to_string(i)), prefix);
    } else if (key == "$not") {
      check_paths(v, *it, saved_groups, child, prefix);
    } else if (!key.empty() && key[0] != '$') {
      std::string field = std::string(prefix) + key;
      std::string problem = unknown_context_path(field, v.campaigns);
      bool known = problem.empty();
      if (!known) v.fail("unknown_context_key", std::move(problem), child);
      if (is_operator_object(*it)) check_operators(v, *it, saved_groups, child, known ? &field : nullptr);
    }
  }
}

}  // namespace

std::string unknown_context_path(std::string_view path, const json* campaigns) {
  std::string out = "\"";
  out.append(path).append("\" is not in the context: ");
  std::string_view shape = kContext;
  for (std::size_t start = 0;;) {
    std::size_t dot = path.find('.', start);
    std::string_view step = path.substr(start, dot - start), at = path.substr(0, start ? start - 1 : 0), below;
    if (shape.empty()) {
      out.append(at).append(" has nothing below it");
      return out;
    }
    if (shape[0] == '?') return {};
    if (shape[0] == '*') {
      if (campaigns && at == "campaigns" && !names_campaign(*campaigns, step)) {
        out.append("no campaign of this document has the id ").append(step);
        return out;
      }
      shape.remove_prefix(1);
    } else if (shape[0] == '[') {
      if (step.empty() || step.find_first_not_of("0123456789") != std::string_view::npos) {
        out.append(at).append(" is a list: the next part is an index such as ").append(at).append(".0");
        return out;
      }
      shape = shape.substr(1, shape.size() - 2);
    } else {
      std::string_view level = shape.substr(1, shape.size() - 2), rest = level;
      bool found = false;
      while (!found && !rest.empty()) found = take_key(rest, below) == step;
      if (!found) {
        if (at.empty()) out += "its roots are ";
        else out.append(at).append(" has ");
        for (std::size_t first = out.size(); !level.empty();) out.append(out.size() > first ? ", " : "").append(take_key(level, below));
        return out;
      }
      shape = below;
    }
    if (dot == std::string_view::npos) return {};
    start = dot + 1;
  }
}

void check_condition_paths(Validator& v, const json& condition, const json& saved_groups, const std::string& path) {
  check_paths(v, condition, saved_groups, path, {});
}

}  // namespace shopkeeper
