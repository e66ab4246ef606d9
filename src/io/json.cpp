// Scheme files: reading JSON into a validated scheme (collecting every problem) and
// writing a scheme back as JSON with a fixed key order.

#include "slmatch/io/json.hpp"

#include "slmatch/io/atomic_file.hpp"

#include "slmatch/error.hpp"
#include "slmatch/model/validate.hpp"

#include <algorithm>
#include <cmath>
#include <cstdint>
#include <fstream>
#include <limits>
#include <map>
#include <optional>
#include <sstream>
#include <string>
#include <type_traits>
#include <utility>
#include <vector>

namespace slmatch {
namespace {

using json = nlohmann::json;

/// Text in double quotes with JSON escapes, for naming keys and vocabulary names.
std::string in_quotes(std::string_view text) {
  return json(std::string(text)).dump(-1, ' ', false, json::error_handler_t::replace);
}

/// "a string", "an object", "null": what a JSON value is, for type errors.
std::string kind_of(const json& value) {
  switch (value.type()) {
  case json::value_t::null:
    return "null";
  case json::value_t::boolean:
    return "a boolean";
  case json::value_t::number_integer:
  case json::value_t::number_unsigned:
  case json::value_t::number_float:
    return "a number";
  case json::value_t::string:
    return "a string";
  case json::value_t::array:
    return "an array";
  case json::value_t::object:
    return "an object";
  default:
    return "an unsupported value";
  }
}

std::string indexed(const std::string& field, std::size_t i) {
  return field + "[" + std::to_string(i) + "]";
}

/// Reads a scheme document into the model, recording every structural problem (types,
/// missing and unknown fields, vocabulary names, dates) instead of stopping at the first.
class scheme_reader {
public:
  scheme read(const json& document);

  std::vector<problem> problems;
  /// Record names in the order they were read, to put domain problems in input order.
  std::vector<std::string> record_order;
  /// False when the scheme's as_of date could not be read.
  bool as_of_read = false;

private:
  /// The fields of one JSON object: reads the known ones, then reports the rest.
  class object_fields {
  public:
    object_fields(scheme_reader& reader, const json& object, std::string prefix)
        : reader_(reader), object_(object), prefix_(std::move(prefix)), record_(reader.record_) {}

    std::string path(std::string_view key) const {
      return prefix_.empty() ? std::string(key) : prefix_ + "." + std::string(key);
    }

    /// The value under `key`; null when absent (reported when required) or, for an
    /// optional field, when it is JSON null.
    const json* find(std::string_view key, bool required) {
      known_.emplace_back(key);
      const auto it = object_.find(std::string(key));
      if (it == object_.end()) {
        if (required) reader_.fail_in(record_, path(key), "missing required field");
        return nullptr;
      }
      if (!required && it->is_null()) return nullptr;
      return &*it;
    }

    /// Read a required field; true when it was present and valid.
    template <class T> bool required(std::string_view key, T& out) {
      const json* value = find(key, true);
      return value != nullptr && reader_.read(*value, path(key), out);
    }

    /// Read an optional field (absent or null keeps `out`); true when present and valid.
    template <class T> bool optional(std::string_view key, T& out) {
      const json* value = find(key, false);
      return value != nullptr && reader_.read(*value, path(key), out);
    }

    /// Read an optional free-text field, which may be longer than other strings.
    bool optional_text(std::string_view key, std::string& out) {
      reader_.string_limit_ = scheme_limits::text;
      const bool ok = optional(key, out);
      reader_.string_limit_ = scheme_limits::string;
      return ok;
    }

    /// Report every key that is not part of the format.
    void done() {
      for (auto it = object_.begin(); it != object_.end(); ++it)
        if (std::find(known_.begin(), known_.end(), it.key()) == known_.end())
          reader_.fail_in(record_, path(it.key()), "unknown field " + in_quotes(it.key()));
    }

  private:
    scheme_reader& reader_;
    const json& object_;
    std::string prefix_;
    std::string record_;
    std::vector<std::string> known_;
  };

  void fail_in(const std::string& record, const std::string& field, std::string message) {
    problems.push_back(problem{record, field, std::move(message)});
  }
  void fail(const std::string& field, std::string message) {
    fail_in(record_, field, std::move(message));
  }
  bool type_error(const json& value, const std::string& field, const std::string& expected) {
    fail(field, "expected " + expected + ", got " + kind_of(value));
    return false;
  }

