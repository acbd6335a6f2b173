// Metrics: the server's counters, rendered in the Prometheus text format for
// /metrics.
//
//   metrics.ConnectionOpened();
//   metrics.TurnDone(TriageLevel::kDoctor, std::chrono::microseconds(80));
//   std::string body = metrics.Render();
//
// Lock-free (relaxed atomics: each counter is exact, a scrape is not a snapshot
// across counters). Safe for concurrent use. Holds no labels derived from user
// input, so the number of series is fixed.
#ifndef KNEEBOT_BOT_SERVER_METRICS_H_
#define KNEEBOT_BOT_SERVER_METRICS_H_

#include <array>
#include <atomic>
#include <chrono>
#include <cstdint>
#include <string>
#include <string_view>

#include "adapters/web_adapter.h"
#include "bot/triage.h"

namespace kneebot {

// The Direct Line operations counted in kneebot_directline_requests_total.
enum class DirectLineMetricRoute {
  kGenerate,
  kRefresh,
  kStart,
  kReconnect,
  kPostActivity,
  kGetActivities,
  kStream,
  kPreflight,
  kOther,
};
inline constexpr int kDirectLineMetricRouteCount = 9;

// "generate", "refresh", "start", "reconnect", "post_activity",
// "get_activities", "stream", "preflight", "other".
std::string_view DirectLineRouteName(DirectLineMetricRoute route);

class Metrics {
 public:
  // Upper bounds of the turn latency histogram, in seconds. Turns are CPU-only
  // and take tens of microseconds, so the buckets start at 50 us; the top ones
  // catch stalls.
  static constexpr std::array<double, 12> kLatencyBuckets = {
      0.00005, 0.0001, 0.00025, 0.0005, 0.001, 0.0025,
      0.005,   0.01,   0.025,   0.05,   0.1,   1.0};

  Metrics() = default;
  Metrics(const Metrics&) = delete;
  Metrics& operator=(const Metrics&) = delete;

  void ConnectionOpened();
  void ConnectionClosed();
  // One client frame received (valid or not).
  void MessageReceived();
  // One `reply` frame sent, with the triage level it carried (kNone if none),
  // and how long the turn took.
  void TurnDone(TriageLevel triage, std::chrono::nanoseconds latency);
  // One `error` frame sent.
  void ErrorSent(ProtocolErrorCode code);
  // One Direct Line request answered with `http_status` (101 for an accepted
  // stream upgrade). Counted by route and result: ok (< 400), 4xx, 5xx.
  void DirectLineRequest(DirectLineMetricRoute route, int http_status);
  // Direct Line conversations held in memory.
  void SetDirectLineConversations(size_t n);

  int64_t connections_active() const {
    return active_.load(std::memory_order_relaxed);
  }
  uint64_t connections_total() const {
    return total_.load(std::memory_order_relaxed);
  }
  uint64_t messages_total() const {
    return messages_.load(std::memory_order_relaxed);
  }
  uint64_t replies_total(TriageLevel triage) const;
  uint64_t errors_total(ProtocolErrorCode code) const;
  // `result` is 0 (ok), 1 (4xx) or 2 (5xx).
  uint64_t direct_line_requests_total(DirectLineMetricRoute route,
                                      int result) const;

  // Prometheus text exposition format 0.0.4.
  std::string Render() const;

 private:
  static constexpr int kTriageLevels = 5;  // kNone .. kEmergency

  std::atomic<int64_t> active_{0};
  std::atomic<uint64_t> total_{0};
  std::atomic<uint64_t> messages_{0};
  std::array<std::atomic<uint64_t>, kTriageLevels> replies_{};
  std::array<std::atomic<uint64_t>, kProtocolErrorCodeCount> errors_{};
  // Non-cumulative bucket counts; the last one is +Inf. Render accumulates.
  std::array<std::atomic<uint64_t>, kLatencyBuckets.size() + 1>
      latency_buckets_{};
  std::atomic<uint64_t> latency_sum_ns_{0};
  std::array<std::array<std::atomic<uint64_t>, 3>, kDirectLineMetricRouteCount>
      direct_line_requests_{};
  std::atomic<int64_t> direct_line_conversations_{0};
};

}  // namespace kneebot

#endif  // KNEEBOT_BOT_SERVER_METRICS_H_
