// search: drives rc::detail::checkProperty with explicit TestParams and a silent listener.
#include "kvcheck/check/search.hpp"

#include <rapidcheck.h>
#include <rapidcheck/Check.h>
#include <rapidcheck/detail/Configuration.h>
#include <rapidcheck/detail/TestListener.h>

#include <iostream>
#include <new>
#include <stdexcept>
#include <mutex>
#include <sstream>

namespace kvcheck::check {
namespace {

/// Reports nothing: kvcheck prints its own reports from the captured data.
class SilentListener final : public rc::detail::TestListener {
 public:
  void onTestCaseFinished(const rc::detail::CaseDescription&) override {}
  void onShrinkTried(const rc::detail::CaseDescription&, bool accepted) override {
    if (accepted) ++shrinks;
  }
  void onTestFinished(const rc::detail::TestMetadata&, const rc::detail::TestResult&) override {}
  int shrinks = 0;
};

/// RapidCheck announces its global configuration (a random seed) on std::cerr the first
/// time it loads it. kvcheck passes explicit TestParams, so that line would name a seed that
/// is not used; load the configuration once with std::cerr silenced.
void load_rapidcheck_quietly() {
  static std::once_flag once;
  std::call_once(once, [] {
    std::ostringstream sink;
    struct Restore {
      std::streambuf* saved;
      ~Restore() { std::cerr.rdbuf(saved); }
    } restore{std::cerr.rdbuf(sink.rdbuf())};
    (void)rc::detail::configuration();
  });
}

}  // namespace

SearchResult search(const props::Property& property, const model::Implementation& impl,
                    const SearchParams& params,
                    const std::optional<rc::Gen<model::AttentionConfig>>& given) {
  load_rapidcheck_quietly();
  SearchResult result;
  bool shrinking = false;
  std::optional<props::Case> last_failing;
  std::optional<props::Failure> last_failure;

  rc::Gen<model::AttentionConfig> configs = given ? *given : gen_config(params.bounds);
  if (params.full_range) configs = rc::gen::resize(100, configs);

  auto body = [&] {
    props::Case c{property.adapt(*configs), impl, params.seed};
    // Once a case could not run, the search proves nothing: the remaining draws are passed
    // over and the result says why, so the property is never reported as holding.
    if (!result.not_run.empty() || !result.error.empty()) return;
    std::optional<props::Failure> failure;
    try {
      failure = property.check(c);
    } catch (const std::bad_alloc&) {
      result.not_run = "a case (" + c.config.summary() + ") ran out of memory";
      return;
    } catch (const std::length_error& e) {
      result.not_run = "a case (" + c.config.summary() + ") is too large to run: " + e.what();
      return;
    } catch (const std::exception& e) {
      result.error = "a case (" + c.config.summary() + ") failed inside kvcheck: " + e.what();
      return;
    }
    if (!shrinking) {
      for (const std::string& r : regimes(c.config)) ++result.regimes[r];
    }
    if (failure) {
      // Shrinking only accepts failing candidates, so the last failing call is the
      // shrunk counterexample RapidCheck ends with.
      shrinking = true;
      last_failing = c;
      last_failure = std::move(failure);
      RC_FAIL(last_failure->message);
    }
  };

  rc::detail::TestParams tp;
  tp.seed = params.seed;
  tp.maxSuccess = params.max_success;
  tp.maxSize = params.max_size;
  SilentListener listener;
  const rc::detail::TestResult outcome = rc::detail::checkProperty(
      rc::detail::toProperty(body), rc::detail::TestMetadata{property.id(), property.id()}, tp,
      listener);

  rc::detail::SuccessResult success;
  rc::detail::FailureResult failure;
  rc::detail::GaveUpResult gave_up;
  rc::detail::Error error;
  if (!result.not_run.empty() || !result.error.empty()) {
    result.cases = 0;
  } else if (outcome.match(success)) {
    result.cases = success.numSuccess;
  } else if (outcome.match(failure)) {
    result.cases = failure.numSuccess + 1;
    result.shrinks = listener.shrinks;
    result.counterexample = last_failing;
    result.failure = last_failure;
  } else if (outcome.match(gave_up)) {
    result.error = "search gave up: " + gave_up.description;
  } else if (outcome.match(error)) {
    result.error = "search error: " + error.description;
  }
  return result;
}

}  // namespace kvcheck::check
