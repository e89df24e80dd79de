// The version store (`[trace] store`, docs/audit.md#the-version-store): every
// version a deployment decides with is kept by the hash its decisions carry,
// before the first of them; an object that cannot be written or was altered
// fails the open or the reload (L006), the old version serving on.
#include "runtime/audit/version_store.h"

#include <catch2/catch.hpp>
#include <filesystem>
#include <fstream>
#include <string>

#include "compiler/util/sha256.h"
#include "runtime/api/engine.h"
#include "tests/support/golden.h"
#include "tests/support/serve_fixture.h"

namespace verdict {
namespace {

namespace fs = std::filesystem;
using testing::Deploy;
using testing::read_file;

const nlohmann::json kRequest = {{"seniority", 9},       {"home", "owner"},  {"time", 60},     {"age", 30},
                                 {"marital", "married"}, {"records", false}, {"job", "fixed"}, {"expenses", 73},
                                 {"income", 129},        {"assets", 0},      {"debt", 0},      {"amount", 800},
                                 {"price", 846}};

std::string provenance_sha(const DecideResult& r, const char* what) {
  return r.decision()["provenance"][what]["sha256"].get<std::string>();
}

bool has_code(const LoadReport& report, const std::string& code) {
  for (const auto& file : report.files) {
    for (const Diagnostic& d : file.diagnostics) {
      if (d.code == code) return true;
    }
  }
  return false;
}

TEST_CASE("version store: objects are kept by their hash, checked on every read", "[audit][store]") {
  fs::path dir = fs::temp_directory_path() / ("verdict-store-unit-" + std::to_string(::getpid()));
  fs::remove_all(dir);
  std::string error;
  auto store = VersionStore::open((dir / "versions").string(), error);
  REQUIRE(store);
  std::string sha = sha256_hex("ruleset text");
  REQUIRE(store->put(sha, "ruleset text", error));
  REQUIRE(store->put(sha, "ruleset text", error));  // again: already there, checked
  CHECK(store->get(sha, error) == "ruleset text");
  CHECK_FALSE(store->put(sha256_hex("other"), "ruleset text", error));
  CHECK(error.find("do not hash to") != std::string::npos);

  fs::permissions(store->object_path(sha), fs::perms::owner_write, fs::perm_options::add);
  std::ofstream(store->object_path(sha), std::ios::binary) << "ruleset texT";
  CHECK_FALSE(store->get(sha, error));
  CHECK(error.find("the object `" + sha + "` was altered") != std::string::npos);
  CHECK_FALSE(store->put(sha, "ruleset text", error));  // never silently repaired
  CHECK_FALSE(store->get(sha256_hex("absent"), error));
  CHECK_FALSE(store->get("../../etc/passwd", error));
  CHECK(error.find("is not a SHA-256") != std::string::npos);

  std::ofstream(dir / "a_file") << "x";
  CHECK_FALSE(VersionStore::open((dir / "a_file").string(), error));
  fs::remove_all(dir);
}

TEST_CASE("version store: an engine keeps each version before deciding with it", "[audit][store]") {
  Deploy deploy("store = \"versions\"\n[server]\nreload_token = \"" + std::string(40, 'k') + "\"\n");
  fs::path store = deploy.dir / "versions";
  LoadReport report;
  auto engine = Engine::open(deploy.config.string(), report);
  INFO(report.render());
  REQUIRE(engine);
  DecideResult first = engine->decide(kRequest);
  REQUIRE(first.decided);
  std::string rules_sha = provenance_sha(first, "ruleset");
  CHECK(read_file((store / rules_sha).string()) == read_file(deploy.rules.string()));
  CHECK(read_file((store / provenance_sha(first, "model")).string()) ==
        read_file(testing::source_path("models/credit_default.json")));
  std::string config = read_file((store / provenance_sha(first, "config")).string());
  CHECK(sha256_hex(config) == provenance_sha(first, "config"));
  CHECK(config.find(std::string(40, 'k')) == std::string::npos);  // the secret is not kept

  deploy.edit_rules("rule home_owner", "rule home_owned");
  REQUIRE(engine->reload(report));
  std::string new_sha = sha256_hex(read_file(deploy.rules.string()));
  CHECK(new_sha != rules_sha);
  CHECK(fs::exists(store / new_sha));  // before any decision of the new version
  CHECK(provenance_sha(engine->decide(kRequest), "ruleset") == new_sha);
}

TEST_CASE("version store: a store that cannot be written or was altered fails the open and the reload",
          "[audit][store][faults]") {
  Deploy deploy("store = \"versions\"\n");
  fs::path store = deploy.dir / "versions";
  LoadReport report;
  auto engine = Engine::open(deploy.config.string(), report);
  REQUIRE(engine);
  std::string rules_sha = provenance_sha(engine->decide(kRequest), "ruleset");

  fs::permissions(store / rules_sha, fs::perms::owner_write, fs::perm_options::add);
  std::ofstream(store / rules_sha, std::ios::binary) << "# altered\n";
  LoadReport altered;
  CHECK_FALSE(Engine::open(deploy.config.string(), altered));
  CHECK(has_code(altered, "L006"));
  CHECK(altered.render().find("the object `" + rules_sha + "` was altered") != std::string::npos);

  fs::remove_all(store);
  std::ofstream(store) << "a file where the folder should be";
  deploy.edit_rules("rule home_owner", "rule home_owned");
  LoadReport refused;
  CHECK_FALSE(engine->reload(refused));
  CHECK(has_code(refused, "L006"));
  DecideResult still = engine->decide(kRequest);  // the old version serves on
  REQUIRE(still.decided);
  CHECK(provenance_sha(still, "ruleset") == rules_sha);
}

}  // namespace
}  // namespace verdict
