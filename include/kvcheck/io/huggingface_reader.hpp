// Hugging Face `config.json`: the model card's architecture numbers, as transformers reads them.
#pragma once

#include "kvcheck/io/document.hpp"
#include "kvcheck/io/loaded_config.hpp"

namespace kvcheck::io {

/// Reads a Hugging Face config. The language model comes from `text_config` when the file
/// has one (multimodal configs keep it there), else from the top level:
///   n_heads      num_attention_heads | n_head (GPT-2, GPTBigCode, Falcon's first release)
///   n_kv_heads   num_key_value_heads | num_kv_heads | n_head_kv; 1 when multi_query is true
///                (GPTBigCode; Falcon unless new_decoder_architecture is true); else n_heads
///   hidden       hidden_size | n_embd
///   head_dim     head_dim; absent or null: hidden / n_heads, which must divide exactly
///   max_seq_len  max_position_embeddings | n_positions; absent: prompt_len + decode_steps
///   n_layers     num_hidden_layers | n_layer; absent: 1
///   dtype        torch_dtype | dtype (text_config first, then the top level); absent: float32
///   name         _name_or_path | model_type | the file's name
/// Throws InputError for a missing or bad value.
LoadedConfig read_huggingface_config(const Document& doc);

}  // namespace kvcheck::io
