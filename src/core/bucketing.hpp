#pragma once
// Deterministic bucketing, compatible with GrowthBook's SDKs: the same visitor id and
// seed give the same number here, in GrowthBook and in every SDK that follows it.

#include <cstdint>
#include <optional>
#include <string_view>

namespace shopkeeper {

/// FNV-1a (32-bit) over the UTF-16 code units of `text` (given as UTF-8), as JavaScript's
/// charCodeAt sees them.
uint32_t fnv1a32_utf16(std::string_view text);

/// GrowthBook's hash: version 1 = (fnv(value + seed) % 1000) / 1000, version 2 =
/// (fnv(String(fnv(seed + value))) % 10000) / 10000; nullopt for any other version.
std::optional<double> growthbook_hash(std::string_view seed, std::string_view value, int version);

}  // namespace shopkeeper
