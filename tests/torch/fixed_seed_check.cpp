// check_fixed_seed: rc::detail::checkProperty with explicit TestParams and a silent listener.
#include "fixed_seed_check.hpp"

#include <rapidcheck.h>
#include <rapidcheck/detail/Configuration.h>
#include <rapidcheck/detail/TestListener.h>

#include <iostream>
#include <mutex>
#include <sstream>

namespace kvcheck::torch_test {
namespace {

/// RapidCheck's own reporting would print a random seed that is not the one used.
class SilentListener final : public rc::detail::TestListener {
 public:
  void onTestCaseFinished(const rc::detail::CaseDescription&) override {}
  void onShrinkTried(const rc::detail::CaseDescription&, bool) override {}
  void onTestFinished(const rc::detail::TestMetadata&, const rc::detail::TestResult&) override {}
};

/// The first read of RapidCheck's global configuration announces a seed on std::cerr; these
/// properties pass their own, so that line would mislead. Read it once with std::cerr muted.
void load_configuration_quietly() {
  static std::once_flag once;
  std::call_once(once, [] {
    std::ostringstream sink;
    std::streambuf* const saved = std::cerr.rdbuf(sink.rdbuf());
    (void)rc::detail::configuration();
    std::cerr.rdbuf(saved);
  });
}

std::string counterexample_text(const rc::detail::FailureResult& failure) {
  std::string out;
  for (const auto& [type, value] : failure.counterExample) out += "\n  " + type + ": " + value;
  return out;
}

}  // namespace

::testing::AssertionResult check_fixed_seed(const std::string& name,
                                            const std::function<void()>& property,
                                            const CheckParams& params) {
  load_configuration_quietly();
  rc::detail::TestParams test_params;
  test_params.seed = kSeed;
  test_params.maxSuccess = params.cases;
  test_params.maxSize = params.max_size;
  SilentListener listener;
  const rc::detail::TestResult outcome =
      rc::detail::checkProperty(rc::detail::toProperty(property),
                                rc::detail::TestMetadata{name, name}, test_params, listener);

  rc::detail::SuccessResult success;
  rc::detail::FailureResult failure;
  rc::detail::GaveUpResult gave_up;
  rc::detail::Error error;
  if (outcome.match(success)) return ::testing::AssertionSuccess();
  if (outcome.match(failure)) {
    return ::testing::AssertionFailure()
           << name << " failed after " << failure.numSuccess << " cases (seed " << kSeed
           << "): " << failure.description << "\ncounterexample:" << counterexample_text(failure);
  }
  if (outcome.match(gave_up)) {
    return ::testing::AssertionFailure() << name << " gave up: " << gave_up.description;
  }
  if (outcome.match(error)) {
    return ::testing::AssertionFailure() << name << " could not run: " << error.description;
  }
  return ::testing::AssertionFailure() << name << ": unknown RapidCheck outcome";
}

::testing::AssertionResult both_sides_seen(const std::string& rule, const Tally& tally) {
  std::cout << "[ tally    ] " << rule << ": " << tally.accepted << " accepted, " << tally.rejected
            << " rejected, " << tally.excluded << " excluded, " << tally.known_disagreements
            << " known disagreements\n";
  if (tally.accepted > 0 && tally.rejected > 0) return ::testing::AssertionSuccess();
  return ::testing::AssertionFailure()
         << rule << ": the generator must reach both sides of the rule, but saw " << tally.accepted
         << " accepted and " << tally.rejected << " rejected cases";
}

}  // namespace kvcheck::torch_test
