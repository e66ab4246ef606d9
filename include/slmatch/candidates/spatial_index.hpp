#pragma once
/// A uniform grid over household homes, so a person's travel limit looks only nearby.
///
/// In: `scheme_features` (household unit vectors) and a cell size in km. Out: a
/// `household_grid` of cubic cells over the 3D coordinates (unit vector x Earth radius, in
/// km); `visit_near` calls back with every household in the cells that overlap the cube of
/// half-side `radius_km` around a point. A straight-line (chord) distance is never longer
/// than the great-circle one, so every household within `radius_km` along the surface is
/// in that cube: the grid can over-report but never miss a household. Only occupied cells
/// are stored (sorted keys, binary search), so memory is proportional to households.

#include "slmatch/features/features.hpp"

#include <algorithm>
#include <cmath>
#include <cstdint>
#include <utility>
#include <vector>

namespace slmatch {

/// Households bucketed by cubic cells of the 3D coordinates; see the file comment.
class household_grid {
public:
  household_grid() = default;

  /// Bucket every household of `f` into cells of `cell_km` kilometres.
  ///
  /// @param[in] f        encoded scheme
  /// @param[in] cell_km  cell side; values below 0.1 km are raised to 0.1 km
  household_grid(const scheme_features& f, double cell_km)
      : cell_km_(std::max(0.1, std::isfinite(cell_km) ? cell_km : 0.1)) {
    std::vector<std::pair<std::uint64_t, std::int32_t>> keyed(f.households);
    for (std::size_t j = 0; j < f.households; ++j) {
      const auto e = static_cast<Eigen::Index>(j);
      keyed[j] = {key(cell(f.household_x[e]), cell(f.household_y[e]), cell(f.household_z[e])),
                  static_cast<std::int32_t>(j)};
    }
    std::sort(keyed.begin(), keyed.end());
    for (std::size_t k = 0; k < keyed.size(); ++k) {
      if (k == 0 || keyed[k].first != keyed[k - 1].first) {
        keys_.push_back(keyed[k].first);
        start_.push_back(static_cast<std::int32_t>(k));
      }
      members_.push_back(keyed[k].second);
    }
    start_.push_back(static_cast<std::int32_t>(keyed.size()));
  }

  double cell_km() const { return cell_km_; }
  std::size_t occupied_cells() const { return keys_.size(); }

  /// Number of cells `visit_near` would look up for this radius.
  double cells_to_visit(double radius_km) const {
    const double side = std::floor(2.0 * radius_km / cell_km_) + 2.0;
    return side * side * side;
  }

  /// Call `action(household)` for every household in cells overlapping the cube of
  /// half-side `radius_km` around the unit vector (x, y, z); each household once, in no
  /// particular order.
  template <class Action>
  void visit_near(double x, double y, double z, double radius_km, Action&& action) const {
    const double r = radius_km / earth_radius_km;
    const std::int64_t x0 = cell(x - r), x1 = cell(x + r);
    const std::int64_t y0 = cell(y - r), y1 = cell(y + r);
    const std::int64_t z0 = cell(z - r), z1 = cell(z + r);
    for (std::int64_t ix = x0; ix <= x1; ++ix)
      for (std::int64_t iy = y0; iy <= y1; ++iy) {
        // Cells along z are adjacent in key order: one search, then walk forward.
        auto it = std::lower_bound(keys_.begin(), keys_.end(), key(ix, iy, z0));
        const std::uint64_t last = key(ix, iy, z1);
        for (; it != keys_.end() && *it <= last; ++it) {
          const auto c = static_cast<std::size_t>(it - keys_.begin());
          for (std::int32_t m = start_[c]; m < start_[c + 1]; ++m)
            action(members_[static_cast<std::size_t>(m)]);
        }
      }
  }

private:
  static constexpr std::int64_t offset = std::int64_t{1} << 20; // cells per axis < 2^21

  std::int64_t cell(double unit) const {
    const double c = std::floor(unit * earth_radius_km / cell_km_);
    return std::clamp<std::int64_t>(static_cast<std::int64_t>(c), -offset + 1, offset - 1);
  }

  static std::uint64_t key(std::int64_t ix, std::int64_t iy, std::int64_t iz) {
    return (static_cast<std::uint64_t>(ix + offset) << 42) |
           (static_cast<std::uint64_t>(iy + offset) << 21) |
           static_cast<std::uint64_t>(iz + offset);
  }

  double cell_km_ = 40.0;
  std::vector<std::uint64_t> keys_;   ///< occupied cells, ascending
  std::vector<std::int32_t> start_;   ///< CSR into members_
  std::vector<std::int32_t> members_; ///< household indices, ascending within a cell
};

} // namespace slmatch
