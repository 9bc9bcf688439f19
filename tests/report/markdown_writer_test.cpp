// The Markdown report: one table row per config with a symbol per property, memory figures,
// and a details block per failure with its replay command in a code span.
#include "kvcheck/report/markdown_writer.hpp"

#include <gtest/gtest.h>

#include "sample_runs.hpp"

namespace kvcheck::report::testing {
namespace {

std::string line_starting(const std::string& text, const std::string& prefix) {
  const auto at = text.find("\n" + prefix);
  if (at == std::string::npos) return "";
  return text.substr(at + 1, text.find('\n', at + 1) - at - 1);
}

TEST(MarkdownWriter, OneRowPerConfigWithASymbolPerProperty) {
  const std::string md = write_markdown(mixed_run(), sample_context());
  EXPECT_EQ(md.rfind("## kvcheck: 2 of 4 configs fail\n\n24 verdicts: 2 proved, 15 checked, 7 "
                     "failed; 2 latent findings. Seed 7, 100 cases per property.\n",
                     0),
            0u)
      << md;
  EXPECT_EQ(line_starting(md, "| llama-3-8b |"),
            "| llama-3-8b | 32 / 8 | 128 | fixed | \u2705 | \u2705 | \u2705 | \u2705 | \u2705 | "
            "\u2705 |");
  EXPECT_EQ(line_starting(md, "| tiny-gqa |"),
            "| tiny-gqa | 2 / 1 | 4 | cache-sized-by-n\\_heads | \u274C | \u274C | \u274C | "
            "\u274C | \u2705 | \u274C |");
  EXPECT_EQ(line_starting(md, "| mha-legacy |"),
            "| mha-legacy | 4 / 4 | 16 | cache-sized-by-n\\_heads | \u26A0\uFE0F latent | "
            "\u2705 | \u26A0\uFE0F latent | \u2705 | \u2705 | \u2705 |");
}

TEST(MarkdownWriter, MemoryPerTokenAndPerSequence) {
  const std::string md = write_markdown(mixed_run(), sample_context());
  // Llama-3-8B in bfloat16: 2 * 8 * 128 * 2 bytes * 32 layers = 128 KiB per token.
  EXPECT_EQ(line_starting(md, "| llama-3-8b | llama"),
            "| llama-3-8b | llama | bfloat16 | 32 | 128 KiB | 8192 | 1 GiB | 4 GiB (group 4) |");
}

TEST(MarkdownWriter, NoContextNoPerSequenceFigure) {
  const std::string md = write_markdown(mixed_run(), sample_context());
  // The custom config gives no context length: only per-token figures.
  EXPECT_NE(md.find("| 32 | 128 KiB | not given | - | - |"), std::string::npos) << md;
}

TEST(MarkdownWriter, FailureDetailsQuoteTheReplayCommand) {
  const std::string md = write_markdown(mixed_run(), sample_context());
  EXPECT_NE(md.find("<details>\n<summary>shape-safety fails for tiny-gqa (variant "
                    "cache-sized-by-n_heads): index_copy_: source [1, 1, 1, 4] does not fit "
                    "self [1, 1, 2, 4] at dim 2 (1 vs 2)</summary>\n"),
            std::string::npos)
      << md;
  EXPECT_NE(md.find("- **replay**: `kvcheck replay --impl \"cache=n_kv_heads order=write-then-"
                    "repeat repeat=tile mask=written-prefix rope=absolute layout=BHLD attention=matmul\" "
                    "--property output-equivalence"),
            std::string::npos)
      << md;
}

TEST(MarkdownWriter, CleanRunHasNoFindingSections) {
  const std::string md = write_markdown(clean_run(), sample_context());
  EXPECT_EQ(md.rfind("## kvcheck: the config holds\n\n6 verdicts: 2 proved, 4 checked. Seed 7", 0),
            0u)
      << md;
  EXPECT_EQ(md.find("### Failures"), std::string::npos);
  EXPECT_EQ(md.find("### Latent findings"), std::string::npos);
}

TEST(MarkdownWriter, NamesCannotBreakTheTable) {
  check::CheckRun run = clean_run();
  run.configs[0].loaded.config.name = "a|b\nc";
  const std::string md = write_markdown(run, sample_context());
  EXPECT_NE(md.find("| a\\|b c | 32 / 8 |"), std::string::npos) << md;
}

}  // namespace
}  // namespace kvcheck::report::testing
