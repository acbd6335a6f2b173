#include "bot/server/metrics.h"

#include <fmt/format.h>

namespace kneebot {
namespace {

constexpr auto kRelaxed = std::memory_order_relaxed;

constexpr TriageLevel kAllTriage[] = {
    TriageLevel::kNone, TriageLevel::kSelfCare, TriageLevel::kDoctor,
    TriageLevel::kUrgent, TriageLevel::kEmergency};
constexpr ProtocolErrorCode kAllErrors[] = {
    ProtocolErrorCode::kBadJson, ProtocolErrorCode::kBadFrame,
    ProtocolErrorCode::kTooLarge, ProtocolErrorCode::kRateLimited,
    ProtocolErrorCode::kInternal};

constexpr DirectLineMetricRoute kAllRoutes[] = {
    DirectLineMetricRoute::kGenerate,      DirectLineMetricRoute::kRefresh,
    DirectLineMetricRoute::kStart,         DirectLineMetricRoute::kReconnect,
    DirectLineMetricRoute::kPostActivity,  DirectLineMetricRoute::kGetActivities,
    DirectLineMetricRoute::kStream,        DirectLineMetricRoute::kPreflight,
    DirectLineMetricRoute::kOther};
constexpr const char* kResults[] = {"ok", "4xx", "5xx"};

void Header(std::string* out, const char* name, const char* type,
            const char* help) {
  fmt::format_to(std::back_inserter(*out), "# HELP {} {}\n# TYPE {} {}\n", name,
                 help, name, type);
}

}  // namespace

std::string_view DirectLineRouteName(DirectLineMetricRoute route) {
  switch (route) {
    case DirectLineMetricRoute::kGenerate:
      return "generate";
    case DirectLineMetricRoute::kRefresh:
      return "refresh";
    case DirectLineMetricRoute::kStart:
      return "start";
    case DirectLineMetricRoute::kReconnect:
      return "reconnect";
    case DirectLineMetricRoute::kPostActivity:
      return "post_activity";
    case DirectLineMetricRoute::kGetActivities:
      return "get_activities";
    case DirectLineMetricRoute::kStream:
      return "stream";
    case DirectLineMetricRoute::kPreflight:
      return "preflight";
    case DirectLineMetricRoute::kOther:
      break;
  }
  return "other";
}

void Metrics::ConnectionOpened() {
  active_.fetch_add(1, kRelaxed);
  total_.fetch_add(1, kRelaxed);
}

void Metrics::ConnectionClosed() { active_.fetch_sub(1, kRelaxed); }

void Metrics::MessageReceived() { messages_.fetch_add(1, kRelaxed); }

void Metrics::TurnDone(TriageLevel triage, std::chrono::nanoseconds latency) {
  replies_[static_cast<int>(triage)].fetch_add(1, kRelaxed);
  double seconds = std::chrono::duration<double>(latency).count();
  size_t bucket = 0;
  while (bucket < kLatencyBuckets.size() && seconds > kLatencyBuckets[bucket])
    ++bucket;
  latency_buckets_[bucket].fetch_add(1, kRelaxed);
  latency_sum_ns_.fetch_add(static_cast<uint64_t>(latency.count()), kRelaxed);
}

void Metrics::ErrorSent(ProtocolErrorCode code) {
  errors_[static_cast<int>(code)].fetch_add(1, kRelaxed);
}

void Metrics::DirectLineRequest(DirectLineMetricRoute route, int http_status) {
  int result = http_status >= 500 ? 2 : http_status >= 400 ? 1 : 0;
  direct_line_requests_[static_cast<int>(route)][result].fetch_add(1, kRelaxed);
}

void Metrics::SetDirectLineConversations(size_t n) {
  direct_line_conversations_.store(static_cast<int64_t>(n), kRelaxed);
}

uint64_t Metrics::direct_line_requests_total(DirectLineMetricRoute route,
                                             int result) const {
  return direct_line_requests_[static_cast<int>(route)][result].load(kRelaxed);
}

uint64_t Metrics::replies_total(TriageLevel triage) const {
  return replies_[static_cast<int>(triage)].load(kRelaxed);
}

uint64_t Metrics::errors_total(ProtocolErrorCode code) const {
  return errors_[static_cast<int>(code)].load(kRelaxed);
}

std::string Metrics::Render() const {
  std::string out;
  out.reserve(4096);
  auto it = std::back_inserter(out);

  Header(&out, "kneebot_connections_active", "gauge",
         "Open WebSocket connections.");
  fmt::format_to(it, "kneebot_connections_active {}\n", connections_active());
  Header(&out, "kneebot_connections_total", "counter",
         "WebSocket connections accepted since start.");
  fmt::format_to(it, "kneebot_connections_total {}\n", connections_total());
  Header(&out, "kneebot_messages_total", "counter",
         "Client frames received, valid or not.");
  fmt::format_to(it, "kneebot_messages_total {}\n", messages_total());

  Header(&out, "kneebot_replies_total", "counter",
         "Reply frames sent, by the triage level they carried.");
  for (TriageLevel t : kAllTriage) {
    fmt::format_to(it, "kneebot_replies_total{{triage=\"{}\"}} {}\n",
                   TriageName(t), replies_total(t));
  }
  Header(&out, "kneebot_errors_total", "counter",
         "Error frames sent, by code.");
  for (ProtocolErrorCode c : kAllErrors) {
    fmt::format_to(it, "kneebot_errors_total{{code=\"{}\"}} {}\n",
                   ProtocolErrorName(c), errors_total(c));
  }

  Header(&out, "kneebot_turn_latency_seconds", "histogram",
         "Time to run one turn (understand, dialogue step, save).");
  uint64_t cumulative = 0;
  for (size_t i = 0; i < kLatencyBuckets.size(); ++i) {
    cumulative += latency_buckets_[i].load(kRelaxed);
    fmt::format_to(it, "kneebot_turn_latency_seconds_bucket{{le=\"{}\"}} {}\n",
                   kLatencyBuckets[i], cumulative);
  }
  cumulative += latency_buckets_.back().load(kRelaxed);
  fmt::format_to(it, "kneebot_turn_latency_seconds_bucket{{le=\"+Inf\"}} {}\n",
                 cumulative);
  fmt::format_to(it, "kneebot_turn_latency_seconds_sum {:.9f}\n",
                 static_cast<double>(latency_sum_ns_.load(kRelaxed)) / 1e9);
  // _count is the +Inf bucket, so the two agree even while turns are being
  // counted.
  fmt::format_to(it, "kneebot_turn_latency_seconds_count {}\n", cumulative);

  Header(&out, "kneebot_directline_requests_total", "counter",
         "Direct Line requests answered, by route and result.");
  for (DirectLineMetricRoute r : kAllRoutes) {
    for (int result = 0; result < 3; ++result) {
      fmt::format_to(
          it,
          "kneebot_directline_requests_total{{route=\"{}\",result=\"{}\"}} "
          "{}\n",
          DirectLineRouteName(r), kResults[result],
          direct_line_requests_total(r, result));
    }
  }
  Header(&out, "kneebot_directline_conversations", "gauge",
         "Direct Line conversations held in memory.");
  fmt::format_to(it, "kneebot_directline_conversations {}\n",
                 direct_line_conversations_.load(kRelaxed));
  return out;
}

}  // namespace kneebot
