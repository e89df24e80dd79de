#pragma once
#include <cstddef>
#include <string>
#include <vector>

#include "compiler/util/csv_table.h"
#include "runtime/model/feature.h"
#include "runtime/training/train_config.h"

namespace verdict::model {

// Training rows encoded for XGBoost: `cols` floats per row (NaN missing)
// and a 0/1 label per row.
struct Dataset {
  size_t cols = 0;
  std::vector<float> values;
  std::vector<float> labels;  // empty when only scoring
  std::vector<size_t> lines;  // the CSV line of each row
  size_t rows() const { return lines.size(); }
  const float* row(size_t i) const { return values.data() + i * cols; }
};

// One cell as a model input: empty → NaN; a number is parsed as double and
// rounded to float (as the engine does with request values); a bool or
// enum cell becomes its code. False when the cell is not valid for `spec`.
bool encode_cell(const FeatureSpec& spec, const std::string& cell, float& out);

// Encodes every row of `table`. Errors name the TOML line of a feature whose
// column is missing, or the CSV line and column of a bad cell or label (the
// first three per column, then a count).
bool encode_dataset(const CsvTable& table, const TrainConfig& config, Dataset& out, std::vector<std::string>& errors);

// Every row of `table` as model input for `features` (found by column;
// labels left empty), for scoring a model on its training data. False with
// `error` naming the first missing column or bad cell.
bool encode_rows(const CsvTable& table, const std::vector<FeatureSpec>& features, Dataset& out, std::string& error);

// The rows of `data` at `indices`, in that order.
Dataset select_rows(const Dataset& data, const std::vector<size_t>& indices);

}  // namespace verdict::model
