#pragma once
/// The library's version, as written into run records (and equal to the CMake project's
/// and the Python package's version).

#include <string_view>

namespace slmatch {

inline constexpr std::string_view library_version = "0.1.0";

} // namespace slmatch
