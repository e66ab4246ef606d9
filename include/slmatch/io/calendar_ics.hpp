#pragma once
/// A calendar plan as iCalendar files (RFC 5545), one per person and one per household, so
/// carers and people can load their proposed stays and day support into a phone calendar.
///
/// Compiled in `slmatch::io` (src/io/calendar_ics.cpp). Every event is TENTATIVE: the plan is
/// a proposal, nothing is booked until everyone agrees. Stays are all-day events from the
/// first night to the morning home; day slots are timed in local time (morning 09:00–12:30,
/// afternoon 13:30–17:00, evening 18:00–21:00). People appear by id only. UIDs and DTSTAMP
/// come from the scheme and the plan (DTSTAMP is the scheme's as_of date), so the same plan
/// gives the same bytes. Lines end in CRLF and fold at 75 octets; text is escaped.

#include "slmatch/calendar/plan.hpp"

#include <map>
#include <string>

namespace slmatch {

/// One calendar per person and per household with anything in the plan, by file name
/// ("person-P12.ics", "household-H07.ics"), each a complete VCALENDAR.
std::map<std::string, std::string> calendar_to_ics(const scheme& s, const calendar_plan& plan);

} // namespace slmatch
