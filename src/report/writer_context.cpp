// The build's version, injected by CMake so reports and --version never disagree.
#include "kvcheck/report/writer_context.hpp"

namespace kvcheck::report {

std::string kvcheck_version() {
  return KVCHECK_VERSION;
}

}  // namespace kvcheck::report
