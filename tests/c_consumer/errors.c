/* Bad input through the C interface: every case returns its status with a message (and
 * problems naming record and field where the input was invalid), never a crash, and frees
 * everything it made (the sanitizer build's leak checker runs this too).
 *
 * Usage: c_abi_errors SCHEME.json
 */
#include <slmatch/c/slmatch.h>

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static int failures = 0;

/* Check a call's status, and that the last error's message and problems hold `needle`. */
static void expect(const char* what, int status, int wanted, const char* needle) {
  const char* message = slmatch_last_error_message();
  const char* problems = slmatch_last_error_problems();
  if (status != wanted || (int)slmatch_last_error_status() != wanted) {
    fprintf(stderr, "FAIL %s: status %d, wanted %d (%s)\n", what, status, wanted, message);
    ++failures;
  } else if (wanted != SLMATCH_OK && message[0] == '\0') {
    fprintf(stderr, "FAIL %s: no message\n", what);
    ++failures;
  } else if (needle != NULL && strstr(problems, needle) == NULL) {
    fprintf(stderr, "FAIL %s: problems %s lack %s\n", what, problems, needle);
    ++failures;
  } else if (wanted == SLMATCH_OK && (message[0] != '\0' || strcmp(problems, "[]") != 0)) {
    fprintf(stderr, "FAIL %s: a success left an error behind\n", what);
    ++failures;
  }
}

static char* read_file(const char* path, size_t* length) {
  FILE* file = fopen(path, "rb");
  char* text = NULL;
  long size;
  if (file == NULL) return NULL;
  if (fseek(file, 0, SEEK_END) == 0 && (size = ftell(file)) >= 0 && fseek(file, 0, SEEK_SET) == 0 &&
      (text = malloc((size_t)size + 1)) != NULL) {
    *length = fread(text, 1, (size_t)size, file);
    text[*length] = '\0';
  }
  fclose(file);
  return text;
}

/* The scheme's text with the first `from` replaced by `to`, in a new buffer. */
static char* replaced(const char* text, const char* from, const char* to) {
  const char* at = strstr(text, from);
  size_t head, length;
  char* out;
  if (at == NULL) return NULL;
  head = (size_t)(at - text);
  length = strlen(text) - strlen(from) + strlen(to);
  out = malloc(length + 1);
  if (out == NULL) return NULL;
  memcpy(out, text, head);
  strcpy(out + head, to);
  strcat(out, at + strlen(from));
  return out;
}

/* The "matched" count of a report, or -1. */
static long matched_in(const char* report) {
  const char* at = report == NULL ? NULL : strstr(report, "\"matched\": ");
  return at == NULL ? -1 : strtol(at + strlen("\"matched\": "), NULL, 10);
}

static void schemes(const char* text, size_t length) {
  slmatch_scheme* scheme = NULL;
  char* broken;
  char local[] = "not from the library";

  expect("invalid JSON", slmatch_scheme_from_json("{\"id\": ", 7, &scheme), SLMATCH_INVALID_INPUT,
         "\"record\"");
  expect("empty text", slmatch_scheme_from_json("", 0, &scheme), SLMATCH_INVALID_INPUT, NULL);
  expect("NULL text", slmatch_scheme_from_json(NULL, 5, &scheme), SLMATCH_INVALID_ARGUMENT,
         "\"field\":\"json\"");
  expect("NULL out", slmatch_scheme_from_json(text, length, NULL), SLMATCH_INVALID_ARGUMENT,
         "\"field\":\"scheme\"");
  expect("missing file", slmatch_scheme_from_file("no/such/scheme.json", &scheme),
         SLMATCH_INVALID_INPUT, NULL);
  expect("NULL path", slmatch_scheme_from_file(NULL, &scheme), SLMATCH_INVALID_ARGUMENT,
         "\"field\":\"path\"");
  if (scheme != NULL) {
    fprintf(stderr, "FAIL a failed call wrote its out parameter\n");
    ++failures;
  }

  broken = replaced(text, "\"household_cap\": 2", "\"household_cap\": 9");
  expect("household cap out of range", slmatch_scheme_from_json(broken, strlen(broken), &scheme),
         SLMATCH_INVALID_INPUT, "\"record\":\"policy\",\"field\":\"household_cap\"");
  free(broken);
  broken = replaced(text, "\"support_level\": \"moderate\"", "\"support_level\": \"enormous\"");
  expect("unknown support level", slmatch_scheme_from_json(broken, strlen(broken), &scheme),
         SLMATCH_INVALID_INPUT, "\"record\":\"person P01\",\"field\":\"support_level\"");
  free(broken);

  expect("free NULL scheme", slmatch_scheme_free(NULL), SLMATCH_OK, NULL);
  expect("free NULL string", slmatch_free(NULL), SLMATCH_OK, NULL);
  expect("free a string not from the library", slmatch_free(local), SLMATCH_INVALID_HANDLE, NULL);
}

