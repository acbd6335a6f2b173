#include "bot/server/metrics.h"

#include <gtest/gtest.h>

#include <string>

namespace kneebot {
namespace {

bool HasLine(const std::string& text, const std::string& line) {
  return text.find("\n" + line + "\n") != std::string::npos ||
         text.rfind(line + "\n", 0) == 0;
}

TEST(MetricsTest, StartsAtZeroWithEverySeries) {
  Metrics m;
  std::string text = m.Render();
  for (const char* line : {
           "kneebot_connections_active 0",
           "kneebot_connections_total 0",
           "kneebot_messages_total 0",
           "kneebot_replies_total{triage=\"none\"} 0",
           "kneebot_replies_total{triage=\"self_care\"} 0",
           "kneebot_replies_total{triage=\"doctor\"} 0",
           "kneebot_replies_total{triage=\"urgent\"} 0",
           "kneebot_replies_total{triage=\"emergency\"} 0",
           "kneebot_errors_total{code=\"bad_json\"} 0",
           "kneebot_errors_total{code=\"bad_frame\"} 0",
           "kneebot_errors_total{code=\"too_large\"} 0",
           "kneebot_errors_total{code=\"rate_limited\"} 0",
           "kneebot_errors_total{code=\"internal\"} 0",
           "kneebot_turn_latency_seconds_bucket{le=\"+Inf\"} 0",
           "kneebot_turn_latency_seconds_count 0",
           "# TYPE kneebot_turn_latency_seconds histogram",
           "# TYPE kneebot_connections_active gauge",
           "# TYPE kneebot_replies_total counter",
       }) {
    EXPECT_TRUE(HasLine(text, line)) << line << "\n" << text;
  }
}

TEST(MetricsTest, CountsConnectionsMessagesRepliesErrors) {
  Metrics m;
  m.ConnectionOpened();
  m.ConnectionOpened();
  m.ConnectionClosed();
  m.MessageReceived();
  m.MessageReceived();
  m.MessageReceived();
  m.TurnDone(TriageLevel::kDoctor, std::chrono::microseconds(30));
  m.TurnDone(TriageLevel::kNone, std::chrono::milliseconds(3));
  m.ErrorSent(ProtocolErrorCode::kBadJson);
  EXPECT_EQ(m.connections_active(), 1);
  EXPECT_EQ(m.connections_total(), 2u);
  EXPECT_EQ(m.messages_total(), 3u);
  EXPECT_EQ(m.replies_total(TriageLevel::kDoctor), 1u);
  EXPECT_EQ(m.errors_total(ProtocolErrorCode::kBadJson), 1u);

  std::string text = m.Render();
  EXPECT_TRUE(HasLine(text, "kneebot_connections_active 1")) << text;
  EXPECT_TRUE(HasLine(text, "kneebot_connections_total 2")) << text;
  EXPECT_TRUE(HasLine(text, "kneebot_messages_total 3")) << text;
  EXPECT_TRUE(HasLine(text, "kneebot_replies_total{triage=\"doctor\"} 1"))
      << text;
  EXPECT_TRUE(HasLine(text, "kneebot_replies_total{triage=\"none\"} 1"))
      << text;
  EXPECT_TRUE(HasLine(text, "kneebot_errors_total{code=\"bad_json\"} 1"))
      << text;
}

TEST(MetricsTest, HistogramBucketsAreCumulative) {
  Metrics m;
  m.TurnDone(TriageLevel::kNone, std::chrono::microseconds(40));  // <= 50 us
  m.TurnDone(TriageLevel::kNone,
             std::chrono::microseconds(100));  // <= 100 us (edge)
  m.TurnDone(TriageLevel::kNone, std::chrono::milliseconds(20));  // <= 25 ms
  m.TurnDone(TriageLevel::kNone, std::chrono::seconds(3));        // +Inf only
  std::string text = m.Render();
  EXPECT_TRUE(
      HasLine(text, "kneebot_turn_latency_seconds_bucket{le=\"5e-05\"} 1"))
      << text;
  EXPECT_TRUE(
      HasLine(text, "kneebot_turn_latency_seconds_bucket{le=\"0.0001\"} 2"))
      << text;
  EXPECT_TRUE(
      HasLine(text, "kneebot_turn_latency_seconds_bucket{le=\"0.01\"} 2"))
      << text;
  EXPECT_TRUE(
      HasLine(text, "kneebot_turn_latency_seconds_bucket{le=\"0.025\"} 3"))
      << text;
  EXPECT_TRUE(HasLine(text, "kneebot_turn_latency_seconds_bucket{le=\"1\"} 3"))
      << text;
  EXPECT_TRUE(
      HasLine(text, "kneebot_turn_latency_seconds_bucket{le=\"+Inf\"} 4"))
      << text;
  EXPECT_TRUE(HasLine(text, "kneebot_turn_latency_seconds_count 4")) << text;
  EXPECT_TRUE(HasLine(text, "kneebot_turn_latency_seconds_sum 3.020140000"))
      << text;
}

}  // namespace
}  // namespace kneebot
