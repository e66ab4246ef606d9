#include "options.hpp"

#include "abi.hpp"

#include "slmatch/vocabulary.hpp"

#include <nlohmann/json.hpp>

#include <cmath>
#include <cstdint>
#include <functional>
#include <map>
#include <string>
#include <vector>

namespace slmatch::c_abi {

namespace {

/// Reads one options object, collecting every problem before refusing.
class options_reader {
public:
  using handler = std::function<void(const nlohmann::json&)>;

  explicit options_reader(const char* text) {
    if (text == nullptr || *text == '\0') return;
    try {
      document_ = nlohmann::json::parse(text);
    } catch (const nlohmann::json::parse_error& e) {
      refuse_argument("options", "", std::string("is not JSON: ") + e.what());
    } catch (const nlohmann::json::exception&) {
      refuse_argument("options", "", "holds a number out of range");
    }
    if (!document_.is_object()) refuse_argument("options", "", "must be a JSON object");
  }

  /// Read every key with its handler; unknown keys are problems.
  void read(const std::map<std::string, handler>& handlers) {
    for (const auto& [key, value] : document_.items()) {
      const auto it = handlers.find(key);
      if (it == handlers.end()) {
        std::string known;
        for (const auto& [name, unused] : handlers) known += (known.empty() ? "" : ", ") + name;
        report(key, "is not an option (options: " + known + ")");
        continue;
      }
      try {
        it->second(value);
      } catch (const validation_error& invalid) {
        for (const auto& p : invalid.problems()) report(p.field, p.message);
      }
    }
    if (!found_.empty()) throw failure(SLMATCH_INVALID_ARGUMENT, std::move(found_));
  }

  void report(const std::string& field, const std::string& message) {
    found_.push_back({"options", field, message});
  }

  /// An integer in [low, high], or a problem naming the field.
  std::optional<int> integer(const std::string& field, const nlohmann::json& value, int low,
                             int high) {
    // Unsigned first: a number above INT64_MAX would wrap as a signed one.
    if (value.is_number_unsigned()) {
      const auto number = value.get<std::uint64_t>();
      if (number <= static_cast<std::uint64_t>(high) && static_cast<std::int64_t>(number) >= low)
        return static_cast<int>(number);
    } else if (value.is_number_integer()) {
      const auto number = value.get<std::int64_t>();
      if (number >= low && number <= high) return static_cast<int>(number);
    }
    report(field,
           "must be a whole number from " + std::to_string(low) + " to " + std::to_string(high));
    return std::nullopt;
  }

  /// A finite number above 0, or a problem naming the field.
  std::optional<double> positive(const std::string& field, const nlohmann::json& value) {
    if (value.is_number() && std::isfinite(value.get<double>()) && value.get<double>() > 0)
      return value.get<double>();
    report(field, "must be a finite number above 0");
    return std::nullopt;
  }

  /// A string, or a problem naming the field.
  std::optional<std::string> text(const std::string& field, const nlohmann::json& value) {
    if (value.is_string()) return value.get<std::string>();
    report(field, "must be a string");
    return std::nullopt;
  }

private:
  nlohmann::json document_ = nlohmann::json::object();
  std::vector<problem> found_;
};

} // namespace

match_request match_request_from(const char* text) {
  options_reader reader(text);
  match_request request;
  reader.read({
      {"objective",
       [&](const nlohmann::json& value) {
         if (auto name = reader.text("objective", value))
           request.options.goal = parse_name<objective>(*name, "options", "objective");
       }},
      {"shortlist_size",
       [&](const nlohmann::json& value) {
         if (auto size = reader.integer("shortlist_size", value, 0, 1000))
           request.options.shortlist_size = *size;
       }},
      {"threads",
       [&](const nlohmann::json& value) {
         if (auto threads = reader.integer("threads", value, 1, 256))
           request.options.threads = *threads;
       }},
      {"travel_limit_km",
       [&](const nlohmann::json& value) {
         request.travel_limit_km = reader.positive("travel_limit_km", value);
       }},
      {"household_cap",
       [&](const nlohmann::json& value) {
         request.household_cap = reader.integer("household_cap", value, 1, 3);
       }},
  });
  return request;
}

audit_options audit_options_from(const char* text) {
  options_reader reader(text);
  audit_options options;
  reader.read({
      {"as_of",
       [&](const nlohmann::json& value) {
         const auto given = reader.text("as_of", value);
         if (!given) return;
         options.as_of = date::parse(*given);
         if (!options.as_of || !options.as_of->valid())
           reader.report("as_of", "must be a real date YYYY-MM-DD from 1900-01-01 to 9999-12-31");
       }},
      {"area_km",
       [&](const nlohmann::json& value) {
         if (auto km = reader.positive("area_km", value)) options.area_cell_km = *km;
       }},
  });
  return options;
}

stable_request stable_request_from(const char* text) {
  options_reader reader(text);
  stable_request request;
  reader.read({
      {"proposing",
       [&](const nlohmann::json& value) {
         if (auto name = reader.text("proposing", value))
           request.side = parse_name<proposing_side>(*name, "options", "proposing");
       }},
      {"threads",
       [&](const nlohmann::json& value) {
         if (auto threads = reader.integer("threads", value, 1, 256))
           request.views.threads = *threads;
       }},
      {"household_weights",
       [&](const nlohmann::json& value) {
         if (!value.is_object()) {
           reader.report("household_weights", "must be an object of factor names and weights");
           return;
         }
         for (const auto& [name, weight] : value.items()) {
           const std::string field = "household_weights." + name;
           const auto f = parse<factor>(name);
           if (!f)
             reader.report(field, "unknown factor");
           else if (!weight.is_number())
             reader.report(field, "must be a number");
           else
             request.views.household_weights[static_cast<std::size_t>(*f)] = weight.get<double>();
         }
         check_household_weights(request.views.household_weights);
       }},
  });
  return request;
}

} // namespace slmatch::c_abi
