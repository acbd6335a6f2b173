// ASSERT_KNEEBOT_OK / EXPECT_KNEEBOT_OK, modelled on leveldb's ASSERT_LEVELDB_OK.
#ifndef KNEEBOT_TESTS_TESTING_STATUS_MATCHERS_H_
#define KNEEBOT_TESTS_TESTING_STATUS_MATCHERS_H_

#include <gtest/gtest.h>

#include "bot/status.h"

#define ASSERT_KNEEBOT_OK(expr)                      \
  do {                                               \
    ::kneebot::Status _s = (expr);                   \
    ASSERT_TRUE(_s.ok()) << _s.ToString();           \
  } while (0)
#define EXPECT_KNEEBOT_OK(expr)                      \
  do {                                               \
    ::kneebot::Status _s = (expr);                   \
    EXPECT_TRUE(_s.ok()) << _s.ToString();           \
  } while (0)

#endif  // KNEEBOT_TESTS_TESTING_STATUS_MATCHERS_H_
