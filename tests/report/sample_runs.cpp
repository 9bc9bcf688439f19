// The sample runs: values spelled out as the checker would produce them (messages in the
// shape rules' and properties' own words), so the goldens read like real reports.
#include "sample_runs.hpp"

#include "kvcheck/check/replay.hpp"
#include "kvcheck/model/variant.hpp"
#include "kvcheck/props/property.hpp"

namespace kvcheck::report::testing {
namespace {

using check::Status;

const model::Implementation& catalog(const std::string& name) {
  return model::find_variant(name)->impl;
}

check::Verdict verdict(const check::ConfigResult& c, const std::string& property, Status status) {
  check::Verdict v;
  v.variant = c.variant;
  v.impl = c.impl;
  v.property = property;
  v.status = status;
  v.seed = 7;
  v.search.cases = status == Status::kRefuted ? 3 : 100;
  return v;
}

props::Proof proved(std::vector<std::string> steps, std::string message) {
  props::Proof p;
  p.truth = sym::Truth::kProved;
  p.steps = std::move(steps);
  p.message = std::move(message);
  return p;
}

/// The cache write that fails when the buffer has n_heads heads and the keys n_kv_heads.
interp::OpFailure cache_write_failure(bool symbolic) {
  interp::OpFailure f;
  f.index = 9;
  f.op.kind = model::OpKind::kCacheWrite;
  f.op.torch_op = "index_copy_";
  f.op.result = "cache_k";
  f.op.args = {"cache_k", "xk"};
  f.op.pseudo = "self.cache_k[:bsz, pos : pos + seqlen] = xk";
  shape::ShapeError& e = f.error;
  e.op = "index_copy_";
  if (symbolic) {
    e.operands = {"self [batch, max_seq_len, n_kv_heads*group, head_dim]", "index [prompt_len]",
                  "source [batch, prompt_len, n_kv_heads, head_dim]"};
    e.lhs = "n_kv_heads";
    e.rhs = "n_kv_heads*group";
    e.condition = "group >= 2";
    e.smallest = sym::Assignment{{sym::symbols::n_kv_heads(), 1}, {sym::symbols::group(), 2}};
    e.message =
        "index_copy_: source [batch, prompt_len, n_kv_heads, head_dim] does not fit self "
        "[batch, max_seq_len, n_kv_heads*group, head_dim] at dim 2 (n_kv_heads vs "
        "n_kv_heads*group); fails whenever group >= 2, smallest: n_kv_heads=1, group=2 "
        "(n_heads=2)";
  } else {
    e.operands = {"self [1, 1, 2, 4]", "index [1]", "source [1, 1, 1, 4]"};
    e.lhs = "1";
    e.rhs = "2";
    e.condition = "always";
    e.message = "index_copy_: source [1, 1, 1, 4] does not fit self [1, 1, 2, 4] at dim 2 (1 vs 2)";
  }
  return f;
}

/// The cache allocation whose size the footprint property compares with what GQA needs.
interp::OpFailure cache_alloc_failure(bool symbolic) {
  interp::OpFailure f;
  f.in_setup = true;
  f.op.kind = model::OpKind::kCacheAlloc;
  f.op.torch_op = "zeros";
  f.op.result = "cache_k";
  f.op.pseudo = "self.cache_k = torch.zeros(max_batch_size, max_seq_len, n_heads, head_dim)";
  shape::ShapeError& e = f.error;
  e.op = "zeros";
  const std::string what = "zeros: cache buffers hold more elements than GQA needs";
  if (symbolic) {
    e.lhs = "2*batch*n_heads*head_dim*max_seq_len";
    e.rhs = "2*batch*n_kv_heads*head_dim*max_seq_len";
    e.condition = "group >= 2";
    e.smallest = sym::Assignment{{sym::symbols::n_kv_heads(), 1}, {sym::symbols::group(), 2}};
    e.message = what + " (" + e.lhs + " vs " + e.rhs +
                "); fails whenever group >= 2, smallest: n_kv_heads=1, group=2 (n_heads=2)";
  } else {
    e.lhs = "16";
    e.rhs = "8";
    e.condition = "always";
    e.message = what + " (16 vs 8)";
  }
  return f;
}

/// The smallest run of a model: its own head counts and head_dim, everything else minimal,
/// as `kvcheck check` shrinks to.
model::AttentionConfig smallest_run(std::int64_t n_heads, std::int64_t n_kv_heads,
                                    std::int64_t head_dim) {
  model::AttentionConfig c;
  c.name = "counter-model";
  c.n_heads = n_heads;
  c.n_kv_heads = n_kv_heads;
  c.head_dim = head_dim;
  c.hidden = 1;
  c.batch = 1;
  c.prompt_len = 1;
  c.decode_steps = 0;
  c.max_seq_len = 1;
  return c;
}

check::ConfigResult passing_config() {
  check::ConfigResult c;
  io::LoadedConfig& l = c.loaded;
  l.path = "fixtures/configs/huggingface/llama-3-8b.json";
  l.format = "huggingface";
  l.config.name = "llama-3-8b";
  l.config.n_heads = 32;
  l.config.n_kv_heads = 8;
  l.config.head_dim = 128;
  l.config.hidden = 4096;
  l.config.max_seq_len = 8192;
  l.config.n_layers = 32;
  l.config.dtype = model::Dtype::kBFloat16;
  l.key_lines = {{"name", 2},      {"hidden", 7},      {"max_seq_len", 9}, {"n_heads", 11},
                 {"n_layers", 12}, {"n_kv_heads", 13}, {"dtype", 16}};
  l.notes = {"head_dim absent: taken as hidden_size / num_attention_heads = 128"};
  l.family = "llama";
  l.model_layers = 32;
  l.context = 8192;
  l.source_keys = {{"max_seq_len", "max_position_embeddings"}};
  c.variant = "fixed";
  c.impl = catalog("fixed");
  c.memory = check::cache_memory(l, {});
  const std::map<std::string, int> regimes{
      {"GQA", 100}, {"decode", 71}, {"batch > 1", 48}, {"chunked prefill", 39}};
  for (const props::Property* p : props::property_registry()) {
    const bool symbolic = p->id() == "shape-safety" || p->id() == "cache-footprint";
    check::Verdict v = verdict(c, p->id(), symbolic ? Status::kProved : Status::kChecked);
    v.search.regimes = regimes;
    if (symbolic) {
      v.proof = proved({"setup: zeros cache_k [batch, max_seq_len, n_kv_heads, head_dim]",
                        "prefill: index_copy_ self[2] == source[2]: n_kv_heads == n_kv_heads"},
                       "every op's shape rule holds");
    }
    c.verdicts.push_back(std::move(v));
  }
  return c;
}

check::ConfigResult shape_error_config() {
  check::ConfigResult c;
  io::LoadedConfig& l = c.loaded;
  l.path = "fixtures/configs/kvcheck/tiny-cache-sized-by-n_heads.yaml";
  l.format = "kvcheck";
  l.variant = "cache-sized-by-n_heads";
  l.config.name = "tiny-gqa";
  l.config.n_heads = 2;
  l.config.n_kv_heads = 1;
  l.config.head_dim = 4;
  l.config.hidden = 8;
  l.config.max_seq_len = 5;
  l.key_lines = {{"name", 4},          {"n_heads", 5},     {"n_kv_heads", 6}, {"head_dim", 7},
                 {"hidden", 8},        {"max_seq_len", 9}, {"batch", 10},     {"prompt_len", 11},
                 {"decode_steps", 12}, {"variant", 14}};
  l.family = "kvcheck";
  l.context = 5;
  c.variant = "cache-sized-by-n_heads";
  c.impl = catalog("cache-sized-by-n_heads");
  c.memory = check::cache_memory(l, {});

  props::Case example{smallest_run(2, 1, 4), c.impl, 7};
  props::Failure shape_failure{"prefill", cache_write_failure(false), std::nullopt, ""};
  shape_failure.message = "prefill: " + shape_failure.op_failure->error.message;
  props::Proof refuted;
  refuted.truth = sym::Truth::kRefuted;
  refuted.steps = {"setup: zeros cache_k [batch, max_seq_len, n_kv_heads*group, head_dim]"};
  refuted.failure = cache_write_failure(true);
  refuted.step = "prefill";
  refuted.message = "prefill: " + refuted.failure->error.message;

  for (const props::Property* p : props::property_registry()) {
    if (p->id() == "mha-reduction") {
      check::Verdict v = verdict(c, p->id(), Status::kChecked);
      v.search.regimes = {{"MHA", 100}, {"decode", 64}};
      c.verdicts.push_back(std::move(v));
      continue;
    }
    check::Verdict v = verdict(c, p->id(), Status::kRefuted);
    v.search.shrinks = 4;
    v.search.regimes = {{"MQA", 3}, {"prefill only", 2}, {"decode", 1}};
    v.search.counterexample = example;
    v.search.failure = shape_failure;
    if (p->id() == "shape-safety") v.proof = refuted;
    if (p->id() == "cache-footprint") {
      // Footprint speaks about the allocation, not the write that fails after it.
      props::Proof too_big = refuted;
      too_big.step = "setup";
      too_big.failure = cache_alloc_failure(true);
      too_big.message = "setup: " + too_big.failure->error.message;
      v.proof = too_big;
      props::Failure bloated;
      bloated.step = "setup";
      bloated.op_failure = cache_alloc_failure(false);
      bloated.message =
          "setup: the cache holds 16 elements per layer, it needs 8 (2 * batch * "
          "max_seq_len * n_kv_heads * head_dim): 2x the memory";
      v.search.failure = bloated;
    }
    c.verdicts.push_back(std::move(v));
  }
  return c;
}

check::ConfigResult numeric_config() {
  check::ConfigResult c;
  io::LoadedConfig& l = c.loaded;
  l.path = "fixtures/configs/kvcheck/llama-3-8b-tiled.yaml";
  l.format = "kvcheck";
  l.config.name = "llama-3-8b-tiled";
  l.config.n_heads = 32;
  l.config.n_kv_heads = 8;
  l.config.head_dim = 128;
  l.config.hidden = 4096;
  l.config.n_layers = 32;
  l.config.dtype = model::Dtype::kBFloat16;
  l.config.max_seq_len = 16;
  l.key_lines = {{"name", 4}, {"n_heads", 5}, {"n_kv_heads", 6}, {"head_dim", 7}, {"repeat", 19}};
  c.variant = "custom";
  c.impl = catalog("fixed");
  c.impl.repeat_kind = model::RepeatKind::kTile;
  c.impl.layout = model::CacheLayout::kBHLD;
  l.impl = c.impl;
  l.family = "kvcheck";
  l.model_layers = 32;
  c.memory = check::cache_memory(l, {});

  const model::AttentionConfig small = smallest_run(32, 8, 128);
  for (const props::Property* p : props::property_registry()) {
    const std::string id = p->id();
    if (id != "output-equivalence" && id != "head-mapping") {
      c.verdicts.push_back(verdict(c, id, Status::kChecked));
      continue;
    }
    check::Verdict v = verdict(c, id, Status::kRefuted);
    v.search.shrinks = 6;
    v.search.regimes = {{"GQA", 3}, {"prefill only", 3}};
    v.search.counterexample = props::Case{small, c.impl, 7};
    props::Failure f;
    f.step = "prefill";
    if (id == "head-mapping") {
      f.diff = props::NumericDiff{1, 1e-9, 0, 0, 1, 0, 1, 2};
      f.message = "prefill: query head 1 reads kv head 1, expected kv head 0 (h / group)";
    } else {
      f.diff = props::NumericDiff{0.375, 1.5e-9, 0, 0, -1, 1, 1.25, 0.875};
      f.message = "prefill: output differs from the full forward at position 0 by 0.375000";
    }
    v.search.failure = f;
    c.verdicts.push_back(std::move(v));
  }
  return c;
}

check::ConfigResult latent_config() {
  check::ConfigResult c;
  io::LoadedConfig& l = c.loaded;
  l.path = "configs/mha-legacy.yaml";
  l.format = "kvcheck";
  l.variant = "cache-sized-by-n_heads";
  l.config.name = "mha-legacy";
  l.config.n_heads = 4;
  l.config.n_kv_heads = 4;
  l.config.head_dim = 16;
  l.config.hidden = 64;
  l.config.n_layers = 2;
  l.config.dtype = model::Dtype::kFloat16;
  l.config.max_seq_len = 128;
  l.key_lines = {{"name", 3}, {"n_heads", 4}, {"head_dim", 5}, {"variant", 9}};
  l.notes = {"n_kv_heads absent: taken as n_heads (MHA)"};
  l.family = "kvcheck";
  l.model_layers = 2;
  l.context = 128;
  c.variant = "cache-sized-by-n_heads";
  c.impl = catalog("cache-sized-by-n_heads");
  c.memory = check::cache_memory(l, {});
  for (const props::Property* p : props::property_registry()) {
    check::Verdict v = verdict(c, p->id(), Status::kChecked);
    v.search.regimes = {{"MHA", 100}, {"decode", 70}};
    c.verdicts.push_back(std::move(v));
  }
  // Latent findings come from the search over every configuration, not this model's.
  const std::string smallest = check::config_spec(smallest_run(2, 1, 1));
  for (const char* property : {"shape-safety", "cache-footprint"}) {
    check::LatentFinding f;
    f.property = property;
    f.condition = "fails whenever group >= 2";
    f.smallest = smallest;
    f.message = std::string(property) +
                " holds for mha-legacy (n_heads=4, n_kv_heads=4) only "
                "because of its head counts: fails whenever group >= 2; smallest: " +
                smallest;
    c.latent.push_back(std::move(f));
  }
  return c;
}

check::CheckRun with_params(std::vector<check::ConfigResult> configs) {
  check::CheckRun run;
  run.configs = std::move(configs);
  run.params.seed = 7;
  run.params.max_success = 100;
  return run;
}

}  // namespace

check::CheckRun mixed_run() {
  check::CheckRun run =
      with_params({passing_config(), shape_error_config(), numeric_config(), latent_config()});
  // A model folder's neighbours: skipped, and listed in every report.
  run.skipped = {
      {"configs/llama-3-8b/tokenizer_config.json", true,
       "configs/llama-3-8b/tokenizer_config.json: not a model config: tokenizer_config.json "
       "holds a tokenizer's settings"},
      {"configs/mamba-2.8b.json", false,
       "configs/mamba-2.8b.json:3: mamba: a state-space model has no KV cache"}};
  return run;
}

check::CheckRun clean_run() {
  return with_params({passing_config()});
}

WriterContext sample_context() {
  return WriterContext{"0.1.0", "kvcheck check --seed 7 fixtures/configs configs"};
}

}  // namespace kvcheck::report::testing
