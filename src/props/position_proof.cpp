// prove_positions: the step facts read off the program's ops (RoPE starts, the cache write,
// the read, the mask), turned into isl sets of violations over every run.
//
// Induction over steps: before a step at `pos`, slots j < pos hold token j rotated at j and
// every later slot is zero. A step that keeps this invariant and gives each of its queries
// the reference attention is correct, whatever came before; so a generic step (any pos, any
// length, any cache length) that does so proves every run, chunked or not, with any number
// of decode steps. Refutations come from the steps runs really take (the whole prefill,
// decode step k, the first two prefill chunks), on the smallest configuration.
#include "kvcheck/props/position_proof.hpp"

#include <fmt/core.h>

#include <map>
#include <mutex>

#include "kvcheck/index/affine_set.hpp"
#include "kvcheck/index/condition.hpp"
#include "kvcheck/model/program.hpp"
#include "step_facts.hpp"

namespace kvcheck::props {
namespace {

using index::AffineSet;
using model::OpKind;
using namespace positions;

// The tuple of every violation set: the configuration (with its sum first, for the order of
// counter-models), the step, the query and the key slot.
constexpr const char* kTuple =
    "[T, prompt_len, decode_steps, h2, cache_spare, chunk, k, pos, chunk_len, max_seq_len, i, j]";
constexpr std::size_t kConfigDims = 6;
constexpr std::size_t kStepDims = 10;
const std::vector<std::string> kConfigNames = {"prompt_len", "decode_steps", "[head_dim >= 2]",
                                               "cache_spare", "chunk_len"};

constexpr const char* kConfig =
    "prompt_len >= 1 and decode_steps >= 0 and cache_spare >= 0 and 0 <= h2 <= 1 and "
    "chunk >= 0 and T = prompt_len + decode_steps + h2 + cache_spare + chunk and "
    "max_seq_len = prompt_len + decode_steps + cache_spare";

/// The steps a run takes, as constraints tying (k, pos, chunk_len) to the configuration.
struct Family {
  std::string name;
  model::StepKind kind;
  std::string constraints;
  bool generic = false;  ///< any step of any run (the induction step): no configuration
};

const Family kPrefill{"prefill", model::StepKind::kPrefill,
                      "chunk = 0 and k = 0 and pos = 0 and chunk_len = prompt_len"};
const Family kDecode{"decode", model::StepKind::kDecode,
                     "(chunk = 0 or 1 <= chunk < prompt_len) and 0 <= k < decode_steps and "
                     "pos = prompt_len + k and chunk_len = 1"};
const Family kChunk0{"prefill chunk 1", model::StepKind::kPrefill,
                     "1 <= chunk < prompt_len and k = 0 and pos = 0 and chunk_len = chunk"};
const Family kChunk1{"prefill chunk 2", model::StepKind::kPrefill,
                     "1 <= chunk < prompt_len and k = 1 and pos = chunk and "
                     "((2chunk <= prompt_len and chunk_len = chunk) or "
                     "(2chunk > prompt_len and chunk_len = prompt_len - chunk))"};
// Any step of any run: the induction step.
const Family kAnyPrefill{"any prefill step", model::StepKind::kPrefill,
                         "T = 0 and prompt_len = 0 and decode_steps = 0 and cache_spare = 0 and "
                         "chunk = 0 and k = 0 and 0 <= h2 <= 1 and pos >= 0 and chunk_len >= 1 "
                         "and max_seq_len >= pos + chunk_len",
                         true};
const Family kAnyDecode{"any decode step", model::StepKind::kDecode,
                        "T = 0 and prompt_len = 0 and decode_steps = 0 and cache_spare = 0 and "
                        "chunk = 0 and k = 0 and 0 <= h2 <= 1 and pos >= 1 and chunk_len = 1 "
                        "and max_seq_len >= pos + 1",
                        true};

/// A configuration whose prefill is chunked.
const std::string kChunkConfig = std::string(kConfig) + " and 1 <= chunk < prompt_len";

AffineSet violation_set(const Family& family, const std::string& condition) {
  const std::string config = family.generic ? "" : std::string(kConfig) + " and ";
  return AffineSet::parse(std::string("{ ") + kTuple + " : " + config + family.constraints +
                          " and " + condition + " }");
}

model::Program program_for(const model::Implementation& impl, model::StepKind kind) {
  return model::build_program(impl, model::symbolic_step(kind));
}

/// The configuration of a violation point, as the symbols users know.
sym::Assignment config_point(const std::vector<std::int64_t>& p) {
  namespace s = sym::symbols;
  sym::Assignment a;
  a.set(s::prompt_len(), p[1]);
  a.set(s::decode_steps(), p[2]);
  a.set(s::head_dim(), 1 + p[3]);
  a.set(s::cache_spare(), p[4]);
  if (p[5] > 0) a.set(s::chunk_len(), p[5]);
  return a;
}

/// Whole constraints said in words; h2 is 1 exactly when head_dim >= 2 (RoPE rotates a pair).
const std::map<std::string, std::string>& phrases() {
  static const std::map<std::string, std::string> table = {
      {"[head_dim >= 2] = 1", "head_dim >= 2"}, {"[head_dim >= 2] >= 1", "head_dim >= 2"},
      {"[head_dim >= 2] = 0", "head_dim = 1"},  {"chunk_len = 0", "prefill is not chunked"},
      {"chunk_len >= 1", "prefill is chunked"}, {"decode_steps = 0", "no decode step"},
  };
  return table;
}

const AffineSet& config_context() {
  static const AffineSet context = AffineSet::parse(
      "{ [prompt_len, decode_steps, h2, cache_spare, chunk] : prompt_len >= 1 and "
      "decode_steps >= 0 and cache_spare >= 0 and 0 <= h2 <= 1 and "
      "(chunk = 0 or 1 <= chunk < prompt_len) }");
  return context;
}

/// The configurations of `bad` in words (its sum dim T projected out first).
std::string condition_words(const AffineSet& bad) {
  const AffineSet configs = bad.project_prefix(kConfigDims).project_out(0, 1);
  return configs.describe(config_context(), kConfigNames, phrases());
}

/// Marks `v` refuted at the smallest point of `bad` (already restricted to real runs) and
/// returns that point; nothing when `bad` is empty.
std::optional<std::vector<std::int64_t>> mark_refuted(PositionVerdict& v, const AffineSet& bad,
                                                      const std::string& obligation,
                                                      const std::string& pseudo) {
  auto point = bad.lexmin();
  if (!point) return std::nullopt;
  v.truth = sym::Truth::kRefuted;
  v.obligation = obligation;
  v.op_pseudo = pseudo;
  v.smallest = config_point(*point);
  v.condition = condition_words(bad);
  return point;
}

/// Refuted at the smallest violation [cfg, k, pos, len, L, i, j] of a step family.
void refute(PositionVerdict& v, const AffineSet& bad, const std::string& obligation,
            const std::string& pseudo, const std::string& step) {
  auto point = mark_refuted(v, bad, obligation, pseudo);
  if (!point) return;
  v.where = fmt::format("{}{}, query token {}, key slot {}", step,
                        step == "decode" ? " step " + std::to_string((*point)[6] + 1) : "",
                        (*point)[7] + (*point)[10], (*point)[11]);
}

/// Refuted at the smallest differing item [cfg, t, j, d] of chunked against whole prefill.
void refute_items(PositionVerdict& v, const AffineSet& bad, const std::string& obligation,
                  const std::string& pseudo) {
  auto point = mark_refuted(v, bad, obligation, pseudo);
  if (!point) return;
  const std::int64_t t = (*point)[6];
  const std::int64_t j = (*point)[7];
  v.where = t < 0 ? fmt::format("cache slot {} after prefill", j)
                  : fmt::format("query token {}, {}", t,
                                j < 0 ? "zero slots" : "key slot " + std::to_string(j));
}

struct Candidate {
  AffineSet bad;
  std::string obligation, pseudo, step;
};

/// The candidate whose smallest configuration comes first.
void refute_smallest(PositionVerdict& v, const std::vector<Candidate>& candidates) {
  const Candidate* best = nullptr;
  std::vector<std::int64_t> best_point;
  for (const Candidate& c : candidates) {
    auto p = c.bad.lexmin();
    if (!p) continue;
    if (!best || *p < best_point) {
      best = &c;
      best_point = *p;
    }
  }
  if (!best) return;
  refute(v, best->bad, best->obligation, best->pseudo, best->step);
  // The condition covers every failing run, not only the family of the smallest one.
  std::optional<AffineSet> all;
  for (const Candidate& c : candidates) {
    const AffineSet configs = c.bad.project_prefix(kConfigDims);
    all = all ? all->unite(configs) : configs;
  }
  v.condition = condition_words(*all);
}

std::vector<Family> run_families(PositionClaim claim) {
  if (claim == PositionClaim::kNoZeroSlotInPrefill) return {kPrefill, kChunk0, kChunk1};
  return {kPrefill, kDecode, kChunk0, kChunk1};
}

PositionVerdict prove_reference(const model::Implementation& impl, PositionClaim claim,
                                bool prefill_stage_only = false) {
  PositionVerdict v;
  std::vector<Family> generic_steps = {kAnyPrefill};
  if (claim == PositionClaim::kReferenceAttention && !prefill_stage_only) {
    generic_steps.push_back(kAnyDecode);
  }
  bool proved = true;
  std::string why;
  for (const Family& g : generic_steps) {
    const model::Program program = program_for(impl, g.kind);
    auto facts = read_facts(program, why);
    if (!facts) {
      v.reason = why;
      return v;
    }
    AffineSet any_bad = AffineSet::parse("{ " + std::string(kTuple) + " : 1 = 0 }");
    for (const Obligation& ob : obligations(*facts, claim)) {
      const AffineSet bad = violation_set(g, ob.violation);
      const bool holds = bad.is_empty();
      v.steps.push_back(g.name + ": " + ob.text + (holds ? ": holds" : ": fails for some step"));
      proved = proved && holds;
      any_bad = any_bad.unite(bad);
    }
    if (claim == PositionClaim::kReferenceAttention) {
      const AffineSet broken = violation_set(g, invariant_violation(*facts));
      v.steps.push_back(g.name + ": the cache keeps slot j = token j rotated at j" +
                        (broken.is_empty() ? ": holds" : ": fails for some step"));
      // A step that breaks the invariant while its own queries are right would make the
      // next step's starting state unknown to this proof.
      if (!broken.project_prefix(kStepDims).subtract(any_bad.project_prefix(kStepDims)).is_empty()) {
        v.reason = g.name + " leaves keys rotated at other positions while its own outputs are "
                   "right; later steps are not modelled";
        return v;
      }
      proved = proved && broken.is_empty();
    }
  }
  if (proved) {
    v.truth = sym::Truth::kProved;
    return v;
  }
  std::vector<Candidate> candidates;
  for (const Family& f : run_families(claim)) {
    Family restricted = f;
    if (claim == PositionClaim::kNoZeroSlotInPrefill) {
      restricted.constraints += " and decode_steps = 0";
    }
    const model::Program program = program_for(impl, f.kind);
    auto facts = read_facts(program, why);
    if (!facts) continue;
    for (const Obligation& ob : obligations(*facts, claim)) {
      candidates.push_back({violation_set(restricted, ob.violation), ob.text, ob.pseudo, f.name});
    }
  }
  refute_smallest(v, candidates);
  if (v.truth != sym::Truth::kRefuted) {
    v.reason = "a step fails for some position, but none of the whole prefill, the decode steps "
               "and the first two prefill chunks does";
  }
  return v;
}

// --- chunked prefill against prefill at once ---------------------------------------------

constexpr const char* kItemTuple = "[T, prompt_len, decode_steps, h2, cache_spare, chunk, t, j, d]";

/// The attended items of the queries of a prefill step family: [cfg, t, j, d] for an
/// admitted written slot j at RoPE distance d (0 when head_dim is 1), and [cfg, t, -1 - n, 0]
/// for the n-th admitted zero slot.
AffineSet items(const StepFacts& f, const std::string& family) {
  const std::string rope_d =
      f.rope ? "((h2 = 1 and ((j >= pos and d = " + f.rq0 + " + i - (" + f.rk0 +
                   " + j - pos)) or (j < pos and d = " + f.rq0 + " + i - j))) or (h2 = 0 and d = 0))"
             : "d = 0";
  const std::string base = std::string(kConfig) + " and " + family + " and 0 <= i < chunk_len and t = pos + i";
  const std::string written = "{ " + std::string(kItemTuple) +
                              " : exists (k, pos, chunk_len, max_seq_len, i : " + base + " and " +
                              admitted(f) + " and j < pos + chunk_len and " + rope_d + ") }";
  const std::string zero_slots = "{ " + std::string(kItemTuple) +
                                 " : exists (k, pos, chunk_len, max_seq_len, i, s : " + base +
                                 " and " + admitted(f, "s") +
                                 " and s >= pos + chunk_len and j = -1 - (s - pos - chunk_len) and d = 0) }";
  return AffineSet::parse(written).unite(AffineSet::parse(zero_slots));
}

/// Cache slots of the first two chunks whose key is rotated differently after chunked
/// prefill than after prefill at once, as items [cfg, -1, j, 0].
AffineSet cache_differences(const StepFacts& f) {
  if (!f.rope) return AffineSet::parse("{ " + std::string(kItemTuple) + " : 1 = 0 }");
  const std::string at_once = "(" + f.rk0_dim.substitute(sym::symbols::pos(), sym::Dim(0)).to_string() + ")";
  return AffineSet::parse("{ " + std::string(kItemTuple) + " : exists (pos, max_seq_len : " + kChunkConfig +
                          " and pos = chunk and chunk <= j < 2chunk and j < prompt_len and "
                          "h2 = 1 and t = -1 and d = 0 and " +
                          ne(f.rk0 + " + j - pos", at_once + " + j") + ") }");
}

PositionVerdict prove_chunked(const model::Implementation& impl) {
  // Both runs reproduce the reference in prefill and leave the invariant cache: then their
  // decode steps start from the same cache and run the same ops, so they agree too.
  PositionVerdict v = prove_reference(impl, PositionClaim::kReferenceAttention, true);
  if (v.truth == sym::Truth::kProved) {
    v.steps.push_back("chunked and whole prefill both give the reference attention and the same "
                      "cache; their decode steps run the same ops on it");
    return v;
  }
  std::string why;
  const model::Program program = program_for(impl, model::StepKind::kPrefill);
  auto facts = read_facts(program, why);
  PositionVerdict out;
  if (!facts) {
    out.reason = why;
    return out;
  }
  const std::string whole = kChunkConfig + " and k = 0 and pos = 0 and chunk_len = prompt_len";
  const std::string first_two = "{ " + std::string(kItemTuple) + " : t < 2chunk }";
  const AffineSet at_once = items(*facts, whole).intersect(AffineSet::parse(first_two));
  const AffineSet chunked = items(*facts, kChunk0.constraints).unite(items(*facts, kChunk1.constraints));
  const AffineSet attention = at_once.subtract(chunked).unite(chunked.subtract(at_once));
  const AffineSet cache = cache_differences(*facts);
  out.steps.push_back("prefill chunks 1 and 2 against prefill at once: attended keys, RoPE "
                      "distances and zero slots per query token; keys in the cache");
  // The smaller counter-model of the two; on a tie the attention difference, the one a
  // reader acts on.
  const auto a = attention.lexmin();
  const auto c = cache.lexmin();
  auto config_of_point = [](const std::vector<std::int64_t>& p) {
    return std::vector<std::int64_t>(p.begin(), p.begin() + kConfigDims);
  };
  if (a && (!c || !(config_of_point(*c) < config_of_point(*a)))) {
    // A difference that remains with head_dim 1 is the mask's; otherwise RoPE's.
    const bool without_rope =
        !attention.intersect(AffineSet::parse("{ " + std::string(kItemTuple) + " : h2 = 0 }")).is_empty();
    refute_items(out, attention, "each query attends as in prefill at once",
                 without_rope ? facts->mask_pseudo : facts->rope_pseudo);
  } else if (c) {
    refute_items(out, cache, "the cache holds the keys of prefill at once", facts->rope_pseudo);
  }
  if (out.truth == sym::Truth::kRefuted) {
    out.condition = condition_words(attention.unite(cache));
  } else {
    out.reason = "prefill is not the reference, and chunks 1 and 2 agree with prefill at once; "
                 "later chunks are not compared";
  }
  return out;
}


/// What a verdict depends on: the claim and the facts of both step programs (never their
/// pseudo-code, which memoised verdicts hold as tags).
std::string memo_key(const model::Implementation& impl, PositionClaim claim) {
  std::string key = std::to_string(static_cast<int>(claim));
  for (const auto kind : {model::StepKind::kPrefill, model::StepKind::kDecode}) {
    std::string why;
    auto f = read_facts(program_for(impl, kind), why);
    if (!f) {
      key += "|?" + why;
      continue;
    }
    key += "|" + f->rq0 + "," + f->rk0 + "," + (f->rope ? "r" : "-") + "," + f->read + "," +
           std::to_string(static_cast<int>(f->mask)) + "," + f->mask_start + "," + f->mask_len;
  }
  return key;
}

/// The pseudo-code of the op a tag stands for, in this implementation's programs.
std::string resolve(const model::Implementation& impl, const std::string& tagged) {
  for (const auto kind : {model::StepKind::kPrefill, model::StepKind::kDecode}) {
    const model::Program p = program_for(impl, kind);
    const std::string prefix = tag(p, "");
    if (tagged.rfind(prefix, 0) != 0) continue;
    const std::string role = tagged.substr(prefix.size());
    std::string found;
    for (const model::Op& op : p.step) {
      const bool match =
          (role == "rope" && op.kind == OpKind::kRope) ||
          (role == "read" && op.kind == OpKind::kCacheRead) ||
          (role == "mask" && (op.kind == OpKind::kCausalMask || op.kind == OpKind::kSdpa));
      if (match && found.empty()) found = op.pseudo;
    }
    if (role == "mask" && found.empty()) return resolve(impl, prefix + "read");
    return found;
  }
  return tagged;
}

std::mutex memo_lock;
std::map<std::string, PositionVerdict>& position_memo() {
  static std::map<std::string, PositionVerdict> memo;
  return memo;
}

}  // namespace

void forget_position_proofs() {
  const std::lock_guard<std::mutex> guard(memo_lock);
  position_memo().clear();
}

PositionVerdict prove_positions(const model::Implementation& impl, PositionClaim claim) {
  // The verdict is a pure function of the step facts, which only the mask and RoPE choices
  // change: memoised, the whole implementation space costs a handful of isl decisions.
  std::map<std::string, PositionVerdict>& memo = position_memo();
  const std::string key = memo_key(impl, claim);
  PositionVerdict v;
  {
    const std::lock_guard<std::mutex> guard(memo_lock);
    auto it = memo.find(key);
    if (it == memo.end()) {
      PositionVerdict fresh = claim == PositionClaim::kChunkedEqualsWhole
                                  ? prove_chunked(impl)
                                  : prove_reference(impl, claim);
      it = memo.emplace(key, std::move(fresh)).first;
    }
    v = it->second;
  }
  if (!v.op_pseudo.empty()) v.op_pseudo = resolve(impl, v.op_pseudo);
  return v;
}

}  // namespace kvcheck::props
