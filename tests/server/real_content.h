// The real intents and dialogs content (region US), loaded once per test binary, for
// the server tests that talk to the real bot.
#ifndef KNEEBOT_TESTS_SERVER_REAL_CONTENT_H_
#define KNEEBOT_TESTS_SERVER_REAL_CONTENT_H_

#include <memory>

#include "bot/status.h"
#include "dialogs/dialog_engine.h"
#include "intents/understander.h"

namespace kneebot::test {

struct RealContent {
  // Not OK when the content does not load: a test should fail on it, never skip.
  Status status;
  std::shared_ptr<const Understander> understander;
  std::shared_ptr<const DialogEngine> engine;

  static const RealContent& Get();
};

}  // namespace kneebot::test

#endif  // KNEEBOT_TESTS_SERVER_REAL_CONTENT_H_
