// A stateful test of the cache: random sequences of prefill chunks, decode steps and resets
// against a model of the tokens seen, checking every output and the exact cache contents
// after every command, including writes that fill the cache and one past it.
#include <gtest/gtest.h>
#include <rapidcheck/gtest.h>
#include <rapidcheck/state.h>

#include <cmath>
#include <memory>

#include "kvcheck/interp/numeric_interpreter.hpp"
#include "kvcheck/interp/reference.hpp"
#include "kvcheck/interp/rope.hpp"
#include "kvcheck/model/variant.hpp"
#include "kvcheck/props/steps.hpp"

namespace kvcheck::interp {
namespace {

using Tensor = interp::Tensor<double>;

/// What the cache should hold: how many tokens have been written since the last reset.
struct TokensSeen {
  std::int64_t seen = 0;
};

/// The system under test: the fixed implementation's programs run by the numeric interpreter
/// on one small GQA config whose cache holds `capacity` tokens, with inputs for three more.
struct CacheUnderTest {
  model::AttentionConfig config;
  ModelInputs<double> inputs;
  model::Program prefill;
  model::Program decode;
  std::unique_ptr<NumericInterpreter<double>> interpreter;

  explicit CacheUnderTest(std::int64_t capacity) {
    config.n_heads = 4;
    config.n_kv_heads = 2;
    config.head_dim = 4;
    config.hidden = 8;
    config.batch = 2;
    config.prompt_len = capacity + 3;  // tokens to feed: enough for any chunk past capacity
    config.decode_steps = 0;
    config.max_seq_len = capacity;
    inputs = make_inputs<double>(config, 11);
    const auto& impl = model::find_variant("fixed")->impl;
    prefill = model::build_program(impl, model::symbolic_step(model::StepKind::kPrefill));
    decode = model::build_program(impl, model::symbolic_step(model::StepKind::kDecode));
    reset();
  }

  void reset() {
    interpreter = std::make_unique<NumericInterpreter<double>>(config, inputs);
    RC_ASSERT(interpreter->setup(prefill, config.assignment()).has_value());
  }

  /// Key (rotated at its position) or value of token `t`, kv head `j`, batch `b`.
  std::vector<double> projected(const std::string& weight, std::int64_t b, std::int64_t t,
                                std::int64_t j) const {
    const Tensor& w = inputs.weight(weight);
    std::vector<double> out(static_cast<std::size_t>(config.head_dim));
    for (std::int64_t d = 0; d < config.head_dim; ++d) {
      double sum = 0;
      for (std::int64_t k = 0; k < config.hidden; ++k) {
        sum += w(j * config.head_dim + d, k) * inputs.x(b, t, k);
      }
      out[static_cast<std::size_t>(d)] = sum;
    }
    if (weight == "wk") rope_rotate(std::span<double>(out), t);
    return out;
  }

  /// Every written slot holds its token's key/value; every other slot is still zero.
  void check_cache(std::int64_t seen) const {
    for (const auto& [name, weight] : {std::pair{"cache_k", "wk"}, std::pair{"cache_v", "wv"}}) {
      const Tensor& buffer = *interpreter->cache(name);
      RC_ASSERT(buffer.shape() == (std::vector<std::int64_t>{config.batch, config.max_seq_len,
                                                              config.n_kv_heads, config.head_dim}));
      for (std::int64_t b = 0; b < config.batch; ++b) {
        for (std::int64_t t = 0; t < config.max_seq_len; ++t) {
          for (std::int64_t j = 0; j < config.n_kv_heads; ++j) {
            const auto expected = t < seen ? projected(weight, b, t, j)
                                           : std::vector<double>(config.head_dim, 0.0);
            for (std::int64_t d = 0; d < config.head_dim; ++d) {
              RC_ASSERT(std::abs(buffer(b, t, j, d) - expected[d]) <= 1e-12);
            }
          }
        }
      }
    }
  }

  /// Feeds tokens [pos, pos + len) and checks the outcome against the model.
  void feed(const TokensSeen& model, std::int64_t len, model::StepKind kind) {
    const props::Step step{kind, model.seen, len, "step"};
    const Tensor before_k = *interpreter->cache("cache_k");
    const auto out = interpreter->step(kind == model::StepKind::kPrefill ? prefill : decode,
                                       props::step_assignment(config, step));
    if (model.seen + len > config.max_seq_len) {
      // Past capacity: a clear error at the write, before any number moves.
      RC_ASSERT(!out.has_value());
      RC_ASSERT(out.error().error.op == "index_copy_");
      RC_ASSERT(out.error().error.message.find("index out of range") != std::string::npos);
      RC_ASSERT(*interpreter->cache("cache_k") == before_k);
      check_cache(model.seen);
      return;
    }
    RC_ASSERT(out.has_value());
    // Outputs equal the full forward over every token seen so far.
    model::AttentionConfig upto = config;
    upto.prompt_len = model.seen + len;
    ModelInputs<double> prefix = inputs;
    prefix.x = Tensor({config.batch, upto.prompt_len, config.hidden});
    for (std::int64_t b = 0; b < config.batch; ++b) {
      for (std::int64_t t = 0; t < upto.prompt_len; ++t) {
        for (std::int64_t k = 0; k < config.hidden; ++k) prefix.x(b, t, k) = inputs.x(b, t, k);
      }
    }
    const Tensor expected = reference_forward(upto, prefix);
    for (std::int64_t b = 0; b < config.batch; ++b) {
      for (std::int64_t i = 0; i < len; ++i) {
        for (std::int64_t k = 0; k < config.hidden; ++k) {
          RC_ASSERT(std::abs(out.value()(b, i, k) - expected(b, model.seen + i, k)) <= 1e-9);
        }
      }
    }
    check_cache(model.seen + len);
  }
};

using Command = rc::state::Command<TokensSeen, CacheUnderTest>;

struct PrefillChunk : Command {
  std::int64_t len = *rc::gen::inRange<std::int64_t>(1, 4);
  void apply(TokensSeen& m) const override {
    if (m.seen + len <= 5) m.seen += len;  // a rejected write changes nothing
  }
  void run(const TokensSeen& m, CacheUnderTest& sut) const override {
    sut.feed(m, len, model::StepKind::kPrefill);
  }
  void show(std::ostream& os) const override { os << "prefill " << len << " tokens"; }
};

struct DecodeOne : Command {
  void checkPreconditions(const TokensSeen& m) const override { RC_PRE(m.seen > 0); }
  void apply(TokensSeen& m) const override {
    if (m.seen + 1 <= 5) m.seen += 1;
  }
  void run(const TokensSeen& m, CacheUnderTest& sut) const override {
    sut.feed(m, 1, model::StepKind::kDecode);
  }
  void show(std::ostream& os) const override { os << "decode 1 token"; }
};

struct Reset : Command {
  void apply(TokensSeen& m) const override { m.seen = 0; }
  void run(const TokensSeen&, CacheUnderTest& sut) const override {
    sut.reset();
    sut.check_cache(0);
  }
  void show(std::ostream& os) const override { os << "reset"; }
};

RC_GTEST_PROP(StatefulCache, OutputsAndContentsFollowTheTokensSeen, ()) {
  CacheUnderTest sut(5);
  rc::state::check(TokensSeen{}, sut,
                   rc::state::gen::execOneOfWithArgs<PrefillChunk, DecodeOne, Reset>());
}

}  // namespace
}  // namespace kvcheck::interp
