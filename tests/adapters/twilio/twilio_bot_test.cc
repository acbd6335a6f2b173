// A typed "2" over SMS picks option 2 of the last reply, with the real bot behind the
// channel: the same reply as sending that option's payload.
#include <gtest/gtest.h>

#include <chrono>
#include <map>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "adapters/replay_guard.h"
#include "adapters/twilio/twilio_channel.h"
#include "adapters/twilio/twilio_signature.h"
#include "bot/bot.h"
#include "bot/session_store.h"
#include "dialogs/dialog_engine.h"
#include "intents/understander.h"
#include "tests/testing/status_matchers.h"

namespace kneebot {
namespace {

constexpr char kToken[] = "12345";
constexpr char kWebhookUrl[] = "https://bot.example.org/webhooks/twilio/webhook";

// The real bot, keeping each turn's reply so the test knows the options' payloads.
class BotTurns final : public TurnRunner {
 public:
  explicit BotTurns(Bot* bot) : bot_(bot) {}
  Status Run(const Activity& in, Reply* out) override {
    TurnInfo info;
    Status s = bot_->OnTurn(in, out, &info);
    last_ = *out;
    return s;
  }
  const Reply& last() const { return last_; }

 private:
  Bot* bot_;
  Reply last_;
};

std::string Encode(std::string_view s) {
  static constexpr char kHex[] = "0123456789ABCDEF";
  std::string out;
  for (unsigned char c : s) {
    if (std::isalnum(c)) {
      out += static_cast<char>(c);
    } else {
      out += '%';
      out += kHex[c >> 4];
      out += kHex[c & 15];
    }
  }
  return out;
}

class TwilioBotTest : public ::testing::Test {
 protected:
  void SetUp() override {
    const std::string root = KNEEBOT_SOURCE_DIR;
    std::unique_ptr<Understander> u;
    ASSERT_KNEEBOT_OK(Understander::Load(root + "/intents/data", &u));
    std::unique_ptr<DialogEngine> e;
    ASSERT_KNEEBOT_OK(DialogEngine::Load({root + "/dialogs/data", "US"}, *u, &e));
    store_ = std::make_unique<MemorySessionStore>(&clock_, std::chrono::minutes(30));
    bot_ = std::make_unique<Bot>(std::move(u), std::move(e), store_.get(), &clock_);
    turns_ = std::make_unique<BotTurns>(bot_.get());
    replays_ = std::make_unique<MemoryReplayGuard>(&clock_, std::chrono::hours(1), 1000);
    ChannelServices services{turns_.get(), nullptr, replays_.get(), &clock_};
    ASSERT_KNEEBOT_OK(MakeTwilioChannel(
        [](std::string_view name) -> std::optional<std::string> {
          if (name == "KNEEBOT_TWILIO_AUTH_TOKEN") return kToken;
          if (name == "KNEEBOT_PUBLIC_URL") return "https://bot.example.org";
          return std::nullopt;
        },
        services, &channel_));
  }

  std::string Sms(const std::string& from, const std::string& text) {
    const FormParams params = {{"From", from},
                               {"Body", text},
                               {"MessageSid", "SM" + std::to_string(next_sid_++)}};
    HttpRequest req;
    req.method = "POST";
    req.path = "/webhooks/twilio/webhook";
    req.headers = {{"x-twilio-signature", TwilioSignature(kToken, kWebhookUrl, params)}};
    for (const auto& [name, value] : params) {
      req.body += (req.body.empty() ? "" : "&") + name + "=" + Encode(value);
    }
    std::function<void()> later;
    HttpResponse r = channel_->Handle(req, &later);
    EXPECT_EQ(r.status, 200) << r.body;
    return r.body;
  }

  SystemClock clock_;
  std::unique_ptr<MemorySessionStore> store_;
  std::unique_ptr<Bot> bot_;
  std::unique_ptr<BotTurns> turns_;
  std::unique_ptr<MemoryReplayGuard> replays_;
  std::unique_ptr<Channel> channel_;
  int next_sid_ = 1;
};

TEST_F(TwilioBotTest, TypedTwoIsTheSecondOption) {
  constexpr char kOpening[] = "my knee hurts";
  const std::string first = Sms("+15555550100", kOpening);
  ASSERT_GE(turns_->last().quick_replies.size(), 2u) << first;
  EXPECT_NE(first.find("\n2. " + turns_->last().quick_replies[1].title), std::string::npos)
      << first;

  // Options often lead to the same next question (every knee location does), so walk
  // the conversation until a question whose options 1 and 2 answer differently, each
  // path in a conversation of its own; there, a typed "2" must answer as option 2.
  std::vector<std::string> path;  // payloads answered so far, after the opening
  int person = 1;
  // Replays the path in a new conversation; returns its last reply's options' payloads.
  auto replay = [&](const std::string& from) {
    Sms(from, kOpening);
    for (const std::string& payload : path) Sms(from, payload);
    std::vector<std::string> payloads;
    for (const QuickReply& q : turns_->last().quick_replies) payloads.push_back(q.payload);
    return payloads;
  };
  for (int depth = 0; depth < 10; ++depth) {
    const std::string one = "+1555555" + std::to_string(1000 + person++);
    const std::vector<std::string> options = replay(one);
    ASSERT_GE(options.size(), 2u) << "a question without two options at depth " << depth;
    const std::string by_option_1 = Sms(one, options[0]);
    const std::string two = "+1555555" + std::to_string(1000 + person++);
    replay(two);
    const std::string by_option_2 = Sms(two, options[1]);
    if (by_option_1 == by_option_2) {
      path.push_back(options[1]);
      continue;
    }
    const std::string typed = "+1555555" + std::to_string(1000 + person++);
    replay(typed);
    EXPECT_EQ(Sms(typed, "2"), by_option_2) << "at depth " << depth;
    return;
  }
  FAIL() << "no question whose options 1 and 2 lead apart";
}

}  // namespace
}  // namespace kneebot
