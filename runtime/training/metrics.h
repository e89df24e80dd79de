#pragma once
#include <cstddef>

namespace verdict::model {

// Area under the ROC curve of `scores` against 0/1 `labels` (Mann-Whitney:
// tied scores share their average rank). NaN when a class is absent.
double roc_auc(const float* scores, const float* labels, size_t n);

// Mean binary cross-entropy of probabilities `p` (clamped to
// [1e-15, 1 - 1e-15]) against 0/1 `labels`, natural log.
double log_loss(const float* p, const float* labels, size_t n);

}  // namespace verdict::model
