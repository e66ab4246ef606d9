#pragma once
// Python str objects shared by equal texts, for results that name the same ids many times.

#include <pybind11/pybind11.h>

#include <algorithm>
#include <cstddef>
#include <functional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace slmatch::bindings {

namespace py = pybind11;

/// One Python str per distinct text. The ids in a report recur across many rows; sharing one
/// immutable object spares an allocation, a decoding and a hash each time. Texts are found by
/// open addressing; each slot keeps its own copy of the text, so short ids compare within the
/// slot, not at wherever the first copy lives.
class str_pool {
public:
  /// The str for `text`, owned by the pool.
  py::handle operator()(std::string_view text) {
    if (2 * (size_ + 1) > slots_.size()) grow();
    auto& found = find(text);
    if (!found.object) {
      found.text = text;
      found.object = py::str(text.data(), text.size());
      ++size_;
    }
    return found.object;
  }

private:
  struct slot {
    std::string text;
    py::object object; ///< null while the slot is free
  };

  static std::size_t hash_of(std::string_view text) { return std::hash<std::string_view>{}(text); }

  slot& find(std::string_view text) {
    const std::size_t mask = slots_.size() - 1;
    for (std::size_t i = hash_of(text) & mask;; i = (i + 1) & mask)
      if (!slots_[i].object || std::string_view(slots_[i].text) == text) return slots_[i];
  }

  void grow() {
    std::vector<slot> old(std::max<std::size_t>(64, 2 * slots_.size()));
    old.swap(slots_);
    for (auto& entry : old)
      if (entry.object) find(entry.text) = std::move(entry);
  }

  std::vector<slot> slots_; ///< a power of two long, at most half full
  std::size_t size_ = 0;
};

} // namespace slmatch::bindings
