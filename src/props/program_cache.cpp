// step_program: a small process-wide memo of the programs concrete runs interpret.
#include "kvcheck/props/program_cache.hpp"

#include <map>
#include <memory>
#include <mutex>
#include <string>

namespace kvcheck::props {

const model::Program& step_program(const model::Implementation& impl, model::StepKind kind) {
  static std::mutex mutex;
  // unique_ptr keeps each Program at a fixed address while the map grows.
  static std::map<std::pair<std::string, model::StepKind>, std::unique_ptr<model::Program>> built;
  const auto key = std::make_pair(impl.describe(), kind);
  std::lock_guard lock(mutex);
  auto it = built.find(key);
  if (it == built.end()) {
    it = built
             .emplace(key, std::make_unique<model::Program>(
                               model::build_program(impl, model::symbolic_step(kind))))
             .first;
  }
  return *it->second;
}

}  // namespace kvcheck::props
