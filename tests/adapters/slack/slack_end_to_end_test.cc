// The Slack channel end to end over real HTTP: a signed DM in, the 200, the turn, and
// chat.postMessage arriving at a loopback fake of Slack's Web API through the server's
// HttpsClient (adapters/outbound/), so URL, headers and body are checked on the wire.
#include <gtest/gtest.h>

#include <chrono>
#include <nlohmann/json.hpp>
#include <optional>
#include <string>

#include "adapters/outbound/https_client.h"
#include "adapters/replay_guard.h"
#include "adapters/slack/slack_channel.h"
#include "adapters/slack/slack_signature.h"
#include "tests/adapters/recording_fakes.h"
#include "tests/testing/fake_clock.h"
#include "tests/testing/fake_http_server.h"
#include "tests/testing/status_matchers.h"

namespace kneebot {
namespace {

using namespace std::chrono_literals;
using nlohmann::json;

constexpr char kSecret[] = "8f742231b10e8888abcd99yyyzzz85a5";
constexpr char kToken[] = "xoxb-e2e-token";

TEST(SlackEndToEndTest, DirectMessageInPostMessageOut) {
  test::FakeHttpServer slack;
  ASSERT_KNEEBOT_OK(slack.Start());
  slack.Enqueue({.status = 200, .body = R"({"ok":true,"channel":"D024BE91L","ts":"2.0"})"});
  HttpsClientOptions o;
  o.max_retries = 0;
  o.total_timeout = 5s;
  std::unique_ptr<HttpsClient> http;
  ASSERT_KNEEBOT_OK(HttpsClient::Create(o, &http));
  test::FakeClock clock;
  test::RecordingTurnRunner turns;
  MemoryReplayGuard replays(&clock, std::chrono::hours(1), 100);
  ChannelServices services{&turns, http.get(), &replays, &clock};

  const std::string api = slack.url() + "/api";
  std::unique_ptr<Channel> channel;
  ASSERT_KNEEBOT_OK(MakeSlackChannel(
      [&](std::string_view name) -> std::optional<std::string> {
        if (name == "KNEEBOT_SLACK_SIGNING_SECRET") return kSecret;
        if (name == "KNEEBOT_SLACK_BOT_TOKEN") return kToken;
        if (name == "KNEEBOT_SLACK_API_URL") return api;
        return std::nullopt;
      },
      services, &channel));
  Reply reply;
  reply.messages = {"Call 911 now.", "Is the knee swollen?"};
  reply.quick_replies = {{"Yes", "yes"}, {"No", "no"}};
  turns.set_reply(reply);

  const std::string body =
      json{{"type", "event_callback"},
           {"team_id", "T1"},
           {"event_id", "EvE2E"},
           {"event",
            {{"type", "message"}, {"channel", "D024BE91L"}, {"user", "U1"},
             {"text", "my knee clicks"}, {"ts", "1.0"}, {"channel_type", "im"}}}}
          .dump();
  const std::string ts = std::to_string(
      std::chrono::duration_cast<std::chrono::seconds>(clock.Now().time_since_epoch()).count());
  HttpRequest req;
  req.method = "POST";
  req.path = "/webhooks/slack/webhook";
  req.headers = {{"content-type", "application/json"},
                 {"x-slack-request-timestamp", ts},
                 {"x-slack-signature", SlackSignature(kSecret, ts, body)}};
  req.body = body;
  std::function<void()> later;
  EXPECT_EQ(channel->Handle(req, &later).status, 200);
  ASSERT_TRUE(later);
  later();

  ASSERT_TRUE(slack.WaitForRequests(1, 5s));
  const test::RecordedRequest sent = slack.requests()[0];
  EXPECT_EQ(sent.method, "POST");
  EXPECT_EQ(sent.target, "/api/chat.postMessage");
  EXPECT_EQ(sent.Header("authorization"), std::string("Bearer ") + kToken);
  EXPECT_EQ(sent.Header("content-type"), "application/json; charset=utf-8");
  const json posted = json::parse(sent.body);
  EXPECT_EQ(posted["channel"], "D024BE91L");
  ASSERT_EQ(posted["blocks"].size(), 3u);
  EXPECT_EQ(posted["blocks"][0]["text"]["text"], "Call 911 now.");
  EXPECT_EQ(posted["blocks"][2]["elements"][1]["value"], "no");
  EXPECT_EQ(turns.activities().size(), 1u);
}

}  // namespace
}  // namespace kneebot
