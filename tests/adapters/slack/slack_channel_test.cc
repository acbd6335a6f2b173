// The Slack channel end to end over its seam: signed requests in, the 200 at once, the
// turn and chat.postMessage in `later` (fake TurnRunner and OutboundHttp).
#include "adapters/slack/slack_channel.h"

#include <gtest/gtest.h>

#include <chrono>
#include <map>
#include <nlohmann/json.hpp>
#include <optional>
#include <set>

#include "adapters/replay_guard.h"
#include "adapters/slack/slack_signature.h"
#include "tests/adapters/recording_fakes.h"
#include "tests/testing/fake_clock.h"
#include "tests/testing/status_matchers.h"

namespace kneebot {
namespace {

using nlohmann::json;

constexpr char kSecret[] = "8f742231b10e8888abcd99yyyzzz85a5";
constexpr char kToken[] = "xoxb-test-token";
constexpr char kRoute[] = "/webhooks/slack/webhook";

// channels.md 4.5's bodies, signed there at 1531420618.
constexpr char kDmBody[] =
    R"({"token":"XXYYZZ","team_id":"T123ABC456","api_app_id":"A123ABC456","event":{"type":"message","channel":"D024BE91L","user":"U2147483697","text":"my knee clicks","ts":"1355517523.000005","event_ts":"1355517523.000005","channel_type":"im"},"type":"event_callback","event_id":"Ev123ABC456","event_time":1355517523})";
constexpr char kDmSignature[] =
    "v0=e7646832d668e3d72d5138a082174476c730e9e91d0bff62f23800062b18953f";
constexpr char kChallengeBody[] =
    R"({"token":"Jhj5dZrVaK7ZwHHjRyZWjbDl","challenge":"3eZbrw1aBm2rZgRNFdxV2595E9CY3gmdALWMmHkvFXO7tYXAYM8P","type":"url_verification"})";
constexpr char kChallengeSignature[] =
    "v0=f9bd80929259f3f6d5fe3a3186c453c89cd1ad4862815a15837584f31c993652";
constexpr char kButtonBody[] =
    "payload=%7B%22type%22%3A%22block_actions%22%2C%22user%22%3A%7B%22id%22%3A%22U2147483697%22%"
    "2C%22team_id%22%3A%22T123ABC456%22%7D%2C%22api_app_id%22%3A%22A123ABC456%22%2C%22team%22%3A"
    "%7B%22id%22%3A%22T123ABC456%22%7D%2C%22channel%22%3A%7B%22id%22%3A%22D024BE91L%22%7D%2C%22c"
    "ontainer%22%3A%7B%22type%22%3A%22message%22%2C%22message_ts%22%3A%221355517524.000006%22%2C"
    "%22channel_id%22%3A%22D024BE91L%22%2C%22is_ephemeral%22%3Afalse%7D%2C%22trigger_id%22%3A%22"
    "123.456.abc%22%2C%22response_url%22%3A%22https%3A%2F%2Fhooks.slack.com%2Factions%2FT123ABC4"
    "56%2F1%2Fabc%22%2C%22actions%22%3A%5B%7B%22type%22%3A%22button%22%2C%22action_id%22%3A%22tr"
    "iage_yes%22%2C%22block_id%22%3A%22q1%22%2C%22value%22%3A%22yes%22%2C%22text%22%3A%7B%22type"
    "%22%3A%22plain_text%22%2C%22text%22%3A%22Yes%22%7D%2C%22action_ts%22%3A%221355517530.000001"
    "%22%7D%5D%7D";
constexpr char kButtonSignature[] =
    "v0=bdceb8701881ce725c68ff7b5f0f8c3c6a0a69bd112871cfcdfb804ad2b0e286";
constexpr int64_t kVectorTime = 1531420618;

constexpr char kJson[] = "application/json";
constexpr char kForm[] = "application/x-www-form-urlencoded";

Environment Env(std::map<std::string, std::string> vars) {
  return [vars = std::move(vars)](std::string_view name) -> std::optional<std::string> {
    auto it = vars.find(std::string(name));
    if (it == vars.end()) return std::nullopt;
    return it->second;
  };
}

json DmEvent(std::string event_id, std::string text) {
  return {{"type", "event_callback"},
          {"team_id", "T123ABC456"},
          {"event_id", std::move(event_id)},
          {"event",
           {{"type", "message"},
            {"channel", "D024BE91L"},
            {"user", "U2147483697"},
            {"text", std::move(text)},
            {"ts", "1355517523.000005"},
            {"channel_type", "im"}}}};
}

class SlackChannelTest : public ::testing::Test {
 protected:
  void SetUp() override {
    services_.turns = &turns_;
    services_.http = &http_;
    services_.replays = &replays_;
    services_.clock = &clock_;
    ASSERT_KNEEBOT_OK(MakeSlackChannel(
        Env({{"KNEEBOT_SLACK_SIGNING_SECRET", kSecret}, {"KNEEBOT_SLACK_BOT_TOKEN", kToken}}),
        services_, &channel_));
    ASSERT_NE(channel_, nullptr);
    turns_.set_reply(QuestionReply());
  }

