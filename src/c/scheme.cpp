// Scheme handles: a validated scheme read from JSON text or a file, shared by every result
// made from it.

#include "abi.hpp"

#include "slmatch/io/scheme_reader.hpp"

#include <nlohmann/json.hpp>

#include <string_view>

using namespace slmatch::c_abi;

namespace {

void adopt(slmatch::scheme&& loaded, slmatch_scheme** out) {
  auto handle = std::make_unique<slmatch_scheme>();
  handle->scheme = std::make_shared<const slmatch::scheme>(std::move(loaded));
  register_handle(handle.get(), scheme_kind);
  *out = handle.release();
}

} // namespace

extern "C" {

slmatch_status slmatch_scheme_from_json(const char* json, size_t length, slmatch_scheme** scheme) {
  return guarded([&] {
    required_out(scheme, "scheme");
    if (json == nullptr && length > 0) refuse_argument("arguments", "json", "must not be NULL");
    adopt(slmatch::parse_scheme(std::string_view(json == nullptr ? "" : json, length)), scheme);
  });
}

slmatch_status slmatch_scheme_from_file(const char* path, slmatch_scheme** scheme) {
  return guarded([&] {
    required_out(scheme, "scheme");
    adopt(slmatch::load_scheme(required_text(path, "path")), scheme);
  });
}

slmatch_status slmatch_scheme_summary(const slmatch_scheme* scheme, char** json) {
  return guarded([&] {
    const auto& s = *checked(scheme, scheme_kind)->scheme;
    required_out(json, "json");
    const nlohmann::json summary = {
        {"id", s.id}, {"people", s.people.size()}, {"households", s.households.size()}};
    give_string(summary.dump(), json);
  });
}

slmatch_status slmatch_scheme_free(slmatch_scheme* scheme) {
  return free_handle(scheme, scheme_kind);
}

} // extern "C"
