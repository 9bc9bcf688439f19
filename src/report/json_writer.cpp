// JSON report: the in-memory CheckRun mapped field by field onto docs/report-schema.json.
// Every key is always present (null when there is no value), so consumers never probe.
#include "kvcheck/report/json_writer.hpp"

#include <nlohmann/json.hpp>
#include <sstream>

#include "kvcheck/check/replay.hpp"
#include "kvcheck/model/attention_config.hpp"
#include "kvcheck/report/run_tally.hpp"

namespace kvcheck::report {
namespace {

using Json = nlohmann::ordered_json;

Json or_null(const std::string& s) {
  return s.empty() ? Json(nullptr) : Json(s);
}

std::string truth_name(sym::Truth t) {
  switch (t) {
    case sym::Truth::kProved:
      return "proved";
    case sym::Truth::kRefuted:
      return "refuted";
    case sym::Truth::kUnknown:
      return "unknown";
  }
  return "unknown";
}

/// Implementation::describe()'s "key=value" pieces as an object, so the JSON can never
/// spell a choice differently from the text report.
Json implementation_json(const model::Implementation& impl) {
  Json out = Json::object();
  std::istringstream pieces(impl.describe());
  std::string piece;
  while (pieces >> piece) {
    const auto eq = piece.find('=');
    out[piece.substr(0, eq)] = eq == std::string::npos ? "" : piece.substr(eq + 1);
  }
  return out;
}

Json op_failure_json(const interp::OpFailure& f) {
  const shape::ShapeError& e = f.error;
  return Json{{"op", e.op},
              {"in_setup", f.in_setup},
              {"index", f.index},
              {"code", f.op.pseudo},
              {"operands", e.operands},
              {"lhs", e.lhs},
              {"rhs", e.rhs},
              {"condition", or_null(e.condition)},
              {"smallest", e.smallest ? Json(e.smallest->to_string()) : Json(nullptr)},
              {"undecided", e.unknown},
              {"message", e.message}};
}

Json numeric_diff_json(const props::NumericDiff& d) {
  return Json{{"max_abs_error", d.max_abs_error},
              {"tolerance", d.tolerance},
              {"batch", d.batch},
              {"position", d.position},
              {"head", d.head >= 0 ? Json(d.head) : Json(nullptr)},
              {"feature", d.feature},
              {"expected", d.expected},
              {"actual", d.actual}};
}

Json proof_json(const check::SharedProof& proof) {
  if (!proof) return nullptr;
  return Json{{"truth", truth_name(proof->truth)},
              {"obligations", proof->steps.size()},
              {"step", or_null(proof->step)},
              {"message", proof->message},
              {"failure", proof->failure ? op_failure_json(*proof->failure) : Json(nullptr)}};
}

Json counterexample_json(const check::SearchResult& search) {
  if (!search.counterexample) return nullptr;
  const props::Case& c = *search.counterexample;
  const std::optional<props::Failure>& f = search.failure;
  return Json{{"config", check::config_spec(c.config)},
              {"case_seed", c.seed},
              {"step", f ? or_null(f->step) : Json(nullptr)},
              {"message", f ? or_null(f->message) : Json(nullptr)},
              {"op_failure", f && f->op_failure ? op_failure_json(*f->op_failure) : Json(nullptr)},
              {"numeric_diff", f && f->diff ? numeric_diff_json(*f->diff) : Json(nullptr)}};
}

Json verdict_json(const check::Verdict& v) {
  const auto& example = v.search.counterexample;
  return Json{{"property", v.property},
              {"status", check::to_string(v.status)},
              {"cases", v.search.cases},
              {"shrinks", v.search.shrinks},
              {"regimes", v.search.regimes},
              {"seed", v.seed},
              {"note", or_null(v.note)},
              {"proof", proof_json(v.proof)},
              {"counterexample", counterexample_json(v.search)},
              {"replay", example ? Json(check::replay_command(v.variant, v.impl, v.property,
                                                              example->config, v.seed))
                                 : Json(nullptr)}};
}

template <typename T>
Json or_null(const std::optional<T>& v) {
  return v ? Json(*v) : Json(nullptr);
}

Json memory_json(const check::CacheMemory& m) {
  return Json{{"dtype", m.dtype},
              {"bits_per_element", m.bits_per_element},
              {"latent", m.latent},
              {"elements_per_token_per_layer", m.elements_per_token_per_layer},
              {"bytes_per_token_per_layer", m.bytes_per_token_per_layer},
              {"attention_layers", m.attention_layers},
              {"bytes_per_token", m.bytes_per_token},
              {"context", or_null(m.context)},
              {"context_from", m.context ? Json(m.context_from) : Json(nullptr)},
              {"window", or_null(m.window)},
              {"window_layers", m.window_layers},
              {"bytes_per_sequence", or_null(m.bytes_per_sequence)},
              {"bytes_per_sequence_uncapped", or_null(m.bytes_per_sequence_uncapped)},
              {"repeated_bytes_per_sequence", or_null(m.repeated_bytes_per_sequence)},
              {"batch", m.batch},
              {"bytes_per_batch", or_null(m.bytes_per_batch)},
              {"group", m.group}};
}

/// The sizes the model's cases ran at when the case budget reduced them; null otherwise.
Json checked_at_json(const check::ConfigResult& r) {
  if (!r.reduced) return nullptr;
  return Json{{"n_heads", r.reduced->n_heads},
              {"n_kv_heads", r.reduced->n_kv_heads},
              {"head_dim", r.reduced->head_dim},
              {"group_kept", r.reduced->group_kept},
              {"note", r.reduced->note}};
}

Json config_json(const check::ConfigResult& r) {
  const io::LoadedConfig& loaded = r.loaded;
  const model::AttentionConfig& c = loaded.config;
  Json verdicts = Json::array();
  for (const check::Verdict& v : r.verdicts) verdicts.push_back(verdict_json(v));
  Json latent = Json::array();
  for (const check::LatentFinding& f : r.latent) {
    latent.push_back(Json{{"property", f.property},
                          {"condition", f.condition},
                          {"smallest", or_null(f.smallest)},
                          {"message", f.message}});
  }
  return Json{{"path", loaded.path},
              {"format", loaded.format},
              {"family", loaded.family},
              {"name", c.name},
              {"n_heads", c.n_heads},
              {"n_kv_heads", c.n_kv_heads},
              {"group", c.n_kv_heads > 0 ? c.n_heads / c.n_kv_heads : 0},
              {"head_dim", c.head_dim},
              {"hidden", c.hidden},
              {"dtype", model::dtype_name(c.dtype)},
              {"n_layers", c.n_layers},
              {"model_layers", loaded.model_layers},
              {"context", or_null(loaded.context)},
              {"window", or_null(loaded.window)},
              {"window_layers", loaded.window_layers},
              {"latent_width", or_null(loaded.latent_width)},
              {"variant", r.variant},
              {"implementation", implementation_json(r.impl)},
              {"key_lines", loaded.key_lines},
              {"notes", loaded.notes},
              {"memory", memory_json(r.memory)},
              {"checked_at", checked_at_json(r)},
              {"verdicts", std::move(verdicts)},
              {"latent", std::move(latent)}};
}

Json search_json(const check::CheckRun& run) {
  const check::SearchParams& p = run.params;
  const check::ConfigBounds& b = p.bounds;
  return Json{{"seed", p.seed},
              {"cases", p.max_success},
              {"max_size", p.max_size},
              {"full_range", p.full_range},
              {"variant", or_null(run.variant_flag)},
              {"bounds", Json{{"n_kv_heads", b.n_kv_heads},
                              {"group", b.group},
                              {"head_dim", b.head_dim},
                              {"batch", b.batch},
                              {"prompt_len", b.prompt_len},
                              {"decode_steps", b.decode_steps},
                              {"cache_spare", b.cache_spare},
                              {"hidden", b.hidden}}}};
}

Json summary_json(const RunTally& t) {
  return Json{{"configs", t.configs},   {"failing_configs", t.failing_configs},
              {"verdicts", t.verdicts}, {"proved", t.proved},
              {"checked", t.checked},   {"refuted", t.refuted},
              {"unknown", t.unknown},   {"inconsistent", t.inconsistent},
              {"latent", t.latent}};
}

}  // namespace

std::string write_json(const check::CheckRun& run, const WriterContext& ctx) {
  Json configs = Json::array();
  for (const check::ConfigResult& r : run.configs) configs.push_back(config_json(r));
  Json skipped = Json::array();
  for (const check::SkippedFile& f : run.skipped) {
    skipped.push_back(Json{{"path", f.path},
                           {"reason", f.not_model_config ? "not-model-config" : "no-kv-cache"},
                           {"message", f.message}});
  }
  const Json doc{{"schema_version", kJsonSchemaVersion},
                 {"tool", Json{{"name", "kvcheck"}, {"version", ctx.tool_version}}},
                 {"command_line", or_null(ctx.command_line)},
                 {"search", search_json(run)},
                 {"configs", std::move(configs)},
                 {"skipped", std::move(skipped)},
                 {"summary", summary_json(tally(run))}};
  // Paths and names need not be UTF-8; replace bad bytes rather than refuse to report.
  return doc.dump(2, ' ', false, Json::error_handler_t::replace) + "\n";
}

}  // namespace kvcheck::report
