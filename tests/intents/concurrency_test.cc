// One const Understander shared by many threads gives every thread the answers it
// gives alone (it is documented as safe for concurrent use).
#include <gtest/gtest.h>

#include <atomic>
#include <string>
#include <thread>
#include <vector>

#include "tests/intents/understander_fixture.h"

namespace kneebot::test {
namespace {

TEST(ConcurrencyTest, SharedUnderstanderAgreesWithItselfAcrossThreads) {
  const std::vector<std::pair<std::string, std::string>> messages = {
      {"45, inner knee pain for 3 weeks after runs, bit swollen, didn't fall", ""},
      {"no swelling but it's hot and red", ""},
      {"yes", "swelling"},
      {"about two weeks", "duration"},
      {"should I use ice or heat?", ""},
      {"my calf is swollen and I'm short of breath", ""},
      {"/location=inside", ""},
      {"can I take ibuprofin", ""},
  };
  std::vector<std::string> expected;
  for (const auto& [text, expecting] : messages) {
    expected.push_back(Describe(Understand(text, expecting)));
  }
  std::atomic<int> mismatches{0};
  std::vector<std::thread> threads;
  for (int t = 0; t < 8; ++t) {
    threads.emplace_back([&, t] {
      for (int round = 0; round < 200; ++round) {
        const size_t i = static_cast<size_t>(t + round) % messages.size();
        if (Describe(Understand(messages[i].first, messages[i].second)) != expected[i]) {
          ++mismatches;
        }
      }
    });
  }
  for (auto& th : threads) th.join();
  EXPECT_EQ(mismatches.load(), 0);
}

}  // namespace
}  // namespace kneebot::test
