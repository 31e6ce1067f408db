#pragma once
// Time-decayed interest scores: recent attention counts more than old attention.

#include <cstddef>
#include <cstdint>
#include <map>
#include <string>

#include "profile.hpp"

namespace shopkeeper {

/// The value of `d` at `now`, halving every `half_life_ms`.
double decayed_value(const Decayed& d, int64_t now, int64_t half_life_ms);

/// Adds `amount` to the interest `name` in `scores` at `now`. When the map grows past
/// `max_entries`, the entry with the lowest current value is dropped.
void add_interest(std::map<std::string, Decayed>& scores, const std::string& name, double amount, int64_t now,
                  int64_t half_life_ms, std::size_t max_entries);

}  // namespace shopkeeper
