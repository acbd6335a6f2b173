// chat.postMessage bodies from Replies: sections, escaping, Slack's limits.
#include "adapters/slack/slack_blocks.h"

#include <gtest/gtest.h>

#include <set>
#include <string>

namespace kneebot {
namespace {

using nlohmann::json;

size_t Utf8Chars(const std::string& s) {
  size_t n = 0;
  for (char c : s) n += (static_cast<unsigned char>(c) & 0xC0) != 0x80;
  return n;
}

TEST(SlackBlocksTest, NothingToSayIsNoMessage) {
  EXPECT_TRUE(SlackMessages(Reply{}, "D1", "").empty());
}

TEST(SlackBlocksTest, OneSectionPerBubbleInOrderAndTheThread) {
  Reply r;
  r.messages = {"Call 911 now.", "Keep the leg still."};
  const std::vector<json> out = SlackMessages(r, "C1", "123.456");
  ASSERT_EQ(out.size(), 1u);
  EXPECT_EQ(out[0]["channel"], "C1");
  EXPECT_EQ(out[0]["thread_ts"], "123.456");
  EXPECT_EQ(out[0]["text"], "Call 911 now.\n\nKeep the leg still.");
  ASSERT_EQ(out[0]["blocks"].size(), 2u);
  EXPECT_EQ(out[0]["blocks"][0]["text"]["text"], "Call 911 now.");
  EXPECT_EQ(out[0]["blocks"][1]["text"]["text"], "Keep the leg still.");
}

TEST(SlackBlocksTest, EscapesSlacksControlCharacters) {
  Reply r;
  r.messages = {"Pain <3 days & swelling > mild"};
  const json m = SlackMessages(r, "D1", "")[0];
  EXPECT_EQ(m["blocks"][0]["text"]["text"], "Pain &lt;3 days &amp; swelling &gt; mild");
  EXPECT_EQ(m["text"], "Pain &lt;3 days &amp; swelling &gt; mild");
}

TEST(SlackBlocksTest, LongBubbleIsSplitIntoSectionsOfAtMost3000) {
  std::string bubble;
  while (bubble.size() < 7000) bubble += "Rest the knee and keep it raised. ";
  Reply r;
  r.messages = {bubble};
  const json m = SlackMessages(r, "D1", "")[0];
  ASSERT_GE(m["blocks"].size(), 3u);
  std::string joined;
  for (const json& b : m["blocks"]) {
    const std::string t = b["text"]["text"];
    EXPECT_LE(t.size(), kSlackSectionLimit);
    joined += t;
  }
  // Only the spaces at the cuts are lost.
  EXPECT_GE(joined.size() + m["blocks"].size(), bubble.size() - 1);
}

TEST(SlackBlocksTest, EscapingNeverPushesASectionPastTheLimit) {
  std::string bubble;
  while (bubble.size() < 2998) bubble += "& ";
  Reply r;
  r.messages = {bubble};
  const json m = SlackMessages(r, "D1", "")[0];
  EXPECT_GE(m["blocks"].size(), 2u);
  for (const json& b : m["blocks"]) EXPECT_LE(b["text"]["text"].get<std::string>().size(), kSlackSectionLimit);
}

TEST(SlackBlocksTest, ButtonsCarryThePayloadAndShortLabels) {
  Reply r;
  r.messages = {"Where is the pain?"};
  const std::string long_title(100, 'x');
  r.quick_replies = {{"Front", "front"}, {long_title, "other"}, {"Kn\xC3\xA4" "e " + std::string(80, 'y'), "k"}};
  const json m = SlackMessages(r, "D1", "")[0];
  ASSERT_EQ(m["blocks"].size(), 2u);
  const json& buttons = m["blocks"][1]["elements"];
  ASSERT_EQ(buttons.size(), 3u);
  EXPECT_EQ(buttons[0]["text"]["text"], "Front");
  EXPECT_EQ(buttons[0]["value"], "front");
  const std::string cut = buttons[1]["text"]["text"];
  EXPECT_EQ(Utf8Chars(cut), kSlackButtonTextLimit);
  EXPECT_EQ(cut.substr(cut.size() - 3), "\xE2\x80\xA6");
  EXPECT_EQ(buttons[1]["value"], "other");
  EXPECT_EQ(Utf8Chars(buttons[2]["text"]["text"]), kSlackButtonTextLimit);
}

TEST(SlackBlocksTest, MoreThan25OptionsMakeMoreActionBlocksWithUniqueIds) {
  Reply r;
  r.messages = {"Pick one"};
  for (int i = 0; i < 30; ++i) r.quick_replies.push_back({"Option " + std::to_string(i), std::to_string(i)});
  const json m = SlackMessages(r, "D1", "")[0];
  ASSERT_EQ(m["blocks"].size(), 3u);
  EXPECT_EQ(m["blocks"][1]["elements"].size(), kSlackButtonsPerBlock);
  EXPECT_EQ(m["blocks"][2]["elements"].size(), 5u);
  std::set<std::string> ids;
  for (size_t b = 1; b <= 2; ++b) {
    for (const json& e : m["blocks"][b]["elements"]) ids.insert(e["action_id"].get<std::string>());
  }
  EXPECT_EQ(ids.size(), 30u);
}

TEST(SlackBlocksTest, OverlongPayloadIsLeftOutNotSent) {
  Reply r;
  r.messages = {"Pick one"};
  r.quick_replies = {{"Yes", "yes"}, {"Huge", std::string(kSlackButtonValueLimit + 1, 'p')}};
  const json m = SlackMessages(r, "D1", "")[0];
  EXPECT_EQ(m["blocks"][1]["elements"].size(), 1u);
}

TEST(SlackBlocksTest, OptionsAloneGetATextForNotifications) {
  Reply r;
  r.quick_replies = {{"Yes", "yes"}, {"No", "no"}};
  const json m = SlackMessages(r, "D1", "")[0];
  EXPECT_EQ(m["text"], "1. Yes\n2. No");
  ASSERT_EQ(m["blocks"].size(), 1u);
  EXPECT_EQ(m["blocks"][0]["type"], "actions");
}

TEST(SlackBlocksTest, MoreThan50BlocksAreSeveralMessagesButtonsLast) {
  Reply r;
  for (int i = 0; i < 60; ++i) r.messages.push_back("Bubble " + std::to_string(i));
  r.quick_replies = {{"Yes", "yes"}};
  const std::vector<json> out = SlackMessages(r, "D1", "");
  ASSERT_EQ(out.size(), 2u);
  EXPECT_EQ(out[0]["blocks"].size(), kSlackBlocksPerMessage);
  EXPECT_EQ(out[0]["blocks"][0]["text"]["text"], "Bubble 0");
  EXPECT_EQ(out[1]["blocks"].size(), 11u);
  EXPECT_EQ(out[1]["blocks"].back()["type"], "actions");
  EXPECT_EQ(out[1]["text"].get<std::string>().substr(0, 9), "Bubble 50");
}

}  // namespace
}  // namespace kneebot
