// The lesson's sentences: where a variant breaks, what the head maps show, what the cache
// costs. Both renderers read these, so the terminal and the page say the same thing.
#include "kvcheck/demo/lesson.hpp"

#include <fmt/format.h>

namespace kvcheck::demo {
namespace {

/// The first line of code the wrong lane changes, for breaks that no op raises.
std::string first_changed_line(const Walkthrough& w) {
  for (std::size_t s = 0; s < w.rows.size(); ++s) {
    for (const AlignedRow& row : w.rows[s]) {
      if (row.differs && row.right) return w.wrong.steps[s].ops[*row.right].pseudo;
    }
  }
  return "";
}

/// "query heads 1, 2", or a count when listing them would not help.
std::string heads_phrase(const std::vector<std::int64_t>& heads, std::size_t of) {
  if (heads.size() > 8) return fmt::format("{} of {} query heads", heads.size(), of);
  return fmt::format("query head{} {}", heads.size() == 1 ? "" : "s", fmt::join(heads, ", "));
}

}  // namespace

std::string positions_text(std::int64_t from, std::int64_t count) {
  if (count == 1) return fmt::format("position {}", from);
  return fmt::format("positions {}..{}", from, from + count - 1);
}

std::string step_title(const LaneStep& step) {
  if (step.label == "setup") return "setup: allocate the cache buffers (once, before any token)";
  return fmt::format("{}: {} ({} token{})", step.label, positions_text(step.pos, step.len),
                     step.len, step.len == 1 ? "" : "s");
}

std::string config_line(const model::AttentionConfig& c) {
  return fmt::format(
      "{}: n_heads={} n_kv_heads={} (group={}) head_dim={} hidden={} batch={} prompt_len={} "
      "decode_steps={} max_seq_len={}",
      c.name, c.n_heads, c.n_kv_heads, c.group(), c.head_dim, c.hidden, c.batch, c.prompt_len,
      c.decode_steps, c.max_seq_len);
}

std::string breakdown_title(const Walkthrough& w) {
  const std::string& name = w.wrong.variant->name;
  return w.breakdown.evidence == Evidence::kNone ? "nothing breaks in " + name
                                                 : "where " + name + " breaks";
}

std::vector<Fact> breakdown_facts(const Walkthrough& w) {
  const Breakdown& b = w.breakdown;
  const model::Variant& v = *w.wrong.variant;
  std::vector<Fact> facts{{"what it does", v.summary, Emphasis::kPlain}};
  if (b.evidence == Evidence::kNone) {
    facts.push_back(
        {"verdict", "nothing breaks: every property kvcheck checks holds", Emphasis::kGood});
    return facts;
  }
  if (!b.pseudo.empty()) {
    facts.push_back({"op", b.torch_op + " in " + b.step + ":  " + b.pseudo, Emphasis::kBad});
  } else {
    facts.push_back({"changed line", first_changed_line(w), Emphasis::kWarn});
  }
  facts.push_back({"why", b.reason, Emphasis::kPlain});
  if (b.evidence == Evidence::kProof) {
    facts.push_back({"when",
                     "whenever " + b.condition + " (" + b.property +
                         ", refuted for every configuration by the symbolic interpreter)",
                     Emphasis::kPlain});
    facts.push_back({"smallest", b.smallest + " (the proof's counter-model)", Emphasis::kStrong});
    facts.push_back({"see also", "kvcheck prove --variant " + v.name, Emphasis::kCommand});
  } else {
    facts.push_back(
        {"when",
         "found by the " + b.property + " search on generated configs, then shrunk by RapidCheck",
         Emphasis::kPlain});
    facts.push_back({"smallest", b.smallest, Emphasis::kStrong});
    facts.push_back({"see also", "kvcheck verify --variant " + v.name + " --property " + b.property,
                     Emphasis::kCommand});
  }
  const std::string here = !b.here.empty() ? b.here
                           : b.condition.empty()
                               ? "holds at this config (the smallest config above breaks it)"
                               : "holds at this config: it needs " + b.condition;
  facts.push_back({"in this run", here, b.here.empty() ? Emphasis::kPlain : Emphasis::kBad});
  facts.push_back({"background", v.explanation, Emphasis::kPlain});
  return facts;
}

std::vector<std::int64_t> moved_heads(const Walkthrough& w) {
  std::vector<std::int64_t> moved;
  for (std::size_t h = 0; h < w.interleave.kv_of.size(); ++h) {
    if (w.interleave.kv_of[h] != w.tile.kv_of[h]) moved.push_back(static_cast<std::int64_t>(h));
  }
  return moved;
}

std::string head_map_lesson(const Walkthrough& w) {
  const std::vector<std::int64_t> moved = moved_heads(w);
  if (moved.empty()) {
    return "Both maps agree here: with one kv head, or one query head per kv head, tiling and "
           "interleaving coincide, so tests on MQA or MHA configs cannot tell them apart.";
  }
  return "Tiling sends " + heads_phrase(moved, w.interleave.kv_of.size()) +
         " to another kv head than the model was trained with; every shape still agrees, so "
         "nothing raises and the outputs are silently wrong.";
}

std::string head_map_method() {
  return "Measured, not assumed: the prefill runs on numbers with kv head j's values set to "
         "j + 1, and each query head's attention output is read back.";
}

std::string memory_about(const Walkthrough& w, const MemoryRow& row) {
  const model::AttentionConfig& c = row.config;
  const std::int64_t positions = row.memory.max_positions;
  std::string about =
      fmt::format("{} layer{}, {}, {}, n_kv_heads={} of n_heads={}, head_dim={}", c.n_layers,
                  c.n_layers == 1 ? "" : "s",
                  positions == 1 ? std::string("per token") : fmt::format("{} positions", positions),
                  row.memory.dtype, c.n_kv_heads, c.n_heads, c.head_dim);
  if (&row != &w.memory.front()) about += "; " + w.setup.real_model_source;
  return about;
}

std::string memory_lesson(const Walkthrough& w) {
  const std::int64_t group = w.setup.config.group();
  return fmt::format(
      "The cache needs 2 x n_kv_heads x head_dim values per token and layer. Repeating kv heads "
      "before the write stores each one group = {} time{}: {}.",
      group, group == 1 ? "" : "s",
      group == 1 ? "no loss at this config, which is how the mistake hides on MHA"
                 : "the memory GQA was meant to save is spent again");
}

}  // namespace kvcheck::demo
