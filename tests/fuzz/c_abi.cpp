// The C interface's JSON entry points, as another language would call them. The input is
// up to seven parts separated by NUL bytes: a scheme, match options, audit options, stable
// options, a proposal-rounds state, and a person and two household ids. Whatever the bytes,
// every call must return a status that names a refusal (never an internal error), leave a
// message when it fails, and free cleanly; a valid scheme must go through matching, every
// report, the audit, explanations, stable matching and proposal rounds.

#include "slmatch/c/slmatch.h"

#include <array>
#include <cstddef>
#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <string>

namespace {

/// Abort, so the fuzzer keeps the input, unless the call succeeded or refused its input
/// with a message.
void expect_refusal_or_ok(slmatch_status status, const char* call) {
  if (status == SLMATCH_OK) return;
  const bool refusal = status == SLMATCH_INVALID_ARGUMENT || status == SLMATCH_INVALID_INPUT ||
                       status == SLMATCH_REFUSED;
  if (refusal && slmatch_last_error_message()[0] != '\0') return;
  std::fprintf(stderr, "%s: status %d: %s\n", call, static_cast<int>(status),
               slmatch_last_error_message());
  std::abort();
}

/// A call that must succeed on a valid scheme.
void expect_ok(slmatch_status status, const char* call) {
  if (status == SLMATCH_OK) return;
  std::fprintf(stderr, "%s refused a valid scheme: %s\n", call, slmatch_last_error_message());
  std::abort();
}

/// Free a string the library gave, which must be live.
void release(char* text) { expect_ok(slmatch_free(text), "slmatch_free"); }

void rounds(const slmatch_scheme* scheme, const std::string& options, const std::string& state) {
  slmatch_rounds* started = nullptr;
  const slmatch_status status = slmatch_rounds_start(scheme, options.c_str(), &started);
  expect_refusal_or_ok(status, "slmatch_rounds_start");
  if (status == SLMATCH_OK) {
    char* json = nullptr;
    expect_ok(slmatch_rounds_json(started, &json), "slmatch_rounds_json");
    slmatch_rounds* copy = nullptr;
    expect_ok(slmatch_rounds_from_json(json, std::char_traits<char>::length(json), &copy),
              "slmatch_rounds_from_json (its own state)");
    expect_refusal_or_ok(slmatch_rounds_next(copy), "slmatch_rounds_next");
    expect_ok(slmatch_rounds_free(copy), "slmatch_rounds_free");
    release(json);
    expect_ok(slmatch_rounds_free(started), "slmatch_rounds_free");
  }
  slmatch_rounds* given = nullptr;
  const slmatch_status read = slmatch_rounds_from_json(state.data(), state.size(), &given);
  expect_refusal_or_ok(read, "slmatch_rounds_from_json");
  if (read == SLMATCH_OK) {
    expect_refusal_or_ok(slmatch_rounds_next(given), "slmatch_rounds_next");
    expect_ok(slmatch_rounds_free(given), "slmatch_rounds_free");
  }
}

void reports(const slmatch_result* result, const std::string& audit_options,
             const std::string& person) {
  char* json = nullptr;
  expect_ok(slmatch_result_json(result, &json), "slmatch_result_json");
  release(json);
  expect_ok(slmatch_result_json_lines(result, &json), "slmatch_result_json_lines");
  release(json);
  expect_ok(slmatch_result_record_json(result, &json), "slmatch_result_record_json");
  release(json);
  slmatch_status status = slmatch_result_audit_json(result, audit_options.c_str(), &json);
  expect_refusal_or_ok(status, "slmatch_result_audit_json");
  if (status == SLMATCH_OK) release(json);
  status = slmatch_result_person_json(result, person.c_str(), &json);
  expect_refusal_or_ok(status, "slmatch_result_person_json");
  if (status == SLMATCH_OK) release(json);
}

} // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  std::array<std::string, 7> parts;
  std::size_t part = 0;
  for (std::size_t k = 0; k < size; ++k) {
    if (data[k] == 0 && part + 1 < parts.size())
      ++part;
    else
      parts[part].push_back(static_cast<char>(data[k]));
  }
  const auto& [scheme_json, match_options, audit_options, stable_options, state, person,
               households] = parts;
  const std::string household = households.substr(0, households.find(' '));
  const std::string other =
      households.find(' ') == std::string::npos ? "" : households.substr(households.find(' ') + 1);

  slmatch_scheme* scheme = nullptr;
  const slmatch_status read =
      slmatch_scheme_from_json(scheme_json.data(), scheme_json.size(), &scheme);
  expect_refusal_or_ok(read, "slmatch_scheme_from_json");
  if (read != SLMATCH_OK) {
    rounds(nullptr, stable_options, state); // a NULL scheme is refused, a state is read alone
    return 0;
  }
  slmatch_result* result = nullptr;
  const slmatch_status matched = slmatch_match(scheme, match_options.c_str(), &result);
  expect_refusal_or_ok(matched, "slmatch_match");
  if (matched == SLMATCH_OK) {
    reports(result, audit_options, person);
    expect_ok(slmatch_result_free(result), "slmatch_result_free");
  }
  char* json = nullptr;
  slmatch_status status = slmatch_explain_json(scheme, person.c_str(), household.c_str(), &json);
  expect_refusal_or_ok(status, "slmatch_explain_json");
  if (status == SLMATCH_OK) release(json);
  status = slmatch_compare_json(scheme, person.c_str(), household.c_str(), other.c_str(), &json);
  expect_refusal_or_ok(status, "slmatch_compare_json");
  if (status == SLMATCH_OK) release(json);
  status = slmatch_stable_json(scheme, stable_options.c_str(), &json);
  expect_refusal_or_ok(status, "slmatch_stable_json");
  if (status == SLMATCH_OK) release(json);
  rounds(scheme, stable_options, state);
  expect_ok(slmatch_scheme_free(scheme), "slmatch_scheme_free");
  return 0;
}
