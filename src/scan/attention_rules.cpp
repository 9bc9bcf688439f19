// The scan's rules: cache writes, attention calls and masks.
#include "kvcheck/scan/attention_rules.hpp"

#include "kvcheck/index/condition.hpp"
#include "kvcheck/scan/tensor_ops.hpp"
#include "kvcheck/shape/ops/broadcast_shapes.hpp"
#include "kvcheck/sym/decide.hpp"

namespace kvcheck::scan {
namespace {

using sym::Dim;
using index::AxisMap;
using index::Condition;

bool is_projection_digit(const index::Digit& d) {
  return !d.is_copy() && d.source.size() > 4 && d.source.compare(d.source.size() - 4, 4, ".out") == 0;
}

/// The projection an axis reads heads of, or "".
std::string projection_of(const AxisMap& axis) {
  for (const index::Digit& d : axis.digits) {
    if (is_projection_digit(d)) return d.source;
  }
  return "";
}

/// The product of the copy digits of an axis that also reads a projection: how many
/// times each head it holds is repeated (1 when not repeated).
Dim copies_in(const AxisMap& axis) {
  if (projection_of(axis).empty()) return Dim(1);
  Dim copies(1);
  for (const index::Digit& d : axis.digits) {
    if (d.is_copy()) copies *= d.extent;
  }
  return copies;
}

/// The number of distinct heads of `source` an axis holds.
Dim heads_in(const AxisMap& axis, const std::string& source) {
  Dim n(1);
  for (const index::Digit& d : axis.digits) {
    if (d.source == source) n *= d.extent;
  }
  return n;
}

std::string smallest_text(const std::optional<sym::Assignment>& a) {
  return a && !a->empty() ? a->to_string() : "";
}

RelatedLocation alloc_related(Interpreter& in, const TensorValue& target) {
  if (target.buffer < 0) return {};
  const BufferState& b = in.buffer(target.buffer);
  return RelatedLocation{b.alloc, "the cache " + (b.name.empty() ? std::string("buffer") : b.name) +
                                      " is allocated here as " + shape_text(b.shape)};
}

void add_related(Finding& f, RelatedLocation r) {
  if (!r.where.known()) return;
  for (const RelatedLocation& e : f.related) {
    if (e.where.file == r.where.file && e.where.at.line == r.where.at.line) return;
  }
  f.related.push_back(std::move(r));
}

/// The first value axis (aligned to the region from the right) whose heads are repeated.
std::optional<std::size_t> repeated_axis(const TensorValue& value) {
  for (std::size_t k = 0; k < value.axes.size(); ++k) {
    if (!copies_in(value.axes[k]).constant_value().has_value()) return k;
  }
  return std::nullopt;
}

/// What a cache write says about the site's choices: the buffer's head count and layout,
/// and whether the keys were repeated before it.
/// "code  # file:line" for the demo's lanes.
std::string line_at(Interpreter& in, const CodeLocation& at) {
  return in.workspace().line(at.file, at.at.line) + "  # " + at.file + ":" + std::to_string(at.at.line);
}

void note_line(Interpreter& in, const std::string& op, const CodeLocation& at) {
  if (at.known()) in.choices().lines.emplace(op, line_at(in, at));
}

void note_cache_write(Interpreter& in, const TensorValue& region, const TensorValue& value,
                      const BufferState& buffer, const CodeLocation& at) {
  SiteChoices& c = in.choices();
  c.cache_written = true;
  c.last_write = in.now();
  note_line(in, "zeros", buffer.alloc);
  note_line(in, "index_copy_", at);
  if (value.repeat) {
    c.repeat_before_write = true;
    note_line(in, value.repeat->op == "Tensor.repeat" ? "repeat" : "repeat_interleave", value.repeat->at);
  }
  const std::size_t rv = value.shape.size();
  const std::size_t rr = region.shape.size();
  if (value.axes.size() != rv || region.buffer_axis.size() != rr || rv < 2) return;
  // The head axis: a projection's axis other than the features (the last one).
  for (std::size_t k = 1; k < rv && k < rr; ++k) {
    const std::size_t v = rv - 1 - k;
    if (projection_of(value.axes[v]).empty()) continue;
    const int b = region.buffer_axis[rr - 1 - k];
    if (b < 0 || static_cast<std::size_t>(b) >= buffer.shape.size()) return;
    c.cache_n_heads = buffer.shape[static_cast<std::size_t>(b)] == Dim::n_heads();
    c.layout_bhld = b == 1;
    return;
  }
}

}  // namespace

bool axis_from_projection(const index::AxisMap& axis) { return !projection_of(axis).empty(); }

bool from_projection(const TensorValue& t) {
  for (const AxisMap& a : t.axes) {
    if (!projection_of(a).empty()) return true;
  }
  return false;
}

void cache_write(Interpreter& in, const TensorValue& target, const TensorValue& region,
                 const TensorValue& value, const std::vector<std::optional<Dim>>& starts,
                 const CodeLocation& at, const std::string& op, const std::string& code,
                 const std::optional<shape::ShapeError>& rule_error) {
  const bool cache = target.buffer >= 0;
  // PyTorch broadcasts the value to the region: aligned from the right, each value size is
  // the region's or 1; extra leading value sizes are 1. (So a one-kv-head value fits an
  // n_heads slot by broadcasting, and the write fails only from two kv heads on.)
  std::optional<shape::ShapeError> error = rule_error;
  const std::size_t rv = value.shape.size();
  const std::size_t rr = region.shape.size();
  for (std::size_t k = 0; k < rv && !error; ++k) {
    const Dim& vd = value.shape[rv - 1 - k];
    if (vd == Dim(1)) continue;
    const Dim rd = k < rr ? region.shape[rr - 1 - k] : Dim(1);
    const shape::Obligation ob = shape::stretches_to(vd, rd);
    if (ob.holds()) continue;
    error = shape::make_shape_error(
        op, {"value " + shape_text(value.shape), "target " + shape_text(region.shape)},
        "value " + shape_text(value.shape) + " does not fit the target " + shape_text(region.shape) +
            " at dim " + std::to_string(static_cast<std::int64_t>(rr) - 1 - static_cast<std::int64_t>(k)),
        vd.to_string(), rd.to_string(), ob);
  }
  in.trace(at, op, code, error ? "shape error" : "writes " + shape_text(value.shape));
  if (error) {
    if (!cache || error->unknown || !from_projection(value)) {
      in.gave_up(at, error->message);
      return;
    }
    note_cache_write(in, region, value, in.buffer(target.buffer), at);
    Finding f;
    f.rule = "shape-safety";
    f.where = at;
    f.op = op;
    f.message = error->message;
    f.operands = error->operands;
    f.condition = error->condition;
    f.smallest = smallest_text(error->smallest);
    if (value.repeat) {
      f.fix = "write the cache before repeating kv heads: store the n_kv_heads keys and values, "
              "then repeat what you read back";
      add_related(f, RelatedLocation{value.repeat->at, "kv heads are repeated here (" + value.repeat->op + ")"});
    } else {
      f.fix = "allocate the cache with the head count the keys are projected to (" + error->lhs +
              "), not " + error->rhs;
    }
    add_related(f, alloc_related(in, target));
    in.report(std::move(f));
    return;
  }
  if (!cache) return;
  BufferState& buffer = in.buffer(target.buffer);
  buffer.writes.push_back(at);
  note_cache_write(in, region, value, buffer, at);
  // What the buffer now holds over each whole axis.
  if (value.axes.size() == rv && region.buffer_axis.size() == rr) {
    for (std::size_t k = 0; k < rv && k < rr; ++k) {
      const std::size_t r = rr - 1 - k;
      const int b = region.buffer_axis[r];
      if (b < 0 || static_cast<std::size_t>(b) >= buffer.shape.size()) continue;
      if (region.shape[r] == buffer.shape[static_cast<std::size_t>(b)] &&
          value.shape[rv - 1 - k] == region.shape[r]) {
        buffer.content[static_cast<std::size_t>(b)] = value.axes[rv - 1 - k];
      }
    }
  }
  if (auto axis = repeated_axis(value)) {
    const Dim factor = copies_in(value.axes[*axis]);
    const Condition when = Condition::unequal(factor, Dim(1));
    Finding f;
    f.rule = "cache-footprint";
    f.where = at;
    f.op = op;
    f.message = op + ": the cache stores every kv head " + factor.to_string() +
                " times: the keys were repeated before they were written, so the buffer holds " +
                value.shape[*axis].to_string() + " heads where " +
                heads_in(value.axes[*axis], projection_of(value.axes[*axis])).to_string() + " suffice";
    f.operands = {"value " + shape_text(value.shape), "target " + shape_text(region.shape)};
    f.condition = when.text();
    f.smallest = smallest_text(when.smallest());
    f.memory_factor = factor.to_string();
    f.fix = "write the cache with the n_kv_heads keys and values and repeat them after reading "
            "the cache back; the buffer then needs n_kv_heads heads";
    if (value.repeat) add_related(f, RelatedLocation{value.repeat->at, "kv heads are repeated here (" + value.repeat->op + ")"});
    add_related(f, alloc_related(in, target));
    in.report(std::move(f));
  }
  // RoPE: the tokens written at positions S.. must have been rotated for positions S...
  if (value.positions) {
    std::optional<Dim> write_start;
    for (const auto& s : starts) {
      if (s && *s != Dim(0)) {
        write_start = *s;
        break;
      }
    }
    if (write_start && !sym::equal_for_all(value.positions->start, *write_start)) {
      const Condition when = Condition::unequal(value.positions->start, *write_start);
      Finding f;
      f.rule = "rope-position";
      f.where = value.positions->at.known() ? value.positions->at : at;
      f.op = "rotary embedding";
      f.message = "keys are rotated for positions from " + value.positions->start.to_string() +
                  " but written to the cache at positions from " + write_start->to_string() +
                  ", so cached keys carry the wrong rotation and attention scores change";
      f.condition = when.text();
      f.smallest = smallest_text(when.smallest());
      in.choices().rope_step_relative = true;
      f.fix = "slice the rotary table at the step's offset: [" + write_start->to_string() + " : " +
              write_start->to_string() + " + seq_len]";
      add_related(f, RelatedLocation{at, "the rotated keys are written to the cache here"});
      in.report(std::move(f));
    }
  }
}

void check_attention(Interpreter& in, const AttentionCall& call) {
  in.mark_attention();
  SiteChoices& choices = in.choices();
  // A repeat after the last cache write is the one at attention; one before it is the
  // repeat-before-write the write already noted (it travels with the data).
  if (call.k.repeat && call.k.repeat->order > choices.last_write) {
    choices.repeat_at_attention = true;
    note_line(in, call.k.repeat->op == "Tensor.repeat" ? "repeat" : "repeat_interleave", call.k.repeat->at);
  }
  note_line(in, call.op == "scaled_dot_product_attention" || call.grouped_kernel ? "scaled_dot_product_attention" : "matmul", call.at);
  if (call.op == "scaled_dot_product_attention") {
    choices.kernel = call.grouped_kernel ? "sdpa-gqa" : "sdpa";
  } else if (call.grouped_kernel) {
    choices.kernel = "sdpa-gqa";
  } else if (choices.kernel.empty()) {
    choices.kernel = "matmul";
  }
  const TensorValue& q = call.q;
  const TensorValue& k = call.k;
  if (q.axes.size() == q.shape.size() && k.axes.size() == k.shape.size() && !q.shape.empty()) {
    const Dim head_dim = call.head_dim.is_zero() ? q.shape.back() : call.head_dim;
    for (const auto& [qa, ka] : call.batch_axes) {
      const std::string qs = projection_of(q.axes[qa]);
      const std::string ks = projection_of(k.axes[ka]);
      if (qs.empty() || ks.empty()) continue;
      auto fq = index::read_through(q.axes[qa], qs, head_dim);
      auto fk = index::read_through(k.axes[ka], ks, head_dim);
      if (!fq || !fk) {
        in.gave_up(call.at, "head mapping: " + (!fq ? fq.error().reason : fk.error().reason));
        continue;
      }
      const Dim hq = q.shape[qa];
      if (*fq != index::identity_function(hq)) continue;
      // Keys projected to all n_heads heads, not repeated: multi-head attention with no kv
      // head count at all.
      if (heads_in(k.axes[ka], ks) == Dim::n_heads() && copies_in(k.axes[ka]) == Dim(1)) {
        choices.multi_head_only = true;
      }
      // A grouped kernel maps query head h to key head h / (heads / key heads) itself: keys
      // it is given unrepeated are read as interleaved.
      if (call.grouped_kernel && !sym::equal_for_all(k.shape[ka], hq)) {
        if (*fk == index::identity_function(k.shape[ka])) continue;
        in.gave_up(call.at, "head mapping: a grouped kernel given keys that are already rearranged");
        continue;
      }
      const Dim kv = heads_in(k.axes[ka], ks);
      auto ratio = sym::exact_div(hq, kv);
      if (!ratio) continue;
      auto expected = index::divide_function(*fq, *ratio);
      if (!expected) continue;
      auto differ = index::differ_condition(*fk, *expected);
      if (!differ) {
        in.gave_up(call.at, "head mapping: " + differ.error().reason);
        continue;
      }
      if (differ->is_never()) continue;
      Finding f;
      f.rule = "head-mapping";
      f.op = call.op;
      f.where = k.repeat ? k.repeat->at : call.at;
      f.message = "query head h reads kv head " + fk->to_string("h") + " instead of " +
                  expected->to_string("h") +
                  ": the kv heads are tiled, not interleaved, so queries of a group read the "
                  "wrong keys and outputs are silently wrong";
      f.operands = {"query " + shape_text(q.shape), "key " + shape_text(k.shape)};
      f.condition = differ->text();
      f.smallest = smallest_text(differ->smallest());
      choices.tiled = true;
      f.fix = "repeat kv heads with repeat_interleave(n_rep, dim=<head axis>) or the expand + "
              "reshape of repeat_kv, not Tensor.repeat / torch.cat of copies";
      add_related(f, RelatedLocation{call.at, "attention reads the repeated keys here"});
      in.report(std::move(f));
      break;
    }
  }
  if (call.top_left_causal && call.q_len_axis < q.shape.size() && call.k_len_axis < k.shape.size()) {
    const Dim lq = q.shape[call.q_len_axis];
    const Dim lk = k.shape[call.k_len_axis];
    if (!sym::equal_for_all(lq, lk)) {
      const Condition when = Condition::unequal(lk, lq);
      Finding f;
      f.rule = "causal-mask-alignment";
      f.op = call.op;
      f.where = call.at;
      f.message = "is_causal=True with " + lq.to_string() + " queries and " + lk.to_string() +
                  " keys: PyTorch aligns this mask top-left, so query i sees keys 0..i and not "
                  "the cached prefix before it";
      f.operands = {"query " + shape_text(q.shape), "key " + shape_text(k.shape)};
      f.condition = when.text();
      f.smallest = smallest_text(when.smallest());
      f.fix = "pass is_causal=True only without a cache (queries == keys); with a cache pass an "
              "attn_mask that lets query i see keys up to past_len + i";
      in.report(std::move(f));
    }
  }
}

bool attention_shape_error(Interpreter& in, const std::string& op, const TensorValue& a,
                           const TensorValue& b, const shape::ShapeError& error,
                           const CodeLocation& at, const std::string& code) {
  in.trace(at, op, code, "shape error");
  if (error.unknown || !from_projection(a) || !from_projection(b)) {
    in.gave_up(at, error.message);
    return false;
  }
  in.mark_attention();
  note_line(in, op == "scaled_dot_product_attention" ? op : "matmul", at);
  Finding f;
  f.where = at;
  f.op = op;
  f.message = error.message;
  f.operands = error.operands;
  f.condition = error.condition;
  f.smallest = smallest_text(error.smallest);
  const bool a_repeated = a.repeat.has_value();
  const bool b_repeated = b.repeat.has_value();
  // Query heads against kv heads that nobody repeated: a missing repeat.
  if (a_repeated == b_repeated || error.lhs == error.rhs) {
    f.rule = a_repeated ? "shape-safety" : "missing-repeat";
  } else {
    f.rule = "missing-repeat";
  }
  if (in.choices().kernel.empty()) in.choices().kernel = op == "scaled_dot_product_attention" ? "sdpa" : "matmul";
  if (f.rule == "missing-repeat") {
    in.choices().missing_repeat = true;
    const std::string prefix = op + ": ";
    const std::string what = error.message.rfind(prefix, 0) == 0 ? error.message.substr(prefix.size()) : error.message;
    f.message = op + ": query heads meet kv heads that were never repeated: " + what;
    f.fix = "repeat the kv heads to n_heads (repeat_kv / repeat_interleave(n_rep, dim=<head "
            "axis>)) on every path, or pass enable_gqa=True to scaled_dot_product_attention";
  } else {
    f.fix = "repeat kv heads once, after reading the cache, to exactly n_heads";
  }
  if (a.repeat) add_related(f, RelatedLocation{a.repeat->at, "repeated here (" + a.repeat->op + ")"});
  if (b.repeat) add_related(f, RelatedLocation{b.repeat->at, "repeated here (" + b.repeat->op + ")"});
  in.report(std::move(f));
  return true;
}

bool mask_shape_error(Interpreter& in, const std::string& op, const TensorValue& a,
                      const TensorValue& b, const shape::ShapeError& error,
                      const CodeLocation& at, const std::string& code) {
  in.trace(at, op, code, "shape error");
  const TensorValue* mask = a.is_mask ? &a : (b.is_mask ? &b : nullptr);
  const TensorValue* scores = mask == &a ? &b : &a;
  if (error.unknown || !mask || mask->axes.empty() || scores->shape.size() < 2) {
    in.gave_up(at, error.message);
    return false;
  }
  Finding f;
  f.rule = "causal-mask-alignment";
  f.where = at;
  f.op = op;
  f.message = op + ": the mask " + shape_text(mask->shape) + " does not cover the scores " +
              shape_text(scores->shape) +
              ": it is built for the new tokens only, while the keys include the cached prefix";
  f.operands = {"scores " + shape_text(scores->shape), "mask " + shape_text(mask->shape)};
  f.condition = error.condition;
  f.smallest = smallest_text(error.smallest);
  f.fix = "build the mask over every key: zeros for the cached positions, then the causal "
          "triangle, e.g. torch.hstack([torch.zeros((seq_len, start_pos)), mask])";
  in.report(std::move(f));
  return true;
}

}  // namespace kvcheck::scan
