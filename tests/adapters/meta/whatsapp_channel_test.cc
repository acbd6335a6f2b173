// The WhatsApp channel through Channel::Handle, with a recording TurnRunner and
// OutboundHttp: what runs a turn (and with what), what is sent where, and what is
// refused (shared/channels.md §5.1-5.2).
#include "adapters/whatsapp/whatsapp_channel.h"

#include <gtest/gtest.h>

#include <nlohmann/json.hpp>
#include <spdlog/sinks/ostream_sink.h>
#include <spdlog/spdlog.h>
#include <sstream>
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

constexpr char kRoute[] = "/webhooks/whatsapp/webhook";
constexpr char kPhoneNumberId[] = "106540352242922";
constexpr char kUser[] = "16505551234";

// channels.md §5.4: the docs' text message, and its signature.
constexpr char kTextBody[] =
    R"({"object":"whatsapp_business_account","entry":[{"id":"102290129340398","changes":[{"value":{"messaging_product":"whatsapp","metadata":{"display_phone_number":"15550783881","phone_number_id":"106540352242922"},"contacts":[{"profile":{"name":"Sheena Nelson"},"wa_id":"16505551234"}],"messages":[{"from":"16505551234","id":"wamid.HBgLMTY1MDM4Nzk0MzkVAgASGBQzQTRBNjU5OUFFRTAzODEwMTQ0RgA=","timestamp":"1749416383","type":"text","text":{"body":"Does it come in another color?"}}]},"field":"messages"}]}]})";
constexpr char kTextSig[] =
    "sha256=ded1d1d9621cffa39832ccf2b330fa476b4dc8ec2a5d102e1e554312b3f21d42";
constexpr char kButtonBody[] =
    R"({"object":"whatsapp_business_account","entry":[{"id":"102290129340398","changes":[{"value":{"messaging_product":"whatsapp","metadata":{"display_phone_number":"15550783881","phone_number_id":"106540352242922"},"contacts":[{"profile":{"name":"Sheena Nelson"},"wa_id":"16505551234"}],"messages":[{"context":{"from":"15550783881","id":"wamid.OUT1"},"from":"16505551234","id":"wamid.IN2","timestamp":"1749416400","type":"interactive","interactive":{"type":"button_reply","button_reply":{"id":"triage_yes","title":"Yes"}}}]},"field":"messages"}]}]})";
constexpr char kButtonSig[] =
    "sha256=d750fa469f3da7d247d1dbf88ce62fc51b4403486d57e0835a97e42010058fb1";

// A webhook body with these messages[] (and statuses[]) for our number.
std::string Webhook(const json& messages, const json& statuses = json::array(),
                    const std::string& phone_number_id = kPhoneNumberId) {
  json value = {{"messaging_product", "whatsapp"},
                {"metadata", {{"display_phone_number", "15550783881"},
                              {"phone_number_id", phone_number_id}}}};
  if (!messages.empty()) value["messages"] = messages;
  if (!statuses.empty()) value["statuses"] = statuses;
  json body = {{"object", "whatsapp_business_account"},
               {"entry", json::array({{{"id", "102290129340398"},
                                       {"changes", json::array({{{"value", value},
                                                                 {"field", "messages"}}})}}})}};
  return body.dump();
}

json TextIn(const std::string& id, const std::string& text, const std::string& from = kUser) {
  return {{"from", from}, {"id", id}, {"timestamp", "1749416383"}, {"type", "text"},
          {"text", {{"body", text}}}};
}

class WhatsAppChannelTest : public ::testing::Test {
 protected:
  void SetUp() override { Make({}); }

