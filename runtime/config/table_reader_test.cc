#include "runtime/config/table_reader.h"

#include <catch2/catch.hpp>
#include <cmath>

#include "runtime/config/toml_document.h"

namespace verdict {
namespace {

const ConfigCodes kCodes = {
    .unknown_key = &code::S002, .wrong_type = &code::S003, .out_of_range = &code::S004, .not_one_of = &code::C006};

// A parsed text and a reader of its top-level table, named `name`.
struct Fixture {
  explicit Fixture(std::string text, ConfigCodes codes = kCodes, std::string name = "t")
      : source("f.toml", std::move(text)), report(std::move(codes)) {
    TomlSyntaxError error;
    document = TomlDocument::parse(source, error);
    REQUIRE(document);
    reader.emplace(document->root(), std::move(name), report);
  }

  // "CODE line:col message" each.
  std::vector<std::string> problems() const {
    std::vector<std::string> out;
    for (const ConfigProblem& p : report.problems()) {
      out.push_back((p.code ? std::string(p.code->id) : "-") + " " + std::to_string(p.position.line) + ":" +
                    std::to_string(p.position.col) + " " + p.message);
    }
    return out;
  }

  SourceFile source;
  ConfigReport report;
  std::optional<TomlDocument> document;
  std::optional<TableReader> reader;
};

TEST_CASE("a syntax error gives toml++'s description, its position and a one-byte span", "[config]") {
  SourceFile source("f.toml", "a = 1\n[b\n");
  TomlSyntaxError error;
  CHECK_FALSE(TomlDocument::parse(source, error));
  CHECK(error.message.starts_with("invalid TOML: "));
  CHECK(error.position.line == 2);
  CHECK(error.span.end == error.span.begin + 1);
}

TEST_CASE("values have spans in the file and positions as toml++ counts", "[config]") {
  Fixture f("key = \"text\"\n");
  std::optional<TomlValue> value = f.reader->get("key");
  REQUIRE(value);
  CHECK(f.source.slice(value->span()) == "\"text\"");
  CHECK(value->position().line == 1);
  CHECK(value->position().col == 7);
  std::vector<TomlEntry> entries = f.reader->table().entries();
  REQUIRE(entries.size() == 1);
  CHECK(f.source.slice(entries[0].key_span) == "key");
}

TEST_CASE("unknown keys are reported at the value or at the key, with a hint", "[config]") {
  Fixture at_value("prot = 1\nlearning_rate = 2\n");
  at_value.reader->known_keys({"port", "eta"}, "[server]", {{"learning_rate", "eta"}});
  CHECK(at_value.problems() == std::vector<std::string>{
                                   "S002 2:17 unknown key `learning_rate` in [server]; did you mean `eta`?",
                                   "S002 1:8 unknown key `prot` in [server]; did you mean `port`?",
                               });
  Fixture at_key("zzz = 1\n", {.unknown_key_at_key = true});
  at_key.reader->known_keys({"port"}, "");
  CHECK(at_key.problems() == std::vector<std::string>{"- 1:1 unknown key `zzz`"});
}

TEST_CASE("typed getters report a wrong type with the key's dotted name", "[config]") {
  Fixture f("s = 1\nempty = \"\"\nlist = [\"a\", 2, 3]\nn = \"x\"\ni = 1.0\nsub = 4\nmode = \"fast\"\n");
  CHECK_FALSE(f.reader->string("s", "a string"));
  CHECK(f.reader->string("empty", "a name") == "");
  CHECK_FALSE(f.reader->string("empty", "a name", TableReader::Empty::Refused));
  CHECK_FALSE(f.reader->strings("list", "an array of strings"));
  CHECK_FALSE(f.reader->number("n", {.min = 0, .max = 1, .must_be = "a number"}));
  CHECK_FALSE(f.reader->integer("i", {.min = 0, .max = 1, .must_be = "an integer"}));
  CHECK_FALSE(f.reader->table("sub"));
  auto parse = [](std::string_view name) { return name == "slow" ? std::optional<int>(1) : std::nullopt; };
  CHECK_FALSE(f.reader->one_of("mode", parse, "`slow`"));
  CHECK_FALSE(f.reader->string("absent", "a string"));
  CHECK(f.problems() == std::vector<std::string>{
                            "S003 1:5 `t.s` must be a string",
                            "S003 2:9 `t.empty` must be a name",
                            "S003 3:14 `t.list` must be an array of strings",
                            "S003 4:5 `t.n` must be a number",
                            "S003 5:5 `t.i` must be an integer",
                            "S003 6:7 `t.sub` must be a table",
                            "C006 7:8 `t.mode` must be `slow`",
                        });
}

TEST_CASE("numbers out of bounds: open and closed bounds, NaN, integers beyond a double", "[config]") {
  Fixture f("a = 0\nb = 1\nc = nan\nd = 9223372036854775807\ne = 0.5\n", kCodes, "");
  NumberRule open = {.min = 0, .max = 1, .open_min = true, .must_be = "a number in (0, 1]"};
  NumberRule quoted = {.min = 0, .max = 1, .must_be = "a number", .out_of_range = "it must be between 0 and 1"};
  CHECK_FALSE(f.reader->number("a", open));
  CHECK(f.reader->number("b", open) == 1.0);
  CHECK_FALSE(f.reader->number("c", quoted));
  CHECK_FALSE(f.reader->integer("d", {.min = 1, .max = 100, .must_be = "an integer", .out_of_range = "too big"}));
  CHECK(f.reader->number("e", quoted) == 0.5);
  CHECK(f.problems() == std::vector<std::string>{
                            "S004 1:5 `a` must be a number in (0, 1]",
                            "S004 3:5 `c` is nan; it must be between 0 and 1",
                            "S004 4:5 `d` is 9223372036854775807; too big",
                        });
}

}  // namespace
}  // namespace verdict
