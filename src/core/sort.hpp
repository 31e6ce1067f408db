#pragma once
// One sort for the whole core. Every std::sort instantiation adds about a kilobyte of wasm
// (introsort, insertion sort, the small sorting networks); this merge sort is compiled once
// and orders any vector through a plain function pointer, each use adding only a few lines.

#include <cstdint>
#include <functional>
#include <utility>
#include <vector>

namespace shopkeeper {

/// Reorders `order` (indices) stably so that no index comes after one it is `less` than.
void sort_indices(std::vector<uint32_t>& order, bool (*less)(const void* context, uint32_t a, uint32_t b), const void* context);

/// Sorts `items` by `less` (a strict weak order, as for std::sort); equal items keep their order.
template <class T, class Less = std::less<>>
void sort_items(std::vector<T>& items, Less less = {}) {
  struct Context {
    const std::vector<T>* items;
    const Less* less;
  } context{&items, &less};
  std::vector<uint32_t> order(items.size());
  for (uint32_t i = 0; i < order.size(); ++i) order[i] = i;
  sort_indices(
      order,
      [](const void* c, uint32_t a, uint32_t b) {
        const auto* x = static_cast<const Context*>(c);
        return (*x->less)((*x->items)[a], (*x->items)[b]);
      },
      &context);
  std::vector<T> sorted;
  sorted.reserve(items.size());
  for (uint32_t i : order) sorted.push_back(std::move(items[i]));
  items.swap(sorted);
}

}  // namespace shopkeeper
