// The slmatch command-line tool: validate a scheme file, match it, audit the plan for
// inequalities, explain a pair, say what would help people left without a household and
// whom to recruit, plan short breaks and day support, generate a synthetic scheme; the readable
// pages, person-held profiles, consent receipts, "what do you hold about me" and the service
// come from the Python package.
//
// Input is read, checked and matched before anything is written, so bad input never leaves
// partial output: errors go to standard error with a non-zero exit status. Files are
// replaced whole; match reports stream to them, or to standard output, a proposal at a time.

#include "slmatch/io/advice_json.hpp"
#include "slmatch/io/atomic_file.hpp"
#include "slmatch/io/audit_json.hpp"
#include "slmatch/io/calendar_ics.hpp"
#include "slmatch/io/calendar_json.hpp"
#include "slmatch/io/json.hpp"
#include "slmatch/io/report.hpp"
#include "slmatch/io/run_record_json.hpp"
#include "slmatch/record/run_record.hpp"
#include "slmatch/slmatch.hpp"
#include "slmatch/synthetic/generator.hpp"
#include "slmatch/version.hpp"

#include <CLI/CLI.hpp>

#include <unistd.h>

#include <chrono>
#include <filesystem>
#include <functional>
#include <iostream>
#include <map>
#include <optional>
#include <string>
#include <vector>

namespace {

constexpr int exit_invalid_input = 1;

// Stream to standard output, or replace the file at `path` whole.
void emit(const std::function<void(std::ostream&)>& write, const std::string& path) {
  if (!path.empty()) return slmatch::write_file_atomically(path, write);
  write(std::cout);
  std::cout.flush();
  if (!std::cout) throw slmatch::error("cannot write to standard output");
}

void emit(const std::string& text, const std::string& path) {
  emit([&text](std::ostream& out) { out << text; }, path);
}

// The Python interpreter of the environment this program is installed in: the one beside
// the program, or beside the path it was started as (a wheel's `bin/slmatch` is a launcher
// that starts the program from the package's folder, with argv[0] its own path), else
// python3 on PATH.
std::string environment_python(const char* started_as) {
  std::vector<std::filesystem::path> folders;
  std::error_code failed;
  const auto program = std::filesystem::read_symlink("/proc/self/exe", failed);
  if (!failed) folders.push_back(program.parent_path());
  const std::string as = started_as == nullptr ? "" : started_as;
  if (as.find('/') != std::string::npos) folders.push_back(std::filesystem::path(as).parent_path());
  for (const auto& folder : folders)
    for (const char* name : {"python3", "python"})
      if (::access((folder / name).c_str(), X_OK) == 0) return (folder / name).string();
  return "python3";
}

// `slmatch serve`, `report` and `transparency` live in the Python package: run
// `python -m <module>` with the environment's interpreter.
int run_python_module(const std::string& module, const std::vector<std::string>& arguments,
                      const char* install_hint, const char* started_as) {
  const std::string python = environment_python(started_as);
  std::vector<std::string> words{python, "-m", module};
  words.insert(words.end(), arguments.begin(), arguments.end());
  std::vector<char*> argv;
  for (auto& word : words) argv.push_back(word.data());
  argv.push_back(nullptr);
  ::execvp(argv[0], argv.data());
  std::cerr << "slmatch: cannot run " << module << " with " << python << " (install it with "
            << install_hint << ")\n";
  return 127;
}

double seconds_since(std::chrono::steady_clock::time_point start) {
  return std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
}

} // namespace

