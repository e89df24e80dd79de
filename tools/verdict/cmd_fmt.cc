#include <fstream>
#include <iostream>

#include "compiler/format/formatter.h"
#include "compiler/source/diagnostic_text.h"
#include "compiler/source/file_diagnostic.h"
#include "compiler/syntax/parser.h"
#include "runtime/deploy/ruleset.h"
#include "tools/verdict/commands.h"

namespace verdict::cli {
namespace {

struct FmtOptions {
  std::vector<std::string> files;
  bool check = false;
  bool write = false;
};

enum class FmtResult { Unchanged, Changed, Failed };

// Replaces the file at `path` with `text`; false, with the reason printed
// (E010 cannot open, E011 the write failed part-way), when it could not.
bool rewrite_file(const std::string& path, const std::string& text) {
  std::ofstream out(path, std::ios::binary | std::ios::trunc);
  if (!out) {
    std::cerr << render_all({Diagnostic::unlocated(code::E010, "cannot write `" + path + "`")}, nullptr, path);
    return false;
  }
  if (!(out << text).flush()) {
    std::cerr << render_all({Diagnostic::unlocated(code::E011, "writing `" + path + "` failed (disk full?)")}, nullptr,
                            path);
    return false;
  }
  return true;
}

// Formats one file. The result is re-parsed before it is trusted; a file
// that does not parse is never written.
FmtResult format_file(const std::string& path, const FmtOptions& opt) {
  std::string text;
  if (FileRead read = read_rules_file(path, text); !read) {
    std::cerr << render_all({file_read_diagnostic(read, code::E000, code::E006)}, nullptr, path);
    return FmtResult::Failed;
  }
  SourceFile source(path, text);
  Diagnostics diags;
  auto file = parse_rules(source, diags);
  if (!file) {
    std::cerr << render_all(diags.sorted(), &source, path);
    return FmtResult::Failed;
  }
  // The tree keeps one `predicts`/`features` clause per model; formatting a
  // file that repeats one would silently drop the repeat.
  for (const ast::Item& item : file->items) {
    const auto* model = std::get_if<ast::ModelDecl>(&item);
    if (model == nullptr || model->repeated.empty()) continue;
    Diagnostics repeated;
    for (const auto& clause : model->repeated) {
      repeated.report(code::E503, clause.span,
                      "`" + clause.keyword + "` is given more than once; fix it before formatting");
    }
    std::cerr << render_all(repeated.sorted(), &source, path);
    return FmtResult::Failed;
  }
  std::string formatted = format_rules(*file, source);
  if (formatted.size() > kMaxSourceBytes) {  // the layout grew a file near the limit past it
    std::cerr << render_all(
        {Diagnostic::unlocated(code::E006, "formatted, the file would be " + std::to_string(formatted.size()) +
                                               " bytes; the limit is " + std::to_string(kMaxSourceBytes) +
                                               "; file left unchanged")},
        nullptr, path);
    return FmtResult::Failed;
  }
  Diagnostics recheck;
  if (!parse_rules(SourceFile(path, formatted), recheck)) {
    std::cerr << path << ": error: the formatter produced text that does not parse; file left unchanged\n";
    return FmtResult::Failed;
  }
  bool changed = formatted != text;
  if (opt.check) {
    if (changed) std::cout << path << ": not formatted\n";
  } else if (opt.write) {
    if (changed && !rewrite_file(path, formatted)) return FmtResult::Failed;
  } else {
    std::cout << formatted;
  }
  return changed ? FmtResult::Changed : FmtResult::Unchanged;
}

int run_fmt(const FmtOptions& opt) {
  bool failed = false, changed = false;
  for (const std::string& path : opt.files) {
    FmtResult r = format_file(path, opt);
    failed = failed || r == FmtResult::Failed;
    changed = changed || r == FmtResult::Changed;
  }
  return failed || (opt.check && changed) ? 1 : 0;
}

}  // namespace

void add_fmt_command(CLI::App& app, int& exit_code) {
  auto opt = std::make_shared<FmtOptions>();
  CLI::App* cmd = app.add_subcommand("fmt", "Print rules files in canonical layout (comments kept)");
  cmd->add_option("files", opt->files, "Rules files")->required();
  cmd->add_flag("--check", opt->check, "Write nothing; list files that are not formatted and exit 1 if any");
  cmd->add_flag("-w,--write", opt->write, "Rewrite files in place (only those that change)");
  cmd->callback([opt, &exit_code] { exit_code = run_fmt(*opt); });
}

}  // namespace verdict::cli
