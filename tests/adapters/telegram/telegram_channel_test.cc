// The Telegram channel over its seam: a recording turn runner, the real HttpsClient and a
// fake Bot API (tests/testing/fake_http_server.h) on loopback. Payloads: channels.md 1.5.
#include "adapters/telegram/telegram_channel.h"

#include <gtest/gtest.h>
#include <spdlog/sinks/ostream_sink.h>
#include <spdlog/spdlog.h>

#include <chrono>
#include <map>
#include <nlohmann/json.hpp>
#include <sstream>
#include <tuple>

#include "adapters/channels.h"
#include "adapters/outbound/https_client.h"
#include "adapters/replay_guard.h"
#include "adapters/telegram/telegram_messages.h"
#include "adapters/telegram/telegram_update.h"
#include "tests/adapters/recording_fakes.h"
#include "tests/testing/fake_clock.h"
#include "tests/testing/fake_http_server.h"
#include "tests/testing/status_matchers.h"

namespace kneebot {
namespace {

using namespace std::chrono_literals;
using nlohmann::json;
using test::FakeHttpServer;
using test::RecordedRequest;

constexpr char kToken[] = "123456:AAbb_cc-DD";
constexpr char kSecret[] = "kneebot_Secret-123";

// channels.md 1.5, verbatim.
constexpr char kTextUpdate[] =
    R"({"update_id":10000,"message":{"date":1441645532,"chat":{"last_name":"Test Lastname","id":1111111,"type":"private","first_name":"Test","username":"Test"},"message_id":1365,"from":{"last_name":"Test Lastname","id":1111111,"is_bot":false,"first_name":"Test","username":"Test"},"text":"/start"}})";
constexpr char kCallbackUpdate[] =
    R"({"update_id":10001,"callback_query":{"id":"4382bfdwdsb323b2d9","from":{"id":1111111,"is_bot":false,"first_name":"Test"},"message":{"message_id":1366,"date":1441645600,"chat":{"id":1111111,"type":"private"},"text":"Is the knee swollen?"},"chat_instance":"-7052847654328","data":"triage_yes"}})";

Environment EnvOf(std::map<std::string, std::string> vars) {
  return [vars = std::move(vars)](std::string_view name) -> std::optional<std::string> {
    auto it = vars.find(std::string(name));
    if (it == vars.end()) return std::nullopt;
    return it->second;
  };
}

HttpRequest Webhook(std::string body, std::string secret = kSecret) {
  HttpRequest r;
  r.method = "POST";
  r.path = "/webhooks/telegram/webhook";
  r.headers = {{"content-type", "application/json"}};
  if (!secret.empty()) r.headers.emplace_back("x-telegram-bot-api-secret-token", secret);
  r.body = std::move(body);
  return r;
}

Reply KneeQuestion() {
  Reply r;
  r.messages = {"Thanks. Let's look at your knee.", "Is the knee swollen?"};
  r.quick_replies = {{"Yes", "/swelling=yes"}, {"No", "/swelling=no"}, {"Not sure", "/swelling=unsure"}};
  return r;
}

class TelegramChannelTest : public ::testing::Test {
 protected:
  void SetUp() override {
    ASSERT_KNEEBOT_OK(api_.Start());
    HttpsClientOptions o;
    o.initial_backoff = 1ms;
    o.max_backoff = 2ms;
    ASSERT_KNEEBOT_OK(HttpsClient::Create(o, &http_));
    services_ = {&turns_, http_.get(), &replays_, &clock_};
    turns_.set_reply(KneeQuestion());
    // The trailing slash is dropped.
    ASSERT_KNEEBOT_OK(MakeTelegramChannel(EnvOf({{"KNEEBOT_TELEGRAM_BOT_TOKEN", kToken},
                                                 {"KNEEBOT_TELEGRAM_SECRET_TOKEN", kSecret},
                                                 {"KNEEBOT_TELEGRAM_API_URL", api_.url() + "/"}}),
                                          services_, &channel_));
    ASSERT_NE(channel_, nullptr);
  }

  // Handle, then what the server would run after the response.
  HttpResponse Deliver(const HttpRequest& req, bool* had_later = nullptr) {
    std::function<void()> later;
    HttpResponse r = channel_->Handle(req, &later);
    if (had_later != nullptr) *had_later = static_cast<bool>(later);
    if (later) later();
    return r;
  }

  std::string MethodTarget(const std::string& method) const {
    return std::string("/bot") + kToken + "/" + method;
  }

