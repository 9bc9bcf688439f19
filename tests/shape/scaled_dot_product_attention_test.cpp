// scaled_dot_product_attention: heads broadcast without enable_gqa, divide with it.
#include "kvcheck/shape/ops/scaled_dot_product_attention.hpp"

#include "rule_test_support.hpp"

namespace kvcheck::shape {
namespace {

using namespace test_support;

template <class D>
struct Case {
  std::string name;
  Shape<D> query;
  Shape<D> key;
  Shape<D> value;
  std::optional<Shape<D>> attn_mask;
  bool enable_gqa;
  Expected<D> want;
};

template <class D>
ShapeResult<D> apply(const Case<D>& c) {
  return scaled_dot_product_attention(c.query, c.key, c.value, c.attn_mask, c.enable_gqa);
}

const std::string kOp = "scaled_dot_product_attention: ";

TEST(ScaledDotProductAttention, Concrete) {
  const IShape q{2, 4, 5, 8};
  const IShape k{2, 4, 7, 8};
  const IShape v{2, 4, 7, 6};
  const IShape kv_heads{2, 2, 7, 8};
  const IShape out{2, 4, 5, 6};
  const auto none = std::nullopt;
  const std::vector<Case<std::int64_t>> cases{
      {"plain", q, k, v, none, false, out},
      {"2-D mask", q, k, v, IShape{5, 7}, false, out},
      {"one kv head broadcasts (MQA)",
       q,
       {2, 1, 7, 8},
       {2, 1, 7, 8},
       none,
       false,
       IShape{2, 4, 5, 8}},
      {"gqa", q, kv_heads, kv_heads, none, true, IShape{2, 4, 5, 8}},
      {"kv heads without enable_gqa", q, kv_heads, kv_heads, none, false,
       kOp + "batch dims of query [2, 4, 5, 8] and key [2, 2, 7, 8] do not broadcast at dim 1 "
             "(4 vs 2)"},
      {"gqa heads not a multiple",
       q,
       {2, 3, 7, 8},
       {2, 3, 7, 8},
       none,
       true,
       kOp + "enable_gqa: query [2, 4, 5, 8] dim 1 is not a multiple of key [2, 3, 7, 8] dim 1 "
             "(4 vs 3)"},
      {"gqa key and value heads differ", q, kv_heads, v, none, true,
       kOp + "enable_gqa: key [2, 2, 7, 8] dim 1 differs from value [2, 4, 7, 6] dim 1 (2 vs 4)"},
      {"gqa without a head dim",
       {5, 8},
       {7, 8},
       {7, 8},
       none,
       true,
       kOp + "query [5, 8] has too few dims (rank 2 vs rank >= 3)"},
      {"1-D key", q, {8}, v, none, false, kOp + "key [8] has too few dims (rank 1 vs rank >= 2)"},
      {"embedding differs",
       q,
       {2, 4, 7, 6},
       v,
       none,
       false,
       kOp + "query [2, 4, 5, 8] dim 3 does not match key [2, 4, 7, 6] dim 3 (8 vs 6)"},
      {"mask does not broadcast", q, k, v, IShape{5, 6}, false,
       kOp + "attn_mask [5, 6] does not broadcast to the attention weights [2, 4, 5, 7] at dim 3 "
             "(6 vs 7)"},
      {"value batch differs",
       q,
       k,
       {3, 4, 7, 6},
       none,
       false,
       kOp + "batch dims of the attention weights [2, 4, 5, 7] and value [3, 4, 7, 6] do not "
             "broadcast at dim 0 (2 vs 3)"},
      {"key and value lengths differ",
       q,
       k,
       {2, 4, 6, 6},
       none,
       false,
       kOp + "key [2, 4, 7, 8] dim 2 does not match value [2, 4, 6, 6] dim 2 (7 vs 6)"},
  };
  run_table(cases, apply<std::int64_t>);
}

// [batch, heads, len, head_dim]: queries, keys and values as attention sees them.
SShape heads_first(const Dim& heads, const Dim& len) {
  return {batch(), heads, len, head_dim()};
}

TEST(ScaledDotProductAttention, Symbolic) {
  const Dim seen = prompt_len() + pos();
  const SShape q = heads_first(n_heads(), prompt_len());
  const SShape kv = heads_first(n_kv_heads(), seen);
  const SShape repeated = heads_first(n_heads(), seen);
  const SShape causal{1, 1, prompt_len(), seen};
  const std::vector<Case<Dim>> cases{
      {"gqa with kv heads", q, kv, kv, causal, true, q},
      {"gqa after repeat_kv", q, repeated, repeated, causal, true, q},
      {"repeat_kv without enable_gqa", q, repeated, repeated, causal, false, q},
      {"kv heads without enable_gqa", q, kv, kv, causal, false,
       kOp +
           "batch dims of query [batch, n_heads, prompt_len, head_dim] and key [batch, "
           "n_kv_heads, prompt_len + pos, head_dim] do not broadcast at dim 1 (n_heads vs "
           "n_kv_heads); " +
           kHeadsDoNotBroadcast},
      {"gqa with query and key heads swapped", heads_first(n_kv_heads(), prompt_len()), repeated,
       repeated, std::nullopt, true,
       kOp + "enable_gqa: query [batch, n_kv_heads, prompt_len, head_dim] dim 1 is not a "
             "multiple of key [batch, n_heads, prompt_len + pos, head_dim] dim 1 (n_kv_heads vs "
             "n_heads); fails whenever group >= 2, smallest: group=2"},
      {"gqa with only the values repeated", q, kv, repeated, std::nullopt, true,
       kOp + "enable_gqa: key [batch, n_kv_heads, prompt_len + pos, head_dim] dim 1 differs from "
             "value [batch, n_heads, prompt_len + pos, head_dim] dim 1 (n_kv_heads vs n_heads); "
             "fails whenever group >= 2, smallest: n_kv_heads=1, group=2 (n_heads=2)"},
      {"gqa without a head dim",
       {prompt_len(), head_dim()},
       kv,
       kv,
       std::nullopt,
       true,
       kOp + "query [prompt_len, head_dim] has too few dims (rank 2 vs rank >= 3); fails for "
             "every configuration"},
  };
  run_table(cases, apply<Dim>);
}

}  // namespace
}  // namespace kvcheck::shape
