// run_check: every property on each config's own head counts, the proof for every
// configuration, memory figures, and findings latent behind the config's head counts.
#include "kvcheck/check/config_check.hpp"

#include <algorithm>
#include <atomic>
#include <exception>
#include <map>
#include <thread>
#include <tuple>

#include "kvcheck/base/input_error.hpp"
#include "kvcheck/check/case_budget.hpp"
#include "kvcheck/check/replay.hpp"
#include "kvcheck/io/load_config.hpp"
#include "kvcheck/io/not_checkable.hpp"
#include "kvcheck/model/variant.hpp"

namespace kvcheck::check {
namespace {

/// An int in [lo, hi], shrinking towards lo; run sizes need no size ramp.
rc::Gen<int> range(int lo, int hi) {
  return rc::gen::inRange(lo, hi + 1);
}

struct Resolved {
  std::string name;
  model::Implementation impl;
};

/// The implementation under test: --variant, else the file's variant or implementation
/// block, else the fixed order.
Resolved resolve(const io::LoadedConfig& loaded, const std::string& flag) {
  const std::string name = !flag.empty() ? flag : loaded.variant.value_or("");
  if (!name.empty()) {
    const model::Variant* v = model::find_variant(name);
    if (!v) {
      const int line =
          flag.empty() && loaded.key_lines.count("variant") ? loaded.key_lines.at("variant") : 0;
      throw InputError(flag.empty() ? loaded.path : "", line,
                       flag.empty() ? "variant" : "--variant", "unknown variant '" + name + "'");
    }
    return {v->name, v->impl};
  }
  if (loaded.impl) return {"custom", *loaded.impl};
  return {"fixed", model::find_variant("fixed")->impl};
}

/// "fails whenever group >= 2" from a refuting proof, or a plain statement otherwise.
std::string condition_of(const Verdict& generic) {
  if (generic.proof && generic.proof->truth == sym::Truth::kRefuted && generic.proof->failure) {
    return "fails whenever " + generic.proof->failure->error.condition;
  }
  return "fails on other configurations";
}

/// One input after reading: its config, the reason it was skipped, or the error to report.
struct ReadOutcome {
  std::optional<io::LoadedConfig> config;
  std::optional<SkippedFile> skipped;
  std::exception_ptr error;
};

ReadOutcome read_one(const io::ConfigInput& input) {
  ReadOutcome out;
  try {
    out.config = io::load_config(input.path);
  } catch (const io::NotCheckable& e) {
    if (input.named) {
      out.error = std::current_exception();
    } else {
      out.skipped = SkippedFile{input.path, e.reason() == io::NotCheckable::Reason::kNotModelConfig,
                                e.what()};
    }
  } catch (...) {
    out.error = std::current_exception();
  }
  return out;
}

/// Reads every input, on every core for a folder of many: reading and parsing share nothing
/// between files. The outcomes are in input order, so the error reported is the first
/// file's, as when reading one by one.
std::vector<ReadOutcome> read_all(const std::vector<io::ConfigInput>& inputs) {
  std::vector<ReadOutcome> out(inputs.size());
  const unsigned cores = std::max(1u, std::thread::hardware_concurrency());
  const std::size_t workers = inputs.size() < 64 ? 1 : std::min<std::size_t>(cores, 8);
  std::atomic<std::size_t> next{0};
  auto work = [&] {
    for (std::size_t i = next++; i < inputs.size(); i = next++) out[i] = read_one(inputs[i]);
  };
  std::vector<std::thread> threads;
  for (std::size_t w = 1; w < workers; ++w) threads.emplace_back(work);
  work();
  for (std::thread& t : threads) t.join();
  return out;
}

}  // namespace

int ConfigResult::failures() const {
  return static_cast<int>(
      std::count_if(verdicts.begin(), verdicts.end(), [](const Verdict& v) { return v.fails(); }));
}

int CheckRun::failures() const {
  int n = 0;
  for (const ConfigResult& c : configs) n += c.failures();
  return n;
}

int CheckRun::latent_findings() const {
  int n = 0;
  for (const ConfigResult& c : configs) n += static_cast<int>(c.latent.size());
  return n;
}

int CheckRun::not_checked() const {
  int n = 0;
  for (const ConfigResult& c : configs) {
    for (const Verdict& v : c.verdicts)
      n += v.status == Status::kUnknown && !v.note.empty() ? 1 : 0;
  }
  return n;
}

int CheckRun::exit_code(bool strict) const {
  if (failures() > 0 || not_checked() > 0) return 1;
  if (strict && latent_findings() > 0) return 1;
  return 0;
}

rc::Gen<model::AttentionConfig> gen_runs_of(const model::AttentionConfig& base,
                                            const ConfigBounds& b) {
  auto runs =
      rc::gen::tuple(range(1, b.batch), range(1, b.prompt_len), range(0, b.decode_steps),
                     range(0, b.cache_spare), range(0, b.prompt_len - 1), range(1, b.hidden));
  return rc::gen::map(runs, [base](const auto& drawn) {
    const auto& [batch, prompt_len, decode_steps, spare, chunk, hidden] = drawn;
    return with_run(base, {batch, prompt_len, decode_steps, spare, chunk, hidden});
  });
}

CheckRun run_check(const CheckOptions& options) {
  CheckRun run;
  run.params = options.params;
  run.variant_flag = options.variant;

  // Read everything first: a broken file stops the run before any checking (exit 2).
  std::vector<io::LoadedConfig> loaded;
  for (ReadOutcome& read : read_all(io::collect_config_inputs(options.paths))) {
    if (read.error) std::rethrow_exception(read.error);
    if (read.config) {
      loaded.push_back(std::move(*read.config));
    } else {
      run.skipped.push_back(std::move(*read.skipped));
    }
  }
  if (loaded.empty()) {
    std::string paths;
    for (const std::string& p : options.paths) paths += (paths.empty() ? "" : ", ") + p;
    const std::string skipped = run.skipped.empty() ? ""
                                                    : " (" + std::to_string(run.skipped.size()) +
                                                          " skipped: nothing to check)";
    throw InputError(paths, 0, "", "no model config files found (*.json, *.yaml, *.yml)" + skipped);
  }

  // Verdicts over every configuration, computed once per implementation and property: their
  // proofs serve every model, and they tell which passes are only thanks to head counts.
  std::map<std::tuple<std::string, std::string, std::string>, Verdict> generic;
  auto generic_verdict = [&](const Resolved& r, const props::Property& p) -> const Verdict& {
    auto key = std::make_tuple(r.name, r.impl.describe(), p.id());
    auto it = generic.find(key);
    if (it == generic.end())
      it = generic.emplace(key, verify(r.name, r.impl, p, options.params)).first;
    return it->second;
  };

  // Configs with the same implementation, head counts and head_dim draw the same cases from
  // the same seed (a config's name, layers, context and dtype never reach a case), so their
  // verdicts are computed once; only the name in a counterexample is the config's own. A
  // folder of many configs of a few model shapes costs a few shapes.
  std::map<
      std::tuple<std::string, std::string, std::string, std::int64_t, std::int64_t, std::int64_t>,
      Verdict>
      per_shape;
  auto shape_verdict = [&](const Resolved& r, const props::Property& p,
                           const model::AttentionConfig& checked,
                           const rc::Gen<model::AttentionConfig>& runs, const Verdict& everywhere) {
    auto key = std::make_tuple(r.name, r.impl.describe(), p.id(), checked.n_heads,
                               checked.n_kv_heads, checked.head_dim);
    auto it = per_shape.find(key);
    if (it == per_shape.end()) {
      // The proof for these head counts is needed once per shape too, so it is made here.
      const props::HeadCounts heads{checked.n_kv_heads, checked.group(), checked.head_dim};
      it = per_shape
               .emplace(key, verify_model(r.name, r.impl, p, options.params, runs, everywhere.proof,
                                          p.prove_for(r.impl, heads)))
               .first;
    }
    Verdict v = it->second;
    if (v.search.counterexample) v.search.counterexample->config.name = checked.name;
    return v;
  };

  for (io::LoadedConfig& file : loaded) {
    ConfigResult result;
    const Resolved r = resolve(file, options.variant);
    result.variant = r.name;
    result.impl = r.impl;
    result.memory = cache_memory(file, options.memory);
    // A model too large for one case's budget runs its cases, and the proof for its own
    // head counts, at reduced sizes; the proofs for every configuration still cover it.
    model::AttentionConfig checked = file.config;
    result.reduced = reduce_for_budget(file.config);
    if (result.reduced) checked = with_sizes(checked, *result.reduced);
    const auto runs = gen_runs_of(checked, options.params.bounds);
    for (const props::Property* p : props::property_registry()) {
      const Verdict& everywhere = generic_verdict(r, *p);
      // The proof for this model's head counts (every run size) decides the model's status;
      // the proof for every configuration decides whether a pass is only thanks to them.
      Verdict v = shape_verdict(r, *p, checked, runs, everywhere);
      if (v.holds() && everywhere.fails() && everywhere.search.counterexample) {
        LatentFinding latent;
        latent.property = p->id();
        latent.condition = condition_of(everywhere);
        latent.smallest = config_spec(everywhere.search.counterexample->config);
        latent.message = p->id() + " holds for " + file.config.name +
                         " (n_heads=" + std::to_string(file.config.n_heads) +
                         ", n_kv_heads=" + std::to_string(file.config.n_kv_heads) +
                         ") only because of its " + "head counts: " + latent.condition +
                         "; smallest: " + latent.smallest;
        result.latent.push_back(std::move(latent));
      }
      result.verdicts.push_back(std::move(v));
    }
    result.loaded = std::move(file);
    run.configs.push_back(std::move(result));
    if (options.progress) options.progress(run.configs.size(), loaded.size());
  }
  return run;
}

}  // namespace kvcheck::check
