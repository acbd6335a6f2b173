// Both Meta channels end to end over real HTTP: a signed webhook in, the turn, and the
// reply arriving at a loopback fake of the Graph API through the server's HttpsClient
// (adapters/outbound/), so URL, headers and body are checked as they go on the wire.
#include <gtest/gtest.h>

#include <chrono>
#include <nlohmann/json.hpp>
#include <string>

#include "adapters/messenger/messenger_channel.h"
#include "adapters/outbound/https_client.h"
#include "adapters/replay_guard.h"
#include "adapters/whatsapp/whatsapp_channel.h"
#include "tests/adapters/meta/meta_fakes.h"
#include "tests/testing/fake_clock.h"
#include "tests/testing/fake_http_server.h"
#include "tests/testing/status_matchers.h"

namespace kneebot {
namespace {

using namespace std::chrono_literals;
using nlohmann::json;

class MetaEndToEndTest : public ::testing::Test {
 protected:
  void SetUp() override {
    ASSERT_KNEEBOT_OK(graph_.Start());
    HttpsClientOptions o;
    o.max_retries = 0;
    o.total_timeout = 5s;
    ASSERT_KNEEBOT_OK(HttpsClient::Create(o, &http_));
    services_ = {&turns_, http_.get(), &replays_, &clock_};
  }

  test::FakeHttpServer graph_;
  std::unique_ptr<HttpsClient> http_;
  test::FakeTurns turns_;
  test::FakeClock clock_;
  MemoryReplayGuard replays_{&clock_, std::chrono::hours(48), 1000};
  ChannelServices services_;
};

TEST_F(MetaEndToEndTest, WhatsAppTextInButtonsOut) {
  std::unique_ptr<Channel> channel;
  ASSERT_KNEEBOT_OK(MakeWhatsAppChannel(
      test::MapEnvironment({{"KNEEBOT_WHATSAPP_ACCESS_TOKEN", "wa-access-token"},
                            {"KNEEBOT_WHATSAPP_APP_SECRET", test::kAppSecret},
                            {"KNEEBOT_WHATSAPP_VERIFY_TOKEN", test::kVerifyToken},
                            {"KNEEBOT_WHATSAPP_PHONE_NUMBER_ID", "106540352242922"},
                            {"KNEEBOT_GRAPH_API_URL", graph_.url() + "/v21.0"}}),
      services_, &channel));
  Reply reply;
  reply.messages = {"Is the knee swollen?"};
  reply.quick_replies = {{"Yes", "/swelling=yes"}, {"No", "/swelling=no"}};
  turns_.Enqueue(reply);
  graph_.Enqueue({.status = 200,
                  .body = R"({"messaging_product":"whatsapp","messages":[{"id":"wamid.OUT"}]})"});

  json inbound = {
      {"object", "whatsapp_business_account"},
      {"entry",
       {{{"id", "1"},
         {"changes",
          {{{"field", "messages"},
            {"value",
             {{"metadata", {{"phone_number_id", "106540352242922"}}},
              {"messages",
               {{{"from", "16505551234"}, {"id", "wamid.IN"}, {"type", "text"},
                 {"text", {{"body", "my knee hurts"}}}}}}}}}}}}}}};
  HttpResponse r =
      test::Deliver(*channel, test::SignedPost("/webhooks/whatsapp/webhook", inbound.dump()));
  EXPECT_EQ(r.status, 200);
  ASSERT_EQ(turns_.seen().size(), 1u);
  EXPECT_EQ(turns_.seen()[0].text, "my knee hurts");

  ASSERT_TRUE(graph_.WaitForRequests(1, 5s));
  const test::RecordedRequest sent = graph_.requests()[0];
  EXPECT_EQ(sent.method, "POST");
  EXPECT_EQ(sent.target, "/v21.0/106540352242922/messages");
  EXPECT_EQ(sent.Header("authorization"), "Bearer wa-access-token");
  EXPECT_EQ(sent.Header("content-type").rfind("application/json", 0), 0u);
  json body = json::parse(sent.body);
  EXPECT_EQ(body["to"], "16505551234");
  EXPECT_EQ(body["interactive"]["type"], "button");
  EXPECT_EQ(body["interactive"]["action"]["buttons"][1]["reply"]["id"], "/swelling=no");
}

TEST_F(MetaEndToEndTest, MessengerQuickReplyInQuickRepliesOut) {
  std::unique_ptr<Channel> channel;
  ASSERT_KNEEBOT_OK(MakeMessengerChannel(
      test::MapEnvironment({{"KNEEBOT_MESSENGER_PAGE_TOKEN", "page-token"},
                            {"KNEEBOT_MESSENGER_APP_SECRET", test::kAppSecret},
                            {"KNEEBOT_MESSENGER_VERIFY_TOKEN", test::kVerifyToken},
                            {"KNEEBOT_GRAPH_API_URL", graph_.url() + "/v21.0"}}),
      services_, &channel));
  Reply reply;
  reply.messages = {"How old are you?"};
  reply.quick_replies = {{"Under 16", "/age=14"}, {"16 to 34", "/age=25"}};
  turns_.Enqueue(reply);
  graph_.Enqueue({.status = 200, .body = R"({"recipient_id":"1254477777772919","message_id":"m"})"});

  // channels.md §5.4's quick-reply tap, signed as there.
  const std::string inbound =
      R"({"object":"page","entry":[{"id":"PAGE_ID","time":1458692752478,"messaging":[{"sender":{"id":"1254477777772919"},"recipient":{"id":"PAGE_ID"},"timestamp":1458692752478,"message":{"mid":"mid.1457764197618:41d102a3e1ae206a38","text":"Yes","quick_reply":{"payload":"TRIAGE_YES"}}}]}]})";
  HttpResponse r = test::Deliver(
      *channel,
      test::SignedPost("/webhooks/messenger/webhook", inbound, "",
                       std::string("sha256=5572660fdee38a471e51f02d3566ec0f7323ecb18f218f"
                                   "840149abec9f6ac968")));
  EXPECT_EQ(r.status, 200);
  ASSERT_EQ(turns_.seen().size(), 1u);
  EXPECT_EQ(turns_.seen()[0].text, "TRIAGE_YES");

  ASSERT_TRUE(graph_.WaitForRequests(1, 5s));
  const test::RecordedRequest sent = graph_.requests()[0];
  EXPECT_EQ(sent.target, "/v21.0/me/messages?access_token=page-token");
  json body = json::parse(sent.body);
  EXPECT_EQ(body, json::parse(R"({"recipient":{"id":"1254477777772919"},
      "messaging_type":"RESPONSE",
      "message":{"text":"How old are you?",
        "quick_replies":[{"content_type":"text","title":"Under 16","payload":"/age=14"},
                         {"content_type":"text","title":"16 to 34","payload":"/age=25"}]}})"));
}

}  // namespace
}  // namespace kneebot
