// The Twilio SMS channel over its seam: signed form posts in, TwiML out, the turn inline
// (fake TurnRunner); and the TwiML rendering.
#include "adapters/twilio/twilio_channel.h"

#include <gtest/gtest.h>

#include <chrono>
#include <map>
#include <optional>

#include "adapters/replay_guard.h"
#include "adapters/twilio/twilio_signature.h"
#include "adapters/twilio/twilio_twiml.h"
#include "tests/adapters/recording_fakes.h"
#include "tests/testing/fake_clock.h"
#include "tests/testing/status_matchers.h"

namespace kneebot {
namespace {

constexpr char kToken[] = "12345";
constexpr char kPublicUrl[] = "https://bot.example.org";
constexpr char kRoute[] = "/webhooks/twilio/webhook";
constexpr char kWebhookUrl[] = "https://bot.example.org/webhooks/twilio/webhook";

Environment Env(std::map<std::string, std::string> vars) {
  return [vars = std::move(vars)](std::string_view name) -> std::optional<std::string> {
    auto it = vars.find(std::string(name));
    if (it == vars.end()) return std::nullopt;
    return it->second;
  };
}

// A form body in Twilio's encoding: spaces as '+', reserved characters as %XX.
std::string Encode(std::string_view s) {
  static constexpr char kHex[] = "0123456789ABCDEF";
  std::string out;
  for (unsigned char c : s) {
    if (std::isalnum(c) || c == '-' || c == '_' || c == '.' || c == '~') {
      out += static_cast<char>(c);
    } else if (c == ' ') {
      out += '+';
    } else {
      out += '%';
      out += kHex[c >> 4];
      out += kHex[c & 15];
    }
  }
  return out;
}

FormParams Sms(std::string body, std::string sid = "SM0123456789abcdef0123456789abcdef",
               std::string from = "+15555550100") {
  return {{"ToCountry", "US"},         {"SmsMessageSid", sid},
          {"NumMedia", "0"},           {"Body", std::move(body)},
          {"To", "+15555550199"},      {"MessageSid", sid},
          {"AccountSid", "AC0123456789abcdef0123456789abcdef"},
          {"From", std::move(from)},   {"ApiVersion", "2010-04-01"}};
}

std::string FormBody(const FormParams& params) {
  std::string out;
  for (const auto& [name, value] : params) {
    if (!out.empty()) out += '&';
    out += Encode(name) + "=" + Encode(value);
  }
  return out;
}

class TwilioChannelTest : public ::testing::Test {
 protected:
  void SetUp() override {
    services_.turns = &turns_;
    services_.http = &http_;
    services_.replays = &replays_;
    services_.clock = &clock_;
    ASSERT_KNEEBOT_OK(MakeTwilioChannel(
        Env({{"KNEEBOT_TWILIO_AUTH_TOKEN", kToken}, {"KNEEBOT_PUBLIC_URL", kPublicUrl}}),
        services_, &channel_));
    ASSERT_NE(channel_, nullptr);
  }

  // Posted to the route, signed over `signed_url` (the public webhook URL by default).
  static HttpRequest Request(const FormParams& params, std::string signed_url = kWebhookUrl) {
    HttpRequest r;
    r.method = "POST";
    r.path = kRoute;
    r.headers = {{"content-type", "application/x-www-form-urlencoded"},
                 {"x-twilio-signature", TwilioSignature(kToken, signed_url, params)}};
    r.body = FormBody(params);
    return r;
  }

  HttpResponse Handle(const HttpRequest& req) {
    std::function<void()> later;
    HttpResponse r = channel_->Handle(req, &later);
    EXPECT_FALSE(later) << "SMS replies go in the TwiML response";
    return r;
  }

  static Reply QuestionReply() {
    Reply r;
    r.messages = {"Sorry to hear that.", "Is the knee swollen?"};
    r.quick_replies = {{"Yes", "yes"}, {"No", "no"}, {"Not sure", "unsure"}};
    return r;
  }