  /// False (with a problem) when a list holds more entries than `limit`; it is not read.
  bool within_limit(const json& list, const std::string& field, std::size_t limit) {
    if (list.size() <= limit) return true;
    fail(field, "too many entries: " + std::to_string(list.size()) + " (at most " +
                    std::to_string(limit) + ")");
    return false;
  }

  // Scalars ---------------------------------------------------------------------------

  bool read(const json& value, const std::string& field, std::string& out) {
    if (!value.is_string()) return type_error(value, field, "a string");
    const auto& text = value.get_ref<const std::string&>();
    if (text.size() > string_limit_) { // the text itself is not repeated: it may be personal
      fail(field, "too long: " + std::to_string(text.size()) + " bytes (at most " +
                      std::to_string(string_limit_) + ")");
      return false;
    }
    out = text;
    return true;
  }

  bool read(const json& value, const std::string& field, bool& out) {
    if (!value.is_boolean()) return type_error(value, field, "a boolean");
    out = value.get<bool>();
    return true;
  }

  bool read(const json& value, const std::string& field, int& out) {
    constexpr auto low = std::numeric_limits<int>::min();
    constexpr auto high = std::numeric_limits<int>::max();
    if (value.is_number_unsigned()) {
      const auto number = value.get<std::uint64_t>();
      if (number > static_cast<std::uint64_t>(high)) {
        fail(field, "number out of range");
        return false;
      }
      out = static_cast<int>(number);
      return true;
    }
    if (value.is_number_integer()) {
      const auto number = value.get<std::int64_t>();
      if (number < low || number > high) {
        fail(field, "number out of range");
        return false;
      }
      out = static_cast<int>(number);
      return true;
    }
    if (value.is_number_float()) {
      const double number = value.get<double>();
      if (number != std::floor(number)) {
        fail(field, "expected a whole number, got a fraction");
        return false;
      }
      if (number < low || number > high) {
        fail(field, "number out of range");
        return false;
      }
      out = static_cast<int>(number);
      return true;
    }
    return type_error(value, field, "a whole number");
  }

  bool read(const json& value, const std::string& field, double& out) {
    if (!value.is_number()) return type_error(value, field, "a number");
    out = value.get<double>();
    return true;
  }

  bool read(const json& value, const std::string& field, date& out) {
    if (!value.is_string()) return type_error(value, field, "a date string");
    // The text is not repeated: dates of birth are personal.
    const auto parsed = date::parse(value.get_ref<const std::string&>());
    if (!parsed) {
      fail(field, "not a valid date (expected YYYY-MM-DD)");
      return false;
    }
    out = *parsed;
    return true;
  }

  template <class E, std::enable_if_t<std::is_enum_v<E>, int> = 0>
  bool read(const json& value, const std::string& field, E& out) {
    if (!value.is_string())
      return type_error(value, field, "a " + std::string(vocabulary<E>::title) + " name");
    const auto& name = value.get_ref<const std::string&>();
    const auto parsed = parse<E>(name);
    if (!parsed) {
      fail(field, "unknown " + std::string(vocabulary<E>::title) + " " + in_quotes(name));
      return false;
    }
    out = *parsed;
    return true;
  }

  // Containers ------------------------------------------------------------------------

  template <class E> bool read(const json& value, const std::string& field, tag_set<E>& out) {
    if (!value.is_array()) return type_error(value, field, "an array");
    if (!within_limit(value, field, scheme_limits::list)) return false;
    bool all = true;
    for (std::size_t i = 0; i < value.size(); ++i) {
      E item{};
      if (read(value[i], indexed(field, i), item))
        out.insert(item);
      else
        all = false;
    }
    return all;
  }

  /// Every element is kept (default when unreadable) so positions match the file.
  template <class T> bool read(const json& value, const std::string& field, std::vector<T>& out) {
    if (!value.is_array()) return type_error(value, field, "an array");
    if (!within_limit(value, field, list_limit_)) return false;
    bool all = true;
    for (std::size_t i = 0; i < value.size(); ++i) {
      T item{};
      all = read(value[i], indexed(field, i), item) && all;
      out.push_back(std::move(item));
    }
    return all;
  }

