// Replay specs round-trip exactly; bad specs name the field.
#include "kvcheck/check/replay.hpp"

#include <gtest/gtest.h>

#include "kvcheck/base/input_error.hpp"
#include "kvcheck/model/variant.hpp"

namespace kvcheck::check {
namespace {

TEST(ConfigSpec, RoundTrips) {
  model::AttentionConfig c;
  c.n_heads = 6;
  c.n_kv_heads = 2;
  c.head_dim = 3;
  c.hidden = 5;
  c.batch = 2;
  c.prompt_len = 4;
  c.decode_steps = 1;
  c.max_seq_len = 7;
  c.prefill_chunk = 2;
  const model::AttentionConfig back = parse_config_spec(config_spec(c));
  EXPECT_EQ(config_spec(back), config_spec(c));
  EXPECT_EQ(back.prefill_chunk, 2);
}

TEST(ConfigSpec, ErrorsNameTheField) {
  const std::pair<std::string, std::string> cases[] = {
      {"n_heads=x", "--config n_heads: expected an integer, got 'x'"},
      {"n_heads=3 n_kv_heads=2", "--config: n_heads (3) must be a multiple of n_kv_heads (2)"},
      {"heads=2", "--config heads: unknown key"},
      {"n_heads", "--config: expected key=value, got 'n_heads'"},
  };
  for (const auto& [spec, message] : cases) {
    try {
      parse_config_spec(spec);
      ADD_FAILURE() << spec;
    } catch (const InputError& e) {
      EXPECT_EQ(std::string(e.what()), message);
    }
  }
}

TEST(ReplayCommand, NamesTheCatalogVariantOrSpellsTheImplementation) {
  model::AttentionConfig c;
  const auto& tile = model::find_variant("tile-repeat")->impl;
  EXPECT_EQ(replay_command("tile-repeat", tile, "head-mapping", c, 3),
            "kvcheck replay --variant tile-repeat --property head-mapping --config \"" +
                config_spec(c) + "\" --seed 3");
  model::Implementation custom = tile;
  custom.layout = model::CacheLayout::kBHLD;
  EXPECT_EQ(replay_command("custom", custom, "head-mapping", c, 3),
            "kvcheck replay --impl \"" + custom.describe() + "\" --property head-mapping --config \"" +
                config_spec(c) + "\" --seed 3");
  EXPECT_EQ(parse_impl_spec(custom.describe()), custom);
}

TEST(ImplSpec, UnknownValuesListTheChoices) {
  try {
    parse_impl_spec("repeat=zigzag");
    ADD_FAILURE();
  } catch (const InputError& e) {
    EXPECT_EQ(std::string(e.what()),
              "--impl repeat: unknown value 'zigzag'; expected one of interleave, tile");
  }
}

}  // namespace
}  // namespace kvcheck::check
