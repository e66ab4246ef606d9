#ifndef SLMATCH_C_SLMATCH_H
#define SLMATCH_C_SLMATCH_H
/* slmatch's C interface, for programs in any language (C, Java through JNA, .NET through
 * P/Invoke, Python through ctypes) that cannot link the C++ library.
 *
 * JSON in, JSON out: schemes are scheme files (data/schema/scheme.schema.json), options are
 * small JSON objects, and every result is JSON text with the same bytes the slmatch
 * command-line tool writes (schemas in data/schema/). Nothing C++ crosses this interface.
 *
 * Status and errors. Every function that can fail returns an `slmatch_status`; SLMATCH_OK
 * is 0. On failure the calling thread's last error holds a one-line-per-problem message
 * (`slmatch_last_error_message`) and, when the input was invalid, every problem as JSON
 * with its record and field (`slmatch_last_error_problems`). Out parameters are written
 * only on success. No function aborts, prints or lets an exception escape.
 *
 * Ownership. Handles (`slmatch_scheme`, `slmatch_result`, `slmatch_rounds`) are created by
 * this library and freed by their `_free` function; strings returned through `char**` are
 * owned by the caller and freed by `slmatch_free`. A result keeps what it needs of its
 * scheme, so either may be freed first. Freeing NULL does nothing; freeing or using a
 * handle or string that is not live (already freed, never made here) is detected and
 * refused with SLMATCH_INVALID_HANDLE unless its address has since been reused.
 *
 * Threads. Schemes and results are immutable: any number of threads may read one at the
 * same time (match a scheme, explain a result, ...). A proposal-rounds handle changes with
 * each answer: use it from one thread at a time. The last error is per thread.
 *
 * Versions. `slmatch_version` is the library's release; SLMATCH_ABI_VERSION changes only
 * when a function's meaning or signature changes, and is the shared library's soname
 * number (libslmatch_c.so.1).
 */

#include <stddef.h>

