// Thread control for Eigen's parallel GEMM, kept here so no other layer sees Eigen.
#include "kvcheck/interp/threads.hpp"

#include <Eigen/Core>

namespace kvcheck::interp {

void set_numeric_threads(int threads) {
  Eigen::setNbThreads(threads);
}

int numeric_threads() {
  return Eigen::nbThreads();
}

}  // namespace kvcheck::interp