static void matching(const char* text, size_t length) {
  slmatch_scheme* scheme = NULL;
  slmatch_result* result = NULL;
  slmatch_result* narrow = NULL;
  char* json = NULL;
  char* first = NULL;
  char* again = NULL;

  expect("valid scheme", slmatch_scheme_from_json(text, length, &scheme), SLMATCH_OK, NULL);
  expect("NULL scheme handle", slmatch_match(NULL, NULL, &result), SLMATCH_INVALID_ARGUMENT,
         "\"field\":\"scheme\"");
  expect("options not JSON", slmatch_match(scheme, "{objective", &result), SLMATCH_INVALID_ARGUMENT,
         "\"record\":\"options\"");
  expect("options not an object", slmatch_match(scheme, "[1]", &result), SLMATCH_INVALID_ARGUMENT,
         "\"record\":\"options\"");
  expect("unknown option", slmatch_match(scheme, "{\"colour\": \"red\"}", &result),
         SLMATCH_INVALID_ARGUMENT, "\"field\":\"colour\"");
  expect("unknown objective", slmatch_match(scheme, "{\"objective\": \"best\"}", &result),
         SLMATCH_INVALID_ARGUMENT, "\"field\":\"objective\"");
  expect("a number out of range", slmatch_match(scheme, "{\"threads\": 1e999}", &result),
         SLMATCH_INVALID_ARGUMENT, "\"record\":\"options\"");
  expect("no threads", slmatch_match(scheme, "{\"threads\": 0}", &result), SLMATCH_INVALID_ARGUMENT,
         "\"field\":\"threads\"");
  expect("huge cap", slmatch_match(scheme, "{\"household_cap\": 18446744073709551615}", &result),
         SLMATCH_INVALID_ARGUMENT, "\"field\":\"household_cap\"");
  expect("negative travel limit", slmatch_match(scheme, "{\"travel_limit_km\": -1}", &result),
         SLMATCH_INVALID_ARGUMENT, "\"field\":\"travel_limit_km\"");
  expect("NULL out", slmatch_match(scheme, NULL, NULL), SLMATCH_INVALID_ARGUMENT,
         "\"field\":\"result\"");

  expect("match", slmatch_match(scheme, "", &result), SLMATCH_OK, NULL);
  expect("report", slmatch_result_json(result, &first), SLMATCH_OK, NULL);
  expect("huge travel limit",
         slmatch_match(scheme, "{\"travel_limit_km\": 1e300, \"household_cap\": 3}", &narrow),
         SLMATCH_OK, NULL);
  expect("free it", slmatch_result_free(narrow), SLMATCH_OK, NULL);
  expect("tiny travel limit", slmatch_match(scheme, "{\"travel_limit_km\": 0.001}", &narrow),
         SLMATCH_OK, NULL);
  expect("its report", slmatch_result_json(narrow, &json), SLMATCH_OK, NULL);
  /* Only the people with a travel limit of their own can still be matched. */
  if (matched_in(json) < 0 || matched_in(json) >= matched_in(first)) {
    fprintf(stderr, "FAIL a 1-metre travel limit matched as many people as the scheme's\n");
    ++failures;
  }
  slmatch_free(json);
  slmatch_result_free(narrow);

  expect("unknown person", slmatch_result_person_json(result, "P999", &json),
         SLMATCH_INVALID_ARGUMENT, "\"field\":\"person_id\"");
  expect("NULL person", slmatch_result_person_json(result, NULL, &json), SLMATCH_INVALID_ARGUMENT,
         "\"field\":\"person_id\"");
  expect("bad as-of", slmatch_result_audit_json(result, "{\"as_of\": \"2026-02-30\"}", &json),
         SLMATCH_INVALID_ARGUMENT, "\"field\":\"as_of\"");
  expect("bad area", slmatch_result_audit_json(result, "{\"area_km\": 0}", &json),
         SLMATCH_INVALID_ARGUMENT, "\"field\":\"area_km\"");
  expect("unknown household", slmatch_explain_json(scheme, "P01", "H999", &json),
         SLMATCH_INVALID_ARGUMENT, "\"field\":\"household_id\"");
  expect("unknown other household", slmatch_compare_json(scheme, "P01", "H01", "", &json),
         SLMATCH_INVALID_ARGUMENT, "\"field\":\"other_household_id\"");
  expect("a result as a scheme",
         slmatch_explain_json((const slmatch_scheme*)result, "P01", "H01", &json),
         SLMATCH_INVALID_HANDLE, NULL);

  /* A result keeps its scheme: freeing the scheme first leaves the result whole. */
  expect("free the scheme", slmatch_scheme_free(scheme), SLMATCH_OK, NULL);
  expect("report after the scheme is freed", slmatch_result_json(result, &again), SLMATCH_OK, NULL);
  if (first == NULL || again == NULL || strcmp(first, again) != 0) {
    fprintf(stderr, "FAIL the report changed when its scheme was freed\n");
    ++failures;
  }
  expect("a freed scheme", slmatch_match(scheme, NULL, &narrow), SLMATCH_INVALID_HANDLE,
         "\"field\":\"scheme\"");
  expect("a scheme freed twice", slmatch_scheme_free(scheme), SLMATCH_INVALID_HANDLE, NULL);
  expect("free a string", slmatch_free(first), SLMATCH_OK, NULL);
  expect("a string freed twice", slmatch_free(first), SLMATCH_INVALID_HANDLE, NULL);
  slmatch_free(again);
  expect("free the result", slmatch_result_free(result), SLMATCH_OK, NULL);
  expect("a freed result", slmatch_result_json(result, &json), SLMATCH_INVALID_HANDLE, NULL);
  expect("a result freed twice", slmatch_result_free(result), SLMATCH_INVALID_HANDLE, NULL);
}