  test::FakeClock clock_;
  test::RecordingTurnRunner turns_;
  test::RecordingHttp http_;
  MemoryReplayGuard replays_{&clock_, std::chrono::hours(1), 1000};
  ChannelServices services_;
  std::unique_ptr<Channel> channel_;
};

constexpr char kEmpty[] = "<?xml version=\"1.0\" encoding=\"UTF-8\"?><Response/>";

TEST_F(TwilioChannelTest, SignedSmsGetsTheReplyAndNumberedOptionsAsTwiml) {
  turns_.set_reply(QuestionReply());
  HttpResponse r = Handle(Request(Sms("My knee hurts when I climb stairs")));
  EXPECT_EQ(r.status, 200);
  EXPECT_EQ(r.content_type, "text/xml");
  EXPECT_EQ(r.body,
            "<?xml version=\"1.0\" encoding=\"UTF-8\"?><Response><Message>Sorry to hear that.\n\n"
            "Is the knee swollen?\n\n1. Yes\n2. No\n3. Not sure</Message></Response>");
  ASSERT_EQ(turns_.activities().size(), 1u);
  const Activity a = turns_.activities()[0];
  EXPECT_EQ(a.channel_id, "twilio");
  EXPECT_EQ(a.text, "My knee hurts when I climb stairs");
  EXPECT_EQ(a.id, "SM0123456789abcdef0123456789abcdef");
  EXPECT_EQ(a.session_id, ChannelSessionId("twilio", "+15555550100"));
  EXPECT_TRUE(a.open_with_session_id);
  // A typed "2" picks option 2: the Bot maps it for activities marked so.
  EXPECT_TRUE(a.options_by_number);
  EXPECT_TRUE(http_.calls().empty());
}

TEST_F(TwilioChannelTest, ATypedNumberIsPassedOnAsTypedForTheBotToMap) {
  turns_.set_reply(QuestionReply());
  Handle(Request(Sms("2", "SM2")));
  ASSERT_EQ(turns_.activities().size(), 1u);
  EXPECT_EQ(turns_.activities()[0].text, "2");
  EXPECT_TRUE(turns_.activities()[0].options_by_number);
}

TEST_F(TwilioChannelTest, BadOrMissingSignatureIs403WithNoTurn) {
  HttpRequest wrong = Request(Sms("hello"));
  wrong.headers[1].second = TwilioSignature("another token", kWebhookUrl, Sms("hello"));
  EXPECT_EQ(Handle(wrong).status, 403);

  HttpRequest missing = Request(Sms("hello"));
  missing.headers.pop_back();
  EXPECT_EQ(Handle(missing).status, 403);

  // Signed over the server's local URL, not the public one Twilio calls.
  EXPECT_EQ(Handle(Request(Sms("hello"), "http://127.0.0.1:8080/webhooks/twilio/webhook")).status,
            403);

  // A parameter changed after signing.
  HttpRequest tampered = Request(Sms("hello"));
  tampered.body = FormBody(Sms("goodbye"));
  EXPECT_EQ(Handle(tampered).status, 403);
  EXPECT_TRUE(turns_.activities().empty());
}

TEST_F(TwilioChannelTest, QueryStringIsPartOfTheSignedUrl) {
  HttpRequest req = Request(Sms("hello"), std::string(kWebhookUrl) + "?clinic=north");
  req.query = "clinic=north";
  EXPECT_EQ(Handle(req).status, 200);
  req.query = "clinic=south";
  EXPECT_EQ(Handle(req).status, 403);
  EXPECT_EQ(turns_.activities().size(), 1u);
}

TEST_F(TwilioChannelTest, ReplayedMessageSidRunsNoSecondTurn) {
  turns_.set_reply(QuestionReply());
  const HttpRequest req = Request(Sms("My knee hurts"));
  EXPECT_NE(Handle(req).body, kEmpty);
  HttpResponse again = Handle(req);
  EXPECT_EQ(again.status, 200);
  EXPECT_EQ(again.content_type, "text/xml");
  EXPECT_EQ(again.body, kEmpty);
  EXPECT_EQ(turns_.activities().size(), 1u);
}

TEST_F(TwilioChannelTest, OptOutKeywordsRunNoTurn) {
  int n = 0;
  for (const char* word : {"STOP", "stop", " Stop\n", "STOPALL", "UNSUBSCRIBE", "CANCEL", "END",
                           "QUIT", "quit", "REVOKE", "OPTOUT"}) {
    HttpResponse r = Handle(Request(Sms(word, "SMstop" + std::to_string(n++))));
    EXPECT_EQ(r.status, 200) << word;
    EXPECT_EQ(r.body, kEmpty) << word;
  }
  EXPECT_TRUE(turns_.activities().empty());
}

TEST_F(TwilioChannelTest, KeywordsInsideASentenceAndHelpAreOrdinaryMessages) {
  turns_.set_reply(QuestionReply());
  int n = 0;
  for (const char* text : {"stop please", "I can't stop limping", "HELP", "info", "START", "yes"}) {
    HttpResponse r = Handle(Request(Sms(text, "SMtext" + std::to_string(n++))));
    EXPECT_NE(r.body, kEmpty) << text;
  }
  EXPECT_EQ(turns_.activities().size(), 6u);
}

TEST_F(TwilioChannelTest, ReplyTextIsXmlEscaped) {
  Reply reply;
  reply.messages = {"Pain <3 days & \"mild\" isn't > 7"};
  reply.quick_replies = {{"A & B", "ab"}};
  turns_.set_reply(reply);
  HttpResponse r = Handle(Request(Sms("hi")));
  EXPECT_EQ(r.body,
            "<?xml version=\"1.0\" encoding=\"UTF-8\"?><Response><Message>Pain &lt;3 days &amp; "
            "&quot;mild&quot; isn&apos;t &gt; 7\n\n1. A &amp; B</Message></Response>");
}

TEST_F(TwilioChannelTest, LongReplyIsSplitIntoMessagesOf1600EmergencyFirst) {
  Reply reply;
  std::string advice;
  while (advice.size() < 4000) advice += "Keep the leg still and do not walk on it. ";
  reply.messages = {"Call 911 now.", advice};
  turns_.set_reply(reply);
  const std::string body = Handle(Request(Sms("my leg is cold"))).body;
  std::vector<std::string> messages;
  for (size_t at = body.find("<Message>"); at != std::string::npos;
       at = body.find("<Message>", at + 1)) {
    const size_t end = body.find("</Message>", at);
    messages.push_back(body.substr(at + 9, end - at - 9));
  }
  ASSERT_GE(messages.size(), 3u);
  EXPECT_EQ(messages[0].rfind("Call 911 now.", 0), 0u);
  for (const std::string& m : messages) EXPECT_LE(m.size(), kTwilioMessageLimit);
}

TEST_F(TwilioChannelTest, NothingToSayIsAnEmptyResponse) {
  turns_.set_reply(Reply{});
  EXPECT_EQ(Handle(Request(Sms("hi"))).body, kEmpty);
}

TEST_F(TwilioChannelTest, MissingFromOrSidIs400AndAFailedTurn500) {
  FormParams no_from = Sms("hi");
  std::erase_if(no_from, [](const auto& p) { return p.first == "From"; });
  EXPECT_EQ(Handle(Request(no_from)).status, 400);
  FormParams no_sid = Sms("hi");
  std::erase_if(no_sid, [](const auto& p) { return p.first == "MessageSid"; });
  EXPECT_EQ(Handle(Request(no_sid)).status, 400);
  EXPECT_TRUE(turns_.activities().empty());

  turns_.set_status(Status::Internal("boom"));
  EXPECT_EQ(Handle(Request(Sms("hi", "SMfail"))).status, 500);
}

TEST_F(TwilioChannelTest, OnlyItsRouteAndPost) {
  HttpRequest req = Request(Sms("hi"));
  req.path = "/webhooks/twilio/voice";
  EXPECT_EQ(Handle(req).status, 404);
  req.path = kRoute;
  req.method = "GET";
  EXPECT_EQ(Handle(req).status, 405);
  EXPECT_TRUE(turns_.activities().empty());
}

TEST(TwilioTwimlTest, EscapesAndDropsWhatXmlCannotCarry) {
  EXPECT_EQ(XmlEscape("a<b>&'\"\x01\tc\n"), "a&lt;b&gt;&amp;&apos;&quot;\tc\n");
}

TEST(TwilioChannelFactoryTest, NothingSetIsDisabled) {
  std::unique_ptr<Channel> c;
  ASSERT_KNEEBOT_OK(MakeTwilioChannel(Env({}), ChannelServices{}, &c));
  EXPECT_EQ(c, nullptr);
}

TEST(TwilioChannelFactoryTest, TokenWithoutUrlNamesTheUrl) {
  std::unique_ptr<Channel> c;
  Status s = MakeTwilioChannel(Env({{"KNEEBOT_TWILIO_AUTH_TOKEN", kToken}}), ChannelServices{}, &c);
  EXPECT_FALSE(s.ok());
  EXPECT_NE(s.message().find("KNEEBOT_PUBLIC_URL"), std::string::npos) << s.ToString();
  EXPECT_EQ(s.message().find(kToken), std::string::npos);
  EXPECT_EQ(c, nullptr);
}

TEST(TwilioChannelFactoryTest, UrlAloneIsAnotherChannelsSettingAndLeavesTwilioOff) {
  std::unique_ptr<Channel> c;
  ASSERT_KNEEBOT_OK(MakeTwilioChannel(Env({{"KNEEBOT_PUBLIC_URL", kPublicUrl}}), ChannelServices{}, &c));
  EXPECT_EQ(c, nullptr);
}

TEST(TwilioChannelFactoryTest, BadUrlIsAnErrorAndATrailingSlashIsFine) {
  std::unique_ptr<Channel> c;
  Status s = MakeTwilioChannel(
      Env({{"KNEEBOT_TWILIO_AUTH_TOKEN", kToken}, {"KNEEBOT_PUBLIC_URL", "bot.example.org"}}),
      ChannelServices{}, &c);
  EXPECT_FALSE(s.ok());
  EXPECT_NE(s.message().find("KNEEBOT_PUBLIC_URL"), std::string::npos);

  test::FakeClock clock;
  test::RecordingTurnRunner turns;
  MemoryReplayGuard replays(&clock, std::chrono::hours(1), 100);
  ChannelServices services{&turns, nullptr, &replays, &clock};
  ASSERT_KNEEBOT_OK(MakeTwilioChannel(
      Env({{"KNEEBOT_TWILIO_AUTH_TOKEN", kToken}, {"KNEEBOT_PUBLIC_URL", "https://bot.example.org/"}}),
      services, &c));
  ASSERT_NE(c, nullptr);
  EXPECT_EQ(c->name(), "twilio");
  HttpRequest req;
  req.method = "POST";
  req.path = kRoute;
  req.headers = {{"x-twilio-signature", TwilioSignature(kToken, kWebhookUrl, Sms("hi"))}};
  req.body = FormBody(Sms("hi"));
  EXPECT_EQ(c->Handle(req, nullptr).status, 200);
}

}  // namespace
}  // namespace kneebot
