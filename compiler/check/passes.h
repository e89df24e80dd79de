#pragma once
#include "compiler/check/check_context.h"

// The checker's passes, run in this order by check_rules(). Each pass may
// report diagnostics and still leaves the context consistent for the next.
namespace verdict::check {

// 1. Header clauses, the input schema, and every declared name (E101-E107, E103).
void declare_names(CheckContext& ctx);
// 2. Puts lets and segments in dependency order (E208). Needs 1.
void order_derived(CheckContext& ctx);
// 3. Lowers every expression, rule, output, model binding and decide branch
//    to typed IR (E2xx, E301, E5xx, W406). Needs 1-2.
void lower_program(CheckContext& ctx);
// 4. Warnings that need the whole program (W302, W303, W401, W402, W404, W405).
//    Runs only when 1-3 reported no error.
void lint_program(CheckContext& ctx);

}  // namespace verdict::check
