// main of the libtorch differential tests: libtorch set up for many tiny, often failing calls.
#include <ATen/Parallel.h>
#include <c10/util/Logging.h>
#include <gtest/gtest.h>

#include <string>

int main(int argc, char** argv) {
  // Tensors here hold a few hundred numbers: threads only add start-up cost, and the suite
  // must leave the machine's other cores to other builds.
  at::set_num_threads(1);
  // Every rejected case raises a c10::Error, which by default symbolises a backtrace (about a
  // millisecond each); the differential only reads the message.
  c10::SetStackTraceFetcher([] { return std::string(); });
  ::testing::InitGoogleTest(&argc, argv);
  return RUN_ALL_TESTS();
}
