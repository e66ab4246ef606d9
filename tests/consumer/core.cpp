// Matches a two-person scheme built in code through an installed slmatch, using only the
// header-first core and its MIP solver (slmatch::mip, no JSON library); exits non-zero on
// failure.
#include <slmatch/slmatch.hpp>

#include <iostream>
#include <string>
#include <utility>

namespace {

slmatch::date day(const char* text) { return *slmatch::date::parse(text); }

slmatch::person someone(std::string id) {
  slmatch::person p;
  p.id = std::move(id);
  p.date_of_birth = day("1985-06-01");
  p.needs = {slmatch::need_category::learning_disability};
  p.support = slmatch::support_level::low;
  p.arrangement = slmatch::arrangement_type::long_term;
  p.location = {51.4545, -2.5879};
  p.waiting_since = day("2026-02-01");
  return p;
}

slmatch::household home(std::string id) {
  slmatch::household h;
  h.id = std::move(id);
  h.approved_needs = {slmatch::need_category::learning_disability};
  h.max_support = slmatch::support_level::high;
  h.arrangements = {slmatch::arrangement_type::long_term};
  h.active = true;
  h.approval_expires = day("2028-06-01");
  h.places = 1;
  h.free_bedrooms = 1;
  h.location = {51.4600, -2.5900};
  h.adults = {slmatch::household_adult{slmatch::gender::male, 55, true, false}};
  return h;
}

} // namespace

int main() {
  slmatch::scheme scheme;
  scheme.id = "in-code";
  scheme.policy.as_of = day("2026-11-01");
  scheme.people = {someone("P1"), someone("P2")};
  scheme.households = {home("H1"), home("H2")};
  const auto result = slmatch::match(scheme);
  std::cout << "core consumer: matched " << result.plan.matched << " of " << scheme.people.size()
            << " people through the core and slmatch::mip, without JSON\n";
  return result.plan.matched == 2 ? 0 : 1;
}
