#include "bot/server/token_bucket.h"

#include <algorithm>

namespace kneebot {

TokenBucket::TokenBucket(double rate, double burst, TimePoint now)
    : rate_(rate), burst_(std::max(burst, 1.0)), tokens_(burst_), last_(now) {}

bool TokenBucket::TryTake(TimePoint now) {
  if (rate_ <= 0) return true;
  if (now > last_) {
    std::chrono::duration<double> elapsed = now - last_;
    tokens_ = std::min(burst_, tokens_ + elapsed.count() * rate_);
    last_ = now;
  }
  // Refills accumulate in small floating-point steps; don't let rounding turn a
  // whole token into 0.9999999.
  if (tokens_ < 1.0 - 1e-9) return false;
  tokens_ -= 1.0;
  return true;
}

}  // namespace kneebot