  void Make(std::map<std::string, std::string> extra) {
    std::map<std::string, std::string> vars = {
        {"KNEEBOT_WHATSAPP_ACCESS_TOKEN", "wa-access-token"},
        {"KNEEBOT_WHATSAPP_APP_SECRET", test::kAppSecret},
        {"KNEEBOT_WHATSAPP_VERIFY_TOKEN", test::kVerifyToken},
        {"KNEEBOT_WHATSAPP_PHONE_NUMBER_ID", kPhoneNumberId}};
    for (auto& [k, v] : extra) vars[k] = v;
    channel_.reset();
    ASSERT_KNEEBOT_OK(MakeWhatsAppChannel(test::MapEnvironment(vars), services_, &channel_));
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

TEST_F(WhatsAppChannelTest, TextMessageRunsOneTurnAfterThe200AndSendsText) {
  turns_.Enqueue(FakeTurns::TextReply("Rest, ice and elevate for 48 h."));
  std::function<void()> later;
  HttpResponse r =
      channel_->Handle(test::SignedPost(kRoute, kTextBody, "", std::string(kTextSig)), &later);
  EXPECT_EQ(r.status, 200);
  // Acknowledged first: the turn and the reply wait for `later`.
  EXPECT_TRUE(turns_.seen().empty());
  ASSERT_TRUE(later);
  later();

  ASSERT_EQ(turns_.seen().size(), 1u);
  const Activity a = turns_.seen()[0];
  EXPECT_EQ(a.type, ActivityType::kMessage);
  EXPECT_EQ(a.channel_id, "whatsapp");
  EXPECT_EQ(a.session_id, ChannelSessionId("whatsapp", kUser));
  EXPECT_TRUE(a.open_with_session_id);
  EXPECT_EQ(a.id, "wamid.HBgLMTY1MDM4Nzk0MzkVAgASGBQzQTRBNjU5OUFFRTAzODEwMTQ0RgA=");
  EXPECT_EQ(a.text, "Does it come in another color?");
  EXPECT_FALSE(a.options_by_number);

  ASSERT_EQ(http_.calls().size(), 1u);
  const RecordingHttp::Call call = http_.calls()[0];
  EXPECT_EQ(call.url, "https://graph.facebook.com/v21.0/106540352242922/messages");
  EXPECT_EQ(call.Header("Authorization"), "Bearer wa-access-token");
  EXPECT_EQ(call.content_type, "application/json");
  EXPECT_EQ(SentBody(0), json::parse(R"({"messaging_product":"whatsapp",
      "recipient_type":"individual","to":"16505551234","type":"text",
      "text":{"body":"Rest, ice and elevate for 48 h."}})"));
}

TEST_F(WhatsAppChannelTest, ButtonReplyIdIsTheTurnsText) {
  HttpResponse r = test::Deliver(*channel_,
                                 test::SignedPost(kRoute, kButtonBody, "", std::string(kButtonSig)));
  EXPECT_EQ(r.status, 200);
  ASSERT_EQ(turns_.seen().size(), 1u);
  EXPECT_EQ(turns_.seen()[0].text, "triage_yes");
  EXPECT_EQ(turns_.seen()[0].id, "wamid.IN2");
  EXPECT_EQ(turns_.seen()[0].session_id, ChannelSessionId("whatsapp", kUser));
}

TEST_F(WhatsAppChannelTest, ListReplyIdAndTemplateButtonPayload) {
  json list = {{"from", kUser}, {"id", "wamid.L1"}, {"type", "interactive"},
               {"interactive", {{"type", "list_reply"},
                                {"list_reply", {{"id", "/duration=5"},
                                                {"title", "4 to 7 days ago"}}}}}};
  json tmpl = {{"from", kUser}, {"id", "wamid.T1"}, {"type", "button"},
               {"button", {{"payload", "/restart"}, {"text", "Start over"}}}};
  EXPECT_EQ(Post(Webhook(json::array({list, tmpl}))).status, 200);
  ASSERT_EQ(turns_.seen().size(), 2u);
  EXPECT_EQ(turns_.seen()[0].text, "/duration=5");
  EXPECT_EQ(turns_.seen()[1].text, "/restart");
}

TEST_F(WhatsAppChannelTest, UpToThreeOptionsAreReplyButtons) {
  Reply reply;
  reply.messages = {"Thanks.", "Is the knee swollen?"};
  reply.quick_replies = {{"No", "/swelling=no"}, {"Yes", "/swelling=yes"},
                         {"Not sure", "/swelling=unsure"}};
  turns_.Enqueue(reply);
  Post(Webhook(json::array({TextIn("wamid.A", "it hurts")})));
  ASSERT_EQ(http_.calls().size(), 1u);
  EXPECT_EQ(SentBody(0), json::parse(R"({"messaging_product":"whatsapp",
      "recipient_type":"individual","to":"16505551234","type":"interactive",
      "interactive":{"type":"button","body":{"text":"Thanks.\n\nIs the knee swollen?"},
        "action":{"buttons":[
          {"type":"reply","reply":{"id":"/swelling=no","title":"No"}},
          {"type":"reply","reply":{"id":"/swelling=yes","title":"Yes"}},
          {"type":"reply","reply":{"id":"/swelling=unsure","title":"Not sure"}}]}}})"));
}

TEST_F(WhatsAppChannelTest, FourToTenOptionsAreAListWithLongTitlesInFull) {
  Reply reply;
  reply.messages = {"Where is the pain?"};
  reply.quick_replies = {{"Inner side, at the joint", "/location=medial_joint"},
                         {"Inner side, just below the joint", "/location=medial_below"},
                         {"Outer side", "/location=lateral"},
                         {"Front, around the kneecap", "/location=front"}};
  turns_.Enqueue(reply);
  Post(Webhook(json::array({TextIn("wamid.A", "my knee")})));
  ASSERT_EQ(http_.calls().size(), 1u);
  json m = SentBody(0);
  EXPECT_EQ(m["type"], "interactive");
  const json& list = m["interactive"];
  EXPECT_EQ(list["type"], "list");
  EXPECT_EQ(list["body"]["text"], "Where is the pain?");
  EXPECT_FALSE(list["action"]["button"].get<std::string>().empty());
  const json& rows = list["action"]["sections"][0]["rows"];
  ASSERT_EQ(rows.size(), 4u);
  EXPECT_EQ(rows[0], json::parse(R"({"id":"/location=medial_joint","title":"Inner side, at the joint"})"));
  EXPECT_EQ(rows[1]["id"], "/location=medial_below");
  EXPECT_EQ(rows[1]["title"], "Inner side, just below\xE2\x80\xA6");
  EXPECT_EQ(rows[1]["description"], "Inner side, just below the joint");
  EXPECT_EQ(rows[3]["description"], "Front, around the kneecap");
  EXPECT_FALSE(rows[2].contains("description"));

  // Ten still fit a list.
  reply.quick_replies = test::Options(10);
  turns_.Enqueue(reply);
  Post(Webhook(json::array({TextIn("wamid.B", "x")})));
  EXPECT_EQ(SentBody(1)["interactive"]["action"]["sections"][0]["rows"].size(), 10u);
}

TEST_F(WhatsAppChannelTest, MoreThanTenOptionsAreNumberedTextAndANumberPicksOne) {
  Reply reply;
  reply.messages = {"What would you like to know?"};
  reply.quick_replies = test::Options(11);
  turns_.Enqueue(reply);
  Post(Webhook(json::array({TextIn("wamid.A", "menu")})));
  ASSERT_EQ(http_.calls().size(), 1u);
  json m = SentBody(0);
  EXPECT_EQ(m["type"], "text");
  const std::string text = m["text"]["body"];
  EXPECT_EQ(text.rfind("What would you like to know?\n\n1. Option 1\n2. Option 2\n", 0), 0u)
      << text;
  EXPECT_NE(text.find("\n11. Option 11"), std::string::npos);

  // The next message may be a bare number: the bot maps it to that option.
  turns_.Enqueue(FakeTurns::TextReply("ok"));
  Post(Webhook(json::array({TextIn("wamid.B", "2")})));
  ASSERT_EQ(turns_.seen().size(), 2u);
  EXPECT_TRUE(turns_.seen()[1].options_by_number);
  EXPECT_EQ(turns_.seen()[1].text, "2");
}

// After buttons or a list the person saw no numbers: "2" is an answer ("2 days"), not
// option 2.
TEST_F(WhatsAppChannelTest, AfterAListANumberIsReadAsWritten) {
  Reply reply;
  reply.messages = {"When did it start?"};
  reply.quick_replies = test::Options(6);
  turns_.Enqueue(reply);
  Post(Webhook(json::array({TextIn("wamid.A", "hi")})));
  Post(Webhook(json::array({TextIn("wamid.B", "2")})));
  ASSERT_EQ(turns_.seen().size(), 2u);
  EXPECT_FALSE(turns_.seen()[1].options_by_number);
}

TEST_F(WhatsAppChannelTest, TitlesTooLongForButtonsAreShortenedAndDuplicatesNumbered) {
  Reply reply;
  reply.messages = {"Which?"};
  reply.quick_replies = {{"Yes, normally and without pain", "/a"}, {"No", "/b"}};
  turns_.Enqueue(reply);
  Post(Webhook(json::array({TextIn("wamid.A", "x")})));
  json buttons = SentBody(0)["interactive"]["action"]["buttons"];
  ASSERT_EQ(buttons.size(), 2u);
  EXPECT_EQ(buttons[0]["reply"]["title"], "Yes, normally and\xE2\x80\xA6");

  // Titles that fit to the same label in a button and in a row: numbered instead.
  reply.quick_replies = {{"Pain when climbing stairs going up", "/up"},
                         {"Pain when climbing stairs going down", "/down"}};
  turns_.Enqueue(reply);
  Post(Webhook(json::array({TextIn("wamid.B", "x")})));
  EXPECT_EQ(SentBody(1)["type"], "text");
}

TEST_F(WhatsAppChannelTest, OversizeTextIsSplitInOrderUnderTheLimit) {
  std::string para1(3000, 'a');
  std::string para2(3000, 'b');
  turns_.Enqueue(FakeTurns::TextReply(para1 + "\n\n" + para2));
  Post(Webhook(json::array({TextIn("wamid.A", "x")})));
  ASSERT_EQ(http_.calls().size(), 2u);
  EXPECT_EQ(SentBody(0)["text"]["body"], para1);
  EXPECT_EQ(SentBody(1)["text"]["body"], para2);

  // One unbroken 9000-byte word: cut at the limit.
  turns_.Enqueue(FakeTurns::TextReply(std::string(9000, 'c')));
  Post(Webhook(json::array({TextIn("wamid.B", "x")})));
  ASSERT_EQ(http_.calls().size(), 5u);
  size_t total = 0;
  for (size_t i = 2; i < 5; ++i) {
    const std::string part = SentBody(i)["text"]["body"];
    EXPECT_LE(part.size(), 4096u);
    total += part.size();
  }
  EXPECT_EQ(total, 9000u);
}

// An emergency reply's first bubble names the number to call: it goes out first, even
// when the reply is too long for one interactive body.
TEST_F(WhatsAppChannelTest, EmergencyFirstBubbleStaysFirst) {
  Reply reply;
  reply.messages = {"Call 999 now: this could be a blood clot.", std::string(1500, 'x'),
                    "Can you reach a phone?"};
  reply.quick_replies = {{"Yes", "/yes"}, {"No", "/no"}};
  reply.triage = Triage{TriageLevel::kEmergency, {"calf"}};
  turns_.Enqueue(reply);
  Post(Webhook(json::array({TextIn("wamid.A", "calf swollen, short of breath")})));
  ASSERT_EQ(http_.calls().size(), 2u);
  json first = SentBody(0);
  EXPECT_EQ(first["type"], "text");
  EXPECT_EQ(first["text"]["body"].get<std::string>().rfind("Call 999 now", 0), 0u);
  json last = SentBody(1);
  EXPECT_EQ(last["type"], "interactive");
  EXPECT_EQ(last["interactive"]["body"]["text"], "Can you reach a phone?");

  // Short enough for one body: the first bubble opens it.
  reply.messages = {"Call 999 now.", "Can you reach a phone?"};
  turns_.Enqueue(reply);
  Post(Webhook(json::array({TextIn("wamid.B", "x")})));
  EXPECT_EQ(SentBody(2)["interactive"]["body"]["text"], "Call 999 now.\n\nCan you reach a phone?");
}

TEST_F(WhatsAppChannelTest, BadOrMissingSignatureIs401AndNothingRuns) {
  bool ran_later = true;
  HttpResponse r = test::Deliver(
      *channel_, test::SignedPost(kRoute, kTextBody, "wrong_secret"), &ran_later);
  EXPECT_EQ(r.status, 401);
  EXPECT_FALSE(ran_later);

  HttpRequest unsigned_req = test::SignedPost(kRoute, kTextBody);
  unsigned_req.headers.clear();
  EXPECT_EQ(test::Deliver(*channel_, unsigned_req).status, 401);

  // The signature of another body (a replayed header on a changed body).
  EXPECT_EQ(test::Deliver(*channel_, test::SignedPost(kRoute, kTextBody, "",
                                                      std::string(kButtonSig)))
                .status,
            401);
  EXPECT_TRUE(turns_.seen().empty());
  EXPECT_TRUE(http_.calls().empty());
}

TEST_F(WhatsAppChannelTest, ARetriedDeliveryRunsNoSecondTurn) {
  const std::string body = Webhook(json::array({TextIn("wamid.SAME", "hello")}));
  EXPECT_EQ(Post(body).status, 200);
  bool ran_later = true;
  EXPECT_EQ(Post(body, &ran_later).status, 200);  // Meta still gets its 200
  EXPECT_FALSE(ran_later);
  EXPECT_EQ(turns_.seen().size(), 1u);
  EXPECT_EQ(http_.calls().size(), 1u);
  // The same id inside a new batch is skipped too; a new id is not.
  Post(Webhook(json::array({TextIn("wamid.SAME", "hello"), TextIn("wamid.NEW", "again")})));
  ASSERT_EQ(turns_.seen().size(), 2u);
  EXPECT_EQ(turns_.seen()[1].id, "wamid.NEW");
}

TEST_F(WhatsAppChannelTest, StatusesOnlyAnd200NoTurn) {
  json statuses = json::array({{{"id", "wamid.OUT"}, {"status", "delivered"},
                                {"timestamp", "1749416400"}, {"recipient_id", kUser}},
                               {{"id", "wamid.OUT"}, {"status", "read"},
                                {"timestamp", "1749416401"}, {"recipient_id", kUser}}});
  bool ran_later = true;
  EXPECT_EQ(Post(Webhook(json::array(), statuses), &ran_later).status, 200);
  EXPECT_FALSE(ran_later);
  // Messages without text (an image, a reaction), another object, another number.
  json image = {{"from", kUser}, {"id", "wamid.I"}, {"type", "image"},
                {"image", {{"id", "123"}, {"mime_type", "image/jpeg"}}}};
  EXPECT_EQ(Post(Webhook(json::array({image}))).status, 200);
  EXPECT_EQ(Post(R"({"object":"page","entry":[]})").status, 200);
  EXPECT_EQ(Post(Webhook(json::array({TextIn("wamid.O", "hi")}), json::array(), "999")).status,
            200);
  // Odd shapes are skipped, not fatal.
  EXPECT_EQ(Post(R"({"object":"whatsapp_business_account","entry":{"x":1}})").status, 200);
  EXPECT_EQ(Post(R"({"object":"whatsapp_business_account","entry":[{"changes":[{"value":{"messages":[{"from":5,"id":"w","type":"text","text":{"body":"x"}}]}}]}]})")
                .status,
            200);
  EXPECT_TRUE(turns_.seen().empty());
  EXPECT_TRUE(http_.calls().empty());
}

TEST_F(WhatsAppChannelTest, MalformedJsonIs400) {
  EXPECT_EQ(Post("{\"object\":").status, 400);
  EXPECT_EQ(Post("[1,2]").status, 400);
  EXPECT_EQ(Post("").status, 400);
  EXPECT_TRUE(turns_.seen().empty());
}

TEST_F(WhatsAppChannelTest, HandshakeRoutesAndMethods) {
  HttpResponse ok = test::Deliver(
      *channel_, test::Get(kRoute, "hub.mode=subscribe&hub.challenge=1158201444&"
                                   "hub.verify_token=meatyhamhock"));
  EXPECT_EQ(ok.status, 200);
  EXPECT_EQ(ok.body, "1158201444");
  EXPECT_EQ(ok.content_type, "text/plain");
  EXPECT_EQ(test::Deliver(*channel_,
                          test::Get(kRoute, "hub.mode=subscribe&hub.challenge=1&"
                                            "hub.verify_token=nope"))
                .status,
            403);
  EXPECT_EQ(test::Deliver(*channel_, test::SignedPost("/webhooks/whatsapp/other", kTextBody))
                .status,
            404);
  HttpRequest put = test::SignedPost(kRoute, kTextBody);
  put.method = "PUT";
  EXPECT_EQ(test::Deliver(*channel_, put).status, 405);
  EXPECT_EQ(channel_->name(), "whatsapp");
}

TEST_F(WhatsAppChannelTest, GraphUrlOverrideAndARefusalStopsTheRest) {
  Make({{"KNEEBOT_GRAPH_API_URL", "http://127.0.0.1:8999/v99.0/"}});
  http_.Answer(400, R"({"error":{"message":"Re-engagement message","code":131047}})");
  turns_.Enqueue(FakeTurns::TextReply(std::string(3000, 'a') + "\n\n" + std::string(3000, 'b')));
  Post(Webhook(json::array({TextIn("wamid.A", "x")})));
  ASSERT_EQ(http_.calls().size(), 1u);  // the second part is not sent after a refusal
  EXPECT_EQ(http_.calls()[0].url, "http://127.0.0.1:8999/v99.0/106540352242922/messages");
}

// A refused reply is logged with the status and Graph's error code: never the token,
// the URL, the person's number or what was said.
TEST_F(WhatsAppChannelTest, ARefusalIsLoggedWithoutTextOrSecrets) {
  std::ostringstream log;
  auto saved = spdlog::default_logger();
  spdlog::set_default_logger(std::make_shared<spdlog::logger>(
      "capture", std::make_shared<spdlog::sinks::ostream_sink_mt>(log)));
  http_.Answer(400, R"({"error":{"message":"Cannot send to 16505551234: my knee hurts",)"
                    R"("code":131047,"error_subcode":2494010}})");
  turns_.Enqueue(FakeTurns::TextReply("Rest the knee, my friend."));
  Post(Webhook(json::array({TextIn("wamid.A", "my knee hurts")})));
  spdlog::set_default_logger(saved);

  const std::string out = log.str();
  EXPECT_NE(out.find("HTTP 400"), std::string::npos) << out;
  EXPECT_NE(out.find("131047/2494010"), std::string::npos) << out;
  for (const char* secret : {"wa-access-token", "knee", "16505551234", "106540352242922",
                             "graph.facebook.com", "test_app_secret"}) {
    EXPECT_EQ(out.find(secret), std::string::npos) << secret << " in " << out;
  }
}

TEST_F(WhatsAppChannelTest, InvalidUtf8InAReplyIsReplacedNotThrown) {
  turns_.Enqueue(FakeTurns::TextReply("Rest \xFF the knee"));
  Post(Webhook(json::array({TextIn("wamid.A", "x")})));
  ASSERT_EQ(http_.calls().size(), 1u);
  EXPECT_EQ(SentBody(0)["text"]["body"], "Rest \xEF\xBF\xBD the knee");
}

TEST_F(WhatsAppChannelTest, AFailedTurnSendsNothing) {
  turns_.Fail(Status::Internal("boom"));
  EXPECT_EQ(Post(Webhook(json::array({TextIn("wamid.A", "x")}))).status, 200);
  EXPECT_EQ(turns_.seen().size(), 1u);
  EXPECT_TRUE(http_.calls().empty());
}

TEST(WhatsAppFactoryTest, NothingSetIsDisabled) {
  std::unique_ptr<Channel> channel;
  ASSERT_KNEEBOT_OK(MakeWhatsAppChannel(test::MapEnvironment({}), {}, &channel));
  EXPECT_EQ(channel, nullptr);
  // The shared optional variable alone does not enable it.
  ASSERT_KNEEBOT_OK(MakeWhatsAppChannel(
      test::MapEnvironment({{"KNEEBOT_GRAPH_API_URL", "https://graph.facebook.com/v22.0"}}), {},
      &channel));
  EXPECT_EQ(channel, nullptr);
}

TEST(WhatsAppFactoryTest, PartlySetNamesTheMissingVariable) {
  std::unique_ptr<Channel> channel;
  Status s = MakeWhatsAppChannel(
      test::MapEnvironment({{"KNEEBOT_WHATSAPP_ACCESS_TOKEN", "t"},
                            {"KNEEBOT_WHATSAPP_APP_SECRET", "s"},
                            {"KNEEBOT_WHATSAPP_VERIFY_TOKEN", "v"}}),
      {}, &channel);
  EXPECT_TRUE(s.IsInvalidArgument());
  EXPECT_NE(s.message().find("KNEEBOT_WHATSAPP_PHONE_NUMBER_ID"), std::string::npos) << s.message();
  EXPECT_EQ(s.message().find("\"t\""), std::string::npos);
  EXPECT_EQ(channel, nullptr);
}

TEST(WhatsAppFactoryTest, BadValuesAndMissingServices) {
  std::map<std::string, std::string> vars = {{"KNEEBOT_WHATSAPP_ACCESS_TOKEN", "t"},
                                             {"KNEEBOT_WHATSAPP_APP_SECRET", "s"},
                                             {"KNEEBOT_WHATSAPP_VERIFY_TOKEN", "v"},
                                             {"KNEEBOT_WHATSAPP_PHONE_NUMBER_ID", "1/../x"}};
  FakeTurns turns;
  RecordingHttp http;
  ChannelServices services{&turns, &http, nullptr, nullptr};
  std::unique_ptr<Channel> channel;
  EXPECT_FALSE(MakeWhatsAppChannel(test::MapEnvironment(vars), services, &channel).ok());
  vars["KNEEBOT_WHATSAPP_PHONE_NUMBER_ID"] = "123";
  vars["KNEEBOT_GRAPH_API_URL"] = "ftp://x";
  EXPECT_FALSE(MakeWhatsAppChannel(test::MapEnvironment(vars), services, &channel).ok());
  vars.erase("KNEEBOT_GRAPH_API_URL");
  EXPECT_FALSE(MakeWhatsAppChannel(test::MapEnvironment(vars), {}, &channel).ok());
  ASSERT_KNEEBOT_OK(MakeWhatsAppChannel(test::MapEnvironment(vars), services, &channel));
  EXPECT_NE(channel, nullptr);
}

TEST(WhatsAppFactoryTest, RegisteredInTheRegistry) {
  FakeTurns turns;
  RecordingHttp http;
  ChannelServices services{&turns, &http, nullptr, nullptr};
  std::vector<std::unique_ptr<Channel>> enabled;
  ASSERT_KNEEBOT_OK(MakeEnabledChannels(
      AllChannels(),
      test::MapEnvironment({{"KNEEBOT_WHATSAPP_ACCESS_TOKEN", "t"},
                            {"KNEEBOT_WHATSAPP_APP_SECRET", "s"},
                            {"KNEEBOT_WHATSAPP_VERIFY_TOKEN", "v"},
                            {"KNEEBOT_WHATSAPP_PHONE_NUMBER_ID", "123"}}),
      services, &enabled));
  bool found = false;
  for (const auto& c : enabled) found = found || c->name() == "whatsapp";
  EXPECT_TRUE(found);
}

}  // namespace
}  // namespace kneebot
