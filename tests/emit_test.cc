// `verdict check --emit=ast|ir|llvm`: each stage of a small ruleset, as the
// user sees it, against golden files.
#include <catch2/catch.hpp>

#include "tests/support/cli.h"
#include "tests/support/golden.h"

namespace verdict {
namespace {

void check_stage(const std::string& stage, const std::string& extra = "") {
  auto r = testing::run_cli("check --emit=" + stage + extra + " tests/emit/small.rules");
  REQUIRE(r.exit_code == 0);
  std::string diff = testing::check_golden(testing::source_path("tests/emit/small." + stage), r.out);
  INFO(diff);
  CHECK(diff.empty());
}

TEST_CASE("check --emit=ast prints the parse tree", "[emit][golden]") { check_stage("ast"); }
TEST_CASE("check --emit=ir prints the typed IR", "[emit][golden]") { check_stage("ir"); }
TEST_CASE("check --emit=llvm prints the generated LLVM IR", "[emit][golden]") { check_stage("llvm", " --opt O0"); }

}  // namespace
}  // namespace verdict
