// The Direct Line codec: what Web Chat posts becomes the right Activity, and a
// Reply becomes the activities Web Chat shows (shared/channels.md §6.3-6.4).
#include "adapters/direct_line_adapter.h"

#include <gtest/gtest.h>

#include <nlohmann/json.hpp>
#include <string>

#include "tests/testing/status_matchers.h"

namespace kneebot {
namespace {

using nlohmann::json;

// As Web Chat posts a typed message (§6.3).
json WebChatMessage(const std::string& text) {
  return {{"type", "message"},
          {"text", text},
          {"channelId", "webchat"},
          {"from", {{"id", "dl_user1"}, {"name", "Visitor"}, {"role", "user"}}},
          {"locale", "en-US"},
          {"localTimestamp", "2026-07-01T21:04:04.890+02:00"},
          {"channelData", {{"clientActivityID", "1719868444890abcd"}}}};
}

Activity ReadTurn(const json& posted) {
  DirectLineAdapter dl;
  Activity a;
  bool run_turn = false;
  EXPECT_KNEEBOT_OK(dl.ReadActivity(posted, &a, &run_turn));
  EXPECT_TRUE(run_turn) << posted;
  return a;
}

TEST(DirectLineAdapterTest, TypedMessageIsAMessageTurn) {
  Activity a = ReadTurn(WebChatMessage("my knee hurts"));
  EXPECT_EQ(a.type, ActivityType::kMessage);
  EXPECT_EQ(a.text, "my knee hurts");
  EXPECT_EQ(a.channel_id, "directline");
  EXPECT_EQ(a.locale, "en-US");
  EXPECT_EQ(a.session_id, "");
}

TEST(DirectLineAdapterTest, TappedActionsSendTheirPayload) {
  // imBack: text is the value.
  EXPECT_EQ(ReadTurn(WebChatMessage("/location=front")).text,
            "/location=front");
  // postBack: text and value; messageBack: display text and value.
  json post_back = WebChatMessage("/side=left");
  post_back["value"] = "/side=left";
  post_back["channelData"]["postBack"] = true;
  EXPECT_EQ(ReadTurn(post_back).text, "/side=left");
  json message_back = WebChatMessage("Left knee");
  message_back["value"] = "/side=left";
  message_back["displayText"] = "Left knee";
  EXPECT_EQ(ReadTurn(message_back).text, "/side=left");
  json object_value = {{"type", "message"},
                       {"value", {{"payload", "/onset=sudden"}}}};
  EXPECT_EQ(ReadTurn(object_value).text, "/onset=sudden");
  // A blank value falls back to the text.
  json blank_value = WebChatMessage("hello");
  blank_value["value"] = " ";
  EXPECT_EQ(ReadTurn(blank_value).text, "hello");
}

TEST(DirectLineAdapterTest, ConversationUpdateAndJoinAreHelloRestartEvent) {
  EXPECT_EQ(ReadTurn({{"type", "conversationUpdate"}}).type,
            ActivityType::kHello);
  EXPECT_EQ(ReadTurn({{"type", "event"}, {"name", "webchat/join"}}).type,
            ActivityType::kHello);
  EXPECT_EQ(ReadTurn({{"type", "event"}, {"name", "restart"}}).type,
            ActivityType::kRestart);
  // Without a locale the default stays.
  EXPECT_EQ(ReadTurn({{"type", "conversationUpdate"}}).locale, "en");
}

TEST(DirectLineAdapterTest, TypingAndOtherEventsAskForNoTurn) {
  DirectLineAdapter dl;
  for (const json& posted :
       {json{{"type", "typing"}, {"from", {{"id", "u"}}}},
        json{{"type", "event"}, {"name", "webchat/other"}},
        json{{"type", "endOfConversation"}}}) {
    Activity a;
    a.text = "untouched";
    bool run_turn = true;
    EXPECT_KNEEBOT_OK(dl.ReadActivity(posted, &a, &run_turn));
    EXPECT_FALSE(run_turn) << posted;
    EXPECT_EQ(a.text, "untouched");
  }
}

TEST(DirectLineAdapterTest, MalformedActivitiesAreInvalidArgument) {
  DirectLineAdapter dl;
  const json cases[] = {
      json::array({1, 2}),
      json("message"),
      json{{"text", "no type"}},
      json{{"type", 3}, {"text", "hi"}},
      json{{"type", ""}, {"text", "hi"}},
      json{{"type", "message"}},
      json{{"type", "message"}, {"text", "   "}},
      json{{"type", "message"}, {"text", 17}},
      json{{"type", "message"}, {"text", std::string(2001, 'a')}},
      json{{"type", "message"}, {"text", "hi"}, {"locale", 5}},
      json{{"type", "message"}, {"text", "hi"}, {"locale", std::string(40, 'x')}},
      json{{"type", "message"}, {"text", "hi"}, {"from", "me"}},
  };
  for (const json& posted : cases) {
    Activity a;
    bool run_turn = true;
    Status s = dl.ReadActivity(posted, &a, &run_turn);
    EXPECT_TRUE(s.IsInvalidArgument()) << posted << " -> " << s.ToString();
    EXPECT_FALSE(run_turn) << posted;
    // Never echoes the offending value.
    EXPECT_EQ(s.message().find("aaaaaaaaaa"), std::string::npos);
  }
  // Exactly at the limit (in code points, not bytes) is fine.
  std::string at_limit;
  for (int i = 0; i < 2000; ++i) at_limit += "\xC3\xA9";  // é
  EXPECT_EQ(ReadTurn({{"type", "message"}, {"text", at_limit}}).text, at_limit);
}

Reply QuestionReply() {
  Reply r;
  r.session_id = "s1";
  r.messages = {"Thanks.", "Is the pain on the inside or the outside?"};
  r.quick_replies = {{"Inside", "/location=medial"},
                     {"Outside", "/location=lateral"}};
  r.expecting = "location";
  return r;
}

TEST(DirectLineAdapterTest, OneBotMessagePerBubbleSuggestedActionsOnTheLast) {
  DirectLineAdapter::Context ctx{"c1", "c1|0000003", "dl_user1", "en-US"};
  auto out = DirectLineAdapter::RenderActivities(QuestionReply(), ctx);
  ASSERT_EQ(out.size(), 2u);
  for (const auto& a : out) {
    EXPECT_EQ(a["type"], "message");
    EXPECT_EQ(a["from"], json({{"id", "kneebot"},
                               {"name", "Knee helper"},
                               {"role", "bot"}}));
    EXPECT_EQ(a["conversation"]["id"], "c1");
    EXPECT_EQ(a["replyToId"], "c1|0000003");
    EXPECT_EQ(a["recipient"]["id"], "dl_user1");
    EXPECT_EQ(a["locale"], "en-US");
    EXPECT_EQ(a["textFormat"], "plain");
    EXPECT_EQ(a["channelId"], "directline");
    // The store assigns these.
    EXPECT_FALSE(a.contains("id"));
    EXPECT_FALSE(a.contains("timestamp"));
  }
  EXPECT_EQ(out[0]["text"], "Thanks.");
  EXPECT_FALSE(out[0].contains("suggestedActions"));
  EXPECT_FALSE(out[0].contains("channelData"));
  EXPECT_EQ(out[1]["text"], "Is the pain on the inside or the outside?");
  EXPECT_EQ(out[1]["inputHint"], "expectingInput");
  EXPECT_EQ(out[1]["suggestedActions"],
            json::parse(R"({"actions":[
              {"type":"messageBack","title":"Inside","text":"Inside",
               "displayText":"Inside","value":"/location=medial"},
              {"type":"messageBack","title":"Outside","text":"Outside",
               "displayText":"Outside","value":"/location=lateral"}]})"));
  EXPECT_EQ(out[1]["channelData"]["kneebot"],
            json::parse(R"({"triage":null,"conditions":[],
                            "expecting":"location","ended":false})"));
}

TEST(DirectLineAdapterTest, ScopeAndChecklistSlotsTravelInChannelData) {
  DirectLineAdapter::Context ctx{"c1", "", "", ""};
  Reply r = QuestionReply();
  r.scope = Scope::kCrisis;
  r.asks = {"weight_bearing", "deformity"};
  r.rule_ids = {"E1"};
  auto out = DirectLineAdapter::RenderActivities(r, ctx);
  const json& kb = out.back()["channelData"]["kneebot"];
  EXPECT_EQ(kb["scope"], "crisis");
  EXPECT_EQ(kb["asks"], json::parse(R"(["weight_bearing","deformity"])"));
  EXPECT_FALSE(kb.contains("rule_ids")) << "audit ids stay in the logs";
}

TEST(DirectLineAdapterTest, TriageAndConditionsTravelInChannelData) {
  Reply r;
  r.messages = {"This sounds like runner's knee. See a doctor if it lasts."};
  r.triage = Triage{TriageLevel::kDoctor, {"pain for 3 weeks"}};
  r.conditions = {{"patellofemoral_pain", "Runner's knee", "front pain"}};
  r.ended = true;
  auto out = DirectLineAdapter::RenderActivities(r, {"c1", "", "", ""});
  ASSERT_EQ(out.size(), 1u);
  const json& a = out[0];
  // The advice is in the text itself, so plain Web Chat shows it.
  EXPECT_EQ(a["text"], r.messages[0]);
  EXPECT_EQ(a["inputHint"], "acceptingInput");
  EXPECT_FALSE(a.contains("suggestedActions"));
  EXPECT_FALSE(a.contains("replyToId"));
  EXPECT_FALSE(a.contains("recipient"));
  EXPECT_EQ(a["channelData"]["kneebot"],
            json::parse(R"({"triage":{"level":"doctor",
                              "reasons":["pain for 3 weeks"]},
              "conditions":[{"id":"patellofemoral_pain","name":"Runner's knee",
                             "why":"front pain"}],
              "expecting":null,"ended":true})"));
}

