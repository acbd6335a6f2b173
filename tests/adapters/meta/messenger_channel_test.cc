// The Messenger channel through Channel::Handle, with a recording TurnRunner and
// OutboundHttp (shared/channels.md §5.1, 5.3).
#include "adapters/messenger/messenger_channel.h"

#include <gtest/gtest.h>

#include <nlohmann/json.hpp>
#include <string>

#include "adapters/channels.h"
#include "adapters/replay_guard.h"
#include "tests/adapters/meta/meta_fakes.h"
#include "tests/testing/fake_clock.h"
#include "tests/testing/status_matchers.h"

namespace kneebot {
namespace {

using nlohmann::json;
using test::FakeTurns;
using test::RecordingHttp;

constexpr char kRoute[] = "/webhooks/messenger/webhook";
constexpr char kPsid[] = "1254477777772919";

// channels.md §5.4: a quick-reply tap and its signature.
constexpr char kQuickReplyBody[] =
    R"({"object":"page","entry":[{"id":"PAGE_ID","time":1458692752478,"messaging":[{"sender":{"id":"1254477777772919"},"recipient":{"id":"PAGE_ID"},"timestamp":1458692752478,"message":{"mid":"mid.1457764197618:41d102a3e1ae206a38","text":"Yes","quick_reply":{"payload":"TRIAGE_YES"}}}]}]})";
constexpr char kQuickReplySig[] =
    "sha256=5572660fdee38a471e51f02d3566ec0f7323ecb18f218f840149abec9f6ac968";

std::string Webhook(const json& events, const std::string& object = "page") {
  json body = {{"object", object},
               {"entry", json::array({{{"id", "PAGE_ID"},
                                       {"time", 1458692752478},
                                       {"messaging", events}}})}};
  return body.dump();
}

json Event(const json& fields, const std::string& sender = kPsid) {
  json e = {{"sender", {{"id", sender}}}, {"recipient", {{"id", "PAGE_ID"}}},
            {"timestamp", 1458692752478}};
  e.update(fields);
  return e;
}

json TextIn(const std::string& mid, const std::string& text) {
  return Event({{"message", {{"mid", mid}, {"text", text}}}});
}

class MessengerChannelTest : public ::testing::Test {
 protected:
  void SetUp() override {
    ASSERT_KNEEBOT_OK(MakeMessengerChannel(
        test::MapEnvironment({{"KNEEBOT_MESSENGER_PAGE_TOKEN", "EAAB page/token+1"},
                              {"KNEEBOT_MESSENGER_APP_SECRET", test::kAppSecret},
                              {"KNEEBOT_MESSENGER_VERIFY_TOKEN", test::kVerifyToken}}),
        services_, &channel_));
    ASSERT_NE(channel_, nullptr);
  }

  HttpResponse Post(const std::string& body, bool* ran_later = nullptr) {
    return test::Deliver(*channel_, test::SignedPost(kRoute, body), ran_later);
  }
  json SentBody(size_t i) const { return json::parse(http_.calls().at(i).body); }

