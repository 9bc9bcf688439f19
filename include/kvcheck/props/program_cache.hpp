// Programs over the step symbols (pos, chunk_len, max_seq_len) depend only on the
// implementation and the step kind, so each is built once and shared by every case.
#pragma once

#include "kvcheck/model/program.hpp"

namespace kvcheck::props {

/// build_program(impl, symbolic_step(kind)), built on first use and kept for the process.
/// Thread-safe; the reference stays valid for the life of the program.
const model::Program& step_program(const model::Implementation& impl, model::StepKind kind);

}  // namespace kvcheck::props