TEST(DirectLineAdapterTest, EmptyReplyRendersNothingButButtonsGetABubble) {
  EXPECT_TRUE(DirectLineAdapter::RenderActivities(Reply(), {}).empty());
  Reply only_buttons;
  only_buttons.quick_replies = {{"Yes", "yes"}};
  auto out = DirectLineAdapter::RenderActivities(only_buttons, {});
  ASSERT_EQ(out.size(), 1u);
  EXPECT_EQ(out[0]["text"], "");
  EXPECT_EQ(out[0]["suggestedActions"]["actions"][0]["value"], "yes");
}

TEST(DirectLineAdapterTest, ChannelAdapterInterface) {
  DirectLineAdapter dl;
  const ChannelAdapter& adapter = dl;
  EXPECT_EQ(adapter.channel_id(), "directline");
  InboundPayload in;
  in.body = R"({"type":"message","text":"hi"})";
  Activity a;
  EXPECT_KNEEBOT_OK(adapter.Parse(in, &a));
  EXPECT_EQ(a.text, "hi");
  in.body = "{not json";
  EXPECT_TRUE(adapter.Parse(in, &a).IsInvalidArgument());
  in.body = R"({"type":"typing"})";
  EXPECT_TRUE(adapter.Parse(in, &a).IsNotFound());

  a.id = "c1|0000001";
  OutboundPayload out = adapter.Render(QuestionReply(), a);
  EXPECT_EQ(out.http_status, 200);
  EXPECT_EQ(out.content_type, "application/json");
  json set = json::parse(out.body);
  ASSERT_EQ(set["activities"].size(), 2u);
  EXPECT_EQ(set["activities"][1]["replyToId"], "c1|0000001");
}

}  // namespace
}  // namespace kneebot
