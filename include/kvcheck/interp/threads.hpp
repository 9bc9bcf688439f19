// How many threads the numeric interpreter's matrix products may use (Eigen's OpenMP GEMM).
#pragma once

namespace kvcheck::interp {

/// Sets the number of threads Eigen's large matrix products use; 0 restores the default
/// (OpenMP's, usually the number of cores). Small products stay on one thread regardless.
void set_numeric_threads(int threads);

/// The number of threads large matrix products use now.
int numeric_threads();

}  // namespace kvcheck::interp
