/* A C program using slmatch as a case system would: read a scheme file, match it, print the
 * plan's report (the bytes `slmatch match --format json` writes for the same options) and
 * free everything.
 *
 * Usage: c_consumer SCHEME.json [OPTIONS_JSON]
 */
#include <slmatch/c/slmatch.h>

#include <stdio.h>

static int failed(const char* what) {
  fprintf(stderr, "c_consumer: %s failed (status %d): %s\n", what, (int)slmatch_last_error_status(),
          slmatch_last_error_message());
  return 1;
}

int main(int argc, char** argv) {
  slmatch_scheme* scheme = NULL;
  slmatch_result* result = NULL;
  char* report = NULL;
  int code = 0;
  if (argc < 2 || argc > 3) {
    fprintf(stderr, "usage: c_consumer SCHEME.json [OPTIONS_JSON]\n");
    return 2;
  }
  if (slmatch_abi_version() != SLMATCH_ABI_VERSION) {
    fprintf(stderr, "c_consumer: built for ABI %d, library has %d\n", SLMATCH_ABI_VERSION,
            slmatch_abi_version());
    return 1;
  }
  if (slmatch_scheme_from_file(argv[1], &scheme) != SLMATCH_OK) return failed("reading the scheme");
  if (slmatch_match(scheme, argc == 3 ? argv[2] : NULL, &result) != SLMATCH_OK)
    code = failed("matching");
  else if (slmatch_result_json(result, &report) != SLMATCH_OK)
    code = failed("writing the report");
  else if (fputs(report, stdout) == EOF || fflush(stdout) != 0)
    code = failed("printing the report");
  slmatch_free(report);
  slmatch_result_free(result);
  slmatch_scheme_free(scheme);
  return code;
}
