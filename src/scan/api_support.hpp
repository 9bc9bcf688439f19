// Shared by the API table's handlers: argument access and turning an op's result into a
// value (traced) or an Unknown (recorded where the analysis stopped).
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "kvcheck/scan/tensor_ops.hpp"
#include "kvcheck/scan/torch_api.hpp"

namespace kvcheck::scan::api {

const Value* arg(ApiCall& c, std::size_t k, const std::string& name);
std::optional<std::int64_t> int_arg(ApiCall& c, std::size_t k, const std::string& name);
std::optional<sym::Dim> dim_arg(ApiCall& c, std::size_t k, const std::string& name);
/// The tensor argument, with any buffer contents read in; nullopt when not a tensor.
std::optional<TensorValue> tensor_arg(ApiCall& c, std::size_t k, const std::string& name);
/// True/False of a keyword (or positional) flag; nullopt when absent or not known.
std::optional<bool> flag_arg(ApiCall& c, std::size_t k, const std::string& name);
/// The sizes of a call like view(*sizes) / view(sizes) starting at positional `from`;
/// `inferred` is set to the index of a -1.
std::optional<std::vector<sym::Dim>> size_args(ApiCall& c, std::size_t from,
                                               std::optional<std::size_t>* inferred);

/// The op's tensor, traced; or Unknown, with the failed rule recorded for --explain.
Value finish(ApiCall& c, const std::string& op, const TensorResult& r);
Value unknown(ApiCall& c, const std::string& reason);
/// The first tensor argument unchanged in shape (norms, activations, dtype casts).
Value same_shape(ApiCall& c);

// Handlers, by file.
// tensor_methods.cpp
Value view(ApiCall& c);
Value transpose(ApiCall& c);
Value permute(ApiCall& c);
Value unsqueeze(ApiCall& c);
Value squeeze(ApiCall& c);
Value flatten(ApiCall& c);
Value unflatten(ApiCall& c);
Value identity(ApiCall& c);
Value expand(ApiCall& c);
Value expand_as(ApiCall& c);
Value repeat(ApiCall& c);
Value repeat_interleave(ApiCall& c);
Value narrow(ApiCall& c);
Value index_copy(ApiCall& c);
Value copy(ApiCall& c);
Value softmax(ApiCall& c);
Value masked_fill(ApiCall& c);
Value reduce(ApiCall& c);
Value elementwise(ApiCall& c);
Value split(ApiCall& c);
Value chunk(ApiCall& c);
Value unbind(ApiCall& c);
Value size(ApiCall& c);
Value matmul(ApiCall& c);
Value view_as(ApiCall& c);
// torch_functions.cpp
Value allocate(ApiCall& c);
Value allocate_like(ApiCall& c);
Value arange(ApiCall& c);
Value cat(ApiCall& c);
Value stack(ApiCall& c);
Value hstack(ApiCall& c);
Value mask_of(ApiCall& c);
Value where(ApiCall& c);
Value outer(ApiCall& c);
Value polar(ApiCall& c);
Value view_as_complex(ApiCall& c);
Value view_as_real(ApiCall& c);
Value einsum(ApiCall& c);
Value linear_module(ApiCall& c);
Value module_list(ApiCall& c);
Value library_module(ApiCall& c);
Value parameter(ApiCall& c);
Value embedding(ApiCall& c);
Value scalar(ApiCall& c);
Value one_rank(ApiCall& c);
// attention_kernels.cpp
Value sdpa(ApiCall& c);
Value flash_attn(ApiCall& c);
Value flash_attn_with_kvcache(ApiCall& c);
Value hf_repeat_kv(ApiCall& c);
Value hf_apply_rotary(ApiCall& c);
// einops_pattern.cpp
Value einops_rearrange(ApiCall& c);
Value einops_repeat(ApiCall& c);

}  // namespace kvcheck::scan::api
