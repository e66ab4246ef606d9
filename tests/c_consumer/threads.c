/* Handles are safe to read from many threads at once: eight threads match one scheme handle
 * and read one shared result handle at the same time, and every answer must equal the one
 * a single thread gets.
 *
 * Usage: c_abi_threads SCHEME.json PERSON_ID HOUSEHOLD_ID OTHER_HOUSEHOLD_ID
 */
#include <slmatch/c/slmatch.h>

#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define THREADS 8

enum { REPORT, LINES, AUDIT, RECORD, EXPLAIN, COMPARE, STABLE, ANSWERS };

struct task {
  const slmatch_scheme* scheme;
  const slmatch_result* shared;
  const char* const* ids;
  char* answers[ANSWERS];
  int status;
};

/* Every read the interface offers, on handles other threads read at the same time. */
static int answer_all(const slmatch_scheme* scheme, const slmatch_result* shared,
                      const char* const* ids, char** answers) {
  slmatch_result* own = NULL;
  int status = slmatch_match(scheme, "{\"threads\": 2}", &own);
  if (status != SLMATCH_OK) return status;
  status = slmatch_result_json(own, &answers[REPORT]);
  if (status == SLMATCH_OK) status = slmatch_result_json_lines(shared, &answers[LINES]);
  if (status == SLMATCH_OK) status = slmatch_result_audit_json(shared, NULL, &answers[AUDIT]);
  if (status == SLMATCH_OK) status = slmatch_result_record_json(shared, &answers[RECORD]);
  if (status == SLMATCH_OK)
    status = slmatch_explain_json(scheme, ids[0], ids[1], &answers[EXPLAIN]);
  if (status == SLMATCH_OK)
    status = slmatch_compare_json(scheme, ids[0], ids[1], ids[2], &answers[COMPARE]);
  if (status == SLMATCH_OK) status = slmatch_stable_json(scheme, NULL, &answers[STABLE]);
  slmatch_result_free(own);
  return status;
}

static void* run(void* argument) {
  struct task* t = argument;
  t->status = answer_all(t->scheme, t->shared, t->ids, t->answers);
  return NULL;
}

int main(int argc, char** argv) {
  slmatch_scheme* scheme = NULL;
  slmatch_result* shared = NULL;
  char* expected[ANSWERS] = {0};
  struct task tasks[THREADS];
  pthread_t threads[THREADS];
  int failures = 0;
  if (argc != 5) {
    fprintf(stderr, "usage: c_abi_threads SCHEME.json PERSON HOUSEHOLD OTHER_HOUSEHOLD\n");
    return 2;
  }
  if (slmatch_scheme_from_file(argv[1], &scheme) != SLMATCH_OK ||
      slmatch_match(scheme, NULL, &shared) != SLMATCH_OK ||
      answer_all(scheme, shared, (const char* const*)argv + 2, expected) != SLMATCH_OK) {
    fprintf(stderr, "c_abi_threads: %s\n", slmatch_last_error_message());
    return 1;
  }
  memset(tasks, 0, sizeof tasks);
  for (int i = 0; i < THREADS; ++i) {
    tasks[i].scheme = scheme;
    tasks[i].shared = shared;
    tasks[i].ids = (const char* const*)argv + 2;
    if (pthread_create(&threads[i], NULL, run, &tasks[i]) != 0) {
      fprintf(stderr, "c_abi_threads: cannot start thread %d\n", i);
      return 1;
    }
  }
  for (int i = 0; i < THREADS; ++i) pthread_join(threads[i], NULL);
  for (int i = 0; i < THREADS; ++i) {
    if (tasks[i].status != SLMATCH_OK) {
      fprintf(stderr, "thread %d: status %d\n", i, tasks[i].status);
      ++failures;
    }
    for (int k = 0; k < ANSWERS; ++k) {
      if (tasks[i].answers[k] == NULL || strcmp(tasks[i].answers[k], expected[k]) != 0) {
        fprintf(stderr, "thread %d: answer %d differs from a single thread's\n", i, k);
        ++failures;
      }
      slmatch_free(tasks[i].answers[k]);
    }
  }
  for (int k = 0; k < ANSWERS; ++k) slmatch_free(expected[k]);
  slmatch_result_free(shared);
  slmatch_scheme_free(scheme);
  if (failures) return 1;
  printf("%d threads, %d answers each: all equal to a single thread's\n", THREADS, ANSWERS);
  return 0;
}