  FakeTurns turns_;
  RecordingHttp http_;
  test::FakeClock clock_;
  MemoryReplayGuard replays_{&clock_, std::chrono::hours(48), 1000};
  ChannelServices services_{&turns_, &http_, &replays_, &clock_};
  std::unique_ptr<Channel> channel_;
};

TEST_F(MessengerChannelTest, QuickReplyTapRunsOneTurnWithThePayload) {
  Reply reply;
  reply.messages = {"Is the knee swollen?"};
  reply.quick_replies = {{"Yes", "TRIAGE_YES"}, {"No", "TRIAGE_NO"}};
  turns_.Enqueue(reply);
  std::function<void()> later;
  HttpResponse r = channel_->Handle(
      test::SignedPost(kRoute, kQuickReplyBody, "", std::string(kQuickReplySig)), &later);
  EXPECT_EQ(r.status, 200);
  EXPECT_TRUE(turns_.seen().empty());
  ASSERT_TRUE(later);
  later();

  ASSERT_EQ(turns_.seen().size(), 1u);
  const Activity a = turns_.seen()[0];
  EXPECT_EQ(a.channel_id, "messenger");
  EXPECT_EQ(a.session_id, ChannelSessionId("messenger", kPsid));
  EXPECT_TRUE(a.open_with_session_id);
  EXPECT_EQ(a.id, "mid.1457764197618:41d102a3e1ae206a38");
  EXPECT_EQ(a.text, "TRIAGE_YES");  // the payload, not the title typed into the chat

  ASSERT_EQ(http_.calls().size(), 1u);
  const RecordingHttp::Call call = http_.calls()[0];
  // The page token as the Send API documents it, escaped.
  EXPECT_EQ(call.url,
            "https://graph.facebook.com/v21.0/me/messages?access_token=EAAB%20page%2Ftoken%2B1");
  EXPECT_EQ(call.content_type, "application/json");
  EXPECT_EQ(SentBody(0), json::parse(R"({"recipient":{"id":"1254477777772919"},
      "messaging_type":"RESPONSE",
      "message":{"text":"Is the knee swollen?",
        "quick_replies":[{"content_type":"text","title":"Yes","payload":"TRIAGE_YES"},
                         {"content_type":"text","title":"No","payload":"TRIAGE_NO"}]}})"));
}

TEST_F(MessengerChannelTest, TypedTextAndPostbacks) {
  Post(Webhook(json::array(
      {TextIn("m_1", "my knee hurts"),
       Event({{"postback", {{"mid", "m_2"}, {"title", "Start"}, {"payload", "/restart"}}}})})));
  ASSERT_EQ(turns_.seen().size(), 2u);
  EXPECT_EQ(turns_.seen()[0].text, "my knee hurts");
  EXPECT_EQ(turns_.seen()[0].id, "m_1");
  EXPECT_EQ(turns_.seen()[1].text, "/restart");
  EXPECT_EQ(turns_.seen()[1].id, "m_2");
  EXPECT_EQ(http_.calls().size(), 2u);
}

TEST_F(MessengerChannelTest, APostbackWithoutMidIsDedupedByWhatItIs) {
  json postback = Event({{"postback", {{"title", "Get Started"}, {"payload", "GET_STARTED"}}}});
  const std::string body = Webhook(json::array({postback}));
  Post(body);
  Post(body);  // Meta's retry
  ASSERT_EQ(turns_.seen().size(), 1u);
  EXPECT_EQ(turns_.seen()[0].text, "GET_STARTED");
  EXPECT_FALSE(turns_.seen()[0].id.empty());
  // The same button tapped again later is a new event.
  postback["timestamp"] = 1458692759999;
  Post(Webhook(json::array({postback})));
  ASSERT_EQ(turns_.seen().size(), 2u);
  EXPECT_NE(turns_.seen()[1].id, turns_.seen()[0].id);
}

TEST_F(MessengerChannelTest, ARetriedMidRunsNoSecondTurn) {
  const std::string body = Webhook(json::array({TextIn("m_same", "hello")}));
  EXPECT_EQ(Post(body).status, 200);
  bool ran_later = true;
  EXPECT_EQ(Post(body, &ran_later).status, 200);
  EXPECT_FALSE(ran_later);
  EXPECT_EQ(turns_.seen().size(), 1u);
  EXPECT_EQ(http_.calls().size(), 1u);
}

TEST_F(MessengerChannelTest, EchoesReceiptsAndAttachmentsRunNoTurn) {
  json echo = Event({{"message", {{"mid", "m_e"}, {"is_echo", true}, {"app_id", 1517776481860111},
                                  {"text", "Is the knee swollen?"}}}},
                    "PAGE_ID");
  json delivery = Event({{"delivery", {{"mids", {"m_e"}}, {"watermark", 1458668856253}}}});
  json read = Event({{"read", {{"watermark", 1458668856253}}}});
  json image = Event({{"message", {{"mid", "m_i"},
                                   {"attachments", {{{"type", "image"},
                                                     {"payload", {{"url", "https://x"}}}}}}}}});
  bool ran_later = true;
  EXPECT_EQ(Post(Webhook(json::array({echo, delivery, read, image})), &ran_later).status, 200);
  EXPECT_FALSE(ran_later);
  EXPECT_EQ(Post(Webhook(json::array({TextIn("m_x", "hi")}), "instagram")).status, 200);
  EXPECT_EQ(Post(R"({"object":"page","entry":[{"messaging":{"not":"an array"}}]})").status, 200);
  EXPECT_TRUE(turns_.seen().empty());
  EXPECT_TRUE(http_.calls().empty());
}

TEST_F(MessengerChannelTest, BadSignatureIs401AndNothingRuns) {
  bool ran_later = true;
  EXPECT_EQ(test::Deliver(*channel_, test::SignedPost(kRoute, kQuickReplyBody, "other"),
                          &ran_later)
                .status,
            401);
  EXPECT_FALSE(ran_later);
  HttpRequest unsigned_req = test::SignedPost(kRoute, kQuickReplyBody);
  unsigned_req.headers.pop_back();
  EXPECT_EQ(test::Deliver(*channel_, unsigned_req).status, 401);
  EXPECT_TRUE(turns_.seen().empty());
  EXPECT_TRUE(http_.calls().empty());
}

TEST_F(MessengerChannelTest, MalformedJsonIs400) {
  EXPECT_EQ(Post("{not json").status, 400);
  EXPECT_EQ(Post("\"page\"").status, 400);
  EXPECT_TRUE(turns_.seen().empty());
}

TEST_F(MessengerChannelTest, OversizeTextIsSplitWithQuickRepliesOnTheLastPart) {
  Reply reply;
  reply.messages = {"Call 999 now: " + std::string(1500, 'a'), std::string(1500, 'b'),
                    "Can you reach a phone?"};
  reply.quick_replies = {{"Yes", "/yes"}, {"No", "/no"}};
  turns_.Enqueue(reply);
  Post(Webhook(json::array({TextIn("m_1", "x")})));
  ASSERT_EQ(http_.calls().size(), 2u);
  const std::string first = SentBody(0)["message"]["text"];
  const std::string second = SentBody(1)["message"]["text"];
  EXPECT_LE(first.size(), 2000u);
  EXPECT_LE(second.size(), 2000u);
  EXPECT_EQ(first.rfind("Call 999 now", 0), 0u);  // the emergency bubble stays first
  EXPECT_FALSE(SentBody(0)["message"].contains("quick_replies"));
  EXPECT_EQ(SentBody(1)["message"]["quick_replies"].size(), 2u);
  EXPECT_EQ(second.substr(second.size() - 22), "Can you reach a phone?");
}

TEST_F(MessengerChannelTest, ThirteenQuickRepliesThenNumberedText) {
  Reply reply;
  reply.messages = {"Pick one"};
  reply.quick_replies = test::Options(13);
  turns_.Enqueue(reply);
  Post(Webhook(json::array({TextIn("m_1", "x")})));
  EXPECT_EQ(SentBody(0)["message"]["quick_replies"].size(), 13u);

  reply.quick_replies = test::Options(14);
  turns_.Enqueue(reply);
  Post(Webhook(json::array({TextIn("m_2", "x")})));
  json m = SentBody(1)["message"];
  EXPECT_FALSE(m.contains("quick_replies"));
  EXPECT_NE(m["text"].get<std::string>().find("\n14. Option 14"), std::string::npos);

  Post(Webhook(json::array({TextIn("m_3", "3")})));
  ASSERT_EQ(turns_.seen().size(), 3u);
  EXPECT_FALSE(turns_.seen()[0].options_by_number);
  EXPECT_FALSE(turns_.seen()[1].options_by_number);  // after quick replies
  EXPECT_TRUE(turns_.seen()[2].options_by_number);   // after numbered text
}

TEST_F(MessengerChannelTest, LongTitlesAreShortenedToTwentyCharacters) {
  Reply reply;
  reply.messages = {"What makes it worse?"};
  reply.quick_replies = {{"Sitting a long time", "/worse=sitting"},
                         {"Nothing in particular", "/worse=nothing"}};
  turns_.Enqueue(reply);
  Post(Webhook(json::array({TextIn("m_1", "x")})));
  json q = SentBody(0)["message"]["quick_replies"];
  EXPECT_EQ(q[0]["title"], "Sitting a long time");
  EXPECT_EQ(q[1]["title"], "Nothing in particul\xE2\x80\xA6");
  EXPECT_EQ(q[1]["payload"], "/worse=nothing");
}

TEST_F(MessengerChannelTest, Handshake) {
  HttpResponse ok = test::Deliver(
      *channel_, test::Get(kRoute, "hub.mode=subscribe&hub.challenge=1158201444&"
                                   "hub.verify_token=meatyhamhock"));
  EXPECT_EQ(ok.status, 200);
  EXPECT_EQ(ok.body, "1158201444");
  EXPECT_EQ(test::Deliver(*channel_, test::Get(kRoute, "hub.mode=subscribe&hub.challenge=1&"
                                                       "hub.verify_token=x"))
                .status,
            403);
  EXPECT_EQ(channel_->name(), "messenger");
}

TEST(MessengerFactoryTest, DisabledPartlySetAndRegistered) {
  std::unique_ptr<Channel> channel;
  ASSERT_KNEEBOT_OK(MakeMessengerChannel(test::MapEnvironment({}), {}, &channel));
  EXPECT_EQ(channel, nullptr);

  Status s = MakeMessengerChannel(
      test::MapEnvironment({{"KNEEBOT_MESSENGER_PAGE_TOKEN", "t"},
                            {"KNEEBOT_MESSENGER_VERIFY_TOKEN", "v"}}),
      {}, &channel);
  EXPECT_TRUE(s.IsInvalidArgument());
  EXPECT_NE(s.message().find("KNEEBOT_MESSENGER_APP_SECRET"), std::string::npos) << s.message();
  EXPECT_EQ(channel, nullptr);

  FakeTurns turns;
  RecordingHttp http;
  ChannelServices services{&turns, &http, nullptr, nullptr};
  std::vector<std::unique_ptr<Channel>> enabled;
  ASSERT_KNEEBOT_OK(MakeEnabledChannels(
      AllChannels(),
      test::MapEnvironment({{"KNEEBOT_MESSENGER_PAGE_TOKEN", "t"},
                            {"KNEEBOT_MESSENGER_APP_SECRET", "s"},
                            {"KNEEBOT_MESSENGER_VERIFY_TOKEN", "v"},
                            {"KNEEBOT_GRAPH_API_URL", "http://127.0.0.1:1/v1"}}),
      services, &enabled));
  bool found = false;
  for (const auto& c : enabled) found = found || c->name() == "messenger";
  EXPECT_TRUE(found);
}

}  // namespace
}  // namespace kneebot
