// The API table and its dispatch; argument helpers; matmul and elementwise ops.
#include "kvcheck/scan/torch_api.hpp"

#include <array>

#include "api_support.hpp"
#include "kvcheck/scan/attention_rules.hpp"

namespace kvcheck::scan {
namespace {

using sym::Dim;

// Method entries are "Tensor.<name>"; function entries are their import path.
const std::array kTable = {
    ApiEntry{"Tensor.view", "view(*sizes): same elements, new sizes (one -1 inferred); row-major", api::view},
    ApiEntry{"Tensor.reshape", "reshape(*sizes): as view, copying when needed", api::view},
    ApiEntry{"Tensor.transpose", "transpose(d0, d1): swaps two axes", api::transpose},
    ApiEntry{"Tensor.permute", "permute(*dims): reorders axes", api::permute},
    ApiEntry{"Tensor.unsqueeze", "unsqueeze(d): a new axis of size 1", api::unsqueeze},
    ApiEntry{"Tensor.squeeze", "squeeze(d=None): drops size-1 axes", api::squeeze},
    ApiEntry{"Tensor.flatten", "flatten(start=0, end=-1): merges axes start..end", api::flatten},
    ApiEntry{"Tensor.unflatten", "unflatten(d, sizes): splits axis d", api::unflatten},
    ApiEntry{"Tensor.expand", "expand(*sizes): size-1 axes become copies (-1 keeps)", api::expand},
    ApiEntry{"Tensor.expand_as", "expand_as(other): expand to other's sizes", api::expand_as},
    ApiEntry{"Tensor.repeat", "repeat(*reps): tiles (the copy index is the major one)", api::repeat},
    ApiEntry{"Tensor.repeat_interleave", "repeat_interleave(r, dim): each element r times in a row", api::repeat_interleave},
    ApiEntry{"Tensor.narrow", "narrow(d, start, length)", api::narrow},
    ApiEntry{"Tensor.index_copy_", "index_copy_(d, index, source): writes source at index along d", api::index_copy},
    ApiEntry{"Tensor.copy_", "copy_(src): writes src (broadcast) into self", api::copy},
    ApiEntry{"Tensor.softmax", "softmax(dim): same shape", api::softmax},
    ApiEntry{"Tensor.masked_fill", "masked_fill(mask, value): mask broadcast to self", api::masked_fill},
    ApiEntry{"Tensor.masked_fill_", "masked_fill_(mask, value): in place", api::masked_fill},
    ApiEntry{"Tensor.mean", "mean(dim, keepdim=False)", api::reduce},
    ApiEntry{"Tensor.sum", "sum(dim, keepdim=False)", api::reduce},
    ApiEntry{"Tensor.amax", "amax(dim, keepdim=False)", api::reduce},
    ApiEntry{"Tensor.split", "split(size or sizes, dim): narrows along dim", api::split},
    ApiEntry{"Tensor.chunk", "chunk(n, dim): n equal narrows", api::chunk},
    ApiEntry{"Tensor.unbind", "unbind(dim): the slices along dim", api::unbind},
    ApiEntry{"Tensor.size", "size(d=None): sizes", api::size},
    ApiEntry{"Tensor.matmul", "matmul(other)", api::matmul},
    ApiEntry{"Tensor.view_as", "view_as(other)", api::view_as},
    ApiEntry{"Tensor.float", "dtype and device casts, copies, contiguous: same shape and elements", api::identity},
    ApiEntry{"Tensor.pow", "elementwise math with broadcasting", api::elementwise},
    ApiEntry{"torch.zeros", "zeros(*sizes): a new buffer (caches are allocated this way)", api::allocate},
    ApiEntry{"torch.zeros_like", "zeros_like(x): a new buffer of x's sizes", api::allocate_like},
    ApiEntry{"torch.arange", "arange(start, end): positions start..end-1", api::arange},
    ApiEntry{"torch.cat", "cat(tensors, dim): [x]*n is a tile; with a past cache, a cache write", api::cat},
    ApiEntry{"torch.stack", "stack(tensors, dim)", api::stack},
    ApiEntry{"torch.hstack", "hstack(tensors): cat along dim 1 (dim 0 for vectors)", api::hstack},
    ApiEntry{"torch.triu", "triu/tril(x, diagonal): a causal mask of x's sizes", api::mask_of},
    ApiEntry{"torch.where", "where(cond, a, b): broadcast of the three", api::where},
    ApiEntry{"torch.outer", "outer(a, b): [len(a), len(b)], rows keep a's positions", api::outer},
    ApiEntry{"torch.polar", "polar(abs, angle): angle's sizes", api::polar},
    ApiEntry{"torch.view_as_complex", "view_as_complex(x): drops the last axis of 2", api::view_as_complex},
    ApiEntry{"torch.view_as_real", "view_as_real(x): adds a last axis of 2", api::view_as_real},
    ApiEntry{"torch.einsum", "einsum(equation, *operands): sizes by letter; q.k^T is attention", api::einsum},
    ApiEntry{"torch.matmul", "matmul(a, b): batched; q @ k^T and weights @ v are attention", api::matmul},
    ApiEntry{"torch.nn.Linear", "Linear(in, out): a projection; its output features are a source of heads", api::linear_module},
    ApiEntry{"torch.nn.ModuleList", "ModuleList(modules): the layers, alike", api::module_list},
    ApiEntry{"torch.nn.Dropout", "norms, dropout, activations: modules whose output has the input's shape", api::library_module},
    ApiEntry{"torch.nn.Parameter", "Parameter(t): t", api::parameter},
    ApiEntry{"torch.nn.Embedding", "Embedding(num, dim): token ids [..] -> [.., dim]", api::embedding},
    ApiEntry{"torch.nn.functional.softmax", "softmax(x, dim): same shape", api::softmax},
    ApiEntry{"torch.nn.functional.scaled_dot_product_attention",
             "SDPA(q, k, v, attn_mask, is_causal, enable_gqa): heads must match unless enable_gqa; "
             "is_causal is aligned top-left",
             api::sdpa},
    ApiEntry{"flash_attn.flash_attn_func", "flash_attn_func(q, k, v, causal): [b, s, h, d], takes fewer kv heads (h / group); causal aligned bottom-right", api::flash_attn},
    ApiEntry{"flash_attn.flash_attn_with_kvcache", "flash_attn_with_kvcache(q, k_cache, v_cache, k, v): writes k, v into the caches, then attends", api::flash_attn_with_kvcache},
    ApiEntry{"transformers.repeat_kv", "repeat_kv(x, n_rep): [b, kv, s, d] -> [b, kv*n_rep, s, d], interleaved", api::hf_repeat_kv},
    ApiEntry{"transformers.apply_rotary_pos_emb", "apply_rotary_pos_emb(q, k, cos, sin): rotated q, k of the same shapes", api::hf_apply_rotary},
    ApiEntry{"einops.rearrange", "rearrange(x, pattern, **sizes)", api::einops_rearrange},
    ApiEntry{"einops.repeat", "repeat(x, pattern, **sizes): new axes are copies; (h r) interleaves, (r h) tiles", api::einops_repeat},
    ApiEntry{"math.sqrt", "scalars: numbers, not sizes", api::scalar},
    ApiEntry{"fairscale.get_model_parallel_world_size",
             "model-parallel world sizes (fairscale, Megatron, torch.distributed): 1, the "
             "single-rank case; per-rank head counts divide by the same factor, so GQA's "
             "relations are those of one rank",
             api::one_rank},
};

/// Names that share an entry's semantics.
const std::map<std::string, std::string>& aliases() {
  static const std::map<std::string, std::string> m = {
      {"Tensor.half", "Tensor.float"}, {"Tensor.bfloat16", "Tensor.float"}, {"Tensor.double", "Tensor.float"},
      {"Tensor.to", "Tensor.float"}, {"Tensor.type_as", "Tensor.float"}, {"Tensor.type", "Tensor.float"},
      {"Tensor.clone", "Tensor.float"}, {"Tensor.detach", "Tensor.float"}, {"Tensor.contiguous", "Tensor.float"},
      {"Tensor.cuda", "Tensor.float"}, {"Tensor.cpu", "Tensor.float"}, {"Tensor.requires_grad_", "Tensor.float"},
      {"Tensor.zero_", "Tensor.float"}, {"Tensor.fill_", "Tensor.float"}, {"Tensor.normal_", "Tensor.float"},
      {"Tensor.bool", "Tensor.float"}, {"Tensor.int", "Tensor.float"}, {"Tensor.long", "Tensor.float"},
      {"Tensor.sqrt", "Tensor.pow"}, {"Tensor.rsqrt", "Tensor.pow"}, {"Tensor.exp", "Tensor.pow"},
      {"Tensor.neg", "Tensor.pow"}, {"Tensor.sin", "Tensor.pow"}, {"Tensor.cos", "Tensor.pow"},
      {"Tensor.sigmoid", "Tensor.pow"}, {"Tensor.tanh", "Tensor.pow"}, {"Tensor.abs", "Tensor.pow"},
      {"Tensor.mul", "Tensor.pow"}, {"Tensor.add", "Tensor.pow"}, {"Tensor.sub", "Tensor.pow"},
      {"Tensor.div", "Tensor.pow"}, {"Tensor.mul_", "Tensor.pow"}, {"Tensor.add_", "Tensor.pow"},
      {"Tensor.div_", "Tensor.pow"}, {"Tensor.triu", "torch.triu"}, {"Tensor.tril", "torch.triu"},
      {"Tensor.softmax", "Tensor.softmax"}, {"Tensor.log_softmax", "Tensor.softmax"},
      {"Tensor.max", "Tensor.amax"}, {"Tensor.bmm", "Tensor.matmul"},
      {"torch.empty", "torch.zeros"}, {"torch.ones", "torch.zeros"}, {"torch.full", "torch.zeros"},
      {"torch.randn", "torch.zeros"}, {"torch.rand", "torch.zeros"}, {"torch.empty_like", "torch.zeros_like"},
      {"torch.ones_like", "torch.zeros_like"}, {"torch.full_like", "torch.zeros_like"},
      {"torch.randn_like", "torch.zeros_like"}, {"torch.concat", "torch.cat"}, {"torch.concatenate", "torch.cat"},
      {"torch.tril", "torch.triu"}, {"torch.bmm", "torch.matmul"}, {"torch.softmax", "torch.nn.functional.softmax"},
      {"torch.nn.functional.log_softmax", "torch.nn.functional.softmax"},
      {"torch.nn.LayerNorm", "torch.nn.Dropout"}, {"torch.nn.RMSNorm", "torch.nn.Dropout"},
      {"torch.nn.Identity", "torch.nn.Dropout"}, {"torch.nn.SiLU", "torch.nn.Dropout"},
      {"torch.nn.GELU", "torch.nn.Dropout"}, {"torch.nn.ReLU", "torch.nn.Dropout"},
      {"torch.nn.functional.dropout", "Tensor.float"}, {"torch.nn.functional.silu", "Tensor.float"},
      {"torch.nn.functional.gelu", "Tensor.float"}, {"torch.nn.functional.relu", "Tensor.float"},
      {"torch.rsqrt", "Tensor.float"}, {"torch.exp", "Tensor.float"}, {"torch.sigmoid", "Tensor.float"},
      {"torch.tanh", "Tensor.float"}, {"torch.sin", "Tensor.float"}, {"torch.cos", "Tensor.float"},
      {"torch.ones_like", "torch.zeros_like"}, {"torch.transpose", "Tensor.transpose"},
      {"torch.permute", "Tensor.permute"}, {"torch.reshape", "Tensor.reshape"},
      {"torch.flatten", "Tensor.flatten"}, {"torch.unsqueeze", "Tensor.unsqueeze"},
      {"torch.squeeze", "Tensor.squeeze"}, {"torch.repeat_interleave", "Tensor.repeat_interleave"},
      {"torch.narrow", "Tensor.narrow"}, {"torch.split", "Tensor.split"}, {"torch.chunk", "Tensor.chunk"},
      {"torch.unbind", "Tensor.unbind"}, {"torch.mul", "Tensor.pow"}, {"torch.add", "Tensor.pow"},
      {"torch.vstack", "torch.cat"}, {"torch.masked_fill", "Tensor.masked_fill"},
      {"math.log", "math.sqrt"}, {"math.pow", "math.sqrt"}, {"math.exp", "math.sqrt"}, {"math.ceil", "math.sqrt"},
      {"math.floor", "math.sqrt"}, {"math.isqrt", "math.sqrt"}, {"math.prod", "math.sqrt"},
      {"flash_attn.flash_attn_varlen_func", "flash_attn.flash_attn_func"},
      {"fairscale.ColumnParallelLinear", "torch.nn.Linear"}, {"fairscale.RowParallelLinear", "torch.nn.Linear"},
      {"megatron.ColumnParallelLinear", "torch.nn.Linear"}, {"megatron.RowParallelLinear", "torch.nn.Linear"},
      {"flash_attn.flash_attn_qkvpacked_func", "math.sqrt"},
  };
  return m;
}

const ApiEntry* lookup(const std::string& key) {
  std::string k = key;
  const std::string last = k.substr(k.rfind('.') + 1);
  if (last.find("world_size") != std::string::npos || last.find("parallel_size") != std::string::npos) {
    k = "fairscale.get_model_parallel_world_size";
  }
  if (auto it = aliases().find(k); it != aliases().end()) k = it->second;
  for (const ApiEntry& e : kTable) {
    if (e.name == k) return &e;
  }
  return nullptr;
}

/// Function forms taking the tensor first (torch.transpose(x, 0, 1)).
bool tensor_first(const std::string& key) { return key.rfind("Tensor.", 0) == 0; }

}  // namespace

std::span<const ApiEntry> api_table() { return kTable; }

std::string api_key(const std::string& dotted) {
  auto last = [&] { return dotted.substr(dotted.rfind('.') + 1); };
  for (const char* lib : {"transformers", "flash_attn", "einops", "fairscale", "megatron"}) {
    const std::string prefix = std::string(lib) + ".";
    if (dotted.rfind(prefix, 0) == 0 || dotted == lib) return prefix + last();
  }
  if (dotted.rfind("torch.nn.modules.", 0) == 0) return "torch.nn." + last();
  if (dotted.rfind("torch.functional.", 0) == 0) return "torch." + last();
  return dotted;
}

std::optional<Value> call_library(Interpreter& in, const std::string& dotted, CallArgs& args) {
  std::string key = api_key(dotted);
  const ApiEntry* e = lookup(key);
  if (!e) return std::nullopt;
  std::string k = key;
  if (auto it = aliases().find(k); it != aliases().end()) k = it->second;
  if (tensor_first(k)) {
    // torch.transpose(x, 0, 1) is x.transpose(0, 1).
    if (args.positional.empty() || !args.positional.front().as_tensor()) {
      return with_positions(Value::unknown(dotted + " of a value that is not a known tensor", args.at.at),
                            args.positional.empty() ? std::nullopt : positions_of(args.positional.front()));
    }
    const Value self_value = args.positional.front();
    const TensorValue self = in.materialize(*self_value.as_tensor());
    CallArgs rest = args;
    rest.positional.erase(rest.positional.begin());
    ApiCall c{in, rest, &self, &self_value, key.substr(key.rfind('.') + 1)};
    return e->handler(c);
  }
  ApiCall c{in, args, nullptr, nullptr, key.substr(key.rfind('.') + 1)};
  return e->handler(c);
}

std::optional<Value> call_tensor_method(Interpreter& in, const TensorValue& self,
                                        const Value& self_value, const std::string& name,
                                        CallArgs& args) {
  const ApiEntry* e = lookup("Tensor." + name);
  if (!e) return std::nullopt;
  ApiCall c{in, args, &self, &self_value, name};
  return e->handler(c);
}

Value tensor_matmul(Interpreter& in, const TensorValue& a, const TensorValue& b,
                    const CodeLocation& at, const std::string& code) {
  auto r = matmul_op(a, b);
  if (!r) {
    attention_shape_error(in, "matmul", a, b, r.error(), at, code);
    return Value::unknown("matmul shape error", at.at);
  }
  in.trace(at, "matmul", code, shape_text(r->shape));
  if (from_projection(a) && from_projection(b) && a.shape.size() >= 3 && b.shape.size() >= 3) {
    AttentionCall call;
    call.op = "matmul";
    call.q = a;
    call.k = b;
    call.at = at;
    call.code = code;
    const std::size_t n = std::min(a.shape.size(), b.shape.size());
    for (std::size_t k = 3; k <= n; ++k) call.batch_axes.emplace_back(a.shape.size() - k, b.shape.size() - k);
    // q @ k^T: the unit of a head is q's feature size; weights @ values: the values'.
    const bool a_features = !a.axes.empty() && axis_from_projection(a.axes.back());
    call.head_dim = a_features ? a.shape.back() : b.shape.back();
    check_attention(in, call);
  }
  return Value{*r};
}

Value tensor_elementwise(Interpreter& in, const std::string& op, const TensorValue& a,
                         const TensorValue& b, const CodeLocation& at, const std::string& code) {
  auto r = broadcast_op(op, a, b);
  if (!r) {
    mask_shape_error(in, op, a, b, r.error(), at, code);
    return Value::unknown("broadcast shape error", at.at);
  }
  return Value{*r};
}

namespace api {

const Value* arg(ApiCall& c, std::size_t k, const std::string& name) { return c.args.arg(k, name); }

std::optional<std::int64_t> int_arg(ApiCall& c, std::size_t k, const std::string& name) {
  const Value* v = arg(c, k, name);
  if (!v || !v->as_int()) return std::nullopt;
  return v->as_int()->dim.constant_value();
}

std::optional<Dim> dim_arg(ApiCall& c, std::size_t k, const std::string& name) {
  const Value* v = arg(c, k, name);
  if (!v || !v->as_int()) return std::nullopt;
  return v->as_int()->dim;
}

std::optional<TensorValue> tensor_arg(ApiCall& c, std::size_t k, const std::string& name) {
  const Value* v = arg(c, k, name);
  if (!v || !v->as_tensor()) return std::nullopt;
  return c.in.materialize(*v->as_tensor());
}

std::optional<bool> flag_arg(ApiCall& c, std::size_t k, const std::string& name) {
  const Value* v = arg(c, k, name);
  if (!v) return std::nullopt;
  return truth_of(*v);
}

std::optional<std::vector<Dim>> size_args(ApiCall& c, std::size_t from,
                                          std::optional<std::size_t>* inferred) {
  std::vector<Value> items(c.args.positional.begin() + static_cast<std::ptrdiff_t>(std::min(from, c.args.positional.size())),
                           c.args.positional.end());
  if (items.empty()) {
    if (const Value* s = c.args.keyword("size")) items = {*s};
  }
  if (items.size() == 1) {
    if (const TupleValue* t = items.front().as_tuple(); t && !t->homogeneous) items = t->items;
  }
  std::vector<Dim> out;
  for (std::size_t k = 0; k < items.size(); ++k) {
    const IntValue* i = items[k].as_int();
    if (!i) return std::nullopt;
    if (inferred && i->dim == Dim(-1)) {
      *inferred = k;
      out.push_back(Dim(1));
      continue;
    }
    out.push_back(i->dim);
  }
  return out;
}

Value finish(ApiCall& c, const std::string& op, const TensorResult& r) {
  if (!r) {
    c.in.trace(c.args.at, op, c.args.code, "shape error");
    c.in.gave_up(c.args.at, r.error().message);
    return Value::unknown(r.error().message, c.args.at.at);
  }
  c.in.trace(c.args.at, op, c.args.code, shape_text(r->shape));
  return Value{*r};
}

Value unknown(ApiCall& c, const std::string& reason) {
  c.in.gave_up(c.args.at, reason);
  return Value::unknown(reason, c.args.at.at);
}

Value same_shape(ApiCall& c) {
  if (c.self) return Value{*c.self};
  for (const Value& v : c.args.positional) {
    if (v.as_tensor()) return v;
  }
  return unknown(c, c.name + " of a value that is not a known tensor");
}

}  // namespace api
}  // namespace kvcheck::scan