int main(int argc, char** argv) {
  CLI::App app{"slmatch: proposes matches between people needing support and Shared Lives "
               "carer households, and explains every proposal"};
  app.set_version_flag("--version", "slmatch " + std::string(slmatch::library_version));
  app.require_subcommand(1);
  std::string log_level = "warn";
  app.add_option("--log-level", log_level,
                 "trace, debug, info, warn, error, critical or off (logs hold ids and counts only)")
      ->capture_default_str();

  std::string file;
  auto* validate_cmd =
      app.add_subcommand("validate", "check a scheme file and report every problem");
  validate_cmd->add_option("FILE", file, "scheme file (JSON)")->required();

  std::string format = "table";
  std::string output;
  std::string objective(slmatch::to_string(slmatch::match_options{}.goal));
  const auto& objective_names = slmatch::vocabulary<slmatch::objective>::names;
  const std::string objective_help = slmatch::listed_names(objective_names, ", ", " or ");
  const std::vector<std::string> objective_choices(objective_names.begin(), objective_names.end());
  int top = 3;
  auto* match_cmd = app.add_subcommand("match", "propose a plan for the whole waiting list");
  match_cmd->add_option("FILE", file, "scheme file (JSON)")->required();
  match_cmd
      ->add_option("--format", format,
                   "table (for people), json (for programs) or jsonl (JSON Lines: a header "
                   "line, then one line per proposal)")
      ->check(CLI::IsMember({"table", "json", "jsonl"}))
      ->capture_default_str();
  match_cmd->add_option("--top", top, "households on each person's shortlist")
      ->check(CLI::Range(0, 1000))
      ->capture_default_str();
  match_cmd->add_option("--objective", objective, objective_help)
      ->check(CLI::IsMember(objective_choices))
      ->capture_default_str();
  int threads = 1;
  match_cmd
      ->add_option("--threads", threads, "scoring threads (the result is the same for any number)")
      ->check(CLI::Range(1, 256))
      ->capture_default_str();
  match_cmd->add_option("--output", output,
                        "write to this file (replaced whole) instead of standard output");
  std::string record_file;
  match_cmd->add_option("--record", record_file,
                        "also write the run record (hashes, configuration, data categories "
                        "used; no personal data) to this file (replaced whole)");

  std::string as_of;
  double area_km = slmatch::audit_options{}.area_cell_km;
  auto* audit_cmd = app.add_subcommand(
      "audit", "match the scheme, then show who is matched, how well and who waits, by group");
  audit_cmd->add_option("FILE", file, "scheme file (JSON)")->required();
  audit_cmd->add_option("--objective", objective, objective_help)
      ->check(CLI::IsMember(objective_choices))
      ->capture_default_str();
  audit_cmd->add_option("--as-of", as_of,
                        "count waits and ages to this date (YYYY-MM-DD); default: the scheme's");
  audit_cmd->add_option("--area-km", area_km, "side of the map grid squares that define areas")
      ->check(CLI::PositiveNumber)
      ->capture_default_str();
  audit_cmd->add_option("--format", format, "table (for people) or json (for programs)")
      ->check(CLI::IsMember({"table", "json"}))
      ->capture_default_str();
  audit_cmd->add_option("--output", output,
                        "write to this file (replaced whole) instead of standard output");

  std::string person_id;
  std::string household_id;
  auto* explain_cmd = app.add_subcommand(
      "explain", "explain one person-household pair, rule by rule and factor by factor");
  explain_cmd->add_option("FILE", file, "scheme file (JSON)")->required();
  explain_cmd->add_option("--person", person_id, "person id")->required();
  explain_cmd->add_option("--household", household_id, "household id")->required();
  std::string other_id;
  explain_cmd->add_option("--versus", other_id,
                          "another household: why it ranks below --household for this person");
  explain_cmd->add_option("--format", format, "table or json")
      ->check(CLI::IsMember({"table", "json"}))
      ->capture_default_str();

  std::vector<std::string> help_people;
  slmatch::help_options help;
  auto* help_cmd = app.add_subcommand(
      "help-options", "for people left without a household, the smallest changes that would "
                      "give them one, each checked by matching the edited scheme again");
  help_cmd->add_option("FILE", file, "scheme file (JSON)")->required();
  help_cmd->add_option("--person", help_people,
                       "only these people (ids); default: everyone "
                       "the plan leaves without a household");
  help_cmd->add_option("--objective", objective, objective_help)
      ->check(CLI::IsMember(objective_choices))
      ->capture_default_str();
  help_cmd->add_option("--max-options", help.max_options, "changes to report per person")
      ->check(CLI::Range(0, 100))
      ->capture_default_str();
  help_cmd->add_option("--max-checks", help.max_checks, "changes to check per person")
      ->check(CLI::Range(0, 1000))
      ->capture_default_str();
  help_cmd->add_option("--format", format, "table (for people) or json (for programs)")
      ->check(CLI::IsMember({"table", "json"}))
      ->capture_default_str();
  help_cmd->add_option("--output", output,
                       "write to this file (replaced whole) instead of standard output");

  slmatch::recruitment_options recruiting;
  auto* recruitment_cmd = app.add_subcommand(
      "recruitment", "the carer skills, approvals, adaptations and areas that would open "
                     "households to the most people waiting, checked by matching again");
  recruitment_cmd->add_option("FILE", file, "scheme file (JSON)")->required();
  recruitment_cmd->add_option("--objective", objective, objective_help)
      ->check(CLI::IsMember(objective_choices))
      ->capture_default_str();
  recruitment_cmd
      ->add_option("--max-confirmed", recruiting.max_confirmed,
                   "needs to confirm by matching again, most people blocked first")
      ->check(CLI::Range(0, 1000))
      ->capture_default_str();
  recruitment_cmd
      ->add_option("--area-km", recruiting.area_cell_km,
                   "side of the map grid squares that define areas")
      ->check(CLI::PositiveNumber)
      ->capture_default_str();
  recruitment_cmd->add_option("--format", format, "table (for people) or json (for programs)")
      ->check(CLI::IsMember({"table", "json"}))
      ->capture_default_str();
  recruitment_cmd->add_option("--output", output,
                              "write to this file (replaced whole) instead of standard output");

  std::string calendar_from, ics_folder, earlier_file;
  int calendar_weeks = 13;
  slmatch::calendar_options calendar;
  auto* calendar_cmd = app.add_subcommand(
      "calendar", "plan short breaks and day support over the coming weeks: who hosts each "
                  "stay and slot, or why no one can, with iCalendar files to share");
  calendar_cmd->add_option("FILE", file, "scheme file (JSON)")->required();
  calendar_cmd->add_option("--from", calendar_from,
                           "first day to plan, YYYY-MM-DD (default: the scheme's as_of date)");
  calendar_cmd->add_option("--weeks", calendar_weeks, "weeks to plan")
      ->check(CLI::Range(1, slmatch::calendar_horizon::max_weeks))
      ->capture_default_str();
  calendar_cmd
      ->add_option("--seconds", calendar.seconds,
                   "time limit; a plan stopped early says how far from optimal it may be")
      ->check(CLI::Range(0.1, 3600.0))
      ->capture_default_str();
  calendar_cmd->add_option(
      "--earlier", earlier_file,
      "re-plan from an earlier plan (the JSON of a previous run with --format json): keep each "
      "of its stays and slots unless moving it gains more than --keep-bonus, and list what "
      "changes for whom");
  calendar_cmd
      ->add_option("--keep-bonus", calendar.keep_bonus,
                   "score points for keeping a stay or slot with its confirmed or earlier "
                   "household")
      ->check(CLI::Range(0.0, 10000.0))
      ->capture_default_str();
  calendar_cmd->add_option("--format", format, "table (for people) or json (for programs)")
      ->check(CLI::IsMember({"table", "json"}))
      ->capture_default_str();
  calendar_cmd->add_option("--output", output,
                           "write to this file (replaced whole) instead of standard output");
  calendar_cmd->add_option("--ics", ics_folder,
                           "also write an iCalendar file per person and per household here");

  slmatch::synthetic_options synthetic;
  std::string generated_file;
  auto* generate_cmd = app.add_subcommand(
      "generate", "write a synthetic scheme of any size (seeded, deterministic)");
  generate_cmd->add_option("--people", synthetic.people, "people waiting")
      ->check(CLI::NonNegativeNumber)
      ->capture_default_str();
  generate_cmd->add_option("--households", synthetic.households, "carer households")
      ->check(CLI::NonNegativeNumber)
      ->capture_default_str();
  generate_cmd->add_option("--seed", synthetic.seed, "the same seed gives the same scheme")
      ->capture_default_str();
  generate_cmd->add_option("--radius-km", synthetic.radius_km, "area the scheme covers")
      ->check(CLI::PositiveNumber)
      ->capture_default_str();
  generate_cmd->add_option("--clusters", synthetic.clusters, "towns people and carers gather in")
      ->check(CLI::PositiveNumber)
      ->capture_default_str();
  generate_cmd
      ->add_option("--group-share", synthetic.group_share,
                   "share of people (0-1) in groups of 2 or 3 to be placed together")
      ->check(CLI::Range(0.0, 1.0))
      ->capture_default_str();
  generate_cmd->add_option("--output", generated_file, "scheme file to write (replaced whole)")
      ->required();

  auto* serve_cmd = app.add_subcommand(
      "serve", "run the HTTP service for case systems, or manage its tokens (slmatch serve "
               "--help; needs the Python package with its service extra)");
  serve_cmd->prefix_command();
  serve_cmd->set_help_flag();
  auto* report_cmd = app.add_subcommand(
      "report", "write the readable pages: an HTML report for the scheme and, with "
                "--easy-read DIR, an Easy Read page per person (slmatch report --help)");
  report_cmd->prefix_command();
  report_cmd->set_help_flag();
  auto* transparency_cmd = app.add_subcommand(
      "transparency", "write a draft algorithmic transparency record for the scheme, as "
                      "Markdown and JSON (slmatch transparency --help)");
  transparency_cmd->prefix_command();
  transparency_cmd->set_help_flag();
  auto* profile_cmd = app.add_subcommand(
      "profile", "import a person-held profile into a scheme, or export one from it "
                 "(slmatch profile --help)");
  profile_cmd->prefix_command();
  profile_cmd->set_help_flag();
  auto* consent_cmd = app.add_subcommand(
      "consent", "record or withdraw a person's consent for a purpose, with a receipt they "
                 "can keep (slmatch consent --help)");
  consent_cmd->prefix_command();
  consent_cmd->set_help_flag();
  auto* my_data_cmd = app.add_subcommand(
      "my-data", "everything the scheme holds about a person, their consent and how it was "
                 "used, as JSON or a page (slmatch my-data --help)");
  my_data_cmd->prefix_command();
  my_data_cmd->set_help_flag();

  CLI11_PARSE(app, argc, argv);
  if (*serve_cmd)
    return run_python_module("slmatch.service", serve_cmd->remaining(),
                             "pip install \"slmatch[service]\"", argv[0]);
  if (*report_cmd)
    return run_python_module("slmatch.pages.report", report_cmd->remaining(), "pip install slmatch",
                             argv[0]);
  if (*transparency_cmd)
    return run_python_module("slmatch.pages.transparency", transparency_cmd->remaining(),
                             "pip install slmatch", argv[0]);
  if (*profile_cmd)
    return run_python_module("slmatch.profile", profile_cmd->remaining(), "pip install slmatch",
                             argv[0]);
  if (*consent_cmd)
    return run_python_module("slmatch.consent", consent_cmd->remaining(), "pip install slmatch",
                             argv[0]);
  if (*my_data_cmd)
    return run_python_module("slmatch.pages.my_data", my_data_cmd->remaining(),
                             "pip install slmatch", argv[0]);

  try {
    slmatch::set_log_level(log_level);
    if (*generate_cmd) {
      slmatch::save_scheme(slmatch::generate_scheme(synthetic), generated_file);
      return 0;
    }
    const auto load_start = std::chrono::steady_clock::now();
    const slmatch::scheme scheme = slmatch::load_scheme(file);
    const double load_seconds = seconds_since(load_start);

    if (*calendar_cmd) {
      const auto horizon =
          slmatch::horizon_from(calendar_from, scheme.policy.as_of, calendar_weeks, "--from");
      std::optional<slmatch::earlier_plan> earlier;
      if (!earlier_file.empty()) {
        try {
          earlier = slmatch::load_earlier_plan(earlier_file);
        } catch (const slmatch::validation_error& invalid) {
          throw slmatch::error(earlier_file + " is not a calendar plan slmatch can read:\n" +
                               invalid.what());
        }
        calendar.earlier = earlier->bookings;
      }
      const slmatch::calendar_plan plan = slmatch::plan_calendar(scheme, horizon, calendar);
      const auto files = ics_folder.empty() ? std::map<std::string, std::string>{}
                                            : slmatch::calendar_to_ics(scheme, plan);
      if (!ics_folder.empty()) std::filesystem::create_directories(ics_folder);
      for (const auto& [name, text] : files)
        slmatch::write_file_atomically((std::filesystem::path(ics_folder) / name).string(), text);
      std::string text;
      if (earlier) {
        const slmatch::calendar_changes changes = slmatch::compare_plans(scheme, plan, *earlier);
        text = format == "json" ? slmatch::calendar_to_json(scheme, plan, changes).dump(2) + "\n"
                                : slmatch::calendar_to_table(scheme, plan, changes);
      } else {
        text = format == "json" ? slmatch::calendar_to_json(scheme, plan).dump(2) + "\n"
                                : slmatch::calendar_to_table(scheme, plan);
      }
      emit(text, output);
      return 0;
    }

    if (*validate_cmd) {
      std::cout << file << " is valid: " << scheme.people.size() << " people, "
                << scheme.households.size() << " households\n";
      return 0;
    }

    if (*match_cmd) {
      slmatch::match_options options;
      options.shortlist_size = top;
      options.goal = slmatch::parse_name<slmatch::objective>(objective, "options", "objective");
      options.threads = threads;
      const auto result = slmatch::match(scheme, options);
      const auto output_start = std::chrono::steady_clock::now();
      if (!record_file.empty())
        slmatch::write_file_atomically(
            record_file,
            slmatch::dump_run_record(slmatch::make_run_record(scheme, options, result)));
      emit(
          [&](std::ostream& out) {
            if (format == "json") {
              slmatch::write_match_json(out, scheme, result, 2);
              out << '\n';
            } else if (format == "jsonl") {
              slmatch::write_match_jsonl(out, scheme, result);
            } else {
              slmatch::write_match_table(out, scheme, result);
            }
          },
          output);
      const auto& t = result.seconds;
      slmatch::logger().info(
          "stage seconds: load {:.3f}, encode {:.3f}, score {:.3f}, solve {:.3f}, shortlists "
          "{:.3f}, explanations {:.3f}, output {:.3f}",
          load_seconds, t.encode, t.score, t.solve, t.shortlists, t.explanations,
          seconds_since(output_start));
      return 0;
    }

    if (*audit_cmd) {
      slmatch::audit_options audit_options;
      audit_options.area_cell_km = area_km;
      if (!as_of.empty()) {
        audit_options.as_of = slmatch::date::parse(as_of);
        if (!audit_options.as_of)
          throw slmatch::error("--as-of: \"" + as_of + "\" is not a date (use YYYY-MM-DD)");
      }
      slmatch::match_options options;
      options.shortlist_size = 0; // the audit reads the plan only
      options.goal = slmatch::parse_name<slmatch::objective>(objective, "options", "objective");
      const auto result = slmatch::match(scheme, options);
      slmatch::plan_audit audit;
      try {
        audit = slmatch::audit_plan(scheme, result, audit_options);
      } catch (const slmatch::validation_error& invalid) {
        // The scheme is valid; it is the as-of date that does not fit it.
        throw slmatch::error(std::string("cannot audit as of ") +
                             audit_options.as_of.value_or(scheme.policy.as_of).to_string() + ":\n" +
                             invalid.what());
      }
      emit(format == "json" ? slmatch::audit_to_json(scheme, audit).dump(2) + "\n"
                            : slmatch::audit_to_table(scheme, audit),
           output);
      return 0;
    }

    if (*help_cmd) {
      help.goal = slmatch::parse_name<slmatch::objective>(objective, "options", "objective");
      slmatch::match_options matching;
      matching.goal = help.goal;
      matching.shortlist_size = 0;
      const auto result = slmatch::match(scheme, matching);
      const auto& plan = result.plan;
      std::vector<std::size_t> people;
      for (const auto& id : help_people) {
        const auto p = slmatch::person_index(scheme, id);
        if (plan.household_of[p] >= 0)
          throw slmatch::error(
              "--person " + id + ": the plan already proposes a household (" +
              scheme.households[static_cast<std::size_t>(plan.household_of[p])].id + ")");
        people.push_back(p);
      }
      const auto found = slmatch::what_would_help(scheme, result, people, help);
      if (format == "json") {
        nlohmann::json people = nlohmann::json::array();
        for (const auto& h : found) people.push_back(slmatch::help_to_json(scheme, h));
        emit(nlohmann::json{{"scheme", scheme.id},
                            {"objective", objective},
                            {"max_options", help.max_options},
                            {"max_checks", help.max_checks},
                            {"people", std::move(people)}}
                     .dump(2) +
                 "\n",
             output);
      } else {
        emit(slmatch::help_to_table(scheme, found), output);
      }
      return 0;
    }

    if (*recruitment_cmd) {
      recruiting.goal = slmatch::parse_name<slmatch::objective>(objective, "options", "objective");
      const auto plan = slmatch::plan_scheme(scheme, recruiting.goal);
      const auto summary = slmatch::recruitment(scheme, plan.household_of, recruiting);
      if (format == "json") {
        auto document = slmatch::recruitment_to_json(scheme, summary);
        document["scheme"] = scheme.id;
        document["objective"] = objective;
        emit(document.dump(2) + "\n", output);
      } else {
        emit(slmatch::recruitment_to_table(scheme, summary), output);
      }
      return 0;
    }

    const auto person = slmatch::person_index(scheme, person_id);
    const auto household = slmatch::household_index(scheme, household_id);
    std::string summary;
    std::vector<std::string> reasons;
    nlohmann::json document;
    if (other_id.empty()) {
      const auto why = slmatch::explain_pair(scheme, person, household);
      document = slmatch::explanation_to_json(why);
      summary = why.summary;
      reasons = why.reasons;
    } else {
      const auto comparison = slmatch::compare_pairs(scheme, person, household,
                                                     slmatch::household_index(scheme, other_id));
      document = slmatch::comparison_to_json(comparison);
      summary = comparison.summary;
      reasons = comparison.reasons;
    }
    std::string text = summary + "\n";
    for (const auto& reason : reasons) text += "  - " + reason + "\n";
    emit(format == "json" ? document.dump(2) + "\n" : text, "");
    return 0;
  } catch (const slmatch::validation_error& invalid) {
    std::cerr << "slmatch: " << file << " is not a valid scheme:\n" << invalid.what() << "\n";
    return exit_invalid_input;
  } catch (const std::exception& failure) {
    std::cerr << "slmatch: " << failure.what() << "\n";
    return exit_invalid_input;
  }
}
