// Step facts: what one step program says about positions (where RoPE starts, which slots the
// cache write fills, how many slots are read, what the mask admits), and the position
// obligations over them in isl's notation. Private to the position proof.
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "kvcheck/model/program.hpp"
#include "kvcheck/props/position_proof.hpp"

namespace kvcheck::props::positions {

/// The facts of one step program, as affine expressions over pos, chunk_len, max_seq_len.
/// Pseudo-code fields hold tags ("prefill:mask"), resolved per implementation.
struct StepFacts {
  std::string rq0 = "pos";  ///< RoPE position of query 0
  std::string rk0 = "pos";  ///< RoPE position of the first written key
  bool rope = false;
  std::string read;  ///< slots read
  enum class Mask { kNone, kCausal, kPadded } mask = Mask::kNone;
  std::string mask_start;
  std::string mask_len;
  std::string rope_pseudo, read_pseudo, mask_pseudo;
  sym::Dim rk0_dim = sym::Dim(sym::symbols::pos());
};

/// The tag that stands for an op's pseudo-code in memoised verdicts: "<step kind>:<role>".
std::string tag(const model::Program& p, const char* role);
/// The facts of `p`, or nothing (with `why`) when the position model does not describe it.
std::optional<StepFacts> read_facts(const model::Program& p, std::string& why);
/// "(a < b or a > b)".
std::string ne(const std::string& a, const std::string& b);
/// Query i admits slot `j` / does not admit slot j.
std::string admitted(const StepFacts& f, const std::string& j = "j");
std::string not_admitted(const StepFacts& f);

/// One obligation: a violation condition over (i, j) and the op it is about.
struct Obligation {
  std::string text;
  std::string violation;
  std::string pseudo;
};

/// The obligations of `claim` for one step.
std::vector<Obligation> obligations(const StepFacts& f, PositionClaim claim);
/// The cache after the step breaks the invariant (new keys rotated at other positions).
std::string invariant_violation(const StepFacts& f);

}  // namespace kvcheck::props::positions
