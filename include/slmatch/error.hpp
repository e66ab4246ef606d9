#pragma once
/// Errors raised by slmatch.
///
/// Every failure the library reports is an `slmatch::error` (a `std::runtime_error`), so
/// callers can catch one type. Input problems are `validation_error`s that carry each
/// problem found with the record and field it concerns, so a scheme worker can fix the
/// file in one pass.

#include <stdexcept>
#include <string>
#include <utility>
#include <vector>

namespace slmatch {

/// The one library error type; every exception slmatch throws derives from it.
class error : public std::runtime_error {
public:
  using std::runtime_error::runtime_error;
};

/// One problem in the input: where it is and what is wrong.
struct problem {
  std::string record;  ///< e.g. "person P012", "household H03", "policy", "file"
  std::string field;   ///< dotted path inside the record, e.g. "location.lat"
  std::string message; ///< short lowercase description, e.g. "must be between -90 and 90"

  /// "person P012, field location.lat: must be between -90 and 90"
  std::string describe() const {
    std::string text = record;
    if (!field.empty()) text += (text.empty() ? "field " : ", field ") + field;
    return text + ": " + message;
  }
};

/// Raised when input data breaks the file format or the domain's rules.
/// `what()` lists every problem, one per line.
class validation_error : public error {
public:
  explicit validation_error(std::vector<problem> problems)
      : error(join(problems)), problems_(std::move(problems)) {}

  /// Every problem found, in the order the input was read.
  const std::vector<problem>& problems() const noexcept { return problems_; }

private:
  static std::string join(const std::vector<problem>& problems) {
    std::string text;
    for (const auto& p : problems) {
      if (!text.empty()) text += '\n';
      text += p.describe();
    }
    return text.empty() ? std::string("invalid input") : text;
  }
  std::vector<problem> problems_;
};

/// Raised when an optimisation problem has no solution of the kind asked for.
class infeasible_error : public error {
public:
  using error::error;
};

} // namespace slmatch