  FakeHttpServer api_;
  std::unique_ptr<HttpsClient> http_;
  test::RecordingTurnRunner turns_;
  test::FakeClock clock_;
  MemoryReplayGuard replays_{&clock_, std::chrono::hours(24), 1000};
  ChannelServices services_;
  std::unique_ptr<Channel> channel_;
};

TEST_F(TelegramChannelTest, ATextMessageRunsOneTurnAndSendsTheReplyWithButtons) {
  bool had_later = false;
  HttpResponse r = Deliver(Webhook(kTextUpdate), &had_later);
  EXPECT_EQ(r.status, 200);
  EXPECT_EQ(r.body, "{}");
  EXPECT_TRUE(had_later);  // the turn runs after the 200

  std::vector<Activity> got = turns_.activities();
  ASSERT_EQ(got.size(), 1u);
  EXPECT_EQ(got[0].channel_id, "telegram");
  EXPECT_EQ(got[0].text, "/start");
  EXPECT_EQ(got[0].id, "10000");
  EXPECT_EQ(got[0].session_id, ChannelSessionId("telegram", "1111111"));
  EXPECT_TRUE(got[0].open_with_session_id);

  std::vector<RecordedRequest> sent = api_.requests();
  ASSERT_EQ(sent.size(), 1u);
  EXPECT_EQ(sent[0].method, "POST");
  EXPECT_EQ(sent[0].target, MethodTarget("sendMessage"));
  EXPECT_EQ(sent[0].Header("content-type"), "application/json");
  json body = json::parse(sent[0].body);
  EXPECT_EQ(body["chat_id"], 1111111);
  EXPECT_EQ(body["text"], "Thanks. Let's look at your knee.\n\nIs the knee swollen?");
  EXPECT_FALSE(body.contains("parse_mode"));
  EXPECT_EQ(body["reply_markup"],
            json::parse(R"({"inline_keyboard":[
              [{"text":"Yes","callback_data":"/swelling=yes"},{"text":"No","callback_data":"/swelling=no"}],
              [{"text":"Not sure","callback_data":"/swelling=unsure"}]]})"));
}

TEST_F(TelegramChannelTest, ACallbackQueryIsAnsweredAndRunsATurnWithItsData) {
  HttpResponse r = Deliver(Webhook(kCallbackUpdate));
  EXPECT_EQ(r.status, 200);

  std::vector<Activity> got = turns_.activities();
  ASSERT_EQ(got.size(), 1u);
  EXPECT_EQ(got[0].text, "triage_yes");
  EXPECT_EQ(got[0].id, "10001");
  EXPECT_EQ(got[0].session_id, ChannelSessionId("telegram", "1111111"));

  std::vector<RecordedRequest> sent = api_.requests();
  ASSERT_EQ(sent.size(), 2u);
  EXPECT_EQ(sent[0].target, MethodTarget("answerCallbackQuery"));  // first: stops the spinner
  EXPECT_EQ(json::parse(sent[0].body), json::parse(R"({"callback_query_id":"4382bfdwdsb323b2d9"})"));
  EXPECT_EQ(sent[1].target, MethodTarget("sendMessage"));
  EXPECT_EQ(json::parse(sent[1].body)["chat_id"], 1111111);
}

TEST_F(TelegramChannelTest, AWrongOrMissingSecretIs401WithNoTurnAndNothingSent) {
  for (const std::string secret : {"", "kneebot_Secret-124", "kneebot_Secret-1234", "x"}) {
    bool had_later = true;
    HttpResponse r = Deliver(Webhook(kTextUpdate, secret), &had_later);
    EXPECT_EQ(r.status, 401) << secret;
    EXPECT_FALSE(had_later);
  }
  EXPECT_TRUE(turns_.activities().empty());
  EXPECT_TRUE(api_.requests().empty());
  // A refused delivery does not use up its update_id.
  EXPECT_EQ(Deliver(Webhook(kTextUpdate)).status, 200);
  EXPECT_EQ(turns_.activities().size(), 1u);
}

TEST_F(TelegramChannelTest, AReplayedUpdateRunsNoSecondTurn) {
  EXPECT_EQ(Deliver(Webhook(kTextUpdate)).status, 200);
  bool had_later = true;
  HttpResponse again = Deliver(Webhook(kTextUpdate), &had_later);
  EXPECT_EQ(again.status, 200);  // else Telegram keeps resending
  EXPECT_FALSE(had_later);
  EXPECT_EQ(turns_.activities().size(), 1u);
  EXPECT_EQ(api_.requests().size(), 1u);
}

TEST_F(TelegramChannelTest, AMalformedBodyIs400) {
  for (const char* body : {"{", "not json", "[]", "42", R"({"message":{"text":"hi"}})",
                           R"({"update_id":"10000","message":{}})"}) {
    bool had_later = true;
    EXPECT_EQ(Deliver(Webhook(body), &had_later).status, 400) << body;
    EXPECT_FALSE(had_later);
  }
  EXPECT_TRUE(turns_.activities().empty());
  EXPECT_TRUE(api_.requests().empty());
}

TEST_F(TelegramChannelTest, NonTextUpdatesAre200WithNoTurn) {
  for (const char* body : {
           // a photo: no text
           R"({"update_id":20000,"message":{"message_id":1,"date":1,"chat":{"id":5,"type":"private"},"photo":[{"file_id":"x","file_unique_id":"y","width":1,"height":1}]}})",
           // a sticker
           R"({"update_id":20001,"message":{"message_id":2,"date":1,"chat":{"id":5,"type":"private"},"sticker":{"file_id":"s"}}})",
           // an edit of an earlier message
           R"({"update_id":20002,"edited_message":{"message_id":3,"date":1,"chat":{"id":5,"type":"private"},"text":"knee"}})",
           // the bot blocked
           R"({"update_id":20003,"my_chat_member":{"chat":{"id":5,"type":"private"}}})",
           // a message with no chat
           R"({"update_id":20004,"message":{"text":"hi"}})",
       }) {
    bool had_later = true;
    HttpResponse r = Deliver(Webhook(body), &had_later);
    EXPECT_EQ(r.status, 200) << body;
    EXPECT_FALSE(had_later) << body;
  }
  EXPECT_TRUE(turns_.activities().empty());
  EXPECT_TRUE(api_.requests().empty());
}

TEST_F(TelegramChannelTest, OtherRoutesAndMethods) {
  HttpRequest r = Webhook(kTextUpdate);
  r.path = "/webhooks/telegram/other";
  EXPECT_EQ(Deliver(r).status, 404);
  r = Webhook(kTextUpdate);
  r.method = "PUT";
  EXPECT_EQ(Deliver(r).status, 405);
  EXPECT_TRUE(turns_.activities().empty());
}

TEST_F(TelegramChannelTest, ALongReplyIsSplitInOrderWithTheEmergencyFirstAndButtonsLast) {
  Reply reply;
  reply.messages.push_back("Call 999 now: a cold, numb foot after a knee injury is an emergency.");
  std::string advice;
  while (advice.size() < 6000) advice += "Keep the leg still and wait for the ambulance. ";
  reply.messages.push_back(advice);
  reply.quick_replies = {{"I have called", "/called=yes"}};
  reply.triage = Triage{TriageLevel::kEmergency, {"E2"}};
  turns_.set_reply(reply);

  Deliver(Webhook(kTextUpdate));
  std::vector<RecordedRequest> sent = api_.requests();
  ASSERT_GE(sent.size(), 2u);
  std::string all;
  for (size_t i = 0; i < sent.size(); ++i) {
    json m = json::parse(sent[i].body);
    EXPECT_EQ(sent[i].target, MethodTarget("sendMessage"));
    EXPECT_EQ(m["chat_id"], 1111111);
    EXPECT_LE(m["text"].get<std::string>().size(), 4096u);
    EXPECT_EQ(m.contains("reply_markup"), i + 1 == sent.size()) << i;
    all += m["text"].get<std::string>();
  }
  EXPECT_EQ(json::parse(sent[0].body)["text"].get<std::string>().rfind("Call 999 now", 0), 0u);
  // Nothing lost or reordered: the same words, only the breaks between parts differ.
  auto words = [](std::string t) {
    std::erase_if(t, [](char c) { return c == ' ' || c == '\n'; });
    return t;
  };
  EXPECT_EQ(words(all), words(reply.messages[0] + advice));
}

TEST_F(TelegramChannelTest, APartThatFailsStopsTheRest) {
  // A later part must never arrive without the one before it.
  Reply reply;
  reply.messages = {std::string(3000, 'a'), std::string(3000, 'b')};
  turns_.set_reply(reply);
  api_.SetDefault({.status = 400, .body = R"({"ok":false,"error_code":400})"});
  Deliver(Webhook(kTextUpdate));
  EXPECT_EQ(api_.requests().size(), 1u);
}

TEST_F(TelegramChannelTest, AFailedTurnGetsAnApology) {
  turns_.set_status(Status::Internal("store down"));
  Deliver(Webhook(kTextUpdate));
  std::vector<RecordedRequest> sent = api_.requests();
  ASSERT_EQ(sent.size(), 1u);
  json body = json::parse(sent[0].body);
  EXPECT_EQ(body["chat_id"], 1111111);
  EXPECT_NE(body["text"].get<std::string>().find("went wrong"), std::string::npos);
}

TEST_F(TelegramChannelTest, NeitherTheTokenNorTheTextIsLogged) {
  std::ostringstream captured;
  auto sink = std::make_shared<spdlog::sinks::ostream_sink_mt>(captured);
  auto saved_default = spdlog::default_logger();
  auto saved_net = spdlog::get("net");
  spdlog::drop("net");
  spdlog::set_default_logger(std::make_shared<spdlog::logger>("test", sink));
  spdlog::register_logger(std::make_shared<spdlog::logger>("net", sink));

  api_.SetDefault({.status = 500, .body = R"({"ok":false,"error_code":500,"description":"x"})"});
  Deliver(Webhook(kTextUpdate));                                // sendMessage fails (retried)
  Deliver(Webhook(kCallbackUpdate));                            // both calls fail
  api_.Stop();
  Deliver(Webhook(std::string(kTextUpdate).replace(14, 1, "9")));  // no server at all

  spdlog::drop("net");
  if (saved_net) spdlog::register_logger(saved_net);
  spdlog::set_default_logger(saved_default);

  const std::string log = captured.str();
  EXPECT_NE(log.find("sendMessage"), std::string::npos) << log;  // failures are logged
  EXPECT_EQ(log.find("123456"), std::string::npos) << log;
  EXPECT_EQ(log.find("AAbb"), std::string::npos) << log;
  EXPECT_EQ(log.find("/bot"), std::string::npos) << log;
  EXPECT_EQ(log.find("swollen"), std::string::npos) << log;
  EXPECT_EQ(log.find("/start"), std::string::npos) << log;
  EXPECT_EQ(log.find("triage_yes"), std::string::npos) << log;
  EXPECT_EQ(log.find(kSecret), std::string::npos) << log;
}

// Rendering details (no server).

TEST(TelegramMessagesTest, ALongPayloadFallsBackToTheTitleThenIsLeftOut) {
  const std::string long_payload = "/" + std::string(70, 'p');
  EXPECT_EQ(TelegramCallbackData({"Yes", "/x=yes"}), "/x=yes");
  EXPECT_EQ(TelegramCallbackData({"Yes", long_payload}), "Yes");
  EXPECT_EQ(TelegramCallbackData({std::string(65, 't'), long_payload}), "");
  EXPECT_EQ(TelegramCallbackData({"Yes", ""}), "Yes");
  EXPECT_EQ(TelegramCallbackData({"Yes", std::string(64, 'p')}), std::string(64, 'p'));

  json kb = TelegramInlineKeyboard({{"Yes", long_payload}, {std::string(65, 't'), long_payload}});
  EXPECT_EQ(kb, json::parse(R"({"inline_keyboard":[[{"text":"Yes","callback_data":"Yes"}]]})"));
  EXPECT_TRUE(TelegramInlineKeyboard({}).is_null());
}

TEST(TelegramMessagesTest, LongTitlesGetARowEach) {
  json kb = TelegramInlineKeyboard({{"On the inner side of the knee", "/location=medial"},
                                    {"Outer side", "/location=lateral"}});
  ASSERT_EQ(kb["inline_keyboard"].size(), 2u);
  EXPECT_EQ(kb["inline_keyboard"][0].size(), 1u);
}

TEST(TelegramMessagesTest, AnEmptyReplySendsNothing) {
  EXPECT_TRUE(TelegramMessages(1, Reply{}).empty());
  Reply only_options;
  only_options.quick_replies = {{"Yes", "/a=yes"}, {"No", "/a=no"}};
  std::vector<json> m = TelegramMessages(7, only_options);
  ASSERT_EQ(m.size(), 1u);
  EXPECT_EQ(m[0]["text"], "1. Yes\n2. No");
  EXPECT_TRUE(m[0].contains("reply_markup"));
}

TEST(TelegramUpdateTest, ReadsTheRecordedPayloads) {
  TelegramUpdate u;
  ASSERT_KNEEBOT_OK(ParseTelegramUpdate(kTextUpdate, &u));
  EXPECT_EQ(u.kind, TelegramUpdate::Kind::kText);
  EXPECT_EQ(u.update_id, 10000);
  EXPECT_EQ(u.chat_id, 1111111);
  EXPECT_EQ(u.text, "/start");
  ASSERT_KNEEBOT_OK(ParseTelegramUpdate(kCallbackUpdate, &u));
  EXPECT_EQ(u.kind, TelegramUpdate::Kind::kCallback);
  EXPECT_EQ(u.callback_query_id, "4382bfdwdsb323b2d9");
  EXPECT_EQ(u.text, "triage_yes");
  // Chat ids past 32 bits (supergroups are negative).
  ASSERT_KNEEBOT_OK(ParseTelegramUpdate(
      R"({"update_id":1,"message":{"chat":{"id":-1001234567890123},"text":"hi"}})", &u));
  EXPECT_EQ(u.chat_id, -1001234567890123);
}

// The factory.

TEST(MakeTelegramChannelTest, NoVariablesMeansDisabled) {
  std::unique_ptr<Channel> c;
  ASSERT_KNEEBOT_OK(MakeTelegramChannel(EnvOf({}), ChannelServices{}, &c));
  EXPECT_EQ(c, nullptr);
  // The API URL alone enables nothing.
  ASSERT_KNEEBOT_OK(MakeTelegramChannel(EnvOf({{"KNEEBOT_TELEGRAM_API_URL", "https://x"}}),
                                        ChannelServices{}, &c));
  EXPECT_EQ(c, nullptr);
}

TEST(MakeTelegramChannelTest, OneWithoutTheOtherNamesTheMissingOne) {
  std::unique_ptr<Channel> c;
  Status s = MakeTelegramChannel(EnvOf({{"KNEEBOT_TELEGRAM_BOT_TOKEN", kToken}}), ChannelServices{}, &c);
  EXPECT_TRUE(s.IsInvalidArgument());
  EXPECT_NE(s.message().find("KNEEBOT_TELEGRAM_SECRET_TOKEN"), std::string::npos) << s.message();
  EXPECT_EQ(s.message().find(kToken), std::string::npos);
  EXPECT_EQ(c, nullptr);

  s = MakeTelegramChannel(EnvOf({{"KNEEBOT_TELEGRAM_SECRET_TOKEN", kSecret}}), ChannelServices{}, &c);
  EXPECT_TRUE(s.IsInvalidArgument());
  EXPECT_NE(s.message().find("KNEEBOT_TELEGRAM_BOT_TOKEN"), std::string::npos) << s.message();
  EXPECT_EQ(s.message().find(kSecret), std::string::npos);
}

TEST(MakeTelegramChannelTest, BadValuesAreRefusedWithoutBeingRepeated) {
  test::RecordingTurnRunner turns;
  turns.set_reply(KneeQuestion());
  test::RecordingHttp http;
  test::FakeClock clock;
  MemoryReplayGuard replays(&clock, std::chrono::hours(1), 10);
  const ChannelServices services{&turns, &http, &replays, &clock};
  std::unique_ptr<Channel> c;
  for (const auto& [token, secret, url] : std::vector<std::tuple<std::string, std::string, std::string>>{
           {"123456:abc/../x", kSecret, ""},
           {"nocolon", kSecret, ""},
           {kToken, "has space", ""},
           {kToken, std::string(257, 'a'), ""},
           {kToken, kSecret, "ftp://api"},
       }) {
    std::map<std::string, std::string> env = {{"KNEEBOT_TELEGRAM_BOT_TOKEN", token},
                                              {"KNEEBOT_TELEGRAM_SECRET_TOKEN", secret}};
    if (!url.empty()) env["KNEEBOT_TELEGRAM_API_URL"] = url;
    Status s = MakeTelegramChannel(EnvOf(env), services, &c);
    EXPECT_TRUE(s.IsInvalidArgument()) << token << " " << secret << " " << url;
    EXPECT_EQ(s.message().find(token), std::string::npos) << s.message();
    EXPECT_EQ(s.message().find(secret), std::string::npos) << s.message();
  }
  // Defaults to the public API.
  ASSERT_KNEEBOT_OK(MakeTelegramChannel(EnvOf({{"KNEEBOT_TELEGRAM_BOT_TOKEN", kToken},
                                               {"KNEEBOT_TELEGRAM_SECRET_TOKEN", kSecret}}),
                                        services, &c));
  ASSERT_NE(c, nullptr);
  EXPECT_EQ(c->name(), "telegram");
  std::function<void()> later;
  ASSERT_EQ(c->Handle(Webhook(kTextUpdate), &later).status, 200);
  ASSERT_TRUE(later);
  later();
  ASSERT_EQ(http.calls().size(), 1u);
  EXPECT_EQ(http.calls()[0].url, std::string("https://api.telegram.org/bot") + kToken + "/sendMessage");
}

TEST(MakeTelegramChannelTest, IsRegistered) {
  bool found = false;
  for (const ChannelRegistration& r : AllChannels()) found = found || r.name == "telegram";
  EXPECT_TRUE(found);
}

}  // namespace
}  // namespace kneebot
