// Forwarding header, for this round only: the diagnostic renderers live in
// compiler/source/diagnostic_text.h and diagnostic_json.h (in namespace
// verdict, so verdict::cli finds them unqualified). Remove it once
// decide_loop.cc and cmd_batch.cc include those headers instead.
#pragma once
#include "compiler/source/diagnostic_json.h"
#include "compiler/source/diagnostic_text.h"
