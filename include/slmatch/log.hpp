#pragma once
/// The library's logger.
///
/// slmatch logs through one spdlog logger named "slmatch", quiet (warnings only) unless a
/// caller raises the level. Log lines carry ids and counts only: never names, dates of
/// birth, free text or any other personal data.

#include "slmatch/error.hpp"

#include <spdlog/sinks/stdout_color_sinks.h>
#include <spdlog/spdlog.h>

#include <memory>
#include <string>

namespace slmatch {

/// The "slmatch" logger, created on first use and writing to standard error.
inline spdlog::logger& logger() {
  static std::shared_ptr<spdlog::logger> instance = [] {
    auto existing = spdlog::get("slmatch");
    if (existing) return existing;
    auto created = spdlog::stderr_color_mt("slmatch");
    created->set_level(spdlog::level::warn);
    created->set_pattern("[%l] slmatch: %v");
    return created;
  }();
  return *instance;
}

/// Set the level by name: "trace", "debug", "info", "warn", "error", "critical" or "off".
/// @throws slmatch::error for any other name
inline void set_log_level(const std::string& name) {
  const auto level = spdlog::level::from_str(name);
  if (level == spdlog::level::off && name != "off")
    throw error("unknown log level \"" + name +
                "\" (use trace, debug, info, warn, error, critical or off)");
  logger().set_level(level);
}

} // namespace slmatch
