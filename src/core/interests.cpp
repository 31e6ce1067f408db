#include "interests.hpp"

#include <algorithm>
#include <cmath>

namespace shopkeeper {

double decayed_value(const Decayed& d, int64_t now, int64_t half_life_ms) {
  if (now <= d.at || half_life_ms <= 0) return d.score;  // a clock that went back does not grow scores
  return d.score * std::exp2(-static_cast<double>(now - d.at) / static_cast<double>(half_life_ms));
}

void add_interest(std::map<std::string, Decayed>& scores, const std::string& name, double amount, int64_t now,
                  int64_t half_life_ms, std::size_t max_entries) {
  if (name.empty()) return;
  Decayed& d = scores[name];
  d.score = decayed_value(d, now, half_life_ms) + amount;
  d.at = std::max(d.at, now);
  while (scores.size() > max_entries) {
    auto weakest = scores.end();
    double weakest_value = 0;
    for (auto it = scores.begin(); it != scores.end(); ++it) {
      if (it->first == name) continue;
      double v = decayed_value(it->second, now, half_life_ms);
      if (weakest == scores.end() || v < weakest_value) {
        weakest = it;
        weakest_value = v;
      }
    }
    scores.erase(weakest);
  }
}

}  // namespace shopkeeper
