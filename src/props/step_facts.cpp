// Step facts read off a step program's ops, and the position obligations in isl's notation.
#include "step_facts.hpp"

namespace kvcheck::props::positions {
namespace {

using model::OpKind;

std::string paren(const sym::Dim& d) { return "(" + d.to_string() + ")"; }

/// RoPE position of the key in slot j after the step: new slots from rk0, older ones at j
/// (the invariant).
std::string key_rope_mismatch(const StepFacts& f, const std::string& query_rope) {
  if (!f.rope) return "1 = 0";
  // rq - rk must equal tq - tk = pos + i - j.
  return "h2 = 1 and ((j >= pos and " + ne(query_rope + " - (" + f.rk0 + " + j - pos)", "pos + i - j") +
         ") or (j < pos and " + ne(query_rope + " - j", "pos + i - j") + "))";
}

}  // namespace

/// The tag that stands for an op's pseudo-code in memoised verdicts: "<step kind>:<role>".
std::string tag(const model::Program& p, const char* role) {
  return std::string(p.dims.kind == model::StepKind::kPrefill ? "prefill" : "decode") + ":" + role;
}

std::optional<StepFacts> read_facts(const model::Program& p, std::string& why) {
  StepFacts f;
  bool wrote = false;
  for (const model::Op& op : p.step) {
    if (op.kind == OpKind::kRope) {
      (op.result == "xq" ? f.rq0 : f.rk0) = paren(op.start);
      if (op.result == "xk") f.rk0_dim = op.start;
      f.rope = true;
      f.rope_pseudo = tag(p, "rope");
    } else if (op.kind == OpKind::kCacheWrite && op.result == "cache_k") {
      if (!(op.start == p.dims.pos) || !(op.len == p.dims.len)) {
        why = "the cache is written at slots other than the step's own positions: " + op.pseudo;
        return std::nullopt;
      }
      wrote = true;
    } else if (op.kind == OpKind::kCacheRead && op.result == "keys") {
      f.read = paren(op.count);
      f.read_pseudo = tag(p, "read");
    } else if (op.kind == OpKind::kCausalMask || (op.kind == OpKind::kSdpa && op.causal)) {
      f.mask = op.admit_unwritten ? StepFacts::Mask::kPadded : StepFacts::Mask::kCausal;
      f.mask_start = paren(op.start);
      f.mask_len = paren(op.len);
      f.mask_pseudo = tag(p, "mask");
    } else if (op.kind == OpKind::kSdpa) {
      f.mask_pseudo = tag(p, "mask");
    }
  }
  if (!wrote || f.read.empty()) {
    why = "the step does not write and read the cache as the position model expects";
    return std::nullopt;
  }
  if (f.mask_pseudo.empty()) f.mask_pseudo = f.read_pseudo;
  return f;
}

std::string ne(const std::string& a, const std::string& b) {
  return "(" + a + " < " + b + " or " + a + " > " + b + ")";
}

/// Query i admits slot `j`.
std::string admitted(const StepFacts& f, const std::string& j) {
  std::string in_read = "0 <= " + j + " < " + f.read;
  switch (f.mask) {
    case StepFacts::Mask::kNone:
      return in_read;
    case StepFacts::Mask::kCausal:
      return in_read + " and " + j + " <= " + f.mask_start + " + i";
    case StepFacts::Mask::kPadded:
      return in_read + " and (" + j + " <= " + f.mask_start + " + i or " + j + " >= " +
             f.mask_start + " + " + f.mask_len + ")";
  }
  return in_read;
}

std::string not_admitted(const StepFacts& f) {
  std::string out_read = "(j < 0 or j >= " + f.read + ")";
  switch (f.mask) {
    case StepFacts::Mask::kNone:
      return out_read;
    case StepFacts::Mask::kCausal:
      return "(" + out_read + " or j > " + f.mask_start + " + i)";
    case StepFacts::Mask::kPadded:
      return "(" + out_read + " or (j > " + f.mask_start + " + i and j < " + f.mask_start +
             " + " + f.mask_len + "))";
  }
  return out_read;
}




std::vector<Obligation> obligations(const StepFacts& f, PositionClaim claim) {
  const std::string query = "0 <= i < chunk_len";
  const std::string zero = "j >= pos + chunk_len";
  std::vector<Obligation> out;
  out.push_back({"no query admits an unwritten (zero) cache slot",
                 query + " and " + admitted(f) + " and " + zero, f.mask_pseudo});
  if (claim == PositionClaim::kNoZeroSlotInPrefill) return out;
  out.push_back({"no query admits a token after its own",
                 query + " and " + admitted(f) + " and j < pos + chunk_len and j > pos + i",
                 f.mask_pseudo});
  out.push_back({"every query admits every token at or before its own",
                 query + " and 0 <= j <= pos + i and " + not_admitted(f), f.read_pseudo});
  out.push_back({"RoPE positions of query and key differ by their token distance",
                 query + " and " + admitted(f) + " and j <= pos + i and " +
                     key_rope_mismatch(f, f.rq0 + " + i"),
                 f.rope_pseudo});
  return out;
}

/// The cache after the step keeps the invariant (new keys rotated at their own position).
std::string invariant_violation(const StepFacts& f) {
  if (!f.rope) return "1 = 0";
  return "i = 0 and pos <= j < pos + chunk_len and h2 = 1 and " + ne(f.rk0, "pos");
}

}  // namespace kvcheck::props::positions
