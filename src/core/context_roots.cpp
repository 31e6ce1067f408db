#include "context_roots.hpp"

#include <algorithm>
#include <iterator>

#include "rules_validator.hpp"

namespace shopkeeper {

namespace {

const char* const kRoots[] = {"visitor", "session", "acquisition", "page", "product", "interests", "cart",
                              "location", "device", "consent", "context", "campaigns", "now"};

void check_operators(Validator& v, const json& ops, const json& saved_groups, const std::string& path) {
  for (auto it = ops.begin(); it != ops.end(); ++it) {
    std::string op_path = child_path(path, pointer_segment(it.key()));
    if ((it.key() == "$inGroup" || it.key() == "$notInGroup") && it->is_string() && !member(saved_groups, it->get_ref<const std::string&>().c_str())) {
      v.fail("unknown_group", "no saved group \"" + it->get<std::string>() + "\" in savedGroups", op_path);
    } else if (it.key() == "$not" && it->is_object()) {
      check_operators(v, *it, saved_groups, op_path);
    }
  }
}

}  // namespace

bool is_context_root(std::string_view name) {
  return std::any_of(std::begin(kRoots), std::end(kRoots), [&](const char* r) { return name == r; });
}

const char* context_root_list() {
  return "visitor, session, acquisition, page, product, interests, cart, location, device, consent, context, campaigns, now";
}

void check_condition_paths(Validator& v, const json& condition, const json& saved_groups, const std::string& path) {
  if (!condition.is_object()) return;  // the condition compiler reports the shape
  for (auto it = condition.begin(); it != condition.end(); ++it) {
    const std::string& key = it.key();
    std::string child = child_path(path, pointer_segment(key));
    if (key == "$and" || key == "$or" || key == "$nor") {
      if (!it->is_array()) continue;
      for (std::size_t i = 0; i < it->size(); ++i) check_condition_paths(v, (*it)[i], saved_groups, child_path(child, std::to_string(i)));
    } else if (key == "$not") {
      check_condition_paths(v, *it, saved_groups, child);
    } else if (!key.empty() && key[0] != '$') {
      std::string_view root(key);
      root = root.substr(0, root.find('.'));
      if (!is_context_root(root)) {
        v.fail("unknown_context_key", "\"" + key + "\" is not in the context (its roots are " + context_root_list() + ")", child);
      }
      bool operators = it->is_object() && !it->empty() && it->begin().key().rfind('$', 0) == 0;
      if (operators) check_operators(v, *it, saved_groups, child);
    }
  }
}

}  // namespace shopkeeper