  template <class T> bool read(const json& value, const std::string& field, std::optional<T>& out) {
    T item{};
    if (!read(value, field, item)) return false;
    out = std::move(item);
    return true;
  }

  /// A person's own weights: factor name -> number.
  bool read(const json& value, const std::string& field, std::map<factor, double>& out) {
    return read_weights(value, field, [&](factor f, double w) { out[f] = w; });
  }

  /// Scheme weights: factors left out keep their current (default) weight.
  bool read(const json& value, const std::string& field, factor_weights& out) {
    return read_weights(value, field,
                        [&](factor f, double w) { out[static_cast<std::size_t>(f)] = w; });
  }

  template <class Store>
  bool read_weights(const json& value, const std::string& field, Store store) {
    if (!value.is_object()) return type_error(value, field, "an object");
    bool all = true;
    for (auto it = value.begin(); it != value.end(); ++it) {
      const std::string path = field + "." + it.key();
      const auto f = parse<factor>(it.key());
      double weight = 0;
      if (!f) {
        fail(path, "unknown factor " + in_quotes(it.key()));
        all = false;
      } else if (read(it.value(), path, weight)) {
        store(*f, weight);
      } else {
        all = false;
      }
    }
    return all;
  }

  // Small objects ---------------------------------------------------------------------

  bool read(const json& value, const std::string& field, geo_point& out) {
    if (!value.is_object()) return type_error(value, field, "an object");
    object_fields f(*this, value, field);
    bool ok = f.required("lat", out.lat);
    ok = f.required("lon", out.lon) && ok;
    f.done();
    return ok;
  }

  bool read(const json& value, const std::string& field, lifestyle& out) {
    if (!value.is_object()) return type_error(value, field, "an object");
    object_fields f(*this, value, field);
    bool ok = f.required("activity", out.activity);
    ok = f.required("setting", out.setting) && ok;
    ok = f.required("routine", out.routine) && ok;
    f.done();
    return ok;
  }

  bool read(const json& value, const std::string& field, anchor& out) {
    if (!value.is_object()) return type_error(value, field, "an object");
    object_fields f(*this, value, field);
    bool ok = f.required("kind", out.kind);
    ok = f.required("lat", out.where.lat) && ok;
    ok = f.required("lon", out.where.lon) && ok;
    f.done();
    return ok;
  }

  bool read(const json& value, const std::string& field, household_adult& out) {
    if (!value.is_object()) return type_error(value, field, "an object");
    object_fields f(*this, value, field);
    bool ok = f.required("gender", out.gender_identity);
    ok = f.required("age", out.age) && ok;
    f.optional("main_carer", out.main_carer);
    f.optional("smoker", out.smoker);
    f.done();
    return ok;
  }

  bool read(const json& value, const std::string& field, carer_preferences& out) {
    if (!value.is_object()) return type_error(value, field, "an object");
    object_fields f(*this, value, field);
    f.optional("needs", out.needs);
    f.optional("min_age", out.min_age);
    f.optional("max_age", out.max_age);
    f.optional("gender", out.gender_identity);
    f.done();
    return true;
  }

  bool read(const json& value, const std::string& field, excluded_pair& out) {
    if (!value.is_object()) return type_error(value, field, "an object");
    object_fields f(*this, value, field);
    bool ok = f.required("person", out.person_id);
    ok = f.required("household", out.household_id) && ok;
    f.done();
    return ok;
  }

  // Records ---------------------------------------------------------------------------

  /// The id of a record, when it is there, a string and not too long (read again, with
  /// errors, later); otherwise the record is named by its position.
  static std::string peek_id(const json& value) {
    if (value.is_object()) {
      const auto it = value.find("id");
      if (it != value.end() && it->is_string() &&
          it->get_ref<const std::string&>().size() <= scheme_limits::string)
        return it->get<std::string>();
    }
    return {};
  }

  void enter(std::string record) {
    record_ = std::move(record);
    record_order.push_back(record_);
  }

  void read_policy(const json& value, policy& out) {
    enter("policy");
    if (!value.is_object()) {
      type_error(value, "", "an object");
      return;
    }
    object_fields f(*this, value, "");
    as_of_read = f.required("as_of", out.as_of);
    f.optional("household_cap", out.household_cap);
    f.optional("travel_limit_km", out.travel_limit_km);
    f.optional("weights", out.weights);
    list_limit_ = scheme_limits::excluded_pairs;
    f.optional("excluded_pairs", out.excluded_pairs);
    list_limit_ = scheme_limits::list;
    f.done();
  }

