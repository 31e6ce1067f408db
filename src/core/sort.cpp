#include "sort.hpp"

#include <algorithm>

namespace shopkeeper {

void sort_indices(std::vector<uint32_t>& order, bool (*less)(const void* context, uint32_t a, uint32_t b), const void* context) {
  const std::size_t n = order.size();
  std::vector<uint32_t> merged(n);
  for (std::size_t width = 1; width < n; width *= 2) {
    for (std::size_t lo = 0; lo < n; lo += 2 * width) {
      std::size_t mid = std::min(lo + width, n);
      std::size_t hi = std::min(lo + 2 * width, n);
      std::size_t i = lo;
      std::size_t j = mid;
      for (std::size_t k = lo; k < hi; ++k) {
        merged[k] = j < hi && (i == mid || less(context, order[j], order[i])) ? order[j++] : order[i++];
      }
    }
    order.swap(merged);
  }
}

}  // namespace shopkeeper
