// What a scan reports: findings (a rule broken at a place in the user's code, with the
// condition, the smallest configuration and the fix), the traced ops of each attention site,
// and every place the analysis gave up.
#pragma once

#include <map>
#include <optional>
#include <string>
#include <vector>

#include "kvcheck/scan/source_file.hpp"
#include "kvcheck/scan/value.hpp"

namespace kvcheck::scan {

/// A place related to a finding: the allocation, the repeat, the write.
struct RelatedLocation {
  CodeLocation where;
  std::string what;  ///< "the cache is allocated here with n_heads heads"
};

struct Finding {
  std::string rule;  ///< a property id (shape-safety, cache-footprint, head-mapping, ...) or
                     ///< a source-only rule (missing-repeat, causal-mask-alignment, ...)
  CodeLocation where;
  std::string op;       ///< the PyTorch op that breaks, e.g. "index_copy_"
  std::string code;     ///< the source line at `where`, trimmed
  std::string message;  ///< one line: what breaks
  std::vector<std::string> operands;  ///< "self [max_batch_size, ..]", "source [..]"
  std::string condition;              ///< "group >= 2", "always"
  std::string smallest;               ///< "n_kv_heads=1, group=2 (n_heads=2)"
  std::string memory_factor;          ///< cache-footprint: "group"
  std::string fix;                    ///< one line
  std::string site;                   ///< the attention site, e.g. "Attention.forward"
  /// `kvcheck replay --impl ... --property ... --config ...`: the site's choices run by the
  /// model's interpreters at the smallest configuration; empty when the rule has no model.
  std::string replay;
  std::vector<RelatedLocation> related;
};

/// One op the interpreter evaluated at an attention site, for --explain.
struct TracedOp {
  CodeLocation where;
  std::string op;      ///< "view", "index_copy_", "scaled_dot_product_attention"
  std::string code;    ///< the source line, trimmed
  std::string result;  ///< "[batch, chunk_len, n_kv_heads, head_dim]" or a note
};

/// Where the analysis gave up: an Unknown with its reason.
struct GaveUp {
  CodeLocation where;
  std::string reason;
};

/// The choices a site makes, as far as the trace shows them: the vocabulary of the model's
/// Implementation (cache heads, repeat order and kind, layout, kernel, RoPE positions).
struct SiteChoices {
  std::optional<bool> cache_n_heads;  ///< the cache buffer holds n_heads heads (not n_kv_heads)
  std::optional<bool> layout_bhld;    ///< [batch, heads, seq, dim] (else [batch, seq, heads, dim])
  bool cache_written = false;
  long last_write = 0;  ///< when the last cache write ran (Interpreter::now)
  /// Attention over as many kv heads as query heads with no kv head count in sight: plain
  /// multi-head attention, which the GQA model does not describe.
  bool multi_head_only = false;
  bool repeat_before_write = false;
  bool repeat_at_attention = false;
  bool tiled = false;
  bool missing_repeat = false;
  bool rope_step_relative = false;
  std::string kernel;  ///< "matmul", "sdpa", "sdpa-gqa"
  /// The user's line for each op of the model it stands for, keyed by the model's op name
  /// ("zeros", "index_copy_", "repeat_interleave", "matmul", ...): "code  # file:line".
  std::map<std::string, std::string> lines;
  /// "cache=n_kv_heads order=write-then-repeat ..." when a cache write and attention were
  /// both seen, else "".
  std::string implementation() const;
};

/// One entry point the analyser ran (a forward, a monkey-patched function).
struct SiteTrace {
  std::string name;  ///< "Attention.forward"
  CodeLocation where;
  std::string mode;  ///< "with a cache", "without a cache"
  std::vector<TracedOp> ops;
  std::vector<GaveUp> gave_up;
  /// True when the site reached attention (a matmul of queries and keys, SDPA or a kernel).
  bool attention = false;
  SiteChoices choices;
};

struct ScanResult {
  std::vector<std::string> files;  ///< every file read, in order
  std::vector<SourceNote> notes;   ///< files not analysed and why
  std::vector<SiteTrace> sites;
  std::vector<Finding> findings;   ///< sorted by file, line, column, rule
};

}  // namespace kvcheck::scan
