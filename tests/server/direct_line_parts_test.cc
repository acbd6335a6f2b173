// Direct Line tokens and the conversation store, without sockets: signatures,
// expiry, binding to one conversation; ids, watermarks, bounds, pushes.
#include <gtest/gtest.h>

#include <atomic>
#include <memory>
#include <nlohmann/json.hpp>
#include <string>
#include <vector>

#include "bot/server/direct_line_conversations.h"
#include "bot/server/direct_line_tokens.h"
#include "tests/testing/status_matchers.h"

namespace kneebot {
namespace {

using nlohmann::json;
using namespace std::chrono_literals;

class FakeClock final : public Clock {
 public:
  TimePoint Now() const override {
    return TimePoint(std::chrono::milliseconds(now_ms_.load()));
  }
  void Advance(std::chrono::milliseconds d) {
    now_ms_ += std::chrono::duration_cast<std::chrono::milliseconds>(d).count();
  }

 private:
  std::atomic<int64_t> now_ms_{1782939845123};  // 2026-07-01T21:04:05.123Z
};

constexpr char kSecret[] = "test-secret-0123456789abcdef";
constexpr char kConv[] = "0123456789abcdef0123456789abcdef";

TEST(DirectLineTokensTest, SecretIsRecognisedOnlyExactly) {
  FakeClock clock;
  DirectLineTokens tokens(kSecret, &clock, 1800s);
  EXPECT_TRUE(tokens.IsSecret(kSecret));
  EXPECT_FALSE(tokens.IsSecret("test-secret-0123456789abcdeF"));
  EXPECT_FALSE(tokens.IsSecret("test-secret-0123456789abcde"));
  EXPECT_FALSE(tokens.IsSecret(std::string(kSecret) + "x"));
  EXPECT_FALSE(tokens.IsSecret(""));
}

TEST(DirectLineTokensTest, IssuedTokenVerifiesForItsConversationUntilExpiry) {
  FakeClock clock;
  DirectLineTokens tokens(kSecret, &clock, 1800s);
  TimePoint expires;
  std::string token = tokens.Issue(kConv, &expires);
  // Whole seconds, rounded up: never shorter than the ttl.
  EXPECT_EQ(expires - clock.Now(), std::chrono::milliseconds(1800s) + 877ms);
  // The secret appears nowhere in the token.
  EXPECT_EQ(token.find("test-secret"), std::string::npos);
  DirectLineTokens::Claims claims;
  ASSERT_EQ(tokens.Verify(token, &claims), DirectLineTokens::Check::kValid);
  EXPECT_EQ(claims.conversation_id, kConv);
  EXPECT_EQ(claims.expires, expires);

  clock.Advance(1800s);
  EXPECT_EQ(tokens.Verify(token, &claims), DirectLineTokens::Check::kValid);
  clock.Advance(877ms);
  EXPECT_EQ(tokens.Verify(token, &claims), DirectLineTokens::Check::kExpired);
}

TEST(DirectLineTokensTest, TamperedForeignAndMalformedTokensFail) {
  FakeClock clock;
  DirectLineTokens tokens(kSecret, &clock, 1800s);
  DirectLineTokens other("another-secret-0123456789", &clock, 1800s);
  std::string token = tokens.Issue(kConv, nullptr);
  DirectLineTokens::Claims claims;
  using Check = DirectLineTokens::Check;

  EXPECT_EQ(other.Verify(token, &claims), Check::kBadSignature);
  // Another conversation id under the same MAC.
  std::string moved = token;
  moved[0] = moved[0] == '0' ? '1' : '0';
  EXPECT_EQ(tokens.Verify(moved, &claims), Check::kBadSignature);
  // A later expiry under the same MAC.
  size_t dot = token.find('.');
  std::string extended = token;
  extended[dot + 1] = extended[dot + 1] == '9' ? '8' : '9';
  EXPECT_EQ(tokens.Verify(extended, &claims), Check::kBadSignature);
  // A flipped MAC character, a truncated MAC.
  std::string flipped = token;
  flipped.back() = flipped.back() == 'A' ? 'B' : 'A';
  EXPECT_EQ(tokens.Verify(flipped, &claims), Check::kBadSignature);
  EXPECT_EQ(tokens.Verify(token.substr(0, token.size() - 1), &claims),
            Check::kBadSignature);
  for (std::string bad :
       {std::string(), std::string("abc"), std::string(kSecret),
        std::string("ABC.123.xyz"), std::string("abc..xyz"),
        std::string("abc.0123.xyz"), std::string("abc.12x.xyz"),
        std::string("abc.1234567890123.xyz"), token + ".extra"}) {
    Check c = tokens.Verify(bad, &claims);
    EXPECT_TRUE(c == Check::kMalformed || c == Check::kBadSignature) << bad;
  }
}

TEST(DirectLineTokensTest, ConversationIdShape) {
  EXPECT_TRUE(IsConversationId(kConv));
  EXPECT_FALSE(IsConversationId(""));
  EXPECT_FALSE(IsConversationId("ABCDEF"));
  EXPECT_FALSE(IsConversationId("abc/def"));
  EXPECT_FALSE(IsConversationId(std::string(65, 'a')));
}

TEST(DirectLineConversationsTest, AppendAssignsIdsTimestampsAndWatermarks) {
  FakeClock clock;
  DirectLineConversations store(&clock, {});
  std::shared_ptr<DirectLineConversation> c;
  bool created = false;
  ASSERT_KNEEBOT_OK(store.Open(kConv, clock.Now() + 60s, &c, &created));
  EXPECT_TRUE(created);
  EXPECT_EQ(c->ActivitiesAfter(0), R"({"activities":[],"watermark":"0"})");

  auto ids = c->Append({json{{"type", "message"}, {"text", "a"}},
                        json{{"type", "message"}, {"text", "b"}}});
  ASSERT_EQ(ids.size(), 2u);
  EXPECT_EQ(ids[0], std::string(kConv) + "|0000001");
  EXPECT_EQ(ids[1], std::string(kConv) + "|0000002");
  json all = json::parse(c->ActivitiesAfter(0));
  EXPECT_EQ(all["watermark"], "2");
  ASSERT_EQ(all["activities"].size(), 2u);
  EXPECT_EQ(all["activities"][0]["timestamp"], "2026-07-01T21:04:05.123Z");
  // Same millisecond: still strictly increasing.
  EXPECT_EQ(all["activities"][1]["timestamp"], "2026-07-01T21:04:05.124Z");
  EXPECT_EQ(all["activities"][1]["conversation"]["id"], kConv);
  json after1 = json::parse(c->ActivitiesAfter(1));
  ASSERT_EQ(after1["activities"].size(), 1u);
  EXPECT_EQ(after1["activities"][0]["text"], "b");
  EXPECT_EQ(json::parse(c->ActivitiesAfter(2))["activities"].size(), 0u);
  EXPECT_EQ(json::parse(c->ActivitiesAfter(99))["watermark"], "2");

  EXPECT_EQ(ParseWatermark("17"), 17u);
  EXPECT_EQ(ParseWatermark(""), 0u);
  EXPECT_EQ(ParseWatermark("x"), 0u);
  EXPECT_EQ(ParseWatermark("-1"), 0u);
}

TEST(DirectLineConversationsTest, KeepsAtMostTheLimitDroppingTheOldest) {
  FakeClock clock;
  DirectLineLimits limits;
  limits.max_activities = 3;
  DirectLineConversations store(&clock, limits);
  std::shared_ptr<DirectLineConversation> c;
  bool created = false;
  ASSERT_KNEEBOT_OK(store.Open(kConv, clock.Now() + 60s, &c, &created));
  for (int i = 1; i <= 5; ++i) c->Append({json{{"n", i}}});
  json all = json::parse(c->ActivitiesAfter(0));
  EXPECT_EQ(all["watermark"], "5");
  ASSERT_EQ(all["activities"].size(), 3u);
  EXPECT_EQ(all["activities"][0]["n"], 3);

  // And by bytes.
  DirectLineLimits small;
  small.max_bytes = 400;
  DirectLineConversations store2(&clock, small);
  ASSERT_KNEEBOT_OK(store2.Open(kConv, clock.Now() + 60s, &c, &created));
  for (int i = 0; i < 10; ++i) c->Append({json{{"pad", std::string(100, 'x')}}});
  EXPECT_LE(json::parse(c->ActivitiesAfter(0))["activities"].size(), 2u);
}

TEST(DirectLineConversationsTest, SubscribersGetBacklogThenEachAppendOnce) {
  FakeClock clock;
  DirectLineConversations store(&clock, {});
  std::shared_ptr<DirectLineConversation> c;
  bool created = false;
  ASSERT_KNEEBOT_OK(store.Open(kConv, clock.Now() + 60s, &c, &created));
  c->Append({json{{"n", 1}}, json{{"n", 2}}});
  std::vector<std::string> got;
  bool ended = false;
  uint64_t h = c->Subscribe(1, [&](std::shared_ptr<const std::string> s) {
    if (s) {
      got.push_back(*s);
    } else {
      ended = true;
    }
  });
  ASSERT_EQ(got.size(), 1u);  // backlog: only n=2
  EXPECT_EQ(json::parse(got[0])["activities"].size(), 1u);
  EXPECT_EQ(json::parse(got[0])["activities"][0]["n"], 2);
  c->Append({json{{"n", 3}}, json{{"n", 4}}});
  ASSERT_EQ(got.size(), 2u);  // one set per Append
  EXPECT_EQ(json::parse(got[1])["activities"].size(), 2u);
  EXPECT_EQ(json::parse(got[1])["watermark"], "4");

  // Up to date: no backlog frame.
  std::vector<std::string> other;
  uint64_t h2 = c->Subscribe(4, [&](std::shared_ptr<const std::string> s) {
    if (s) other.push_back(*s);
  });
  EXPECT_TRUE(other.empty());
  c->Unsubscribe(h2);
  c->Append({json{{"n", 5}}});
  EXPECT_TRUE(other.empty());
  EXPECT_EQ(got.size(), 3u);

  c->End();
  EXPECT_TRUE(ended);
  c->Unsubscribe(h);
}

TEST(DirectLineConversationsTest, ExpiredConversationsAreForgottenAndBounded) {
  FakeClock clock;
  DirectLineLimits limits;
  limits.max_conversations = 2;
  DirectLineConversations store(&clock, limits);
  std::shared_ptr<DirectLineConversation> a, b, c;
  bool created = false;
  ASSERT_KNEEBOT_OK(store.Open("aa", clock.Now() + 60s, &a, &created));
  ASSERT_KNEEBOT_OK(store.Open("bb", clock.Now() + 120s, &b, &created));
  Status full = store.Open("cc", clock.Now() + 60s, &c, &created);
  EXPECT_EQ(full.code(), Status::Code::kUnavailable);
  // Reopening an existing one is not "one more", and extends it.
  ASSERT_KNEEBOT_OK(store.Open("aa", clock.Now() + 90s, &a, &created));
  EXPECT_FALSE(created);
  EXPECT_EQ(a->expires(), clock.Now() + 90s);

  bool a_ended = false;
  a->Subscribe(0, [&](std::shared_ptr<const std::string> s) {
    if (!s) a_ended = true;
  });
  clock.Advance(91s);
  EXPECT_EQ(store.Find("aa"), nullptr);
  EXPECT_TRUE(a_ended);
  EXPECT_NE(store.Find("bb"), nullptr);
  ASSERT_KNEEBOT_OK(store.Open("cc", clock.Now() + 60s, &c, &created));
  EXPECT_TRUE(created);
  EXPECT_EQ(store.size(), 2u);
}

}  // namespace
}  // namespace kneebot
