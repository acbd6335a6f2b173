// TokenBucket: the per-connection rate limit. Holds up to `burst` tokens,
// refills at `rate` tokens per second; each client frame takes one.
//
//   TokenBucket bucket(/*rate=*/5, /*burst=*/20, Clock::now());
//   if (!bucket.TryTake(Clock::now())) SendError(kRateLimited);
//
// Time is passed in, so tests drive it without sleeping. Not thread-safe: each
// connection owns one and uses it on its strand.
#ifndef KNEEBOT_BOT_SERVER_TOKEN_BUCKET_H_
#define KNEEBOT_BOT_SERVER_TOKEN_BUCKET_H_

#include <chrono>

namespace kneebot {

class TokenBucket {
 public:
  using TimePoint = std::chrono::steady_clock::time_point;

  // Starts full. rate <= 0 disables the limit (every TryTake succeeds).
  TokenBucket(double rate, double burst, TimePoint now);

  // Takes one token if there is one. Returns false (and takes nothing)
  // otherwise.
  bool TryTake(TimePoint now);

 private:
  const double rate_;
  const double burst_;
  double tokens_;
  TimePoint last_;
};

}  // namespace kneebot

#endif  // KNEEBOT_BOT_SERVER_TOKEN_BUCKET_H_
