#pragma once
// What every function of the C interface shares: the handles' C++ insides, the registry of
// live handles and strings (so a freed or foreign pointer is refused, not dereferenced),
// the per-thread last error, and `guarded`, which turns every exception into a status.

#include "slmatch/c/slmatch.h"
#include "slmatch/error.hpp"
#include "slmatch/match.hpp"
#include "slmatch/model/scheme.hpp"
#include "slmatch/stable/proposal_rounds.hpp"

#include <memory>
#include <new>
#include <ostream>
#include <streambuf>
#include <string>
#include <utility>
#include <vector>

struct slmatch_scheme {
  std::shared_ptr<const slmatch::scheme> scheme;
};

struct slmatch_result {
  std::shared_ptr<const slmatch::scheme> scheme; ///< as matched, with any policy overrides
  slmatch::match_options options;
  slmatch::match_result run;
};

struct slmatch_rounds {
  slmatch::proposal_rounds rounds;
};

namespace slmatch::c_abi {

/// Handle kinds, as the registry and error messages name them.
inline constexpr const char* scheme_kind = "scheme";
inline constexpr const char* result_kind = "result";
inline constexpr const char* rounds_kind = "proposal rounds";

/// A failure with the status the caller gets: thrown inside `guarded` bodies.
class failure : public error {
public:
  failure(slmatch_status status, std::vector<problem> problems)
      : error(describe(problems)), status_(status), problems_(std::move(problems)) {}

  slmatch_status status() const noexcept { return status_; }
  const std::vector<problem>& problems() const noexcept { return problems_; }

private:
  static std::string describe(const std::vector<problem>& problems) {
    return validation_error(problems).what();
  }
  slmatch_status status_;
  std::vector<problem> problems_;
};

/// Refuse an argument: SLMATCH_INVALID_ARGUMENT naming the record and field.
[[noreturn]] inline void refuse_argument(std::string record, std::string field,
                                         std::string message) {
  throw failure(SLMATCH_INVALID_ARGUMENT,
                {{std::move(record), std::move(field), std::move(message)}});
}

/// Keep a handle as live, so calls accept it; the registry does not own it.
void register_handle(const void* handle, const char* kind);

/// Forget a handle before it is deleted.
/// @return  false when it was not live as that kind (so must not be deleted)
bool unregister_handle(const void* handle, const char* kind);

/// Check that a handle is live as `kind`.
/// @throws failure SLMATCH_INVALID_ARGUMENT for NULL, SLMATCH_INVALID_HANDLE when not live
void assert_live(const void* handle, const char* kind);

/// The handle, checked to be live as `kind` (see `assert_live`).
template <class Handle> Handle* checked(Handle* handle, const char* kind) {
  assert_live(handle, kind);
  return handle;
}

/// Hand a string to the caller: it stays live until `slmatch_free`.
/// @param[out] out  receives the text's first character
void give_string(std::string&& text, char** out);

/// A stream buffer that appends to a string, so reports are written once, not copied.
class string_buffer : public std::streambuf {
public:
  explicit string_buffer(std::string& text) : text_(text) {}

protected:
  int_type overflow(int_type c) override {
    if (!traits_type::eq_int_type(c, traits_type::eof()))
      text_.push_back(traits_type::to_char_type(c));
    return traits_type::not_eof(c);
  }
  std::streamsize xsputn(const char* s, std::streamsize n) override {
    text_.append(s, static_cast<std::size_t>(n));
    return n;
  }

private:
  std::string& text_;
};

/// Hand the text `write` puts on a stream to the caller (see `give_string`).
template <class Write> void give_written(Write&& write, char** out) {
  std::string text;
  string_buffer buffer(text);
  std::ostream stream(&buffer);
  write(stream);
  give_string(std::move(text), out);
}

/// The index of the person with this id.
/// @throws failure SLMATCH_INVALID_ARGUMENT naming the field when NULL or unknown
std::size_t person_of(const scheme& s, const char* id, const char* field);

/// The index of the household with this id.
/// @throws failure SLMATCH_INVALID_ARGUMENT naming the field when NULL or unknown
std::size_t household_of(const scheme& s, const char* id, const char* field);

/// A required string argument, checked to be non-NULL.
std::string required_text(const char* text, const char* field);

/// A required out parameter, checked to be non-NULL.
template <class T> T* required_out(T* out, const char* field) {
  if (out == nullptr) refuse_argument("arguments", field, "must not be NULL");
  return out;
}

/// Forget the calling thread's last error.
void clear_last_error() noexcept;

/// Record the calling thread's last error; `problems` may be NULL.
void set_last_error(slmatch_status status, const char* message,
                    const std::vector<problem>* problems) noexcept;

/// Run `body`, record the calling thread's last error from whatever it throws, and say how
/// it went. Never throws.
template <class Body> slmatch_status guarded(Body&& body) noexcept {
  clear_last_error();
  try {
    body();
    return SLMATCH_OK;
  } catch (const failure& f) {
    set_last_error(f.status(), f.what(), &f.problems());
    return f.status();
  } catch (const validation_error& invalid) {
    set_last_error(SLMATCH_INVALID_INPUT, invalid.what(), &invalid.problems());
    return SLMATCH_INVALID_INPUT;
  } catch (const std::bad_alloc&) {
    set_last_error(SLMATCH_OUT_OF_MEMORY, "out of memory", nullptr);
    return SLMATCH_OUT_OF_MEMORY;
  } catch (const error& e) {
    set_last_error(SLMATCH_INVALID_INPUT, e.what(), nullptr);
    return SLMATCH_INVALID_INPUT;
  } catch (const std::exception& e) {
    set_last_error(SLMATCH_INTERNAL_ERROR, e.what(), nullptr);
    return SLMATCH_INTERNAL_ERROR;
  } catch (...) {
    set_last_error(SLMATCH_INTERNAL_ERROR, "unknown failure", nullptr);
    return SLMATCH_INTERNAL_ERROR;
  }
}

/// Delete a live handle of this kind; NULL does nothing. Never throws.
template <class Handle> slmatch_status free_handle(Handle* handle, const char* kind) noexcept {
  return guarded([&] {
    if (handle == nullptr) return;
    if (!unregister_handle(handle, kind))
      throw failure(SLMATCH_INVALID_HANDLE,
                    {{"arguments", kind, "is not a live " + std::string(kind) + " handle"}});
    delete handle;
  });
}

} // namespace slmatch::c_abi
