// The scheme loader from any bytes. Malformed, mistyped, out-of-range or oversized input
// must be refused with a `validation_error`; a scheme that loads must save and load back
// to the same bytes and match end to end with a plan its certificate proves optimal.

#include "slmatch/io/json.hpp"
#include "slmatch/match.hpp"

#include <cstdint>
#include <cstdlib>
#include <string>
#include <string_view>

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  const std::string_view text(reinterpret_cast<const char*>(data), size);
  slmatch::scheme scheme;
  try {
    scheme = slmatch::parse_scheme(text);
  } catch (const slmatch::validation_error& refused) {
    if (refused.problems().empty()) std::abort(); // every refusal says why
    return 0;
  }
  const std::string saved = slmatch::dump_scheme(scheme);
  if (slmatch::dump_scheme(slmatch::parse_scheme(saved)) != saved) std::abort();
  if (scheme.people.size() * scheme.households.size() <= 400) {
    slmatch::match_options options;
    options.shortlist_size = 2;
    (void)slmatch::match(scheme, options); // verifies its own plan, throwing if wrong
  }
  return 0;
}