  int64_t NowSeconds() const {
    return std::chrono::duration_cast<std::chrono::seconds>(clock_.Now().time_since_epoch())
        .count();
  }
  void SetClock(int64_t unix_seconds) {
    clock_.Advance(std::chrono::seconds(unix_seconds - NowSeconds()));
  }

  static HttpRequest Request(std::string body, const char* content_type, std::string timestamp,
                             std::string signature) {
    HttpRequest r;
    r.method = "POST";
    r.path = kRoute;
    r.headers = {{"content-type", content_type},
                 {"x-slack-request-timestamp", std::move(timestamp)},
                 {"x-slack-signature", std::move(signature)}};
    r.body = std::move(body);
    return r;
  }
  // Signed now with the test secret.
  HttpRequest Signed(std::string body, const char* content_type = kJson) {
    const std::string ts = std::to_string(NowSeconds());
    std::string sig = SlackSignature(kSecret, ts, body);
    return Request(std::move(body), content_type, ts, std::move(sig));
  }

  HttpResponse Handle(const HttpRequest& req) {
    later_ = nullptr;
    return channel_->Handle(req, &later_);
  }
  // Runs the work Handle left, as the server would after sending the response.
  void RunLater() {
    ASSERT_TRUE(later_) << "no turn was scheduled";
    later_();
    later_ = nullptr;
  }

  static Reply QuestionReply() {
    Reply r;
    r.messages = {"Is the knee swollen?"};
    r.quick_replies = {{"Yes", "yes"}, {"No", "no"}, {"Not sure", "unsure"}};
    return r;
  }

