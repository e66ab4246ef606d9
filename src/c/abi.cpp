// The C interface's shared state: live handles and strings, the per-thread last error, and
// the functions about versions, errors and strings.

#include "abi.hpp"

#include "slmatch/log.hpp"
#include "slmatch/version.hpp"

#include <nlohmann/json.hpp>

#include <mutex>
#include <string_view>
#include <unordered_map>

namespace slmatch::c_abi {

namespace {

/// Everything this library handed out and has not had back.
struct registry {
  std::mutex mutex;
  std::unordered_map<const void*, std::string_view> handles; ///< handle -> kind
  std::unordered_map<const char*, std::unique_ptr<std::string>> strings;
};

registry& live() {
  static registry instance;
  return instance;
}

/// The calling thread's last error.
struct last_error {
  slmatch_status status = SLMATCH_OK;
  std::string message;
  std::string problems = "[]";
};

thread_local last_error current;

// The library must never print: its logger is this library's own copy (its symbols are
// not exported), silenced once when the library is loaded.
[[maybe_unused]] const bool logger_silenced = [] {
  try {
    logger().set_level(spdlog::level::off);
    return true;
  } catch (...) {
    return false;
  }
}();

} // namespace

void register_handle(const void* handle, const char* kind) {
  auto& r = live();
  const std::lock_guard<std::mutex> lock(r.mutex);
  r.handles[handle] = kind;
}

bool unregister_handle(const void* handle, const char* kind) {
  auto& r = live();
  const std::lock_guard<std::mutex> lock(r.mutex);
  const auto it = r.handles.find(handle);
  if (it == r.handles.end() || it->second != kind) return false;
  r.handles.erase(it);
  return true;
}

void assert_live(const void* handle, const char* kind) {
  if (handle == nullptr) refuse_argument("arguments", kind, "must not be NULL");
  auto& r = live();
  const std::lock_guard<std::mutex> lock(r.mutex);
  const auto it = r.handles.find(handle);
  if (it == r.handles.end() || it->second != kind)
    throw failure(SLMATCH_INVALID_HANDLE,
                  {{"arguments", kind, "is not a live " + std::string(kind) + " handle"}});
}

void give_string(std::string&& text, char** out) {
  auto owned = std::make_unique<std::string>(std::move(text));
  char* first = owned->data();
  auto& r = live();
  {
    const std::lock_guard<std::mutex> lock(r.mutex);
    r.strings.emplace(first, std::move(owned));
  }
  *out = first;
}

std::string required_text(const char* text, const char* field) {
  if (text == nullptr) refuse_argument("arguments", field, "must not be NULL");
  return text;
}

std::size_t person_of(const scheme& s, const char* id, const char* field) {
  const std::string given = required_text(id, field);
  try {
    return person_index(s, given);
  } catch (const error& unknown) {
    refuse_argument("arguments", field, unknown.what());
  }
}

std::size_t household_of(const scheme& s, const char* id, const char* field) {
  const std::string given = required_text(id, field);
  try {
    return household_index(s, given);
  } catch (const error& unknown) {
    refuse_argument("arguments", field, unknown.what());
  }
}

void clear_last_error() noexcept {
  current.status = SLMATCH_OK;
  current.message.clear();
  current.problems = "[]";
}

void set_last_error(slmatch_status status, const char* message,
                    const std::vector<problem>* problems) noexcept {
  current.status = status;
  try {
    current.message = message;
    nlohmann::ordered_json listed = nlohmann::ordered_json::array();
    if (problems)
      for (const auto& p : *problems)
        listed.push_back({{"record", p.record}, {"field", p.field}, {"message", p.message}});
    current.problems = listed.dump(-1, ' ', false, nlohmann::json::error_handler_t::replace);
  } catch (...) {
    // Out of memory while describing the failure: the status still says what happened.
    current.message.clear();
    current.problems = "[]";
  }
}

} // namespace slmatch::c_abi

using namespace slmatch::c_abi;

extern "C" {

const char* slmatch_version(void) { return slmatch::library_version.data(); }

int slmatch_abi_version(void) { return SLMATCH_ABI_VERSION; }

slmatch_status slmatch_last_error_status(void) { return current.status; }

const char* slmatch_last_error_message(void) { return current.message.c_str(); }

const char* slmatch_last_error_problems(void) { return current.problems.c_str(); }

slmatch_status slmatch_free(char* text) {
  return guarded([&] {
    if (text == nullptr) return;
    std::unique_ptr<std::string> owned;
    auto& r = live();
    {
      const std::lock_guard<std::mutex> lock(r.mutex);
      const auto it = r.strings.find(text);
      if (it == r.strings.end())
        throw failure(SLMATCH_INVALID_HANDLE,
                      {{"arguments", "text", "is not a live string from this library"}});
      owned = std::move(it->second);
      r.strings.erase(it);
    }
  });
}

} // extern "C"
