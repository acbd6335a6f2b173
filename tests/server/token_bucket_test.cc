#include "bot/server/token_bucket.h"

#include <gtest/gtest.h>

namespace kneebot {
namespace {

using std::chrono::milliseconds;

TEST(TokenBucketTest, AllowsBurstThenRefusesThenRefills) {
  TokenBucket::TimePoint t0{};
  TokenBucket bucket(/*rate=*/2, /*burst=*/3, t0);
  EXPECT_TRUE(bucket.TryTake(t0));
  EXPECT_TRUE(bucket.TryTake(t0));
  EXPECT_TRUE(bucket.TryTake(t0));
  EXPECT_FALSE(bucket.TryTake(t0));
  EXPECT_FALSE(bucket.TryTake(t0 + milliseconds(400)));  // 0.8 tokens
  EXPECT_TRUE(bucket.TryTake(t0 + milliseconds(500)));   // 1.0 token
  EXPECT_FALSE(bucket.TryTake(t0 + milliseconds(500)));
}

TEST(TokenBucketTest, NeverHoldsMoreThanBurst) {
  TokenBucket::TimePoint t0{};
  TokenBucket bucket(10, 2, t0);
  auto later = t0 + std::chrono::hours(1);
  EXPECT_TRUE(bucket.TryTake(later));
  EXPECT_TRUE(bucket.TryTake(later));
  EXPECT_FALSE(bucket.TryTake(later));
}

TEST(TokenBucketTest, RefusedAttemptsCostNothing) {
  TokenBucket::TimePoint t0{};
  TokenBucket bucket(1, 1, t0);
  EXPECT_TRUE(bucket.TryTake(t0));
  for (int i = 0; i < 10; ++i)
    EXPECT_FALSE(bucket.TryTake(t0 + milliseconds(90 * i)));
  EXPECT_TRUE(bucket.TryTake(t0 + milliseconds(1000)));
}

TEST(TokenBucketTest, ClockGoingBackwardsDoesNotMintTokens) {
  TokenBucket::TimePoint t0 =
      TokenBucket::TimePoint{} + std::chrono::seconds(100);
  TokenBucket bucket(1, 1, t0);
  EXPECT_TRUE(bucket.TryTake(t0));
  EXPECT_FALSE(bucket.TryTake(t0 - std::chrono::seconds(50)));
  EXPECT_FALSE(bucket.TryTake(t0));
}

TEST(TokenBucketTest, ZeroRateDisablesTheLimit) {
  TokenBucket::TimePoint t0{};
  TokenBucket bucket(0, 1, t0);
  for (int i = 0; i < 1000; ++i) EXPECT_TRUE(bucket.TryTake(t0));
}

}  // namespace
}  // namespace kneebot
