// API handlers: attention kernels (SDPA, flash-attn), Hugging Face's repeat_kv, rotary helper
// and cache objects.
#include "api_support.hpp"
#include "kvcheck/scan/attention_rules.hpp"
#include "kvcheck/sym/decide.hpp"

namespace kvcheck::scan {
namespace api {
namespace {

using sym::Dim;

std::vector<std::pair<std::size_t, std::size_t>> leading_pairs(std::size_t rank, std::size_t skip_last) {
  std::vector<std::pair<std::size_t, std::size_t>> out;
  for (std::size_t k = 0; k + skip_last < rank; ++k) out.emplace_back(k, k);
  return out;
}

}  // namespace

Value sdpa(ApiCall& c) {
  auto q = tensor_arg(c, 0, "query");
  auto k = tensor_arg(c, 1, "key");
  auto v = tensor_arg(c, 2, "value");
  if (!q || !k || !v) return unknown(c, "scaled_dot_product_attention of values that are not known tensors");
  std::optional<TensorValue> mask = tensor_arg(c, 3, "attn_mask");
  const std::optional<bool> causal = arg(c, 5, "is_causal") ? flag_arg(c, 5, "is_causal") : std::optional<bool>(false);
  const std::optional<bool> gqa = c.args.keyword("enable_gqa") ? flag_arg(c, 99, "enable_gqa") : std::optional<bool>(false);
  if (!gqa) return unknown(c, "scaled_dot_product_attention with enable_gqa not known");
  c.in.mark_attention();
  auto r = sdpa_op(*q, *k, *v, mask, *gqa);
  if (!r) {
    const std::size_t rq = q->shape.size();
    const std::size_t rk = k->shape.size();
    if (rq >= 3 && rk >= 3 && !sym::equal_for_all(q->shape[rq - 3], k->shape[rk - 3])) {
      attention_shape_error(c.in, "scaled_dot_product_attention", *q, *k, r.error(), c.args.at, c.args.code);
    } else if (mask && rq >= 2 && rk >= 2) {
      TensorValue scores = *q;
      scores.shape.back() = k->shape[rk - 2];
      scores.is_mask = false;
      mask_shape_error(c.in, "scaled_dot_product_attention", scores, *mask, r.error(), c.args.at, c.args.code);
    } else {
      c.in.gave_up(c.args.at, r.error().message);
    }
    return Value::unknown("scaled_dot_product_attention shape error", c.args.at.at);
  }
  c.in.trace(c.args.at, "scaled_dot_product_attention", c.args.code, shape_text(r->shape));
  if (q->shape.size() >= 2 && k->shape.size() == q->shape.size()) {
    AttentionCall call;
    call.op = "scaled_dot_product_attention";
    call.q = *q;
    call.k = *k;
    call.batch_axes = leading_pairs(q->shape.size(), 2);
    call.grouped_kernel = *gqa;
    call.top_left_causal = causal.value_or(false) && !mask;
    call.q_len_axis = q->shape.size() - 2;
    call.k_len_axis = k->shape.size() - 2;
    call.head_dim = q->shape.back();
    call.at = c.args.at;
    call.code = c.args.code;
    check_attention(c.in, call);
  }
  return Value{*r};
}

namespace {

/// flash-attn's layout [batch, seq, heads, dim] (or [tokens, heads, dim] for varlen): kv
/// heads must divide query heads; query head h reads kv head h / (heads / kv heads).
Value flash_attention(ApiCall& c, const TensorValue& q, const TensorValue& k, const TensorValue& v,
                      const std::string& op) {
  c.in.mark_attention();
  const std::size_t rank = q.shape.size();
  if (rank < 3 || k.shape.size() != rank || v.shape.size() != rank) {
    return unknown(c, op + ": operands of ranks that are not [batch, seq, heads, dim]");
  }
  const std::size_t h = rank - 2;
  if (!sym::exact_div(q.shape[h], k.shape[h])) {
    const shape::ShapeError e = shape_mismatch(op, {"q " + shape_text(q.shape), "k " + shape_text(k.shape)},
                                               "the kv heads do not divide the query heads", q.shape[h], k.shape[h]);
    attention_shape_error(c.in, op, q, k, e, c.args.at, c.args.code);
    return Value::unknown(op + " shape error", c.args.at.at);
  }
  for (std::size_t a : {std::size_t{0}, rank - 1}) {
    if (!sym::equal_for_all(q.shape[a], k.shape[a])) {
      c.in.gave_up(c.args.at, op + ": q and k differ at dim " + std::to_string(a));
      return Value::unknown(op + " shape error", c.args.at.at);
    }
  }
  AttentionCall call;
  call.op = op;
  call.q = q;
  call.k = k;
  call.batch_axes = {{h, h}};
  call.grouped_kernel = true;
  call.head_dim = q.shape.back();
  call.at = c.args.at;
  call.code = c.args.code;
  check_attention(c.in, call);
  TensorValue out = derived(q, q.shape, q.axes);
  out.shape.back() = v.shape.back();
  if (out.axes.size() == out.shape.size() && v.axes.size() == v.shape.size()) out.axes.back() = v.axes.back();
  out.repeat.reset();
  c.in.trace(c.args.at, op, c.args.code, shape_text(out.shape));
  return Value{out};
}

}  // namespace

Value flash_attn(ApiCall& c) {
  auto q = tensor_arg(c, 0, "q");
  auto k = tensor_arg(c, 1, "k");
  auto v = tensor_arg(c, 2, "v");
  if (!q || !k || !v) return unknown(c, c.name + " of values that are not known tensors");
  return flash_attention(c, *q, *k, *v, c.name);
}

Value flash_attn_with_kvcache(ApiCall& c) {
  auto q = tensor_arg(c, 0, "q");
  auto k_cache = tensor_arg(c, 1, "k_cache");
  auto v_cache = tensor_arg(c, 2, "v_cache");
  if (!q || !k_cache || !v_cache) return unknown(c, "flash_attn_with_kvcache of values that are not known tensors");
  // New keys and values are written into the caches first, at the cache_seqlens offsets.
  for (const auto& [name, pos] : {std::pair<std::string, std::size_t>{"k", 3}, {"v", 4}}) {
    auto fresh = tensor_arg(c, pos, name);
    const TensorValue& cache = name == "k" ? *k_cache : *v_cache;
    if (!fresh || fresh->shape.size() != cache.shape.size() || cache.shape.size() < 2) continue;
    TensorValue region = cache;
    region.shape[1] = fresh->shape[1];
    std::vector<std::optional<Dim>> starts(cache.shape.size());
    cache_write(c.in, cache, region, *fresh, starts, c.args.at, "flash_attn_with_kvcache", c.args.code);
  }
  return flash_attention(c, *q, c.in.materialize(*k_cache), c.in.materialize(*v_cache), "flash_attn_with_kvcache");
}

Value hf_repeat_kv(ApiCall& c) {
  auto x = tensor_arg(c, 0, "hidden_states");
  auto n = dim_arg(c, 1, "n_rep");
  if (!x || !n || x->shape.size() != 4) return unknown(c, "repeat_kv of values that are not known");
  Value v = finish(c, "repeat_kv", repeat_interleave_op(*x, *n, 1));
  if (TensorValue* t = std::get_if<TensorValue>(&v.v); t && !n->constant_value()) t->repeat = RepeatInfo{c.args.at, "repeat_kv", c.in.now()};
  return v;
}

Value hf_apply_rotary(ApiCall& c) {
  auto q = tensor_arg(c, 0, "q");
  auto k = tensor_arg(c, 1, "k");
  if (!q || !k) return unknown(c, "apply_rotary_pos_emb of values that are not known tensors");
  // Older transformers gather the table rows by position_ids inside this helper; newer ones
  // pass rows already gathered. The positions are position_ids' when given, else cos'.
  std::optional<PositionInfo> positions;
  if (const Value* ids = arg(c, 4, "position_ids"); ids && !std::holds_alternative<NoneValue>(ids->v)) {
    positions = positions_of(*ids);
  } else if (const Value* cos = arg(c, 2, "cos")) {
    positions = positions_of(*cos);
  }
  q->positions = positions;
  k->positions = positions;
  return Value::tuple({Value{*q}, Value{*k}});
}

}  // namespace api

std::optional<Value> call_hf_cache(Interpreter& in, const HfCacheValue& cache, const std::string& name,
                                   CallArgs& args) {
  using sym::Dim;
  if (name == "get_seq_length" || name == "get_usable_length") return Value::integer(cache.past);
  if (name != "update") return std::nullopt;
  // DynamicCache.update(key, value, layer_idx): appends along the sequence axis and returns
  // every cached position, with the heads that were written.
  ApiCall c{in, args, nullptr, nullptr, name};
  TupleValue out;
  for (std::size_t k = 0; k < 2; ++k) {
    auto t = api::tensor_arg(c, k, k == 0 ? "key_states" : "value_states");
    if (!t || t->shape.size() < 2) return Value::unknown("cache.update of values that are not known tensors", args.at.at);
    BufferState b;
    b.name = "past_key_value";
    b.alloc = args.at;
    b.shape = t->shape;
    b.shape[t->shape.size() - 2] = cache.past + t->shape[t->shape.size() - 2];
    TensorValue target = fresh_tensor(b.shape, "past_key_value");
    target.buffer = in.new_buffer(b);
    for (std::size_t a = 0; a < b.shape.size(); ++a) target.buffer_axis.push_back(static_cast<int>(a));
    TensorValue region = target;
    region.shape = t->shape;
    std::vector<std::optional<Dim>> starts(t->shape.size());
    starts[t->shape.size() - 2] = cache.past;
    cache_write(in, target, region, *t, starts, args.at, "past_key_value.update", args.code);
    out.items.push_back(Value{in.materialize(target)});
  }
  in.trace(args.at, "past_key_value.update", args.code, shape_text(out.items.front().as_tensor()->shape));
  return Value{out};
}

}  // namespace kvcheck::scan
