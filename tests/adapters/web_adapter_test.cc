// The native protocol codec: every malformed frame kind, every field of the
// reply and error frames, and null handling, against shared/protocol.md.
#include "adapters/web_adapter.h"

#include <gtest/gtest.h>

#include <nlohmann/json.hpp>
#include <string>

#include "tests/testing/status_matchers.h"

namespace kneebot {
namespace {

using nlohmann::json;

Activity ParseOk(std::string_view frame) {
  WebAdapter web;
  Activity a;
  ProtocolError error;
  EXPECT_TRUE(web.ParseFrame(frame, &a, &error))
      << frame << " -> " << error.message;
  return a;
}

TEST(WebAdapterTest, ParsesMessage) {
  Activity a =
      ParseOk(R"({"type":"message","id":"c7","text":"my knee hurts"})");
  EXPECT_EQ(a.type, ActivityType::kMessage);
  EXPECT_EQ(a.id, "c7");
  EXPECT_EQ(a.text, "my knee hurts");
  EXPECT_EQ(a.channel_id, "web");
  EXPECT_EQ(a.session_id, "");
}

TEST(WebAdapterTest, ParsesMessageWithoutId) {
  Activity a = ParseOk(R"({"type":"message","text":"/location=front"})");
  EXPECT_EQ(a.id, "");
  EXPECT_EQ(a.text, "/location=front");
}

TEST(WebAdapterTest, ParsesHelloWithSessionAndLocale) {
  Activity a = ParseOk(
      R"({"type":"hello","session":"6f1c","locale":"en-GB","id":"h1"})");
  EXPECT_EQ(a.type, ActivityType::kHello);
  EXPECT_EQ(a.session_id, "6f1c");
  EXPECT_EQ(a.locale, "en-GB");
  EXPECT_EQ(a.id, "h1");
}

TEST(WebAdapterTest, HelloDefaultsAndNullsMeanAbsent) {
  Activity a = ParseOk(R"({"type":"hello"})");
  EXPECT_EQ(a.type, ActivityType::kHello);
  EXPECT_EQ(a.session_id, "");
  EXPECT_EQ(a.locale, "en");
  EXPECT_EQ(a.id, "");

  Activity b =
      ParseOk(R"({"type":"hello","session":null,"locale":null,"id":null})");
  EXPECT_EQ(b.session_id, "");
  EXPECT_EQ(b.locale, "en");
  EXPECT_EQ(b.id, "");
}

TEST(WebAdapterTest, ParsesRestartAndIgnoresUnknownFields) {
  Activity a =
      ParseOk(R"({"type":"restart","id":"r1","future_field":{"x":1}})");
  EXPECT_EQ(a.type, ActivityType::kRestart);
  EXPECT_EQ(a.id, "r1");
}

TEST(WebAdapterTest, AcceptsTextAtTheLimitCountingCodePoints) {
  WebAdapter web(WebAdapterOptions{.max_text_chars = 5});
  Activity a;
  ProtocolError error;
  // Five code points, eleven bytes: the limit is on characters, not bytes.
  json frame = {{"type", "message"},
                {"text", "\u00e9\u00e9\u00e9\u00e9\u00e9"}};
  EXPECT_TRUE(web.ParseFrame(frame.dump(), &a, &error)) << error.message;
  frame["text"] = "\u00e9\u00e9\u00e9\u00e9\u00e9\u00e9";
  EXPECT_FALSE(web.ParseFrame(frame.dump(), &a, &error));
  EXPECT_EQ(error.code, ProtocolErrorCode::kBadFrame);
}

// Every malformed frame kind, with the error code and whether reply_to is
// known.
TEST(WebAdapterTest, RejectsMalformedFrames) {
  static const struct {
    const char* frame;
    ProtocolErrorCode code;
    const char* reply_to;  // nullptr: the id could not be read
  } kCases[] = {
      {"", ProtocolErrorCode::kBadJson, nullptr},
      {"{", ProtocolErrorCode::kBadJson, nullptr},
      {"not json", ProtocolErrorCode::kBadJson, nullptr},
      {R"({"type":"message","text":"hi",})", ProtocolErrorCode::kBadJson,
       nullptr},
      {"[1,2]", ProtocolErrorCode::kBadFrame, nullptr},
      {"\"message\"", ProtocolErrorCode::kBadFrame, nullptr},
      {"42", ProtocolErrorCode::kBadFrame, nullptr},
      {"null", ProtocolErrorCode::kBadFrame, nullptr},
      {R"({})", ProtocolErrorCode::kBadFrame, nullptr},
      {R"({"id":"a1"})", ProtocolErrorCode::kBadFrame, "a1"},
      {R"({"type":7,"id":"a2"})", ProtocolErrorCode::kBadFrame, "a2"},
      {R"({"type":"shout","id":"a3"})", ProtocolErrorCode::kBadFrame, "a3"},
      {R"({"type":"Message","id":"a4","text":"hi"})",
       ProtocolErrorCode::kBadFrame, "a4"},
      {R"({"type":"message","id":"a5"})", ProtocolErrorCode::kBadFrame, "a5"},
      {R"({"type":"message","id":"a6","text":null})",
       ProtocolErrorCode::kBadFrame, "a6"},
      {R"({"type":"message","id":"a7","text":42})",
       ProtocolErrorCode::kBadFrame, "a7"},
      {R"({"type":"message","id":"a8","text":["hi"]})",
       ProtocolErrorCode::kBadFrame, "a8"},
      {R"({"type":"message","id":"a9","text":""})",
       ProtocolErrorCode::kBadFrame, "a9"},
      {R"({"type":"message","id":"b1","text":"  \n\t "})",
       ProtocolErrorCode::kBadFrame, "b1"},
      {R"({"type":"message","id":5,"text":"hi"})", ProtocolErrorCode::kBadFrame,
       nullptr},
      {R"({"type":"message","id":{"x":1},"text":"hi"})",
       ProtocolErrorCode::kBadFrame, nullptr},
      {R"({"type":"hello","id":"b2","session":12})",
       ProtocolErrorCode::kBadFrame, "b2"},
      {R"({"type":"hello","id":"b3","locale":false})",
       ProtocolErrorCode::kBadFrame, "b3"},
      {R"({"type":"restart","id":true})", ProtocolErrorCode::kBadFrame,
       nullptr},
  };
  WebAdapter web;
  for (const auto& c : kCases) {
    SCOPED_TRACE(c.frame);
    Activity a;
    ProtocolError error;
    ASSERT_FALSE(web.ParseFrame(c.frame, &a, &error));
    EXPECT_EQ(error.code, c.code);
    EXPECT_FALSE(error.message.empty());
    if (c.reply_to == nullptr) {
      EXPECT_FALSE(error.reply_to.has_value());
    } else {
      ASSERT_TRUE(error.reply_to.has_value());
      EXPECT_EQ(*error.reply_to, c.reply_to);
    }
  }
}

TEST(WebAdapterTest, RejectsTextOverTheDefaultLimit) {
  WebAdapter web;
  Activity a;
  ProtocolError error;
  json frame = {
      {"type", "message"}, {"id", "long"}, {"text", std::string(2000, 'x')}};
  EXPECT_TRUE(web.ParseFrame(frame.dump(), &a, &error));
  frame["text"] = std::string(2001, 'x');
  ASSERT_FALSE(web.ParseFrame(frame.dump(), &a, &error));
  EXPECT_EQ(error.code, ProtocolErrorCode::kBadFrame);
  EXPECT_EQ(error.reply_to, "long");
}

TEST(WebAdapterTest, RejectsOverlongIdsWithoutEchoingThem) {
  WebAdapter web;
  Activity a;
  ProtocolError error;
  json frame = {
      {"type", "message"}, {"id", std::string(129, 'i')}, {"text", "hi"}};
  ASSERT_FALSE(web.ParseFrame(frame.dump(), &a, &error));
  EXPECT_EQ(error.code, ProtocolErrorCode::kBadFrame);
  EXPECT_FALSE(error.reply_to.has_value());

  json hello = {
      {"type", "hello"}, {"id", "h"}, {"session", std::string(129, 's')}};
  ASSERT_FALSE(web.ParseFrame(hello.dump(), &a, &error));
  EXPECT_EQ(error.reply_to, "h");
}

TEST(WebAdapterTest, ErrorMessagesDoNotEchoClientInput) {
  WebAdapter web;
  Activity a;
  ProtocolError error;
  ASSERT_FALSE(web.ParseFrame(R"({"type":"<script>x</script>"})", &a, &error));
  EXPECT_EQ(error.message.find("script"), std::string::npos);
}

Reply FullReply() {
  Reply r;
  r.session_id = "6f1c";
  r.messages = {"Thanks.", "Where is the pain?"};
  r.quick_replies = {{"Inside", "/location=inside"},
                     {"Front", "/location=front"}};
  r.expecting = "location";
  r.triage =
      Triage{TriageLevel::kUrgent, {"knee gave way", "swelled within hours"}};
  r.conditions = {{"acl_injury", "ACL injury", "a pop and fast swelling"},
                  {"meniscus_tear", "Meniscus tear", "twisting injury"}};
  r.ended = true;
  r.asks = {"location"};
  r.scope = Scope::kKnee;
  r.rule_ids = {"U2"};  // audit only: never rendered
  return r;
}

TEST(WebAdapterTest, RendersEveryReplyField) {
  json j = json::parse(WebAdapter::RenderReply(FullReply(), "c7"));
  EXPECT_EQ(j, json::parse(R"({
    "type": "reply",
    "reply_to": "c7",
    "session": "6f1c",
    "messages": [{"text": "Thanks."}, {"text": "Where is the pain?"}],
    "quick_replies": [{"title": "Inside", "payload": "/location=inside"},
                      {"title": "Front", "payload": "/location=front"}],
    "expecting": "location",
    "triage": {"level": "urgent", "reasons": ["knee gave way", "swelled within hours"]},
    "conditions": [{"id": "acl_injury", "name": "ACL injury", "why": "a pop and fast swelling"},
                   {"id": "meniscus_tear", "name": "Meniscus tear", "why": "twisting injury"}],
    "ended": true,
    "asks": ["location"],
    "scope": "knee"
  })"));
}

TEST(WebAdapterTest, RendersEachScopeAndChecklistSlots) {
  for (const auto& [scope, name] : {std::pair{Scope::kKnee, "knee"}, std::pair{Scope::kOther, "other"},
                                    std::pair{Scope::kCrisis, "crisis"}}) {
    Reply r;
    r.scope = scope;
    EXPECT_EQ(json::parse(WebAdapter::RenderReply(r, "x"))["scope"], name);
  }
  Reply checklist;
  checklist.expecting = "weight_bearing";
  checklist.asks = {"weight_bearing", "deformity", "circulation"};
  json j = json::parse(WebAdapter::RenderReply(checklist, "x"));
  EXPECT_EQ(j["expecting"], "weight_bearing");
  EXPECT_EQ(j["asks"], json::parse(R"(["weight_bearing", "deformity", "circulation"])"));
}

TEST(WebAdapterTest, RendersEmptyReplyWithNullsAndEmptyArrays) {
  Reply r;
  r.session_id = "s";
  json j = json::parse(WebAdapter::RenderReply(r, ""));
  // All fields present even when empty; null where the protocol says null.
  EXPECT_EQ(j, json::parse(R"({
    "type": "reply", "reply_to": null, "session": "s", "messages": [],
    "quick_replies": [], "expecting": null, "triage": null, "conditions": [],
    "ended": false
  })"));
}

TEST(WebAdapterTest, RendersEachTriageLevelName) {
  static const struct {
    TriageLevel level;
    const char* name;
  } kCases[] = {{TriageLevel::kSelfCare, "self_care"},
                {TriageLevel::kDoctor, "doctor"},
                {TriageLevel::kUrgent, "urgent"},
                {TriageLevel::kEmergency, "emergency"}};
  for (const auto& c : kCases) {
    Reply r;
    r.triage = Triage{c.level, {}};
    json j = json::parse(WebAdapter::RenderReply(r, "x"));
    EXPECT_EQ(j["triage"]["level"], c.name);
    EXPECT_EQ(j["triage"]["reasons"], json::array());
  }
}

TEST(WebAdapterTest, RenderingSurvivesInvalidUtf8InContent) {
  Reply r;
  r.messages = {std::string("bad \xff byte")};
  json j = json::parse(WebAdapter::RenderReply(r, "x"));
  EXPECT_EQ(j["messages"][0]["text"], "bad \xef\xbf\xbd byte");
}

TEST(WebAdapterTest, RendersErrors) {
  static const struct {
    ProtocolErrorCode code;
    const char* name;
  } kCases[] = {{ProtocolErrorCode::kBadJson, "bad_json"},
                {ProtocolErrorCode::kBadFrame, "bad_frame"},
                {ProtocolErrorCode::kTooLarge, "too_large"},
                {ProtocolErrorCode::kRateLimited, "rate_limited"},
                {ProtocolErrorCode::kInternal, "internal"}};
  for (const auto& c : kCases) {
    json with_id = json::parse(WebAdapter::RenderError({c.code, "why", "c9"}));
    EXPECT_EQ(with_id, json({{"type", "error"},
                             {"reply_to", "c9"},
                             {"code", c.name},
                             {"message", "why"}}));
    json without =
        json::parse(WebAdapter::RenderError({c.code, "why", std::nullopt}));
    EXPECT_TRUE(without["reply_to"].is_null());
  }
}

TEST(WebAdapterTest, ParseErrorFrameRoundTrip) {
  WebAdapter web;
  Activity a;
  ProtocolError error;
  ASSERT_FALSE(
      web.ParseFrame(R"({"type":"message","id":"q","text":3})", &a, &error));
  json j = json::parse(WebAdapter::RenderError(error));
  EXPECT_EQ(j["type"], "error");
  EXPECT_EQ(j["reply_to"], "q");
  EXPECT_EQ(j["code"], "bad_frame");
}

TEST(WebAdapterTest, ChannelAdapterInterface) {
  WebAdapter web;
  const ChannelAdapter& adapter = web;
  EXPECT_EQ(adapter.channel_id(), "web");

  InboundPayload in;
  in.body = R"({"type":"message","id":"m1","text":"hello"})";
  Activity a;
  ASSERT_KNEEBOT_OK(adapter.Parse(in, &a));
  EXPECT_EQ(a.text, "hello");

  OutboundPayload out = adapter.Render(FullReply(), a);
  EXPECT_EQ(out.content_type, "application/json");
  EXPECT_EQ(json::parse(out.body)["reply_to"], "m1");

  in.body = "{";
  Status s = adapter.Parse(in, &a);
  EXPECT_TRUE(s.IsInvalidArgument());
  EXPECT_EQ(s.message().rfind("bad_json: ", 0), 0u) << s.message();

  in.headers = {{"x-kneebot", "1"}};
  EXPECT_EQ(in.Header("x-kneebot"), "1");
  EXPECT_EQ(in.Header("missing"), "");
}

}  // namespace
}  // namespace kneebot
