#include <gtest/gtest.h>

#include "bot/session_store.h"
#include "tests/testing/fake_clock.h"
#include "tests/testing/status_matchers.h"

namespace kneebot {
namespace {

using std::chrono::minutes;

TEST(MemorySessionStoreTest, SaveThenLoad) {
  test::FakeClock clock;
  MemorySessionStore store(&clock, minutes(30));
  Session s;
  s.id = "s1";
  s.slots["side"] = "left";
  ASSERT_KNEEBOT_OK(store.Save(&s));
  EXPECT_EQ(s.version, 1);
  Session loaded;
  ASSERT_KNEEBOT_OK(store.Load("s1", &loaded));
  EXPECT_EQ(loaded.slots["side"], "left");
  EXPECT_EQ(loaded.version, 1);
  EXPECT_EQ(store.Size(), 1u);
}

TEST(MemorySessionStoreTest, StaleVersionIsAConflict) {
  test::FakeClock clock;
  MemorySessionStore store(&clock, minutes(30));
  Session a;
  a.id = "s1";
  ASSERT_KNEEBOT_OK(store.Save(&a));
  Session b = a;  // both at version 1
  ASSERT_KNEEBOT_OK(store.Save(&a));
  Status s = store.Save(&b);
  EXPECT_TRUE(s.IsConflict()) << s.ToString();
  Session loaded;
  ASSERT_KNEEBOT_OK(store.Load("s1", &loaded));
  EXPECT_EQ(loaded.version, 2);
}

TEST(MemorySessionStoreTest, ExpiresAfterTtl) {
  test::FakeClock clock;
  MemorySessionStore store(&clock, minutes(30));
  Session s;
  s.id = "s1";
  ASSERT_KNEEBOT_OK(store.Save(&s));
  clock.Advance(minutes(29));
  Session loaded;
  ASSERT_KNEEBOT_OK(store.Load("s1", &loaded));
  clock.Advance(minutes(2));
  EXPECT_TRUE(store.Load("s1", &loaded).IsNotFound());
}

TEST(MemorySessionStoreTest, SweepDropsExpiredSessionsOnSave) {
  test::FakeClock clock;
  MemorySessionStore store(&clock, minutes(30));
  for (int i = 0; i < 5; ++i) {
    Session s;
    s.id = "old" + std::to_string(i);
    ASSERT_KNEEBOT_OK(store.Save(&s));
  }
  clock.Advance(minutes(31));
  Session fresh;
  fresh.id = "new";
  ASSERT_KNEEBOT_OK(store.Save(&fresh));
  EXPECT_EQ(store.Size(), 1u);
}

TEST(MemorySessionStoreTest, EraseForgets) {
  test::FakeClock clock;
  MemorySessionStore store(&clock, minutes(30));
  Session s;
  s.id = "s1";
  ASSERT_KNEEBOT_OK(store.Save(&s));
  ASSERT_KNEEBOT_OK(store.Erase("s1"));
  Session loaded;
  EXPECT_TRUE(store.Load("s1", &loaded).IsNotFound());
  ASSERT_KNEEBOT_OK(store.Erase("never-there"));
}

}  // namespace
}  // namespace kneebot
