#pragma once
/// Beasley's OR-Library assignment instances, read from the shared data folder beside the
/// project (never copied into it). Tests skip with a warning when the folder is absent.

#include <fstream>
#include <map>
#include <string>

namespace slmatch::testing {

/// Where the instances and their optima (`assignopt.txt`) are.
inline const std::string orlib_folder = SLMATCH_SOURCE_DIR "/../shared/data/orlib-assign";

/// The known optimum of each instance by name, or an empty map when the folder is absent.
inline std::map<std::string, double> orlib_optima() {
  std::map<std::string, double> optimum;
  std::ifstream optima(orlib_folder + "/assignopt.txt");
  if (!optima) return optimum;
  std::string name, header;
  std::getline(optima, header);
  double value = 0;
  while (optima >> name >> value) optimum[name] = value;
  return optimum;
}

/// Read a dense instance (n, then n * n costs) into a matrix with `rows`, `cols` and
/// `values`; false when the file is missing or short.
template <class Matrix> bool read_orlib_dense(const std::string& path, Matrix& m) {
  std::ifstream in(path);
  if (!in) return false;
  in >> m.rows;
  m.cols = m.rows;
  m.values.resize(m.rows * m.cols);
  for (double& c : m.values) in >> c;
  return static_cast<bool>(in);
}

} // namespace slmatch::testing
