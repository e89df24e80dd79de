/* verdict.h: the C API of the Verdict decision engine (libverdict.so).
 *
 * Plain C99, for C programs and for other languages through their FFI
 * (Python ctypes/cffi, Go cgo, Java JNA/Panama). A thin layer over the C++
 * verdict::Engine (runtime/api/engine.h); docs/embedding.md is the guide.
 *
 * Handles are opaque. Every object a function returns is owned by the
 * caller and freed with the matching *_free function (each accepts NULL);
 * strings returned by an accessor are owned by the object they came from
 * and stay valid until it is freed. No C++ exception crosses this API:
 * every failure is reported as a verdict_error.
 *
 * Accessors given a NULL object return "" (strings), 0 (counts) or NaN
 * (scores) instead of crashing.
 *
 * Errors: a function that can fail takes `verdict_error** err` as its last
 * argument. It sets *err to NULL on entry and, on failure, to an error the
 * caller frees with verdict_error_free. Pass NULL to ignore the details.
 *
 * Thread safety: one verdict_engine may be used from any number of threads
 * at once (decide, decide_batch, reload, generation), except that
 * verdict_engine_free must not run while another call on the same engine
 * is in progress. A decision runs entirely on the version that was serving
 * when it started; a reload swaps the new version in atomically and a
 * failed reload leaves the old one serving. Decisions and errors are plain
 * values: read them from any thread (one at a time or concurrently, they are
 * never modified), free each once, and they may outlive their engine.
 */
#ifndef VERDICT_H
#define VERDICT_H

#include <stddef.h>
#include <stdint.h>

#if defined(VERDICT_C_BUILDING) && (defined(__GNUC__) || defined(__clang__))
#define VERDICT_API __attribute__((visibility("default")))
#else
#define VERDICT_API
#endif

#ifdef __cplusplus
extern "C" {
#endif

/* A deployment (config, ruleset, model) that can be reloaded while serving. */
typedef struct verdict_engine verdict_engine;
/* One decided request: its decision JSON and the fields most callers read. */
typedef struct verdict_decision verdict_decision;
/* Why a call failed: one or more diagnostics, each with a stable code. */
typedef struct verdict_error verdict_error;

/* The library's version, e.g. "0.1.0". Static storage; never free it. */
VERDICT_API const char* verdict_version(void);

/* ---- Engines ----------------------------------------------------------- */

/* Opens the deployment config (TOML) at `config_path` and everything it names
 * (ruleset, model). NULL on failure, with *err holding every problem found
 * (config codes C0xx, rules codes E/W, model codes E5xx), each rendered with
 * its file, line and column. */
VERDICT_API verdict_engine* verdict_engine_open(const char* config_path, verdict_error** err);

/* Opens a deployment given as text: `config_text` is the config, and
 * `config_path` locates it (the paths in it resolve against its folder; the
 * file need not exist). `rules_text`, when not NULL, is the ruleset the
 * config names; otherwise the ruleset is read from its file. The model is
 * read from its file. NULL on failure, with *err. An engine opened this way
 * reloads with verdict_engine_reload_sources only. */
VERDICT_API verdict_engine* verdict_engine_open_sources(const char* config_path, const char* config_text,
                                                        const char* rules_text, verdict_error** err);

/* Re-reads the config file the engine was opened from and the files it
 * names, compiles and loads them off to the side, then swaps the new version
 * in. Returns 0 when the new version is serving. Returns -1 when it could not
 * be loaded: the old version keeps serving and *err holds the diagnostics. */
VERDICT_API int verdict_engine_reload(verdict_engine* engine, verdict_error** err);

/* As verdict_engine_reload, from text (arguments as verdict_engine_open_sources). */
VERDICT_API int verdict_engine_reload_sources(verdict_engine* engine, const char* config_path, const char* config_text,
                                              const char* rules_text, verdict_error** err);

/* How many versions have been swapped in: 1 after open, +1 per successful
 * reload. 0 for a NULL engine. */
VERDICT_API uint64_t verdict_engine_generation(const verdict_engine* engine);

/* Frees the engine (NULL is ignored). Decisions and errors it returned stay valid. */
VERDICT_API void verdict_engine_free(verdict_engine* engine);

/* ---- Decisions --------------------------------------------------------- */

/* Decides one request: `len` bytes of JSON text, a flat object of field
 * values (docs/language.md, "Requests"); it need not be NUL-terminated.
 * Returns the decision, or NULL with *err when the request was refused:
 * R001-R007, every problem reported and each naming the field, e.g.
 * "error[R003]: field `amount` expects a number, got the string "1"".
 * A request over 1 MiB is refused (R007). */
VERDICT_API verdict_decision* verdict_decide(const verdict_engine* engine, const char* request_json, size_t len,
                                             verdict_error** err);

/* Decides `count` requests (requests[i] is lens[i] bytes of JSON) on one
 * version, the same for all of them even while a reload swaps in another.
 * For each i, exactly one of decisions[i] and errors[i] is set, the other
 * NULL; the caller frees each. `errors` may be NULL to drop the details.
 * Returns how many requests were decided, or -1 (with *err, and every slot
 * NULL) when the call itself is wrong: a NULL engine or array, or out of
 * memory. */
VERDICT_API int64_t verdict_decide_batch(const verdict_engine* engine, const char* const* requests, const size_t* lens,
                                         size_t count, verdict_decision** decisions, verdict_error** errors,
                                         verdict_error** err);

/* The whole decision as JSON text (NUL-terminated, no newline): outcome,
 * score, reasons, model, provenance and the trace (as the deployment's
 * [trace] level says). Owned by the decision. */
VERDICT_API const char* verdict_decision_json(const verdict_decision* decision);

/* The outcome, e.g. "approve". Owned by the decision. */
VERDICT_API const char* verdict_decision_outcome(const verdict_decision* decision);

/* The final blended score in [0, 1]. */
VERDICT_API double verdict_decision_final_score(const verdict_decision* decision);

/* Frees the decision (NULL is ignored). */
VERDICT_API void verdict_decision_free(verdict_decision* decision);

/* ---- Errors ------------------------------------------------------------ */

/* Every diagnostic rendered, one or more lines each, e.g.
 * "rules/x.rules:12:8: error[E201]: unknown name `incme`..." followed by the
 * source line and a caret, or "error[R002]: unknown field `incme`...".
 * Owned by the error. */
VERDICT_API const char* verdict_error_message(const verdict_error* error);

/* The code of the first error (stable, documented): "R003", "C002", "E201".
 * Codes of the C API itself: A001 a required argument is NULL, A002 an
 * internal error, A003 out of memory. Owned by the error. */
VERDICT_API const char* verdict_error_code(const verdict_error* error);

/* How many diagnostics the error holds (at least 1), and the code and
 * one-line message (without file and position) of the i-th; NULL when i is
 * out of range. Owned by the error. */
VERDICT_API size_t verdict_error_count(const verdict_error* error);
VERDICT_API const char* verdict_error_code_at(const verdict_error* error, size_t i);
VERDICT_API const char* verdict_error_message_at(const verdict_error* error, size_t i);

/* Frees the error (NULL is ignored). */
VERDICT_API void verdict_error_free(verdict_error* error);

#ifdef __cplusplus
}
#endif

#endif /* VERDICT_H */
