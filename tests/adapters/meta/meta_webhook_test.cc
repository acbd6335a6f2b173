// The shared Graph-webhook mechanics (adapters/meta/): X-Hub-Signature-256 against
// channels.md §5.4's known answers, the verify handshake, option titles and the memory
// of numbered options.
#include "adapters/meta/meta_webhook.h"

#include <gtest/gtest.h>

#include <string>

#include "adapters/meta/graph_config.h"
#include "adapters/meta/numbered_sessions.h"
#include "adapters/meta/option_title.h"
#include "tests/adapters/meta/meta_fakes.h"

namespace kneebot {
namespace {

using meta::HubSignature;
using meta::HubSignatureValid;

// channels.md §5.4, byte for byte.
constexpr char kWhatsAppText[] =
    R"({"object":"whatsapp_business_account","entry":[{"id":"102290129340398","changes":[{"value":{"messaging_product":"whatsapp","metadata":{"display_phone_number":"15550783881","phone_number_id":"106540352242922"},"contacts":[{"profile":{"name":"Sheena Nelson"},"wa_id":"16505551234"}],"messages":[{"from":"16505551234","id":"wamid.HBgLMTY1MDM4Nzk0MzkVAgASGBQzQTRBNjU5OUFFRTAzODEwMTQ0RgA=","timestamp":"1749416383","type":"text","text":{"body":"Does it come in another color?"}}]},"field":"messages"}]}]})";
constexpr char kWhatsAppTextSig[] =
    "sha256=ded1d1d9621cffa39832ccf2b330fa476b4dc8ec2a5d102e1e554312b3f21d42";
constexpr char kWhatsAppButton[] =
    R"({"object":"whatsapp_business_account","entry":[{"id":"102290129340398","changes":[{"value":{"messaging_product":"whatsapp","metadata":{"display_phone_number":"15550783881","phone_number_id":"106540352242922"},"contacts":[{"profile":{"name":"Sheena Nelson"},"wa_id":"16505551234"}],"messages":[{"context":{"from":"15550783881","id":"wamid.OUT1"},"from":"16505551234","id":"wamid.IN2","timestamp":"1749416400","type":"interactive","interactive":{"type":"button_reply","button_reply":{"id":"triage_yes","title":"Yes"}}}]},"field":"messages"}]}]})";
constexpr char kWhatsAppButtonSig[] =
    "sha256=d750fa469f3da7d247d1dbf88ce62fc51b4403486d57e0835a97e42010058fb1";
constexpr char kEscaped[] = R"({"text":"Kn\u00e4 schmerzt"})";
constexpr char kEscapedSig[] =
    "sha256=1a54a11dff6a6cc05f8d736c6eae64633c876215b266723e48967c8bdb62c278";
constexpr char kUtf8[] = "{\"text\":\"Kn\xC3\xA4 schmerzt\"}";
constexpr char kUtf8Sig[] =
    "sha256=a9d3a78704690c5ca8b2f53fae6bbbcd1d29ca8aec37d4fbaa8d4416d1516d47";
constexpr char kMessengerQuickReply[] =
    R"({"object":"page","entry":[{"id":"PAGE_ID","time":1458692752478,"messaging":[{"sender":{"id":"1254477777772919"},"recipient":{"id":"PAGE_ID"},"timestamp":1458692752478,"message":{"mid":"mid.1457764197618:41d102a3e1ae206a38","text":"Yes","quick_reply":{"payload":"TRIAGE_YES"}}}]}]})";
constexpr char kMessengerQuickReplySig[] =
    "sha256=5572660fdee38a471e51f02d3566ec0f7323ecb18f218f840149abec9f6ac968";

TEST(HubSignatureTest, KnownAnswers) {
  EXPECT_EQ(HubSignature("test_app_secret", kWhatsAppText), kWhatsAppTextSig);
  EXPECT_EQ(HubSignature("test_app_secret", kWhatsAppButton), kWhatsAppButtonSig);
  EXPECT_EQ(HubSignature("test_app_secret", kEscaped), kEscapedSig);
  EXPECT_EQ(HubSignature("test_app_secret", kUtf8), kUtf8Sig);
  EXPECT_EQ(HubSignature("test_app_secret", kMessengerQuickReply), kMessengerQuickReplySig);
  // GitHub's published vector for the same construction.
  EXPECT_EQ(HubSignature("It's a Secret to Everybody", "Hello, World!"),
            "sha256=757107ea0eb2509fc211221cce984b8a37570b6d7586c22c46f4379c8b043e17");
}

TEST(HubSignatureTest, AcceptsTheRightSignatureOnly) {
  EXPECT_TRUE(HubSignatureValid("test_app_secret", kWhatsAppText, kWhatsAppTextSig));
  EXPECT_TRUE(HubSignatureValid("test_app_secret", kMessengerQuickReply, kMessengerQuickReplySig));
  EXPECT_FALSE(HubSignatureValid("other_secret", kWhatsAppText, kWhatsAppTextSig));
  EXPECT_FALSE(HubSignatureValid("test_app_secret", kWhatsAppButton, kWhatsAppTextSig));
  EXPECT_FALSE(HubSignatureValid("test_app_secret", kWhatsAppText, ""));
  // Without the scheme prefix, with another scheme, truncated or with a byte more.
  const std::string hex = std::string(kWhatsAppTextSig).substr(7);
  EXPECT_FALSE(HubSignatureValid("test_app_secret", kWhatsAppText, hex));
  EXPECT_FALSE(HubSignatureValid("test_app_secret", kWhatsAppText, "sha1=" + hex));
  EXPECT_FALSE(HubSignatureValid("test_app_secret", kWhatsAppText,
                                 std::string(kWhatsAppTextSig).substr(0, 70)));
  EXPECT_FALSE(HubSignatureValid("test_app_secret", kWhatsAppText,
                                 std::string(kWhatsAppTextSig) + "0"));
}

TEST(HubSignatureTest, UpperCaseHexIsAccepted) {
  std::string upper = "sha256=" + std::string(kWhatsAppTextSig).substr(7);
  for (size_t i = 7; i < upper.size(); ++i) upper[i] = static_cast<char>(std::toupper(upper[i]));
  EXPECT_TRUE(HubSignatureValid("test_app_secret", kWhatsAppText, upper));
}

// Meta signs its \u00e4 escape; the decoded, re-encoded UTF-8 body must not validate.
TEST(HubSignatureTest, RawBytesNotReencodedJson) {
  EXPECT_TRUE(HubSignatureValid("test_app_secret", kEscaped, kEscapedSig));
  EXPECT_FALSE(HubSignatureValid("test_app_secret", kUtf8, kEscapedSig));
  EXPECT_FALSE(HubSignatureValid("test_app_secret", kEscaped, kUtf8Sig));
}

TEST(VerifyHandshakeTest, AnswersTheChallengeForTheRightToken) {
  HttpResponse r = meta::AnswerVerifyHandshake(
      test::Get("/webhooks/whatsapp/webhook",
                "hub.mode=subscribe&hub.challenge=1158201444&hub.verify_token=meatyhamhock"),
      "meatyhamhock");
  EXPECT_EQ(r.status, 200);
  EXPECT_EQ(r.body, "1158201444");
  EXPECT_EQ(r.content_type, "text/plain");
}

TEST(VerifyHandshakeTest, RefusesAnythingElse) {
  const char* kQueries[] = {
      "hub.mode=subscribe&hub.challenge=1158201444&hub.verify_token=wrong",
      "hub.mode=subscribe&hub.challenge=1158201444&hub.verify_token=meatyhamhoc",
      "hub.mode=subscribe&hub.challenge=1158201444",
      "hub.mode=unsubscribe&hub.challenge=1158201444&hub.verify_token=meatyhamhock",
      "hub.challenge=1158201444&hub.verify_token=meatyhamhock",
      "",
  };
  for (const char* q : kQueries) {
    HttpResponse r = meta::AnswerVerifyHandshake(test::Get("/x", q), "meatyhamhock");
    EXPECT_EQ(r.status, 403) << q;
    EXPECT_EQ(r.body.find("1158201444"), std::string::npos) << q;
  }
}

TEST(VerifyHandshakeTest, PercentEncodedTokenAndNoChallenge) {
  HttpResponse r = meta::AnswerVerifyHandshake(
      test::Get("/x", "hub.mode=subscribe&hub.challenge=abc%2Bdef&hub.verify_token=a%20b"),
      "a b");
  EXPECT_EQ(r.status, 200);
  EXPECT_EQ(r.body, "abc+def");
  EXPECT_EQ(meta::AnswerVerifyHandshake(
                test::Get("/x", "hub.mode=subscribe&hub.verify_token=a%20b"), "a b")
                .status,
            400);
}

TEST(OptionTitleTest, FitsTitlesByCharacters) {
  EXPECT_EQ(meta::FitOptionTitle("Yes", 20), "Yes");
  EXPECT_EQ(meta::FitOptionTitle("Inner side, just below the joint", 24),
            "Inner side, just below\xE2\x80\xA6");
  EXPECT_EQ(meta::FitOptionTitle("Front, around the kneecap", 24), "Front, around the\xE2\x80\xA6");
  // No word break: cut mid-word.
  EXPECT_EQ(meta::FitOptionTitle("Supercalifragilisticexpialidocious", 20),
            "Supercalifragilisti\xE2\x80\xA6");
  // Non-ASCII counts as one character each and is never cut in half.
  const std::string umlauts = "\xC3\xA4\xC3\xA4\xC3\xA4\xC3\xA4\xC3\xA4";  // 5 chars, 10 bytes
  EXPECT_EQ(meta::FitOptionTitle(umlauts, 5), umlauts);
  EXPECT_EQ(meta::FitOptionTitle(umlauts, 4), "\xC3\xA4\xC3\xA4\xC3\xA4\xE2\x80\xA6");
  for (size_t max : {5u, 20u, 24u}) {
    EXPECT_LE(meta::Utf8Length(meta::FitOptionTitle("Nothing in particular at all, really", max)),
              max);
  }
}

TEST(OptionTitleTest, DistinctAfterFitting) {
  EXPECT_TRUE(meta::FittedTitlesDistinct(test::Options(10), 20));
  std::vector<QuickReply> same = {{"Pain when climbing stairs up", "/a"},
                                  {"Pain when climbing stairs down", "/b"}};
  EXPECT_FALSE(meta::FittedTitlesDistinct(same, 20));
  EXPECT_TRUE(meta::FittedTitlesDistinct(same, 40));
}

TEST(NumberedSessionsTest, RemembersOnlyNumberedAndIsBounded) {
  meta::NumberedSessions numbered(2);
  EXPECT_FALSE(numbered.Get("a"));
  numbered.Set("a", true);
  EXPECT_TRUE(numbered.Get("a"));
  numbered.Set("a", false);
  EXPECT_FALSE(numbered.Get("a"));
  numbered.Set("b", true);
  numbered.Set("c", true);
  numbered.Set("d", true);  // past capacity: the oldest goes
  EXPECT_TRUE(numbered.Get("d"));
  EXPECT_FALSE(numbered.Get("b"));
}

TEST(GraphConfigTest, UrlIdsAndEscaping) {
  std::string url;
  ASSERT_TRUE(meta::GraphApiUrl("x", {}, &url).ok());
  EXPECT_EQ(url, "https://graph.facebook.com/v21.0");
  ASSERT_TRUE(meta::GraphApiUrl("x", {{"KNEEBOT_GRAPH_API_URL", "http://127.0.0.1:9/v1/"}}, &url)
                  .ok());
  EXPECT_EQ(url, "http://127.0.0.1:9/v1");
  Status bad = meta::GraphApiUrl("x", {{"KNEEBOT_GRAPH_API_URL", "graph.facebook.com"}}, &url);
  EXPECT_TRUE(bad.IsInvalidArgument());
  EXPECT_NE(bad.message().find("KNEEBOT_GRAPH_API_URL"), std::string::npos);
  EXPECT_TRUE(meta::IsPathSafeId("106540352242922"));
  EXPECT_FALSE(meta::IsPathSafeId("../me"));
  EXPECT_FALSE(meta::IsPathSafeId("1?x=2"));
  EXPECT_FALSE(meta::IsPathSafeId(""));
  EXPECT_EQ(meta::QueryEscape("EAAb+c/d=e&f"), "EAAb%2Bc%2Fd%3De%26f");
}

}  // namespace
}  // namespace kneebot