  void read_person(const json& value, std::size_t index, person& p) {
    p.id = peek_id(value);
    enter(person_record(p, index));
    if (!value.is_object()) {
      type_error(value, "", "an object");
      return;
    }
    object_fields f(*this, value, "");
    f.required("id", p.id);
    f.optional_text("name", p.name);
    f.required("date_of_birth", p.date_of_birth);
    f.required("gender", p.gender_identity);
    f.optional_text("notes", p.notes);
    f.required("needs", p.needs);
    f.required("support_level", p.support);
    f.required("arrangement", p.arrangement);
    f.optional("access_needs", p.access_needs);
    f.optional("specialist_needs", p.specialist_needs);
    f.required("location", p.location);
    f.optional("travel_limit_km", p.travel_limit_km);
    f.optional("must_not", p.must_not);
    f.optional("required_carer_gender", p.required_carer_gender);
    f.optional("preferred_carer_gender", p.preferred_carer_gender);
    f.optional("smoker", p.smoker);
    f.optional("risk_flags", p.risk_flags);
    f.optional("declined_households", p.declined_households);
    f.optional("conflicts_with", p.conflicts_with);
    f.required("waiting_since", p.waiting_since);
    f.optional("anchors", p.anchors);
    f.optional("interests", p.interests);
    f.optional("languages", p.languages);
    f.optional("faith", p.faith);
    f.optional("cultures", p.cultures);
    f.optional("diets", p.diets);
    f.optional("lifestyle", p.way_of_life);
    f.optional("pets", p.pets);
    f.optional("children", p.children);
    f.optional("known_households", p.known_households);
    f.optional("ethnicity", p.ethnicity);
    f.required("consent", p.consent);
    f.optional("weights", p.weights);
    f.done();
  }

  void read_resident(const json& value, const household& h, std::size_t household_index,
                     std::size_t index, resident& r) {
    r.id = peek_id(value);
    enter(resident_record(h, household_index, r, index));
    if (!value.is_object()) {
      type_error(value, "", "an object");
      return;
    }
    object_fields f(*this, value, "");
    f.required("id", r.id);
    f.required("age", r.age);
    f.required("gender", r.gender_identity);
    f.optional("needs", r.needs);
    f.optional("lifestyle", r.way_of_life);
    f.optional("interests", r.interests);
    f.optional("conflicts_with", r.conflicts_with);
    f.done();
  }

  void read_household(const json& value, std::size_t index, household& h) {
    h.id = peek_id(value);
    const std::string record = household_record(h, index);
    enter(record);
    if (!value.is_object()) {
      type_error(value, "", "an object");
      return;
    }
    object_fields f(*this, value, "");
    f.required("id", h.id);
    f.optional_text("name", h.name);
    f.required("approved_needs", h.approved_needs);
    f.required("max_support_level", h.max_support);
    f.optional("skills", h.skills);
    f.required("arrangements", h.arrangements);
    f.required("active", h.active);
    f.required("approval_expires", h.approval_expires);
    f.required("places", h.places);
    f.required("free_bedrooms", h.free_bedrooms);
    f.optional("features", h.features);
    f.required("location", h.location);
    f.required("adults", h.adults);
    f.optional("children_ages", h.children_ages);
    f.optional("pets", h.pets);
    if (const json* residents = f.find("residents", false)) {
      if (!residents->is_array()) {
        type_error(*residents, "residents", "an array");
      } else if (within_limit(*residents, "residents", scheme_limits::list)) {
        for (std::size_t j = 0; j < residents->size(); ++j) {
          h.residents.emplace_back();
          read_resident((*residents)[j], h, index, j, h.residents.back());
        }
        record_ = record;
      }
    }
    f.optional("interests", h.interests);
    f.optional("languages", h.languages);
    f.optional("faiths", h.faiths);
    f.optional("cultures", h.cultures);
    f.optional("diets", h.diets);
    f.optional("lifestyle", h.way_of_life);
    f.optional("years_caring", h.years_caring);
    f.optional("experienced_with", h.experienced_with);
    f.optional("will_not_support", h.will_not_support);
    f.optional("preferences", h.preferences);
    f.optional("declined_people", h.declined_people);
    f.done();
  }