  test::FakeClock clock_;
  test::RecordingTurnRunner turns_;
  test::RecordingHttp http_;
  MemoryReplayGuard replays_{&clock_, std::chrono::hours(1), 1000};
  ChannelServices services_;
  std::unique_ptr<Channel> channel_;
  std::function<void()> later_;
};

TEST_F(SlackChannelTest, UrlVerificationAnswersTheChallenge) {
  SetClock(kVectorTime);
  HttpResponse r =
      Handle(Request(kChallengeBody, kJson, std::to_string(kVectorTime), kChallengeSignature));
  EXPECT_EQ(r.status, 200);
  EXPECT_EQ(json::parse(r.body)["challenge"], "3eZbrw1aBm2rZgRNFdxV2595E9CY3gmdALWMmHkvFXO7tYXAYM8P");
  EXPECT_FALSE(later_);
  EXPECT_TRUE(turns_.activities().empty());
}

TEST_F(SlackChannelTest, DirectMessageRunsOneTurnLaterAndPostsBlocksWithButtons) {
  SetClock(kVectorTime);
  turns_.set_reply(QuestionReply());
  HttpResponse r = Handle(Request(kDmBody, kJson, std::to_string(kVectorTime), kDmSignature));
  EXPECT_EQ(r.status, 200);
  // The 200 goes back before the turn runs.
  EXPECT_TRUE(turns_.activities().empty());
  EXPECT_TRUE(http_.calls().empty());
  RunLater();

  ASSERT_EQ(turns_.activities().size(), 1u);
  const Activity a = turns_.activities()[0];
  EXPECT_EQ(a.channel_id, "slack");
  EXPECT_EQ(a.text, "my knee clicks");
  EXPECT_EQ(a.id, "Ev123ABC456");
  EXPECT_EQ(a.session_id, ChannelSessionId("slack", "T123ABC456:D024BE91L:U2147483697"));
  EXPECT_TRUE(a.open_with_session_id);

  ASSERT_EQ(http_.calls().size(), 1u);
  const test::RecordingHttp::Call call = http_.calls()[0];
  EXPECT_EQ(call.url, "https://slack.com/api/chat.postMessage");
  ASSERT_EQ(call.headers.size(), 1u);
  EXPECT_EQ(call.headers[0].first, "Authorization");
  EXPECT_EQ(call.headers[0].second, std::string("Bearer ") + kToken);
  EXPECT_EQ(call.content_type, "application/json; charset=utf-8");
  const json body = json::parse(call.body);
  EXPECT_EQ(body["channel"], "D024BE91L");
  EXPECT_EQ(body["text"], "Is the knee swollen?");
  EXPECT_FALSE(body.contains("thread_ts"));  // a DM is answered in the DM
  ASSERT_EQ(body["blocks"].size(), 2u);
  EXPECT_EQ(body["blocks"][0]["type"], "section");
  EXPECT_EQ(body["blocks"][0]["text"]["type"], "mrkdwn");
  EXPECT_EQ(body["blocks"][0]["text"]["text"], "Is the knee swollen?");
  const json& actions = body["blocks"][1];
  EXPECT_EQ(actions["type"], "actions");
  ASSERT_EQ(actions["elements"].size(), 3u);
  std::set<std::string> action_ids;
  for (size_t i = 0; i < 3; ++i) {
    const json& button = actions["elements"][i];
    EXPECT_EQ(button["type"], "button");
    EXPECT_EQ(button["text"]["type"], "plain_text");
    EXPECT_EQ(button["text"]["text"], QuestionReply().quick_replies[i].title);
    EXPECT_EQ(button["value"], QuestionReply().quick_replies[i].payload);
    action_ids.insert(button["action_id"].get<std::string>());
  }
  EXPECT_EQ(action_ids.size(), 3u);
}

TEST_F(SlackChannelTest, ButtonPressIsTheButtonsPayloadInTheSameConversation) {
  SetClock(kVectorTime);
  HttpResponse r =
      Handle(Request(kButtonBody, kForm, std::to_string(kVectorTime), kButtonSignature));
  EXPECT_EQ(r.status, 200);
  RunLater();
  ASSERT_EQ(turns_.activities().size(), 1u);
  const Activity a = turns_.activities()[0];
  EXPECT_EQ(a.text, "yes");
  EXPECT_EQ(a.id, "1355517530.000001");
  // The DM's session: a button press continues the conversation it was shown in.
  EXPECT_EQ(a.session_id, ChannelSessionId("slack", "T123ABC456:D024BE91L:U2147483697"));
  ASSERT_EQ(http_.calls().size(), 1u);
  EXPECT_EQ(json::parse(http_.calls()[0].body)["channel"], "D024BE91L");
}

TEST_F(SlackChannelTest, DoubleClickedButtonRunsOneTurn) {
  SetClock(kVectorTime);
  const HttpRequest req =
      Request(kButtonBody, kForm, std::to_string(kVectorTime), kButtonSignature);
  EXPECT_EQ(Handle(req).status, 200);
  RunLater();
  EXPECT_EQ(Handle(req).status, 200);
  EXPECT_FALSE(later_);
  EXPECT_EQ(turns_.activities().size(), 1u);
}

TEST_F(SlackChannelTest, BotEchoesAndSubtypesRunNoTurn) {
  json echo = DmEvent("Ev1", "Is the knee swollen?");
  echo["event"]["bot_id"] = "B123";
  EXPECT_EQ(Handle(Signed(echo.dump())).status, 200);
  EXPECT_FALSE(later_);

  json edited = DmEvent("Ev2", "my knee clicks");
  edited["event"]["subtype"] = "message_changed";
  EXPECT_EQ(Handle(Signed(edited.dump())).status, 200);
  EXPECT_FALSE(later_);

  json bot_message = DmEvent("Ev3", "hello");
  bot_message["event"]["subtype"] = "bot_message";
  EXPECT_EQ(Handle(Signed(bot_message.dump())).status, 200);
  EXPECT_FALSE(later_);
  EXPECT_TRUE(turns_.activities().empty());
}

TEST_F(SlackChannelTest, ReplayedEventIdRunsNoSecondTurn) {
  const std::string body = DmEvent("EvSame", "my knee clicks").dump();
  EXPECT_EQ(Handle(Signed(body)).status, 200);
  RunLater();
  EXPECT_EQ(Handle(Signed(body)).status, 200);
  EXPECT_FALSE(later_);
  EXPECT_EQ(turns_.activities().size(), 1u);
  EXPECT_EQ(http_.calls().size(), 1u);
}

TEST_F(SlackChannelTest, RetryRunsNoSecondTurn) {
  const std::string body = DmEvent("EvRetried", "my knee clicks").dump();
  EXPECT_EQ(Handle(Signed(body)).status, 200);
  RunLater();
  HttpRequest retry = Signed(body);
  retry.headers.emplace_back("x-slack-retry-num", "1");
  retry.headers.emplace_back("x-slack-retry-reason", "http_timeout");
  EXPECT_EQ(Handle(retry).status, 200);
  EXPECT_FALSE(later_);
  EXPECT_EQ(turns_.activities().size(), 1u);
}

TEST_F(SlackChannelTest, RetryRunsNoTurnEvenWhenTheGuardForgotTheFirst) {
  // A timed-out first delivery reached us (its turn ran) even if the replay guard no
  // longer knows it, after a restart say.
  HttpRequest retry = Signed(DmEvent("EvUnknown", "yes").dump());
  retry.headers.emplace_back("x-slack-retry-num", "2");
  retry.headers.emplace_back("x-slack-retry-reason", "http_timeout");
  EXPECT_EQ(Handle(retry).status, 200);
  EXPECT_FALSE(later_);
  retry.headers.back().second = "http_error";
  EXPECT_EQ(Handle(retry).status, 200);
  EXPECT_FALSE(later_);
  EXPECT_TRUE(turns_.activities().empty());
}

TEST_F(SlackChannelTest, RetryOfADeliveryThatNeverReachedUsRunsItsOneTurn) {
  const std::string body = DmEvent("EvLost", "my knee clicks").dump();
  HttpRequest retry = Signed(body);
  retry.headers.emplace_back("x-slack-retry-num", "1");
  retry.headers.emplace_back("x-slack-retry-reason", "connection_failed");
  EXPECT_EQ(Handle(retry).status, 200);
  RunLater();
  // ...and only one, however often it comes.
  retry.headers[3].first = "x-slack-retry-num";
  retry.headers[3].second = "2";
  EXPECT_EQ(Handle(retry).status, 200);
  EXPECT_FALSE(later_);
  EXPECT_EQ(turns_.activities().size(), 1u);
}

TEST_F(SlackChannelTest, StaleOrFutureTimestampIs401WithNoTurn) {
  const std::string body = DmEvent("EvOld", "my knee clicks").dump();
  for (int64_t offset : {-301, 301, -3600}) {
    const std::string ts = std::to_string(NowSeconds() + offset);
    HttpResponse r = Handle(Request(body, kJson, ts, SlackSignature(kSecret, ts, body)));
    EXPECT_EQ(r.status, 401) << offset;
    EXPECT_FALSE(later_);
  }
  // Within the window it is fine.
  const std::string ts = std::to_string(NowSeconds() - 299);
  EXPECT_EQ(Handle(Request(body, kJson, ts, SlackSignature(kSecret, ts, body))).status, 200);
  EXPECT_TRUE(later_);
}

TEST_F(SlackChannelTest, TheVectorsAreStaleWithTodaysClock) {
  // The fake clock reads 2023, five years after channels.md's timestamp.
  HttpResponse r = Handle(Request(kDmBody, kJson, std::to_string(kVectorTime), kDmSignature));
  EXPECT_EQ(r.status, 401);
  EXPECT_FALSE(later_);
}

TEST_F(SlackChannelTest, BadOrMissingSignatureIs401WithNoTurn) {
  const std::string body = DmEvent("EvBad", "my knee clicks").dump();
  const std::string ts = std::to_string(NowSeconds());
  EXPECT_EQ(Handle(Request(body, kJson, ts, SlackSignature("wrong secret", ts, body))).status, 401);
  EXPECT_EQ(Handle(Request(body + " ", kJson, ts, SlackSignature(kSecret, ts, body))).status, 401);
  EXPECT_EQ(Handle(Request(body, kJson, ts, "")).status, 401);
  EXPECT_EQ(Handle(Request(body, kJson, "", SlackSignature(kSecret, ts, body))).status, 401);
  HttpRequest bare;
  bare.method = "POST";
  bare.path = kRoute;
  bare.body = body;
  EXPECT_EQ(Handle(bare).status, 401);
  EXPECT_FALSE(later_);
  EXPECT_TRUE(turns_.activities().empty());
}

TEST_F(SlackChannelTest, MalformedSignedBodiesAre400) {
  for (const char* body :
       {"not json", "[1,2]", R"({"type":"url_verification"})",
        R"({"type":"event_callback","event":{"type":"message","channel_type":"im"}})",
        R"({"type":"event_callback","event_id":"Ev9"})",
        R"({"type":"event_callback","event_id":"Ev9","event":{"type":"message","channel_type":"im","text":"hi"}})"}) {
    HttpResponse r = Handle(Signed(body));
    EXPECT_EQ(r.status, 400) << body;
    EXPECT_FALSE(later_) << body;
  }
  for (const char* form : {"nopayload=1", "payload=not%20json",
                           "payload=%7B%22type%22%3A%22block_actions%22%7D"}) {
    HttpResponse r = Handle(Signed(form, kForm));
    EXPECT_EQ(r.status, 400) << form;
    EXPECT_FALSE(later_) << form;
  }
  EXPECT_TRUE(turns_.activities().empty());
}

TEST_F(SlackChannelTest, OtherEventsAreAcknowledgedWithoutATurn) {
  json in_channel = DmEvent("EvCh", "my knee");
  in_channel["event"]["channel_type"] = "channel";  // not a DM and not a mention
  EXPECT_EQ(Handle(Signed(in_channel.dump())).status, 200);
  EXPECT_FALSE(later_);
  json reaction = DmEvent("EvRe", "");
  reaction["event"]["type"] = "reaction_added";
  EXPECT_EQ(Handle(Signed(reaction.dump())).status, 200);
  EXPECT_FALSE(later_);
  EXPECT_EQ(Handle(Signed(R"({"type":"app_rate_limited","team_id":"T1"})")).status, 200);
  EXPECT_FALSE(later_);
  EXPECT_TRUE(turns_.activities().empty());
}

TEST_F(SlackChannelTest, AppMentionIsReadWithoutTheMentionAndAnsweredInItsThread) {
  turns_.set_reply(QuestionReply());
  json mention = {{"type", "event_callback"},
                  {"team_id", "T123ABC456"},
                  {"event_id", "EvMention"},
                  {"event",
                   {{"type", "app_mention"},
                    {"channel", "C0LAN2Q65"},
                    {"user", "U061F7AUR"},
                    {"text", "<@U0LAN0Z89> my knee hurts &amp; it&apos;s &lt;3 days"},
                    {"ts", "1515449522.000016"}}}};
  EXPECT_EQ(Handle(Signed(mention.dump())).status, 200);
  RunLater();
  ASSERT_EQ(turns_.activities().size(), 1u);
  EXPECT_EQ(turns_.activities()[0].text, "my knee hurts & it&apos;s <3 days");
  EXPECT_EQ(turns_.activities()[0].session_id,
            ChannelSessionId("slack", "T123ABC456:C0LAN2Q65:U061F7AUR"));
  ASSERT_EQ(http_.calls().size(), 1u);
  const json body = json::parse(http_.calls()[0].body);
  EXPECT_EQ(body["channel"], "C0LAN2Q65");
  EXPECT_EQ(body["thread_ts"], "1515449522.000016");
}

TEST_F(SlackChannelTest, TwoPeopleInOneChannelHaveTwoConversations) {
  json first = DmEvent("EvA", "my knee");
  first["event"]["type"] = "app_mention";
  json second = first;
  second["event_id"] = "EvB";
  second["event"]["user"] = "U999";
  Handle(Signed(first.dump()));
  RunLater();
  Handle(Signed(second.dump()));
  RunLater();
  ASSERT_EQ(turns_.activities().size(), 2u);
  EXPECT_NE(turns_.activities()[0].session_id, turns_.activities()[1].session_id);
}

TEST_F(SlackChannelTest, EmergencyBubbleStaysFirst) {
  Reply emergency;
  emergency.messages = {"Call 911 now.", "While you wait, keep the leg still."};
  turns_.set_reply(emergency);
  Handle(Signed(DmEvent("EvE", "my leg is cold and numb").dump()));
  RunLater();
  ASSERT_EQ(http_.calls().size(), 1u);
  const json body = json::parse(http_.calls()[0].body);
  EXPECT_EQ(body["blocks"][0]["text"]["text"], "Call 911 now.");
  EXPECT_EQ(body["blocks"][1]["text"]["text"], "While you wait, keep the leg still.");
}

TEST_F(SlackChannelTest, FailedTurnOrRefusedPostEndsQuietly) {
  turns_.set_status(Status::Internal("boom"));
  Handle(Signed(DmEvent("EvF", "hi").dump()));
  RunLater();
  EXPECT_TRUE(http_.calls().empty());

  turns_.set_status(Status::OK());
  turns_.set_reply(QuestionReply());
  http_.set_response({200, R"({"ok":false,"error":"channel_not_found"})"});
  Handle(Signed(DmEvent("EvG", "hi").dump()));
  RunLater();  // logs a warning, never throws
  EXPECT_EQ(http_.calls().size(), 1u);
}

TEST_F(SlackChannelTest, OnlyItsRouteAndPost) {
  HttpRequest req = Signed(DmEvent("EvH", "hi").dump());
  req.path = "/webhooks/slack/other";
  EXPECT_EQ(Handle(req).status, 404);
  req.path = kRoute;
  req.method = "GET";
  EXPECT_EQ(Handle(req).status, 405);
  EXPECT_FALSE(later_);
}

TEST(SlackChannelFactoryTest, NothingSetIsDisabled) {
  std::unique_ptr<Channel> c;
  ASSERT_KNEEBOT_OK(MakeSlackChannel(Env({}), ChannelServices{}, &c));
  EXPECT_EQ(c, nullptr);
  // The optional URL alone enables nothing.
  ASSERT_KNEEBOT_OK(MakeSlackChannel(Env({{"KNEEBOT_SLACK_API_URL", "http://127.0.0.1:1"}}),
                                     ChannelServices{}, &c));
  EXPECT_EQ(c, nullptr);
}

TEST(SlackChannelFactoryTest, PartlySetNamesTheMissingVariable) {
  std::unique_ptr<Channel> c;
  Status s = MakeSlackChannel(Env({{"KNEEBOT_SLACK_SIGNING_SECRET", kSecret}}),
                              ChannelServices{}, &c);
  EXPECT_FALSE(s.ok());
  EXPECT_NE(s.message().find("KNEEBOT_SLACK_BOT_TOKEN"), std::string::npos) << s.ToString();
  EXPECT_EQ(s.message().find(kSecret), std::string::npos);
  s = MakeSlackChannel(Env({{"KNEEBOT_SLACK_BOT_TOKEN", kToken}}), ChannelServices{}, &c);
  EXPECT_FALSE(s.ok());
  EXPECT_NE(s.message().find("KNEEBOT_SLACK_SIGNING_SECRET"), std::string::npos);
  EXPECT_EQ(c, nullptr);
}

TEST(SlackChannelFactoryTest, ApiUrlIsUsedAndChecked) {
  test::FakeClock clock;
  test::RecordingTurnRunner turns;
  test::RecordingHttp http;
  MemoryReplayGuard replays(&clock, std::chrono::hours(1), 100);
  ChannelServices services{&turns, &http, &replays, &clock};
  std::unique_ptr<Channel> c;
  ASSERT_KNEEBOT_OK(MakeSlackChannel(Env({{"KNEEBOT_SLACK_SIGNING_SECRET", kSecret},
                                          {"KNEEBOT_SLACK_BOT_TOKEN", kToken},
                                          {"KNEEBOT_SLACK_API_URL", "http://127.0.0.1:9/api/"}}),
                                     services, &c));
  ASSERT_NE(c, nullptr);
  EXPECT_EQ(c->name(), "slack");
  Reply reply;
  reply.messages = {"Hello"};
  turns.set_reply(reply);
  const std::string body = DmEvent("EvU", "hi").dump();
  const std::string ts = std::to_string(
      std::chrono::duration_cast<std::chrono::seconds>(clock.Now().time_since_epoch()).count());
  HttpRequest req;
  req.method = "POST";
  req.path = kRoute;
  req.headers = {{"content-type", kJson},
                 {"x-slack-request-timestamp", ts},
                 {"x-slack-signature", SlackSignature(kSecret, ts, body)}};
  req.body = body;
  std::function<void()> later;
  EXPECT_EQ(c->Handle(req, &later).status, 200);
  ASSERT_TRUE(later);
  later();
  ASSERT_EQ(http.calls().size(), 1u);
  EXPECT_EQ(http.calls()[0].url, "http://127.0.0.1:9/api/chat.postMessage");

  Status s = MakeSlackChannel(Env({{"KNEEBOT_SLACK_SIGNING_SECRET", kSecret},
                                   {"KNEEBOT_SLACK_BOT_TOKEN", kToken},
                                   {"KNEEBOT_SLACK_API_URL", "slack.com/api"}}),
                              services, &c);
  EXPECT_FALSE(s.ok());
  EXPECT_NE(s.message().find("KNEEBOT_SLACK_API_URL"), std::string::npos);
}

}  // namespace
}  // namespace kneebot
