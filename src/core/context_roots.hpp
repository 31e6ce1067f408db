#pragma once
// The keys of the context that conditions and templates see, and the load-time check
// that a rules document references only those.

#include <string>
#include <string_view>

#include "json_read.hpp"

namespace shopkeeper {

class Validator;

/// "" when the dot path `path` ("cart.items.0.price") may name something in the context, else
/// why not: "\"cart.vaule\" is not in the context: cart has items, count, value, ...". Each step
/// must be a key of its object (the ones build_context and add_campaign_roots make), an index
/// of a list, or any key of the maps whose keys come from the visitor or the rules (interest
/// scores by name, campaigns by id); below context.custom, the shop's own data, anything goes.
/// Given the document's `campaigns` array, a step below the `campaigns` root must be one of its ids.
std::string unknown_context_path(std::string_view path, const json* campaigns = nullptr);

/// Reports each field path of `condition` that can name nothing in the context, and each
/// $inGroup / $notInGroup naming a group that `saved_groups` lacks. A condition inside
/// $elemMatch is checked against the elements of the list it matches.
void check_condition_paths(Validator& v, const json& condition, const json& saved_groups, const std::string& path);

}  // namespace shopkeeper