static void rounds(const char* text, size_t length) {
  slmatch_scheme* scheme = NULL;
  slmatch_rounds* state = NULL;
  slmatch_rounds* copy = NULL;
  char* json = NULL;
  char* copied = NULL;

  expect("valid scheme", slmatch_scheme_from_json(text, length, &scheme), SLMATCH_OK, NULL);
  expect("bad proposing side", slmatch_stable_json(scheme, "{\"proposing\": \"carers\"}", &json),
         SLMATCH_INVALID_ARGUMENT, "\"field\":\"proposing\"");
  expect("weight outside the household's view",
         slmatch_stable_json(scheme, "{\"household_weights\": {\"community\": 1}}", &json),
         SLMATCH_INVALID_ARGUMENT, "\"field\":\"household_weights.community\"");
  expect("unknown factor",
         slmatch_rounds_start(scheme, "{\"household_weights\": {\"charm\": 1}}", &state),
         SLMATCH_INVALID_ARGUMENT, "\"field\":\"household_weights.charm\"");
  expect("start", slmatch_rounds_start(scheme, NULL, &state), SLMATCH_OK, NULL);
  expect("next with answers missing", slmatch_rounds_next(state), SLMATCH_REFUSED,
         "\"field\":\"answer\"");
  expect("unknown person", slmatch_rounds_answer(state, "P999", "H01", "both", 1, NULL),
         SLMATCH_INVALID_ARGUMENT, "\"field\":\"person_id\"");
  expect("unknown side", slmatch_rounds_answer(state, "P01", "H01", "carer", 1, NULL),
         SLMATCH_INVALID_ARGUMENT, "\"field\":\"by\"");
  expect("unknown reason", slmatch_rounds_answer(state, "P01", "H01", "person", 0, "weather"),
         SLMATCH_INVALID_ARGUMENT, "\"field\":\"reason\"");
  expect("state", slmatch_rounds_json(state, &json), SLMATCH_OK, NULL);
  expect("state read back", slmatch_rounds_from_json(json, strlen(json), &copy), SLMATCH_OK, NULL);
  expect("state written again", slmatch_rounds_json(copy, &copied), SLMATCH_OK, NULL);
  if (json == NULL || copied == NULL || strcmp(json, copied) != 0) {
    fprintf(stderr, "FAIL the rounds' state changed on the way through JSON\n");
    ++failures;
  }
  expect("state not JSON", slmatch_rounds_from_json("{", 1, &state), SLMATCH_INVALID_INPUT,
         "\"record\":\"proposal_rounds\"");
  expect("state with a number out of range", slmatch_rounds_from_json("[1e999]", 7, &state),
         SLMATCH_INVALID_INPUT, "\"record\":\"proposal_rounds\"");
  expect("state not a state", slmatch_rounds_from_json("{}", 2, &state), SLMATCH_INVALID_INPUT,
         "\"record\":\"proposal_rounds\"");
  expect("rounds as a result", slmatch_result_free((slmatch_result*)copy), SLMATCH_INVALID_HANDLE,
         NULL);
  slmatch_free(json);
  slmatch_free(copied);
  expect("free the copy", slmatch_rounds_free(copy), SLMATCH_OK, NULL);
  expect("free the rounds", slmatch_rounds_free(state), SLMATCH_OK, NULL);
  expect("rounds freed", slmatch_rounds_next(state), SLMATCH_INVALID_HANDLE, NULL);
  slmatch_scheme_free(scheme);
}

int main(int argc, char** argv) {
  size_t length = 0;
  char* text;
  if (argc != 2) {
    fprintf(stderr, "usage: c_abi_errors SCHEME.json\n");
    return 2;
  }
  if (slmatch_abi_version() != SLMATCH_ABI_VERSION || slmatch_version()[0] == '\0') {
    fprintf(stderr, "FAIL version: ABI %d, header %d\n", slmatch_abi_version(),
            SLMATCH_ABI_VERSION);
    return 1;
  }
  text = read_file(argv[1], &length);
  if (text == NULL) {
    fprintf(stderr, "cannot read %s\n", argv[1]);
    return 2;
  }
  schemes(text, length);
  matching(text, length);
  rounds(text, length);
  free(text);
  if (failures) {
    fprintf(stderr, "%d checks failed\n", failures);
    return 1;
  }
  printf("every bad input refused with its status and message\n");
  return 0;
}
