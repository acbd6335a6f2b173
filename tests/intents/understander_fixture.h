// The real Understander, loaded once from intents/data for every intents test, and a
// helper to print what it understood when an expectation fails.
#ifndef KNEEBOT_TESTS_INTENTS_UNDERSTANDER_FIXTURE_H_
#define KNEEBOT_TESTS_INTENTS_UNDERSTANDER_FIXTURE_H_

#include <gtest/gtest.h>

#include <memory>
#include <stdexcept>
#include <string>

#include "intents/understander.h"

namespace kneebot::test {

inline const std::string& IntentsDataDir() {
  static const std::string dir = std::string(KNEEBOT_SOURCE_DIR) + "/intents/data";
  return dir;
}

inline const Understander& TheUnderstander() {
  static const Understander* u = [] {
    std::unique_ptr<Understander> loaded;
    Status s = Understander::Load(IntentsDataDir(), &loaded);
    if (!s.ok()) throw std::runtime_error(s.ToString());
    return loaded.release();
  }();
  return *u;
}

inline Understanding Understand(const std::string& text, const std::string& expecting = "") {
  return TheUnderstander().Understand(text, expecting);
}

// "intents=[...] slots={...} correction=..." for failure messages.
inline std::string Describe(const Understanding& u) {
  nlohmann::json intents = u.intents;
  return "intents=" + intents.dump() + " slots=" + u.slots.dump() +
         (u.correction ? " correction" : "") + (u.ambiguous ? " ambiguous" : "");
}

}  // namespace kneebot::test

#endif  // KNEEBOT_TESTS_INTENTS_UNDERSTANDER_FIXTURE_H_
