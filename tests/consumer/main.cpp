// Loads a scheme and matches it through an installed slmatch; exits non-zero on failure.
#include <slmatch/io/json.hpp>
#include <slmatch/slmatch.hpp>

#include <iostream>

int main(int argc, char** argv) {
  if (argc != 2) {
    std::cerr << "usage: consumer SCHEME.json\n";
    return 2;
  }
  const auto scheme = slmatch::load_scheme(argv[1]);
  const auto result = slmatch::match(scheme);
  std::cout << "consumer: matched " << result.plan.matched << " of " << scheme.people.size()
            << " people through find_package(slmatch)\n";
  return result.plan.matched > 0 ? 0 : 1;
}
