#pragma once
// Version strings made comparable with plain string comparison, as GrowthBook's
// $veq / $vgt / ... operators do it (paddedVersionString in its util.ts).

#include <string>
#include <string_view>

#include "json_read.hpp"

namespace shopkeeper {

/// Writes GrowthBook's paddedVersionString(value) to `out`: a number counts as its
/// decimal text, anything but a non-empty string as "0"; a leading "v" and a
/// "+build" suffix are dropped; the parts between "-" and "." are joined with
/// "-", numeric ones left-padded with spaces to 5 characters; a plain x.y.z
/// version gets a "~" part so that it sorts after its pre-releases.
void padded_version(const json* value, std::string& out);

/// Three-way comparison of paddedVersionString(value) with `padded` (an output
/// of padded_version), without building the padded string.
int compare_padded_version(const json* value, std::string_view padded);

}  // namespace shopkeeper
