// The API table: the torch, torch.nn, torch.nn.functional, einops, transformers and
// flash-attn calls the interpreter knows, each a small entry with its semantics over
// shapes and index maps. Anything else is Unknown, and Unknown never becomes a finding.
#pragma once

#include <optional>
#include <span>
#include <string>
#include <string_view>

#include "kvcheck/scan/interpreter.hpp"

namespace kvcheck::scan {

/// One call being evaluated.
struct ApiCall {
  Interpreter& in;
  CallArgs& args;
  const TensorValue* self = nullptr;  ///< methods: the tensor (buffer contents read in)
  const Value* self_value = nullptr;
  std::string name;
};

using ApiHandler = Value (*)(ApiCall&);

/// One entry: the name as the code calls it ("torch.cat", "Tensor.view",
/// "einops.repeat", "transformers.repeat_kv"), its semantics in one line, its handler.
struct ApiEntry {
  std::string_view name;
  std::string_view semantics;
  ApiHandler handler;
};

/// Every function and method entry, in documentation order.
std::span<const ApiEntry> api_table();

/// A call of a library function by its dotted import path; nullopt when not in the table.
std::optional<Value> call_library(Interpreter& in, const std::string& dotted, CallArgs& args);
std::optional<Value> call_tensor_method(Interpreter& in, const TensorValue& self,
                                        const Value& self_value, const std::string& name,
                                        CallArgs& args);
/// Methods of a Hugging Face cache object (update, get_seq_length).
std::optional<Value> call_hf_cache(Interpreter& in, const HfCacheValue& cache,
                                   const std::string& name, CallArgs& args);

/// a @ b, with the attention rules when a and b are queries and keys (or weights and values).
Value tensor_matmul(Interpreter& in, const TensorValue& a, const TensorValue& b,
                    const CodeLocation& at, const std::string& code);
/// a <op> b with broadcasting, with the mask rule when one side is a mask.
Value tensor_elementwise(Interpreter& in, const std::string& op, const TensorValue& a,
                         const TensorValue& b, const CodeLocation& at, const std::string& code);

/// The table key of a dotted import path: "torch.nn.functional.softmax" stays,
/// "transformers.models.llama.modeling_llama.repeat_kv" is "transformers.repeat_kv",
/// "flash_attn.flash_attn_interface.flash_attn_func" is "flash_attn.flash_attn_func".
std::string api_key(const std::string& dotted);

}  // namespace kvcheck::scan
