// A factor left out for lack of consent says why, with the date consent was withdrawn or
// expired, and reads the data again from the day consent holds.

#include "slmatch/score/factors.hpp"

#include "support/scheme_builder.hpp"

#include <catch2/catch.hpp>

using namespace slmatch;
using slmatch::testing::make_date;
using slmatch::testing::make_household;
using slmatch::testing::make_person;
using slmatch::testing::make_scheme;

TEST_CASE("score_factors: a factor left out names the day consent was withdrawn or expired") {
  person p = make_person("P1");
  p.consent.erase(data_category::interests);
  p.interests = {"gardening"};
  consent_record r;
  r.category = data_category::interests;
  r.given_on = make_date("2025-01-10");
  r.withdrawn_on = make_date("2026-03-03");
  p.consents = {r};
  household h = make_household("H1");
  h.interests = {"gardening"};
  const scheme s = make_scheme({p}, {h});
  const auto factors = score_factors(s, s.people[0], s.households[0]);
  const auto& interests = factors[static_cast<std::size_t>(factor::interests)];
  CHECK_FALSE(interests.used);
  CHECK(interests.sentence == "shared interests were not used because consent to use interests "
                              "was withdrawn on 3 March 2026");

  scheme expired = s;
  expired.people[0].consents[0].withdrawn_on.reset();
  expired.people[0].consents[0].expires_on = make_date("2026-10-31");
  const auto later = score_factors(expired, expired.people[0], expired.households[0]);
  CHECK(later[static_cast<std::size_t>(factor::interests)].sentence ==
        "shared interests were not used because consent to use interests expired on 31 October "
        "2026");
  // Before the withdrawal the same record lets matching read the interests.
  scheme earlier = s;
  earlier.policy.as_of = make_date("2026-03-02");
  CHECK(score_factors(earlier, earlier.people[0],
                      earlier.households[0])[static_cast<std::size_t>(factor::interests)]
            .used);
}
