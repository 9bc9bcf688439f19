// for_each_task: a loop over independent tasks on the numeric threads, or a plain loop on the
// calling thread when there is one thread (entering an OpenMP region costs more than the tiny
// cases of a property search take).
#pragma once

#include <cstdint>

namespace kvcheck::interp {

/// Calls task(t) for t in [0, count), on `threads` threads when more than one; tasks are
/// handed out one at a time, so tasks of unequal cost (causal row blocks) balance.
template <class Task>
void for_each_task(std::int64_t count, int threads, const Task& task) {
  if (threads <= 1 || count <= 1) {
    for (std::int64_t t = 0; t < count; ++t) task(t);
    return;
  }
#pragma omp parallel for schedule(dynamic, 1) num_threads(threads)
  for (std::int64_t t = 0; t < count; ++t) task(t);
}

}  // namespace kvcheck::interp