  template <class Record, class ReadOne>
  void read_list(const json* list, const char* field, std::size_t limit, std::vector<Record>& out,
                 ReadOne read_one) {
    if (list == nullptr) return;
    if (!list->is_array()) {
      type_error(*list, field, "an array");
      return;
    }
    if (!within_limit(*list, field, limit)) return;
    for (std::size_t i = 0; i < list->size(); ++i) {
      out.emplace_back();
      read_one((*list)[i], i, out.back());
    }
    record_ = "scheme";
  }

  std::string record_;
  std::size_t string_limit_ = scheme_limits::string;
  std::size_t list_limit_ = scheme_limits::list;
};

scheme scheme_reader::read(const json& document) {
  scheme s;
  enter("scheme");
  if (!document.is_object()) {
    type_error(document, "", "an object");
    return s;
  }
  object_fields f(*this, document, "");
  std::string format;
  if (f.optional("format", format) && format != scheme_format_name)
    fail("format", "must be " + in_quotes(scheme_format_name));
  int version = scheme_format_version;
  if (f.optional("version", version) && version != scheme_format_version)
    fail("version", "unsupported version " + std::to_string(version) +
                        " (this library reads version " + std::to_string(scheme_format_version) +
                        ")");
  f.required("id", s.id);
  f.optional_text("name", s.name);
  if (const json* policy = f.find("policy", true)) {
    read_policy(*policy, s.policy);
    record_ = "scheme";
  }
  read_list(f.find("people", true), "people", scheme_limits::people, s.people,
            [&](const json& v, std::size_t i, person& p) { read_person(v, i, p); });
  read_list(f.find("households", true), "households", scheme_limits::households, s.households,
            [&](const json& v, std::size_t i, household& h) { read_household(v, i, h); });
  f.done();
  return s;
}

/// True when `field` is `prefix` or lies inside it ("location.lat" inside "location").
bool within(const std::string& field, const std::string& prefix) {
  if (prefix.empty() || field == prefix) return true;
  return field.size() > prefix.size() && field.compare(0, prefix.size(), prefix) == 0 &&
         (field[prefix.size()] == '.' || field[prefix.size()] == '[');
}

/// The structural problems and the domain problems, in input order record by record
/// (structural first within a record). A domain problem is left out when its field
/// already has a structural problem, or holds or lies inside one: an unknown name in
/// "needs[0]" leaves "needs" empty, which needs no second report.
std::vector<problem> merge_problems(const scheme_reader& reader, std::vector<problem> domain) {
  std::map<std::string, std::vector<std::string>> broken_fields; // record -> fields
  for (const auto& p : reader.problems) broken_fields[p.record].push_back(p.field);
  std::vector<problem> all = reader.problems;
  for (auto& p : domain) {
    const auto broken = broken_fields.find(p.record);
    const bool explained =
        broken != broken_fields.end() &&
        std::any_of(broken->second.begin(), broken->second.end(),
                    [&](const std::string& f) { return within(p.field, f) || within(f, p.field); });
    if (!explained) all.push_back(std::move(p));
  }
  std::map<std::string, std::size_t> rank;
  for (std::size_t i = 0; i < reader.record_order.size(); ++i)
    rank.emplace(reader.record_order[i], i);
  const auto rank_of = [&](const problem& p) {
    const auto it = rank.find(p.record);
    return it == rank.end() ? rank.size() : it->second;
  };
  std::stable_sort(all.begin(), all.end(),
                   [&](const problem& a, const problem& b) { return rank_of(a) < rank_of(b); });
  return all;
}

/// Line and column (both from 1) of the byte at `offset` (from 0) in `text`.
std::pair<std::size_t, std::size_t> line_and_column(std::string_view text, std::size_t offset) {
  offset = std::min(offset, text.size());
  std::size_t line = 1;
  std::size_t line_start = 0;
  for (std::size_t i = 0; i < offset; ++i)
    if (text[i] == '\n') {
      ++line;
      line_start = i + 1;
    }
  return {line, offset - line_start + 1};
}

/// What nlohmann's parser found wrong, without its position (we compute our own) and
/// without the text it last read (which may be personal data).
std::string parse_reason(const std::string& what) {
  std::string reason = what;
  const auto column = reason.find("column ");
  if (column != std::string::npos) {
    const auto colon = reason.find(": ", column);
    if (colon != std::string::npos) reason = reason.substr(colon + 2);
  }
  const auto last_read = reason.find("; last read");
  if (last_read != std::string::npos) reason.resize(last_read);
  return reason;
}

/// The first place where arrays and objects nest deeper than `scheme_limits::depth`, as a
/// problem; found by one pass over the text before anything is parsed.
std::optional<problem> nesting_problem(std::string_view text) {
  std::size_t depth = 0;
  bool in_string = false;
  for (std::size_t i = 0; i < text.size(); ++i) {
    const char c = text[i];
    if (in_string) {
      if (c == '\\')
        ++i;
      else if (c == '"')
        in_string = false;
    } else if (c == '"') {
      in_string = true;
    } else if (c == '[' || c == '{') {
      if (++depth > scheme_limits::depth) {
        const auto [line, column] = line_and_column(text, i);
        return problem{"file", "",
                       "nested deeper than " + std::to_string(scheme_limits::depth) +
                           " levels at line " + std::to_string(line) + ", column " +
                           std::to_string(column)};
      }
    } else if ((c == ']' || c == '}') && depth > 0) {
      --depth;
    }
  }
  return std::nullopt;
}

/// Finds where a parse fails, for errors whose exception does not say (numbers too large
/// for a double); it keeps nothing else.
class failure_position final : public nlohmann::json_sax<json> {
public:
  std::size_t byte = 0;

