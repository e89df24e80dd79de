#include "runtime/training/dataset.h"

#include <algorithm>
#include <charconv>
#include <cmath>
#include <limits>

#include "compiler/source/suggest.h"

namespace verdict::model {
namespace {

// The bad cells of one column: the first kShown listed, the rest counted.
struct CellErrors {
  static constexpr size_t kShown = 3;
  std::vector<std::string> shown;
  size_t count = 0;

  void add(std::string message) {
    if (count++ < kShown) shown.push_back(std::move(message));
  }
  void report(const std::string& column, std::vector<std::string>& errors) const {
    errors.insert(errors.end(), shown.begin(), shown.end());
    if (count > kShown) {
      errors.push_back("column `" + column + "`: " + std::to_string(count) + " bad cells in all (" +
                       std::to_string(kShown) + " shown)");
    }
  }
};

// Column index of each feature, or errors at the feature's TOML location.
bool find_columns(const CsvTable& table, const TrainConfig& config, std::vector<int>& columns,
                  std::vector<std::string>& errors) {
  bool ok = true;
  for (size_t i = 0; i < config.features.size(); ++i) {
    const std::string& column = config.features[i].column;
    columns.push_back(table.column(column));
    if (columns.back() >= 0) continue;
    std::string at = i < config.feature_at.size() ? config.feature_at[i] + ": " : "";
    errors.push_back(at + "feature `" + config.features[i].name + "`: column `" + column + "` is not in `" +
                     table.path + "`" + did_you_mean(column, table.header));
    ok = false;
  }
  return ok;
}

std::string cell_error(const CsvTable& table, size_t row, const std::string& column, const std::string& cell,
                       const std::string& expected) {
  return table.path + ":" + std::to_string(table.lines[row]) + ": column `" + column + "` is `" + cell + "`, " +
         expected;
}

std::string expected_values(const FeatureSpec& spec) {
  if (spec.kind == FeatureKind::Number) return "not a number";
  std::string list;
  for (size_t i = 0; i < spec.values.size(); ++i) {
    list += (i ? ", `" : "`") + spec.values[i] + "`";
  }
  return "not one of the declared values " + list + " (or empty for missing)";
}

std::string label_expected(const TrainConfig& config) {
  std::string text = "neither the positive value `" + config.positive + "`";
  for (size_t i = 0; i < config.negative.size(); ++i) {
    text += (i ? ", `" : " nor the negative `") + config.negative[i] + "`";
  }
  return text;
}

// 1 for the positive value, 0 for a negative one, -1 otherwise.
int label_value(const TrainConfig& config, const std::string& cell) {
  if (cell == config.positive) return 1;
  if (config.negative.empty()) return cell.empty() ? -1 : 0;
  for (const std::string& v : config.negative) {
    if (cell == v) return 0;
  }
  return -1;
}

}  // namespace

bool encode_cell(const FeatureSpec& spec, const std::string& cell, float& out) {
  if (cell.empty()) {
    out = std::numeric_limits<float>::quiet_NaN();
    return true;
  }
  if (spec.kind != FeatureKind::Number) {
    int code = feature_code(spec, cell);
    out = static_cast<float>(code);
    return code >= 0;
  }
  double number = 0;
  auto [end, ec] = std::from_chars(cell.data(), cell.data() + cell.size(), number);
  out = static_cast<float>(number);
  return ec == std::errc() && end == cell.data() + cell.size() && std::isfinite(out);
}

bool encode_dataset(const CsvTable& table, const TrainConfig& config, Dataset& out, std::vector<std::string>& errors) {
  std::vector<int> columns;
  int label = table.column(config.label);
  bool ok = find_columns(table, config, columns, errors);
  if (label < 0) {
    errors.push_back(config.label_at + ": label column `" + config.label + "` is not in `" + table.path + "`" +
                     did_you_mean(config.label, table.header));
    ok = false;
  }
  if (!ok) return false;
  out = Dataset();
  out.cols = columns.size();
  out.values.resize(table.rows.size() * out.cols);
  // Per feature column, then the label: the first few bad cells and a count.
  std::vector<CellErrors> bad(columns.size() + 1);
  for (size_t r = 0; r < table.rows.size(); ++r) {
    const auto& cells = table.rows[r];
    for (size_t c = 0; c < columns.size(); ++c) {
      const FeatureSpec& spec = config.features[c];
      if (encode_cell(spec, cells[columns[c]], out.values[r * out.cols + c])) continue;
      bad[c].add(cell_error(table, r, spec.column, cells[columns[c]], expected_values(spec)));
    }
    int y = label_value(config, cells[label]);
    if (y < 0) bad.back().add(cell_error(table, r, config.label, cells[label], label_expected(config)));
    out.labels.push_back(static_cast<float>(y));
    out.lines.push_back(table.lines[r]);
  }
  for (size_t c = 0; c < bad.size(); ++c) {
    bad[c].report(c < columns.size() ? config.features[c].column : config.label, errors);
  }
  return std::all_of(bad.begin(), bad.end(), [](const CellErrors& e) { return e.count == 0; });
}

bool encode_rows(const CsvTable& table, const std::vector<FeatureSpec>& features, Dataset& out, std::string& error) {
  out = Dataset();
  out.cols = features.size();
  out.values.resize(table.rows.size() * out.cols);
  for (size_t c = 0; c < features.size(); ++c) {
    int column = table.column(features[c].column);
    if (column < 0) {
      error = "column `" + features[c].column + "` is not in `" + table.path + "`";
      return false;
    }
    for (size_t r = 0; r < table.rows.size(); ++r) {
      const std::string& cell = table.rows[r][column];
      if (!encode_cell(features[c], cell, out.values[r * out.cols + c])) {
        error = cell_error(table, r, features[c].column, cell, expected_values(features[c]));
        return false;
      }
    }
  }
  out.lines = table.lines;
  return true;
}

Dataset select_rows(const Dataset& data, const std::vector<size_t>& indices) {
  Dataset out;
  out.cols = data.cols;
  out.values.reserve(indices.size() * data.cols);
  for (size_t i : indices) {
    out.values.insert(out.values.end(), data.row(i), data.row(i) + data.cols);
    out.labels.push_back(data.labels[i]);
    out.lines.push_back(data.lines[i]);
  }
  return out;
}

}  // namespace verdict::model
