#include "runtime/model/gauss_legendre.h"

#include <cmath>
#include <numbers>

namespace verdict::model {

// Newton's method on the Legendre polynomial P_n from the classical
// starting guesses; P_n and its derivative by the three-term recurrence.
void gauss_legendre_unit(int n, double* t, double* w) {
  for (int k = 0; k < n; ++k) {
    double x = std::cos(std::numbers::pi * (k + 0.75) / (n + 0.5));
    double derivative = 1.0;
    for (int iteration = 0; iteration < 100; ++iteration) {
      double p0 = 1.0, p1 = x;
      for (int j = 2; j <= n; ++j) {
        double p2 = ((2.0 * j - 1.0) * x * p1 - (j - 1.0) * p0) / j;
        p0 = p1;
        p1 = p2;
      }
      derivative = n * (x * p1 - p0) / (x * x - 1.0);
      double step = p1 / derivative;
      x -= step;
      if (std::fabs(step) < 1e-16) break;
    }
    // x descends with k; t = (1 - x) / 2 ascends.
    t[k] = (1.0 - x) / 2.0;
    w[k] = 1.0 / ((1.0 - x * x) * derivative * derivative);
  }
}

}  // namespace verdict::model
