#pragma once

// Gauss-Legendre quadrature on [0, 1]: with n points it integrates every
// polynomial of degree up to 2n - 1 exactly (up to rounding).
namespace verdict::model {

// Writes n points (ascending, strictly inside (0, 1)) to `t` and their
// weights (positive, summing to 1) to `w`. 1 <= n <= 64.
void gauss_legendre_unit(int n, double* t, double* w);

}  // namespace verdict::model