  bool null() override { return true; }
  bool boolean(bool) override { return true; }
  bool number_integer(number_integer_t) override { return true; }
  bool number_unsigned(number_unsigned_t) override { return true; }
  bool number_float(number_float_t, const string_t&) override { return true; }
  bool string(string_t&) override { return true; }
  bool binary(binary_t&) override { return true; }
  bool start_object(std::size_t) override { return true; }
  bool key(string_t&) override { return true; }
  bool end_object() override { return true; }
  bool start_array(std::size_t) override { return true; }
  bool end_array() override { return true; }
  bool parse_error(std::size_t position, const std::string&, const json::exception&) override {
    byte = position;
    return false;
  }
};

/// The problem of malformed JSON: where (line and column of the byte at `byte`, from 1)
/// and why.
problem malformed(std::string_view text, std::size_t byte, const std::string& reason) {
  const auto [line, column] = line_and_column(text, byte == 0 ? 0 : byte - 1);
  return problem{"file", "",
                 "malformed JSON at line " + std::to_string(line) + ", column " +
                     std::to_string(column) + ": " + reason};
}

/// The problem of a file too large to read.
problem too_large(std::size_t bytes) {
  return problem{"file", "",
                 "too large: " + std::to_string(bytes) + " bytes (at most " +
                     std::to_string(scheme_limits::file_bytes) + ")"};
}

// Writing ---------------------------------------------------------------------------

template <class J, class E> J names_of(tag_set<E> set) {
  J out = J::array();
  for (E value : set.values()) out.push_back(std::string(to_string(value)));
  return out;
}

template <class J> J strings_of(const std::vector<std::string>& values) {
  J out = J::array();
  for (const auto& v : values) out.push_back(v);
  return out;
}

template <class J> J point_of(const geo_point& where) {
  J out = J::object();
  out["lat"] = where.lat;
  out["lon"] = where.lon;
  return out;
}

template <class J> J lifestyle_of(const lifestyle& l) {
  J out = J::object();
  out["activity"] = l.activity;
  out["setting"] = l.setting;
  out["routine"] = l.routine;
  return out;
}

template <class J> J person_of(const person& p) {
  J out = J::object();
  out["id"] = p.id;
  out["name"] = p.name;
  out["date_of_birth"] = p.date_of_birth.to_string();
  out["gender"] = std::string(to_string(p.gender_identity));
  out["notes"] = p.notes;
  out["needs"] = names_of<J>(p.needs);
  out["support_level"] = std::string(to_string(p.support));
  out["arrangement"] = std::string(to_string(p.arrangement));
  out["access_needs"] = names_of<J>(p.access_needs);
  out["specialist_needs"] = names_of<J>(p.specialist_needs);
  out["location"] = point_of<J>(p.location);
  if (p.travel_limit_km) out["travel_limit_km"] = *p.travel_limit_km;
  out["must_not"] = names_of<J>(p.must_not);
  if (p.required_carer_gender)
    out["required_carer_gender"] = std::string(to_string(*p.required_carer_gender));
  if (p.preferred_carer_gender)
    out["preferred_carer_gender"] = std::string(to_string(*p.preferred_carer_gender));
  out["smoker"] = p.smoker;
  out["risk_flags"] = names_of<J>(p.risk_flags);
  out["declined_households"] = strings_of<J>(p.declined_households);
  out["conflicts_with"] = strings_of<J>(p.conflicts_with);
  out["waiting_since"] = p.waiting_since.to_string();
  J anchors = J::array();
  for (const auto& a : p.anchors) {
    J item = J::object();
    item["kind"] = std::string(to_string(a.kind));
    item["lat"] = a.where.lat;
    item["lon"] = a.where.lon;
    anchors.push_back(std::move(item));
  }
  out["anchors"] = std::move(anchors);
  out["interests"] = strings_of<J>(p.interests);
  out["languages"] = strings_of<J>(p.languages);
  if (p.faith) out["faith"] = *p.faith;
  out["cultures"] = strings_of<J>(p.cultures);
  out["diets"] = names_of<J>(p.diets);
  if (p.way_of_life) out["lifestyle"] = lifestyle_of<J>(*p.way_of_life);
  out["pets"] = std::string(to_string(p.pets));
  out["children"] = std::string(to_string(p.children));
  out["known_households"] = strings_of<J>(p.known_households);
  if (p.ethnicity) out["ethnicity"] = *p.ethnicity;
  out["consent"] = names_of<J>(p.consent);
  J weights = J::object();
  for (const auto& [f, w] : p.weights) weights[std::string(to_string(f))] = w;
  out["weights"] = std::move(weights);
  return out;
}

template <class J> J resident_of(const resident& r) {
  J out = J::object();
  out["id"] = r.id;
  out["age"] = r.age;
  out["gender"] = std::string(to_string(r.gender_identity));
  out["needs"] = names_of<J>(r.needs);
  if (r.way_of_life) out["lifestyle"] = lifestyle_of<J>(*r.way_of_life);
  out["interests"] = strings_of<J>(r.interests);
  out["conflicts_with"] = strings_of<J>(r.conflicts_with);
  return out;
}

template <class J> J household_of(const household& h) {
  J out = J::object();
  out["id"] = h.id;
  out["name"] = h.name;
  out["approved_needs"] = names_of<J>(h.approved_needs);
  out["max_support_level"] = std::string(to_string(h.max_support));
  out["skills"] = names_of<J>(h.skills);
  out["arrangements"] = names_of<J>(h.arrangements);
  out["active"] = h.active;
  out["approval_expires"] = h.approval_expires.to_string();
  out["places"] = h.places;
  out["free_bedrooms"] = h.free_bedrooms;
  out["features"] = names_of<J>(h.features);
  out["location"] = point_of<J>(h.location);
  J adults = J::array();
  for (const auto& a : h.adults) {
    J item = J::object();
    item["gender"] = std::string(to_string(a.gender_identity));
    item["age"] = a.age;
    item["main_carer"] = a.main_carer;
    item["smoker"] = a.smoker;
    adults.push_back(std::move(item));
  }
  out["adults"] = std::move(adults);
  J children = J::array();
  for (int age : h.children_ages) children.push_back(age);
  out["children_ages"] = std::move(children);
  out["pets"] = h.pets;
  J residents = J::array();
  for (const auto& r : h.residents) residents.push_back(resident_of<J>(r));
  out["residents"] = std::move(residents);
  out["interests"] = strings_of<J>(h.interests);
  out["languages"] = strings_of<J>(h.languages);
  out["faiths"] = strings_of<J>(h.faiths);
  out["cultures"] = strings_of<J>(h.cultures);
  out["diets"] = names_of<J>(h.diets);
  out["lifestyle"] = lifestyle_of<J>(h.way_of_life);
  out["years_caring"] = h.years_caring;
  out["experienced_with"] = names_of<J>(h.experienced_with);
  out["will_not_support"] = names_of<J>(h.will_not_support);
  J preferences = J::object();
  preferences["needs"] = names_of<J>(h.preferences.needs);
  if (h.preferences.min_age) preferences["min_age"] = *h.preferences.min_age;
  if (h.preferences.max_age) preferences["max_age"] = *h.preferences.max_age;
  if (h.preferences.gender_identity)
    preferences["gender"] = std::string(to_string(*h.preferences.gender_identity));
  out["preferences"] = std::move(preferences);
  out["declined_people"] = strings_of<J>(h.declined_people);
  return out;
}

template <class J> J document_of(const scheme& s) {
  J out = J::object();
  out["format"] = std::string(scheme_format_name);
  out["version"] = scheme_format_version;
  out["id"] = s.id;
  out["name"] = s.name;
  J policy = J::object();
  policy["as_of"] = s.policy.as_of.to_string();
  policy["household_cap"] = s.policy.household_cap;
  policy["travel_limit_km"] = s.policy.travel_limit_km;
  J weights = J::object();
  for (factor f : all_values<factor>())
    weights[std::string(to_string(f))] = s.policy.weights[static_cast<std::size_t>(f)];
  policy["weights"] = std::move(weights);
  J excluded = J::array();
  for (const auto& pair : s.policy.excluded_pairs) {
    J item = J::object();
    item["person"] = pair.person_id;
    item["household"] = pair.household_id;
    excluded.push_back(std::move(item));
  }
  policy["excluded_pairs"] = std::move(excluded);
  out["policy"] = std::move(policy);
  J people = J::array();
  for (const auto& p : s.people) people.push_back(person_of<J>(p));
  out["people"] = std::move(people);
  J households = J::array();
  for (const auto& h : s.households) households.push_back(household_of<J>(h));
  out["households"] = std::move(households);
  return out;
}

} // namespace

scheme scheme_from_json(const nlohmann::json& document) {
  scheme_reader reader;
  scheme s = reader.read(document);
  // An unreadable as_of must not make every date look "after" it.
  scheme checked_copy;
  const scheme* checked = &s;
  if (!reader.as_of_read) {
    checked_copy = s;
    checked_copy.policy.as_of = date{9999, 12, 31};
    checked = &checked_copy;
  }
  auto problems = merge_problems(reader, check_scheme(*checked));
  if (problems.size() > scheme_limits::problems) {
    const std::size_t more = problems.size() - scheme_limits::problems;
    problems.resize(scheme_limits::problems);
    problems.push_back({"file", "", std::to_string(more) + " more problems not listed"});
  }
  if (!problems.empty()) throw validation_error(std::move(problems));
  return s;
}

scheme parse_scheme(std::string_view json_text) {
  if (json_text.size() > scheme_limits::file_bytes)
    throw validation_error({too_large(json_text.size())});
  if (auto deep = nesting_problem(json_text)) throw validation_error({std::move(*deep)});
  json document;
  try {
    document = json::parse(json_text.begin(), json_text.end());
  } catch (const json::parse_error& e) {
    // `byte` counts from 1 and points at the last character read.
    throw validation_error({malformed(json_text, e.byte, parse_reason(e.what()))});
  } catch (const json::exception&) {
    // A number too large for a double; its message quotes the input, so it is not kept.
    failure_position where;
    json::sax_parse(json_text.begin(), json_text.end(), &where);
    throw validation_error({malformed(json_text, where.byte, "number out of range")});
  }
  return scheme_from_json(document);
}

scheme load_scheme(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  if (!in) throw validation_error({problem{"file", "", "cannot open " + in_quotes(path)}});
  in.seekg(0, std::ios::end);
  const auto size = static_cast<std::streamoff>(in.tellg());
  if (size > 0 && static_cast<std::size_t>(size) > scheme_limits::file_bytes)
    throw validation_error({too_large(static_cast<std::size_t>(size))});
  in.seekg(0, std::ios::beg);
  std::ostringstream text;
  text << in.rdbuf();
  if (in.bad()) throw validation_error({problem{"file", "", "cannot read " + in_quotes(path)}});
  return parse_scheme(text.str());
}

nlohmann::json scheme_to_json(const scheme& s) { return document_of<nlohmann::json>(s); }

std::string dump_scheme(const scheme& s, int indent) {
  return document_of<nlohmann::ordered_json>(s).dump(indent, ' ', false,
                                                     json::error_handler_t::replace);
}

void save_scheme(const scheme& s, const std::string& path) {
  write_file_atomically(path, dump_scheme(s) + "\n");
}

} // namespace slmatch
