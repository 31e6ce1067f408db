#pragma once
// The roots of the context that conditions and templates see, and the load-time
// check that a rules document references only those.

#include <string>
#include <string_view>

#include "json_read.hpp"

namespace shopkeeper {

class Validator;

/// True for visitor, session, acquisition, page, product, interests, cart, location,
/// device, consent, context, campaigns and now.
bool is_context_root(std::string_view name);

/// The roots, comma-separated, for messages.
const char* context_root_list();

/// Reports each field path of `condition` whose first step is not a context root, and each
/// $inGroup / $notInGroup naming a group that `saved_groups` lacks. Paths inside $elemMatch
/// are relative to array elements and are not checked.
void check_condition_paths(Validator& v, const json& condition, const json& saved_groups, const std::string& path);

}  // namespace shopkeeper
