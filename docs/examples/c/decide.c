/* Decides the first request of a JSON Lines file with the C API, then shows
 * how a refused request reports its error.
 *
 *   decide CONFIG.toml REQUESTS.jsonl
 *   decide rules/credit_approval.deploy.toml rules/examples/credit_requests.jsonl
 *
 * Build: cc -std=c99 decide.c -I PREFIX/include -L PREFIX/lib -lverdict
 * (in this repository CTest builds and runs it: c_api.example_decides). */
#include <stdio.h>
#include <string.h>

#include "verdict.h"

/* Reads the first line of `path` into `line` (without its newline). */
static int read_first_line(const char* path, char* line, size_t size) {
  FILE* in = fopen(path, "r");
  if (!in) return 0;
  int ok = fgets(line, (int)size, in) != NULL;
  fclose(in);
  if (ok) line[strcspn(line, "\r\n")] = '\0';
  return ok;
}

/* Decides `request` and prints the outcome and final score, or the error. */
static int decide_and_print(const verdict_engine* engine, const char* request) {
  verdict_error* err = NULL;
  verdict_decision* decision = verdict_decide(engine, request, strlen(request), &err);
  if (!decision) {
    printf("refused (%s):\n%s\n", verdict_error_code(err), verdict_error_message(err));
    verdict_error_free(err);
    return 0;
  }
  printf("outcome: %s\n", verdict_decision_outcome(decision));
  printf("final score: %.3f\n", verdict_decision_final_score(decision));
  verdict_decision_free(decision);
  return 1;
}

int main(int argc, char** argv) {
  if (argc != 3) {
    fprintf(stderr, "usage: %s CONFIG.toml REQUESTS.jsonl\n", argv[0]);
    return 2;
  }
  char request[1 << 16];
  if (!read_first_line(argv[2], request, sizeof request)) {
    fprintf(stderr, "cannot read a request from %s\n", argv[2]);
    return 1;
  }

  verdict_error* err = NULL;
  verdict_engine* engine = verdict_engine_open(argv[1], &err);
  if (!engine) {
    fprintf(stderr, "%s\n", verdict_error_message(err));
    verdict_error_free(err);
    return 1;
  }
  printf("libverdict %s, deployment generation %llu\n", verdict_version(),
         (unsigned long long)verdict_engine_generation(engine));

  int decided = decide_and_print(engine, request);
  /* A string where a number belongs and a typo in a field name: both reported. */
  const char* wrong =
      "{\"seniority\": 12, \"home\": \"owner\", \"time\": 36, \"age\": 54, \"records\": false, "
      "\"expenses\": 60, \"incme\": 130, \"amount\": \"700\", \"price\": 2100}";
  int refused = !decide_and_print(engine, wrong);

  verdict_engine_free(engine);
  return decided && refused ? 0 : 1;
}
