// The cases view and reshape share (their shape rule is one), with `op` naming the rule in
// the expected messages.
#pragma once

#include <cstddef>
#include <optional>
#include <string>
#include <vector>

#include "rule_test_support.hpp"

namespace kvcheck::shape::test_support {

template <class D>
struct ViewCase {
  std::string name;
  Shape<D> self;
  std::vector<D> sizes;
  std::optional<std::size_t> inferred;
  Expected<D> want;
};

inline std::vector<ViewCase<std::int64_t>> concrete_view_cases(const std::string& op) {
  return {
      {"same numel", {2, 3, 8}, {2, 3, 2, 4}, std::nullopt, IShape{2, 3, 2, 4}},
      {"infers the -1", {2, 3, 8}, {2, 3, 0, 4}, 2, IShape{2, 3, 2, 4}},
      {"numel differs",
       {2, 3, 8},
       {2, 3, 3, 4},
       std::nullopt,
       op + ": shape [2, 3, 3, 4] does not have the numel of self [2, 3, 8] (72 vs 48)"},
      {"-1 not exact",
       {2, 3, 8},
       {2, 3, 0, 5},
       2,
       op + ": the -1 at dim 2 of shape [2, 3, -1, 5] cannot be inferred from self [2, 3, 8] "
            "(48 vs 30)"},
      {"-1 next to a zero",
       {0, 4},
       {0, 0},
       1,
       op + ": the -1 at dim 1 of shape [0, -1] cannot be inferred from self [0, 4] (0 vs 0)"},
      {"negative size",
       {6},
       {-2, -3},
       std::nullopt,
       op + ": size at dim 0 of shape [-2, -3] is negative (-2 vs 0)"},
      {"-1 index out of range",
       {6},
       {6},
       3,
       op + ": the -1 is out of range for shape [6] (index 3 vs 1 sizes)"},
  };
}

inline std::vector<ViewCase<Dim>> symbolic_view_cases(const std::string& op) {
  const Dim x = Dim::var("x");
  return {
      {"infers n_heads from n_heads*head_dim",
       {batch(), prompt_len(), n_heads() * head_dim()},
       {batch(), prompt_len(), 0, head_dim()},
       2,
       SShape{batch(), prompt_len(), n_heads(), head_dim()}},
      {"merges heads",
       {batch(), prompt_len(), n_heads(), head_dim()},
       {batch(), prompt_len(), n_heads() * head_dim()},
       std::nullopt,
       SShape{batch(), prompt_len(), n_heads() * head_dim()}},
      {"numel differs",
       {batch(), prompt_len(), hidden()},
       {batch(), prompt_len(), n_heads(), head_dim()},
       std::nullopt,
       op + ": shape [batch, prompt_len, n_heads, head_dim] does not have the numel of self "
            "[batch, prompt_len, hidden] (batch*prompt_len*n_heads*head_dim vs "
            "batch*prompt_len*hidden); fails whenever n_heads*head_dim - hidden != 0, smallest: "
            "batch=1, prompt_len=1, n_kv_heads=1, group=1, head_dim=1, hidden=2 (n_heads=1)"},
      {"hidden is no multiple of head_dim",
       {batch(), prompt_len(), hidden()},
       {batch(), prompt_len(), 0, head_dim()},
       2,
       op + ": the -1 at dim 2 of shape [batch, prompt_len, -1, head_dim] cannot be inferred "
            "from self [batch, prompt_len, hidden] (batch*prompt_len*hidden vs "
            "batch*prompt_len*head_dim); fails whenever hidden is not a multiple of head_dim, "
            "smallest: head_dim=2, hidden=1"},
      {"quotient an integer everywhere but no polynomial",
       {x * x + x},
       {2, 0},
       1,
       op + ": the -1 at dim 1 of shape [2, -1] cannot be inferred from self [x^2 + x] "
            "(x^2 + x vs 2); cannot be decided for every configuration (would fail when "
            "x^2 + x is not a multiple of 2)"},
      {"size negative for some configurations",
       {prompt_len() - 2},
       {prompt_len() - 2},
       std::nullopt,
       op + ": size at dim 0 of shape [prompt_len - 2] is negative (prompt_len - 2 vs 0); "
            "fails whenever 0 > prompt_len - 2, smallest: prompt_len=1"},
      {"-1 index out of range",
       {hidden()},
       {hidden()},
       1,
       op + ": the -1 is out of range for shape [hidden] (index 1 vs 1 sizes); fails for every "
            "configuration"},
  };
}

}  // namespace kvcheck::shape::test_support
