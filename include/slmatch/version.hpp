#pragma once
/// The library's version, as written into run records. The one place it is written: the
/// CMake project (CMakeLists.txt) and the Python package (pyproject.toml) read it from this
/// line, and `slmatch --version`, `slmatch.__version__` and the C interface's
/// `slmatch_version()` give it.

#include <string_view>

namespace slmatch {

inline constexpr std::string_view library_version = "0.1.0";

} // namespace slmatch
