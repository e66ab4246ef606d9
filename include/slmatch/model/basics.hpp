#pragma once
/// Small value types shared by the model: calendar dates, places on the map and
/// lifestyle scales.

#include <cmath>
#include <cstdio>
#include <optional>
#include <string>
#include <string_view>
#include <tuple>

namespace slmatch {

/// A calendar date (proleptic Gregorian), written "YYYY-MM-DD" in files.
struct date {
  int year = 1970;
  int month = 1;
  int day = 1;

  /// The date written as "YYYY-MM-DD", or nothing when the text is not a real date.
  static std::optional<date> parse(std::string_view text) {
    if (text.size() != 10 || text[4] != '-' || text[7] != '-') return std::nullopt;
    auto digits = [&](std::size_t from, std::size_t count, int& out) {
      out = 0;
      for (std::size_t i = from; i < from + count; ++i) {
        if (text[i] < '0' || text[i] > '9') return false;
        out = out * 10 + (text[i] - '0');
      }
      return true;
    };
    date d;
    if (!digits(0, 4, d.year) || !digits(5, 2, d.month) || !digits(8, 2, d.day))
      return std::nullopt;
    if (!d.valid()) return std::nullopt;
    return d;
  }

  /// Earliest and latest years a date may have: files write four-digit years, and nothing
  /// in a scheme is dated before 1900.
  static constexpr int first_year = 1900, last_year = 9999;

  /// True for a real calendar day from 1900-01-01 to 9999-12-31.
  bool valid() const {
    return year >= first_year && year <= last_year && month >= 1 && month <= 12 && day >= 1 &&
           day <= days_in_month(year, month);
  }

  std::string to_string() const {
    char text[40]; // room for any three ints, so even a date validation refuses is written whole
    std::snprintf(text, sizeof text, "%04d-%02d-%02d", year, month, day);
    return text;
  }

  /// Days since 1970-01-01 (negative before), for differences between dates.
  long days_since_epoch() const {
    // Howard Hinnant's days_from_civil.
    const int y = year - (month <= 2 ? 1 : 0);
    const long era = (y >= 0 ? y : y - 399) / 400;
    const unsigned yoe = static_cast<unsigned>(y - era * 400);
    const unsigned mp = static_cast<unsigned>(month + (month > 2 ? -3 : 9));
    const unsigned doy = (153 * mp + 2) / 5 + static_cast<unsigned>(day) - 1;
    const unsigned doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
    return era * 146097 + static_cast<long>(doe) - 719468;
  }

  /// The date `days` days after 1970-01-01 (before it when negative); the inverse of
  /// `days_since_epoch`.
  static date from_days(long days) {
    // Howard Hinnant's civil_from_days.
    days += 719468;
    const long era = (days >= 0 ? days : days - 146096) / 146097;
    const auto doe = static_cast<unsigned>(days - era * 146097);
    const unsigned yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365;
    const unsigned doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    const unsigned mp = (5 * doy + 2) / 153;
    const auto d = static_cast<int>(doy - (153 * mp + 2) / 5 + 1);
    const auto m = static_cast<int>(mp < 10 ? mp + 3 : mp - 9);
    const auto y = static_cast<int>(static_cast<long>(yoe) + era * 400 + (m <= 2 ? 1 : 0));
    return date{y, m, d};
  }

  /// The date `days` days later (earlier when negative).
  date plus_days(long days) const { return from_days(days_since_epoch() + days); }

  /// Day of the week, 0 for Monday to 6 for Sunday (1970-01-01 was a Thursday).
  int day_of_week() const {
    const long d = days_since_epoch() + 3;
    return static_cast<int>(((d % 7) + 7) % 7);
  }

  /// Whole years from `birth` to this date.
  int years_since(const date& birth) const {
    int years = year - birth.year;
    if (month < birth.month || (month == birth.month && day < birth.day)) --years;
    return years;
  }

  static int days_in_month(int year, int month) {
    static constexpr int days[] = {31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
    const bool leap = (year % 4 == 0 && year % 100 != 0) || year % 400 == 0;
    return month == 2 && leap ? 29 : days[month - 1];
  }

  auto fields() const { return std::tie(year, month, day); }
  friend bool operator==(const date& a, const date& b) { return a.fields() == b.fields(); }
  friend bool operator!=(const date& a, const date& b) { return !(a == b); }
  friend bool operator<(const date& a, const date& b) { return a.fields() < b.fields(); }
};

/// A place given by latitude and longitude in degrees (WGS84).
struct geo_point {
  double lat = 0.0;
  double lon = 0.0;

  auto fields() const { return std::tie(lat, lon); }
  friend bool operator==(const geo_point& a, const geo_point& b) {
    return a.fields() == b.fields();
  }
  friend bool operator!=(const geo_point& a, const geo_point& b) { return !(a == b); }
};

/// Great-circle distance in kilometres (haversine, mean Earth radius).
inline double distance_km(const geo_point& a, const geo_point& b) {
  constexpr double radius_km = 6371.0088;
  constexpr double to_rad = 3.14159265358979323846 / 180.0;
  const double dlat = (b.lat - a.lat) * to_rad;
  const double dlon = (b.lon - a.lon) * to_rad;
  const double h =
      std::sin(dlat / 2) * std::sin(dlat / 2) +
      std::cos(a.lat * to_rad) * std::cos(b.lat * to_rad) * std::sin(dlon / 2) * std::sin(dlon / 2);
  return 2 * radius_km * std::asin(std::sqrt(std::min(1.0, h)));
}

/// Lifestyle on three scales, each from 0 to 1.
struct lifestyle {
  double activity = 0.5; ///< 0 quiet … 1 busy and social
  double setting = 0.5;  ///< 0 town … 1 country
  double routine = 0.5;  ///< 0 flexible … 1 structured routines

  auto fields() const { return std::tie(activity, setting, routine); }
  friend bool operator==(const lifestyle& a, const lifestyle& b) {
    return a.fields() == b.fields();
  }
  friend bool operator!=(const lifestyle& a, const lifestyle& b) { return !(a == b); }
};

} // namespace slmatch