#ifdef __cplusplus
extern "C" {
#endif

#if defined(_WIN32)
#define SLMATCH_C_API __declspec(dllexport)
#elif defined(__GNUC__)
#define SLMATCH_C_API __attribute__((visibility("default")))
#else
#define SLMATCH_C_API
#endif

/** The interface's version: bumped when a function changes meaning or signature. */
#define SLMATCH_ABI_VERSION 1

/** What a call did. */
typedef enum slmatch_status {
  SLMATCH_OK = 0,               /**< done; out parameters written */
  SLMATCH_INVALID_ARGUMENT = 1, /**< a NULL pointer, malformed options or an unknown id */
  SLMATCH_INVALID_INPUT = 2,    /**< a scheme or state that fails validation (see problems) */
  SLMATCH_INVALID_HANDLE = 3,   /**< a handle or string that is not live */
  SLMATCH_REFUSED = 4,          /**< valid input the operation cannot take (e.g. an answer out
                                     of turn in proposal rounds; see problems) */
  SLMATCH_OUT_OF_MEMORY = 5,    /**< an allocation failed; nothing was changed */
  SLMATCH_INTERNAL_ERROR = 6    /**< a defect in slmatch; the message says what */
} slmatch_status;

/** A validated scheme: people, households and policy. Immutable. */
typedef struct slmatch_scheme slmatch_scheme;
/** One match run of a scheme: the plan, explanations and shortlists. Immutable. */
typedef struct slmatch_result slmatch_result;
/** Proposal rounds for mutual consent, answer by answer. Changes with each call. */
typedef struct slmatch_rounds slmatch_rounds;

/* Versions ------------------------------------------------------------------------------ */

/** The library's release, e.g. "0.1.0" (static storage; never freed). */
SLMATCH_C_API const char* slmatch_version(void);

/** SLMATCH_ABI_VERSION as this library was built with it; compare with the header's. */
SLMATCH_C_API int slmatch_abi_version(void);

/* Errors and strings -------------------------------------------------------------------- */

/** The calling thread's last error: the status of the last failed call. SLMATCH_OK when
 *  the last call on this thread succeeded. */
SLMATCH_C_API slmatch_status slmatch_last_error_status(void);

/** The calling thread's last error as text, one line per problem ("person P07, field
 *  support_level: ..."); "" when the last call succeeded. Owned by the library, valid until
 *  the next call on this thread. */
SLMATCH_C_API const char* slmatch_last_error_message(void);

/** The calling thread's last error as a JSON array of problems, each
 *  {"record": ..., "field": ..., "message": ...}; "[]" when the error has no record and
 *  field (or there is none). Owned by the library, valid until the next call on this
 *  thread. */
SLMATCH_C_API const char* slmatch_last_error_problems(void);

/** Free a string this library returned through a `char**`. NULL does nothing.
 *  @return SLMATCH_OK, or SLMATCH_INVALID_HANDLE for a string that is not live */
SLMATCH_C_API slmatch_status slmatch_free(char* text);

/* Schemes ------------------------------------------------------------------------------- */

/** Read and validate a scheme from JSON text (a scheme file's contents).
 *  @param json    the text, not necessarily NUL-terminated
 *  @param length  its length in bytes
 *  @param scheme  receives the new handle on success
 *  @return SLMATCH_INVALID_INPUT with every problem (record and field) when the text is
 *          not JSON or not a valid scheme */
SLMATCH_C_API slmatch_status slmatch_scheme_from_json(const char* json, size_t length,
                                                      slmatch_scheme** scheme);

/** Read and validate a scheme file.
 *  @param path    the file (UTF-8 path)
 *  @param scheme  receives the new handle on success
 *  @return SLMATCH_INVALID_INPUT for an unreadable file or an invalid scheme */
SLMATCH_C_API slmatch_status slmatch_scheme_from_file(const char* path, slmatch_scheme** scheme);

/** The scheme's counts as JSON: {"id", "people", "households"}; the caller frees it. */
SLMATCH_C_API slmatch_status slmatch_scheme_summary(const slmatch_scheme* scheme, char** json);

/** Free a scheme handle. Results made from it stay valid. NULL does nothing. */
SLMATCH_C_API slmatch_status slmatch_scheme_free(slmatch_scheme* scheme);

/* Matching ------------------------------------------------------------------------------ */

/** Match a scheme: the plan for the whole waiting list, every proposal and every "no"
 *  explained, and each person's shortlist.
 *  @param options_json  NULL, "" or a JSON object with any of
 *         "objective" (a name `slmatch match --objective` takes; default that tool's),
 *         "shortlist_size" (0-1000, default 3), "threads" (1-256, default 1; the result is
 *         the same for any number), "travel_limit_km" (finite, above 0) and
 *         "household_cap" (1-3), the last two replacing the scheme's policy for this run.
 *         Unknown keys are refused.
 *  @param result  receives the new handle on success
 *  @return SLMATCH_INVALID_ARGUMENT naming the option for bad options */
SLMATCH_C_API slmatch_status slmatch_match(const slmatch_scheme* scheme, const char* options_json,
                                           slmatch_result** result);

/** The run as JSON: the bytes `slmatch match --format json` writes for the same scheme and
 *  options (two-space indent, newline at the end). The caller frees it. */
SLMATCH_C_API slmatch_status slmatch_result_json(const slmatch_result* result, char** json);

/** The run as JSON Lines: the bytes `slmatch match --format jsonl` writes. */
SLMATCH_C_API slmatch_status slmatch_result_json_lines(const slmatch_result* result, char** json);

/** One person's proposal, as its line of `slmatch_result_json_lines` (without the newline):
 *  the household proposed with the reasons, or why nobody, and the shortlist.
 *  @return SLMATCH_INVALID_ARGUMENT for an id that is not a person of the scheme */
SLMATCH_C_API slmatch_status slmatch_result_person_json(const slmatch_result* result,
                                                        const char* person_id, char** json);

/** The run record: the bytes `slmatch match --record` writes (hashes, configuration,
 *  version, data categories used; no personal data). */
SLMATCH_C_API slmatch_status slmatch_result_record_json(const slmatch_result* result, char** json);

/** The audit of the run's plan: the bytes `slmatch audit --format json` writes.
 *  @param options_json  NULL, "" or {"as_of": "YYYY-MM-DD", "area_km": number above 0}
 *  @return SLMATCH_INVALID_ARGUMENT for bad options, SLMATCH_INVALID_INPUT when the scheme
 *          does not fit the as-of date */
SLMATCH_C_API slmatch_status slmatch_result_audit_json(const slmatch_result* result,
                                                       const char* options_json, char** json);

/** One pair explained rule by rule and factor by factor: the bytes of
 *  `slmatch explain --person P --household H --format json`. */
SLMATCH_C_API slmatch_status slmatch_explain_json(const slmatch_scheme* scheme,
                                                  const char* person_id, const char* household_id,
                                                  char** json);

/** Why not that one: why `other_household_id` ranks below `household_id` for the person,
 *  the bytes of `slmatch explain --person P --household H --versus H2 --format json`. */
SLMATCH_C_API slmatch_status slmatch_compare_json(const slmatch_scheme* scheme,
                                                  const char* person_id, const char* household_id,
                                                  const char* other_household_id, char** json);

/* Stable matching and proposal rounds ----------------------------------------------------- */

/** The stable plan of both sides' views: no person and household who both rank each other
 *  would rather be together than keep what the plan gives them. A scheme's required groups
 *  (couples, siblings, friends who must live together) are kept whole: all in one household
 *  or none placed; a stable plan may then not exist.
 *  @param options_json  NULL, "" or a JSON object with any of "proposing" ("people", the
 *         default, for the plan best for people; "households" for the one best for
 *         households), "household_weights" ({factor name: weight} over the household
 *         view's defaults) and "threads" (1-256)
 *  @param json  receives {"format": "slmatch-stable-plan", "version": 1, "proposing",
 *         "plan": [one row per person in scheme order: {"person", "household" (null when
 *         unmatched), "person_rank", "household_rank" (1 = first choice; 0 when unmatched),
 *         "person_score", "household_score" (null when unmatched)}]}, and, only for a scheme
 *         with required groups, "stability": {"stable", "proven_none" (no stable plan
 *         exists), "method", "required_groups", "blocking_pairs", "blocking_groups"} */
SLMATCH_C_API slmatch_status slmatch_stable_json(const slmatch_scheme* scheme,
                                                 const char* options_json, char** json);

/** Start proposal rounds: round 1's introductions are the stable plan's pairs.
 *  @param options_json  as `slmatch_stable_json` */
SLMATCH_C_API slmatch_status slmatch_rounds_start(const slmatch_scheme* scheme,
                                                  const char* options_json,
                                                  slmatch_rounds** rounds);

/** Rounds from a state `slmatch_rounds_json` wrote (a case system keeps it between rounds).
 *  @return SLMATCH_INVALID_INPUT naming record and field for a state that is not JSON or
 *          could not have been reached */
SLMATCH_C_API slmatch_status slmatch_rounds_from_json(const char* json, size_t length,
                                                      slmatch_rounds** rounds);

/** The rounds' state as JSON ("slmatch-proposal-rounds", two-space indent): the current
 *  round's introductions with each side's answer, the accepted and declined pairs. */
SLMATCH_C_API slmatch_status slmatch_rounds_json(const slmatch_rounds* rounds, char** json);

/** Record an answer to one of this round's introductions.
 *  @param by      "person", "household" or "both"
 *  @param accept  non-zero to accept, zero to decline
 *  @param reason  a decline's reason category (e.g. "location"), or NULL; NULL with an
 *                 acceptance
 *  @return SLMATCH_REFUSED naming the person and field "answer" for an answer out of turn
 *          (not introduced this round, already settled, already answered) */
SLMATCH_C_API slmatch_status slmatch_rounds_answer(slmatch_rounds* rounds, const char* person_id,
                                                   const char* household_id, const char* by,
                                                   int accept, const char* reason);

/** Close the round and propose the next (or finish).
 *  @return SLMATCH_REFUSED listing every introduction still waiting for an answer */
SLMATCH_C_API slmatch_status slmatch_rounds_next(slmatch_rounds* rounds);

/** Free a proposal-rounds handle. NULL does nothing. */
SLMATCH_C_API slmatch_status slmatch_rounds_free(slmatch_rounds* rounds);

/** Free a result handle. NULL does nothing. */
SLMATCH_C_API slmatch_status slmatch_result_free(slmatch_result* result);

#ifdef __cplusplus
}
#endif

#endif /* SLMATCH_C_SLMATCH_H */
