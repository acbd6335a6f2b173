// Direct Line 3.0 against the real server on 127.0.0.1:0, over real HTTP and
// WebSocket, doing what botframework-directlinejs / Web Chat do
// (shared/channels.md §6): tokens, start, post, poll with watermarks, the
// stream, reconnect, refresh, CORS; and the refusals: wrong secret, expired
// token, another conversation's token, malformed bodies, Direct Line off.
//
// DirectLineFakeTest scripts the turns (transport apart from content) and
// injects a clock for expiry; DirectLineRealBotTest runs the real Bot on the
// bundled content to an assessment, by polling and by the stream.
#include <gtest/gtest.h>
#include <spdlog/sinks/ostream_sink.h>
#include <spdlog/spdlog.h>

#include <atomic>
#include <functional>
#include <iostream>
#include <map>
#include <memory>
#include <mutex>
#include <nlohmann/json.hpp>
#include <set>
#include <sstream>
#include <string>
#include <thread>
#include <vector>

#include "bot/bot.h"
#include "bot/server/server.h"
#include "bot/session_store.h"
#include "dialogs/dialog_engine.h"
#include "intents/understander.h"
#include "tests/server/real_content.h"
#include "tests/server/test_clients.h"
#include "tests/testing/status_matchers.h"

namespace kneebot {
namespace {

using nlohmann::json;
using test::HeaderList;
using test::HttpResult;
using test::RealContent;
using test::WsClient;
using namespace std::chrono_literals;
namespace http = test::http;

constexpr char kSecret[] = "kneebot-test-secret-4f1d2c9a7b";

class FakeClock final : public Clock {
 public:
  TimePoint Now() const override {
    return TimePoint(std::chrono::milliseconds(now_ms_.load()));
  }
  void Advance(std::chrono::seconds d) {
    now_ms_ += std::chrono::duration_cast<std::chrono::milliseconds>(d).count();
  }

 private:
  std::atomic<int64_t> now_ms_{1782939845123};  // 2026-07-01T21:04:05.123Z
};

// --- a Direct Line client, as DirectLineJS talks -----------------------------

class DirectLine {
 public:
  explicit DirectLine(uint16_t port) : port_(port) {}

  HttpResult Call(http::verb method, const std::string& path,
                  const std::string& bearer, const std::string& body = "",
                  HeaderList extra = {}) const {
    HeaderList headers = std::move(extra);
    headers.emplace_back("Accept", "application/json");
    headers.emplace_back("x-ms-bot-agent", "DirectLine/3.0 (directlinejs 0.15.5)");
    if (!bearer.empty()) headers.emplace_back("Authorization", "Bearer " + bearer);
    if (!body.empty()) headers.emplace_back("Content-Type", "application/json");
    return test::HttpRequest(port_, method, "/v3/directline" + path, headers,
                             body);
  }
  HttpResult Post(const std::string& path, const std::string& bearer,
                  const std::string& body = "") const {
    return Call(http::verb::post, path, bearer, body);
  }
  HttpResult Get(const std::string& path, const std::string& bearer) const {
    return Call(http::verb::get, path, bearer);
  }

  // Generate with the secret, then start with the token, as a site would.
  json StartWithToken() const {
    HttpResult gen = Post("/tokens/generate", kSecret);
    EXPECT_EQ(gen.status, 200) << gen.body << gen.error;
    json token = json::parse(gen.body, nullptr, false);
    HttpResult start = Post("/conversations", token.value("token", ""),
                            R"({"user":{"id":"dl_user1"},"locale":"en-US"})");
    EXPECT_EQ(start.status, 201) << start.body;
    return json::parse(start.body, nullptr, false);
  }

  // Posts a Web Chat-shaped message; returns the response.
  HttpResult Say(json conversation, const std::string& text,
                 const std::string& client_id) const {
    json activity = {
        {"type", "message"},
        {"text", text},
        {"channelId", "webchat"},
        {"from", {{"id", "dl_user1"}, {"name", "Visitor"}, {"role", "user"}}},
        {"locale", "en-US"},
        {"localTimestamp", "2026-07-01T23:04:04.890+02:00"},
        {"channelData", {{"clientActivityID", client_id}}}};
    return Post("/conversations/" + conversation["conversationId"].get<std::string>() +
                    "/activities",
                conversation["token"], activity.dump());
  }

  // GET activities after `watermark`; updates it.
  json Poll(json conversation, std::string* watermark) const {
    std::string path = "/conversations/" +
                       conversation["conversationId"].get<std::string>() +
                       "/activities";
    if (!watermark->empty()) path += "?watermark=" + *watermark;
    HttpResult r = Get(path, conversation["token"]);
    EXPECT_EQ(r.status, 200) << r.body;
    json set = json::parse(r.body, nullptr, false);
    if (set.is_object() && set["watermark"].is_string()) {
      *watermark = set["watermark"];
    }
    return set.is_object() ? set["activities"] : json::array();
  }

 private:
  uint16_t port_;
};

// The path+query of a ws:// streamUrl on this server, or "" if it is not one.
std::string StreamTarget(const std::string& url, uint16_t port) {
  std::string prefix = "ws://127.0.0.1:" + std::to_string(port);
  if (url.rfind(prefix, 0) != 0) return "";
  return url.substr(prefix.size());
}

void ExpectError(const HttpResult& r, int status, const std::string& code) {
  EXPECT_EQ(r.status, status) << r.body << r.error;
  json body = json::parse(r.body, nullptr, false);
  ASSERT_TRUE(body.is_object()) << r.body;
  ASSERT_TRUE(body["error"].is_object()) << r.body;
  if (!code.empty()) {
    EXPECT_EQ(body["error"].value("code", ""), code) << r.body;
  }
  EXPECT_TRUE(body["error"]["message"].is_string()) << r.body;
  // CORS on errors too, or the browser hides them from DirectLineJS.
  EXPECT_EQ(r.Header("access-control-allow-origin"), "*");
}

// Reads stream frames until `n` activities arrived (or a read fails).
json ReadActivities(WsClient& ws, size_t n, std::string* watermark) {
  json got = json::array();
  while (got.size() < n) {
    auto frame = ws.Read(5s);
    if (!frame) break;
    EXPECT_TRUE((*frame)["activities"].is_array()) << *frame;
    for (const auto& a : (*frame)["activities"]) got.push_back(a);
    if ((*frame)["watermark"].is_string()) *watermark = (*frame)["watermark"];
  }
  return got;
}

// --- scripted turns -----------------------------------------------------------

class ScriptedBot {
 public:
  Status OnTurn(const Activity& a, Reply* r, TurnInfo* info) {
    {
      std::lock_guard lock(mu_);
      seen_.push_back(a);
    }
    if (a.text == "fail") return Status::Internal("store unavailable");
    r->session_id =
        a.session_id.empty() ? "fake-" + std::to_string(next_++) : a.session_id;
    if (a.type == ActivityType::kHello) {
      r->messages = {"hello"};
    } else {
      r->messages = {"you said", "echo: " + a.text};
      r->quick_replies = {{"Yes", "/x=yes"}, {"No", "/x=no"}};
      r->expecting = "x";
    }
    info->session_id = r->session_id;
    return Status::OK();
  }
  std::vector<Activity> seen() {
    std::lock_guard lock(mu_);
    return seen_;
  }

 private:
  std::mutex mu_;
  std::vector<Activity> seen_;
  std::atomic<int> next_{1};
};

class DirectLineFakeTest : public testing::Test {
 protected:
  void TearDown() override {
    if (server_) server_->Stop();
  }
  ServerOptions Options() {
    ServerOptions o;
    o.port = 0;
    o.threads = 2;
    o.rate_burst = 200;
    o.shutdown_drain = 3000ms;
    o.direct_line.secret = kSecret;
    o.direct_line.clock = &clock_;
    return o;
  }
  void Start(ServerOptions options) {
    server_ = std::make_unique<Server>(
        options,
        [this](const Activity& a, Reply* r, TurnInfo* i) {
          return bot_.OnTurn(a, r, i);
        },
        "test-1");
    ASSERT_KNEEBOT_OK(server_->Start());
  }
  uint16_t port() const { return server_->port(); }

  FakeClock clock_;
  ScriptedBot bot_;
  std::unique_ptr<Server> server_;
};

TEST_F(DirectLineFakeTest, GenerateNeedsTheSecret) {
  Start(Options());
  DirectLine dl(port());
  ExpectError(dl.Post("/tokens/generate", ""), 401, "Unauthorized");
  ExpectError(dl.Call(http::verb::post, "/tokens/generate", "", "",
                      {{"Authorization", "Basic dXNlcjpwYXNz"}}),
              401, "");
  ExpectError(dl.Post("/tokens/generate", "wrong-secret"), 403, "Forbidden");
  ExpectError(dl.Post("/tokens/generate", std::string(kSecret) + "x"), 403, "");

  HttpResult ok = dl.Post("/tokens/generate", kSecret);
  ASSERT_EQ(ok.status, 200) << ok.body;
  EXPECT_EQ(ok.Header("access-control-allow-origin"), "*");
  json body = json::parse(ok.body);
  EXPECT_EQ(body["conversationId"].get<std::string>().size(), 32u);
  EXPECT_EQ(body["expires_in"], 1800);
  std::string token = body["token"];
  EXPECT_FALSE(token.empty());
  EXPECT_EQ(token.find(kSecret), std::string::npos);
  // A token cannot mint tokens.
  ExpectError(dl.Post("/tokens/generate", token), 403, "");
  // "bearer" is case-insensitive, as HTTP auth schemes are.
  EXPECT_EQ(dl.Call(http::verb::post, "/tokens/generate", "", "",
                    {{"Authorization", std::string("bearer ") + kSecret}})
                .status,
            200);
}

TEST_F(DirectLineFakeTest, StartConversationGreetsAndReturnsItsOwnStreamUrl) {
  Start(Options());
  DirectLine dl(port());
  HttpResult gen = dl.Post("/tokens/generate", kSecret);
  json token = json::parse(gen.body);
  HttpResult start = dl.Post("/conversations", token["token"],
                             R"({"user":{"id":"dl_user1"},"locale":"en-US"})");
  ASSERT_EQ(start.status, 201) << start.body;
  json c = json::parse(start.body);
  EXPECT_EQ(c["conversationId"], token["conversationId"]);
  EXPECT_EQ(c["token"], token["token"]);
  EXPECT_GT(c["expires_in"].get<int>(), 1700);
  std::string id = c["conversationId"];
  EXPECT_EQ(StreamTarget(c["streamUrl"], port()),
            "/v3/directline/conversations/" + id + "/stream?t=" +
                token["token"].get<std::string>())
      << c;
  // Starting again with the same token is the same conversation: 200.
  HttpResult again = dl.Post("/conversations", token["token"]);
  EXPECT_EQ(again.status, 200) << again.body;
  EXPECT_EQ(json::parse(again.body)["conversationId"], id);

  // The greeting is already there, from the bot.
  std::string watermark;
  json activities = dl.Poll(c, &watermark);
  ASSERT_EQ(activities.size(), 1u) << activities;
  EXPECT_EQ(activities[0]["type"], "message");
  EXPECT_EQ(activities[0]["text"], "hello");
  EXPECT_EQ(activities[0]["from"]["role"], "bot");
  EXPECT_EQ(activities[0]["from"]["id"], "kneebot");
  EXPECT_EQ(activities[0]["id"], id + "|0000001");
  EXPECT_TRUE(activities[0]["timestamp"].is_string());
  EXPECT_EQ(watermark, "1");
  auto seen = bot_.seen();
  ASSERT_EQ(seen.size(), 1u);
  EXPECT_EQ(seen[0].type, ActivityType::kHello);
  EXPECT_EQ(seen[0].channel_id, "directline");
  EXPECT_EQ(seen[0].locale, "en-US");

  // The secret can start conversations directly (DirectLineJS with `secret`).
  HttpResult with_secret = dl.Post("/conversations", kSecret);
  ASSERT_EQ(with_secret.status, 201) << with_secret.body;
  json c2 = json::parse(with_secret.body);
  EXPECT_NE(c2["conversationId"], id);
  EXPECT_FALSE(c2["token"].get<std::string>().empty());
  // ... behind a TLS proxy the stream is wss://.
  HttpResult proxied = dl.Call(http::verb::post, "/conversations", kSecret, "",
                               {{"X-Forwarded-Proto", "https"}});
  EXPECT_EQ(json::parse(proxied.body)["streamUrl"].get<std::string>().rfind(
                "wss://127.0.0.1:", 0),
            0u)
      << proxied.body;
}

TEST_F(DirectLineFakeTest, PostedActivityIsEchoedWithClientIdThenAnswered) {
  Start(Options());
  DirectLine dl(port());
  json c = dl.StartWithToken();
  std::string id = c["conversationId"];
  std::string watermark;
  dl.Poll(c, &watermark);  // the greeting
  ASSERT_EQ(watermark, "1");

  HttpResult post = dl.Say(c, "hi", "1719868444890abcd");
  ASSERT_EQ(post.status, 200) << post.body;
  EXPECT_EQ(post.Header("access-control-allow-origin"), "*");
  std::string echo_id = json::parse(post.body)["id"];
  EXPECT_EQ(echo_id, id + "|0000002");

  json activities = dl.Poll(c, &watermark);
  ASSERT_EQ(activities.size(), 3u) << activities;  // echo + two bubbles
  EXPECT_EQ(watermark, "4");
  json echo = activities[0];
  EXPECT_EQ(echo["id"], echo_id);
  EXPECT_EQ(echo["text"], "hi");
  EXPECT_EQ(echo["channelData"]["clientActivityID"], "1719868444890abcd");
  EXPECT_EQ(echo["from"]["id"], "dl_user1");
  EXPECT_EQ(echo["from"]["role"], "user");
  EXPECT_EQ(echo["conversation"]["id"], id);
  EXPECT_EQ(echo["channelId"], "webchat");
  EXPECT_EQ(echo["localTimestamp"], "2026-07-01T23:04:04.890+02:00");
  EXPECT_TRUE(echo["timestamp"].is_string());

  EXPECT_EQ(activities[1]["text"], "you said");
  EXPECT_FALSE(activities[1].contains("suggestedActions"));
  json reply = activities[2];
  EXPECT_EQ(reply["type"], "message");
  EXPECT_EQ(reply["text"], "echo: hi");
  EXPECT_EQ(reply["from"]["role"], "bot");
  EXPECT_EQ(reply["replyToId"], echo_id);
  EXPECT_EQ(reply["recipient"]["id"], "dl_user1");
  EXPECT_EQ(reply["suggestedActions"]["actions"],
            json::parse(R"([{"type":"messageBack","title":"Yes","text":"Yes",
                             "displayText":"Yes","value":"/x=yes"},
                            {"type":"messageBack","title":"No","text":"No",
                             "displayText":"No","value":"/x=no"}])"));
  EXPECT_EQ(reply["channelData"]["kneebot"]["expecting"], "x");
  // Timestamps order the way the activities were added.
  EXPECT_LT(echo["timestamp"].get<std::string>(),
            reply["timestamp"].get<std::string>());

  // Nothing new after the watermark.
  EXPECT_TRUE(dl.Poll(c, &watermark).empty());
  EXPECT_EQ(watermark, "4");

  // A tapped suggested action: the same kneebot session continues.
  ASSERT_EQ(dl.Say(c, "/x=yes", "c2").status, 200);
  auto seen = bot_.seen();
  ASSERT_EQ(seen.size(), 3u);
  EXPECT_EQ(seen[1].text, "hi");
  EXPECT_EQ(seen[1].channel_id, "directline");
  EXPECT_EQ(seen[1].id, echo_id);
  EXPECT_EQ(seen[2].text, "/x=yes");
  // The greeting opened kneebot session fake-1; every turn continues it.
  EXPECT_EQ(seen[1].session_id, "fake-1");
  EXPECT_EQ(seen[2].session_id, "fake-1");
}

TEST_F(DirectLineFakeTest, RetriedPostGetsTheSameIdAndNoSecondTurn) {
  Start(Options());
  DirectLine dl(port());
  json c = dl.StartWithToken();
  HttpResult first = dl.Say(c, "hi", "same-client-id");
  HttpResult retry = dl.Say(c, "hi", "same-client-id");
  ASSERT_EQ(first.status, 200);
  ASSERT_EQ(retry.status, 200);
  EXPECT_EQ(json::parse(first.body)["id"], json::parse(retry.body)["id"]);
  EXPECT_EQ(bot_.seen().size(), 2u);  // greeting + one turn
}

TEST_F(DirectLineFakeTest, StreamPushesBacklogThenNewActivitiesAndReconnects) {
  Start(Options());
  DirectLine dl(port());
  json c = dl.StartWithToken();
  std::string id = c["conversationId"];
  std::string target = StreamTarget(c["streamUrl"], port());
  ASSERT_FALSE(target.empty()) << c;

  WsClient ws;
  ASSERT_TRUE(ws.Connect(port(), target)) << ws.error().message();
  std::string watermark;
  json greeting = ReadActivities(ws, 1, &watermark);
  ASSERT_EQ(greeting.size(), 1u);
  EXPECT_EQ(greeting[0]["text"], "hello");
  EXPECT_EQ(watermark, "1");

  // DirectLineJS pings with empty frames; they change nothing.
  ASSERT_TRUE(ws.Send(std::string()));
  ASSERT_EQ(dl.Say(c, "hi", "c1").status, 200);
  json pushed = ReadActivities(ws, 3, &watermark);
  ASSERT_EQ(pushed.size(), 3u) << pushed;
  EXPECT_EQ(pushed[0]["channelData"]["clientActivityID"], "c1");
  EXPECT_EQ(pushed[0]["from"]["role"], "user");
  EXPECT_EQ(pushed[2]["text"], "echo: hi");
  EXPECT_TRUE(pushed[2]["suggestedActions"]["actions"].is_array());
  EXPECT_EQ(watermark, "4");
  ws.Close();

  // Reconnect (after a dropped socket): a new streamUrl resuming at the
  // watermark, so only what is new arrives.
  HttpResult re = dl.Get("/conversations/" + id + "?watermark=" + watermark,
                         c["token"]);
  ASSERT_EQ(re.status, 200) << re.body;
  json info = json::parse(re.body);
  EXPECT_EQ(info["conversationId"], id);
  EXPECT_EQ(info["token"], c["token"]);
  std::string again = StreamTarget(info["streamUrl"], port());
  EXPECT_NE(again.find("&watermark=4"), std::string::npos) << again;
  ASSERT_EQ(dl.Say(c, "while away", "c2").status, 200);
  WsClient ws2;
  ASSERT_TRUE(ws2.Connect(port(), again)) << ws2.error().message();
  json missed = ReadActivities(ws2, 3, &watermark);
  ASSERT_EQ(missed.size(), 3u) << missed;
  EXPECT_EQ(missed[0]["text"], "while away");
  EXPECT_EQ(watermark, "7");
  // Both an open stream and polling see the same history.
  std::string from_start;
  EXPECT_EQ(dl.Poll(c, &from_start).size(), 7u);
}

TEST_F(DirectLineFakeTest, StreamRefusesMissingBadAndForeignTokens) {
  Start(Options());
  DirectLine dl(port());
  json a = dl.StartWithToken();
  json b = dl.StartWithToken();
  std::string a_id = a["conversationId"];
  std::string base = "/v3/directline/conversations/" + a_id + "/stream";
  for (const std::string& target :
       {base, base + "?t=garbage", base + "?t=" + b["token"].get<std::string>(),
        std::string("/v3/directline/conversations/") + a_id + "/nope?t=" +
            a["token"].get<std::string>()}) {
    WsClient ws;
    EXPECT_FALSE(ws.Connect(port(), target)) << target;
  }
  // A plain GET of the stream path says to upgrade.
  EXPECT_EQ(dl.Get("/conversations/" + a_id + "/stream", a["token"]).status,
            426);
  WsClient ok;
  EXPECT_TRUE(ok.Connect(port(), base + "?t=" + a["token"].get<std::string>()));
}

TEST_F(DirectLineFakeTest, TokenOfOneConversationIsRefusedOnAnother) {
  Start(Options());
  DirectLine dl(port());
  json a = dl.StartWithToken();
  json b = dl.StartWithToken();
  std::string a_tok = a["token"], b_id = b["conversationId"];
  ASSERT_NE(a["conversationId"], b["conversationId"]);
  ExpectError(dl.Get("/conversations/" + b_id + "/activities", a_tok), 403,
              "Forbidden");
  ExpectError(dl.Post("/conversations/" + b_id + "/activities", a_tok,
                      R"({"type":"message","text":"hi"})"),
              403, "Forbidden");
  ExpectError(dl.Get("/conversations/" + b_id, a_tok), 403, "");
  // Nothing reached B.
  std::string w;
  EXPECT_EQ(dl.Poll(b, &w).size(), 1u);  // its greeting only
  // The secret reaches any existing conversation, but not invented ones.
  EXPECT_EQ(dl.Get("/conversations/" + b_id + "/activities", kSecret).status,
            200);
  ExpectError(dl.Get("/conversations/0123456789abcdef/activities", kSecret),
              404, "");
  ExpectError(dl.Get("/conversations/..%2f/activities", kSecret), 404, "");
}

TEST_F(DirectLineFakeTest, ExpiredTokenIsRefusedRefreshExtends) {
  ServerOptions o = Options();
  o.direct_line.token_ttl = 60s;
  Start(o);
  DirectLine dl(port());
  json c = dl.StartWithToken();
  std::string id = c["conversationId"];
  std::string old_token = c["token"];
  EXPECT_EQ(c["expires_in"], 60);

  clock_.Advance(30s);
  HttpResult refreshed = dl.Post("/tokens/refresh", old_token);
  ASSERT_EQ(refreshed.status, 200) << refreshed.body;
  json r = json::parse(refreshed.body);
  EXPECT_EQ(r["conversationId"], id);
  EXPECT_EQ(r["expires_in"], 60);
  std::string new_token = r["token"];
  EXPECT_NE(new_token, old_token);
  // Refresh needs a token, not the secret.
  EXPECT_EQ(dl.Post("/tokens/refresh", kSecret).status, 400);

  clock_.Advance(31s);  // old one expired, new one valid
  std::string path = "/conversations/" + id + "/activities";
  ExpectError(dl.Get(path, old_token), 403, "TokenExpired");
  ExpectError(dl.Post(path, old_token, R"({"type":"message","text":"hi"})"),
              403, "TokenExpired");
  ExpectError(dl.Post("/tokens/refresh", old_token), 403, "TokenExpired");
  WsClient refused;
  EXPECT_FALSE(refused.Connect(
      port(), "/v3/directline/conversations/" + id + "/stream?t=" + old_token));
  EXPECT_EQ(dl.Get(path, new_token).status, 200);
  // The conversation lives on with the refreshed token.
  EXPECT_EQ(dl.Get(path, kSecret).status, 200);

  clock_.Advance(60s);
  ExpectError(dl.Get(path, new_token), 403, "TokenExpired");
  // ... and is forgotten with its last token.
  ExpectError(dl.Get(path, kSecret), 404, "");
}

TEST_F(DirectLineFakeTest, MalformedBodiesAre400AndTheServerStaysUp) {
  Start(Options());
  DirectLine dl(port());
  json c = dl.StartWithToken();
  std::string path =
      "/conversations/" + c["conversationId"].get<std::string>() + "/activities";
  std::string tok = c["token"];
  for (const char* body :
       {"{not json", "", "[1,2]", R"({"text":"no type"})",
        R"({"type":"message"})", R"({"type":"message","text":17})",
        R"({"type":"message","text":"   "})",
        R"({"type":"message","text":"hi","from":"me"})"}) {
    SCOPED_TRACE(body);
    ExpectError(dl.Post(path, tok, body), 400, "BadArgument");
  }
  ExpectError(dl.Post("/conversations", tok, "{bad"), 400, "BadArgument");
  // Too large for an activity, well within the HTTP limit.
  json big = {{"type", "message"}, {"text", "hi"},
              {"channelData", {{"pad", std::string(20000, 'x')}}}};
  EXPECT_EQ(dl.Post(path, tok, big.dump()).status, 413);
  // Still serving, on the same conversation and others.
  EXPECT_EQ(dl.Say(c, "hi", "ok1").status, 200);
  EXPECT_EQ(test::HttpGet(port(), "/healthz").status, 200);
  // Only valid activities reached the bot.
  EXPECT_EQ(bot_.seen().size(), 2u);
}

TEST_F(DirectLineFakeTest, TypingIsRecordedWithoutATurn) {
  Start(Options());
  DirectLine dl(port());
  json c = dl.StartWithToken();
  std::string path =
      "/conversations/" + c["conversationId"].get<std::string>() + "/activities";
  HttpResult r = dl.Post(path, c["token"],
                         R"({"type":"typing","from":{"id":"dl_user1"}})");
  ASSERT_EQ(r.status, 200) << r.body;
  EXPECT_FALSE(json::parse(r.body)["id"].get<std::string>().empty());
  EXPECT_EQ(bot_.seen().size(), 1u);
}

TEST_F(DirectLineFakeTest, FailedTurnIs502AndTheConversationGoesOn) {
  Start(Options());
  DirectLine dl(port());
  json c = dl.StartWithToken();
  ExpectError(dl.Say(c, "fail", "f1"), 502, "BotError");
  EXPECT_EQ(dl.Say(c, "hi", "f2").status, 200);
}

TEST_F(DirectLineFakeTest, PostingTooFastIs429WithRetryAfter) {
  ServerOptions o = Options();
  o.rate_per_second = 0.01;
  o.rate_burst = 3;
  Start(o);
  DirectLine dl(port());
  json c = dl.StartWithToken();
  for (int i = 0; i < 3; ++i) {
    EXPECT_EQ(dl.Say(c, "hi", "r" + std::to_string(i)).status, 200);
  }
  HttpResult limited = dl.Say(c, "hi", "r3");
  ExpectError(limited, 429, "TooManyRequests");
  EXPECT_EQ(limited.Header("retry-after"), "1");
  // Another conversation has its own budget.
  json other = dl.StartWithToken();
  EXPECT_EQ(dl.Say(other, "hi", "x").status, 200);
}

TEST_F(DirectLineFakeTest, ConversationCountIsBounded) {
  ServerOptions o = Options();
  o.direct_line.max_conversations = 2;
  o.direct_line.token_ttl = 60s;
  Start(o);
  DirectLine dl(port());
  EXPECT_EQ(dl.Post("/conversations", kSecret).status, 201);
  EXPECT_EQ(dl.Post("/conversations", kSecret).status, 201);
  HttpResult full = dl.Post("/conversations", kSecret);
  ExpectError(full, 503, "");
  EXPECT_FALSE(full.Header("retry-after").empty());
  clock_.Advance(61s);  // both expire: room again
  EXPECT_EQ(dl.Post("/conversations", kSecret).status, 201);
}

TEST_F(DirectLineFakeTest, CorsPreflightIsAnswered) {
  Start(Options());
  DirectLine dl(port());
  for (const char* path : {"/conversations", "/tokens/refresh",
                           "/conversations/abc/activities"}) {
    HttpResult pre = dl.Call(
        http::verb::options, path, "", "",
        {{"Origin", "https://clinic.example"},
         {"Access-Control-Request-Method", "POST"},
         {"Access-Control-Request-Headers",
          "authorization,content-type,x-ms-bot-agent"}});
    EXPECT_EQ(pre.status, 204) << path << pre.body;
    EXPECT_EQ(pre.Header("access-control-allow-origin"), "*");
    std::string methods = pre.Header("access-control-allow-methods");
    EXPECT_NE(methods.find("POST"), std::string::npos) << methods;
    EXPECT_NE(methods.find("GET"), std::string::npos) << methods;
    std::string allowed = pre.Header("access-control-allow-headers");
    for (const char* h : {"Authorization", "Content-Type", "Accept",
                          "x-ms-bot-agent", "x-requested-with"}) {
      EXPECT_NE(allowed.find(h), std::string::npos) << h << ": " << allowed;
    }
  }
  // And on ordinary answers.
  json c = dl.StartWithToken();
  HttpResult get = dl.Get("/conversations/" +
                              c["conversationId"].get<std::string>() +
                              "/activities",
                          c["token"]);
  EXPECT_EQ(get.Header("access-control-allow-origin"), "*");
  EXPECT_EQ(get.content_type, "application/json; charset=utf-8");
}

TEST_F(DirectLineFakeTest, UnknownRoutesAndMethods) {
  Start(Options());
  DirectLine dl(port());
  ExpectError(dl.Get("/nothing", kSecret), 404, "NotFound");
  ExpectError(dl.Get("/tokens/generate", kSecret), 405, "MethodNotAllowed");
  ExpectError(dl.Get("/conversations", kSecret), 405, "");
  EXPECT_EQ(dl.Post("/conversations/abc/upload?userId=u", kSecret).status, 501);
}

TEST_F(DirectLineFakeTest, RoutesAre404WhenTheSecretIsUnset) {
  ServerOptions o = Options();
  o.direct_line.secret.clear();
  Start(o);
  DirectLine dl(port());
  EXPECT_EQ(dl.Post("/tokens/generate", kSecret).status, 404);
  EXPECT_EQ(dl.Post("/conversations", kSecret).status, 404);
  EXPECT_EQ(dl.Call(http::verb::options, "/conversations", "").status, 404);
  EXPECT_EQ(dl.Get("/conversations/abc/activities", kSecret).status, 404);
  WsClient ws;
  EXPECT_FALSE(ws.Connect(port(), "/v3/directline/conversations/ab/stream?t=x"));
  // The rest of the server is unaffected.
  EXPECT_EQ(test::HttpGet(port(), "/healthz").status, 200);
  EXPECT_TRUE(bot_.seen().empty());
}

TEST_F(DirectLineFakeTest, MetricsCountDirectLineRequestsAndTurns) {
  Start(Options());
  DirectLine dl(port());
  json c = dl.StartWithToken();
  dl.Say(c, "hi", "m1");
  dl.Post("/tokens/generate", "wrong");
  std::string text = test::HttpGet(port(), "/metrics").body;
  for (const char* line : {
           "kneebot_directline_requests_total{route=\"generate\",result=\"ok\"} 1\n",
           "kneebot_directline_requests_total{route=\"generate\",result=\"4xx\"} 1\n",
           "kneebot_directline_requests_total{route=\"start\",result=\"ok\"} 1\n",
           "kneebot_directline_requests_total{route=\"post_activity\",result=\"ok\"} 1\n",
           "kneebot_directline_conversations 1\n",
           "kneebot_messages_total 1\n",
           "kneebot_turn_latency_seconds_count 2\n"}) {
    EXPECT_NE(text.find(line), std::string::npos) << line << text;
  }
}

TEST_F(DirectLineFakeTest, StopClosesOpenStreamsWith1001) {
  Start(Options());
  DirectLine dl(port());
  json c = dl.StartWithToken();
  WsClient ws;
  ASSERT_TRUE(ws.Connect(port(), StreamTarget(c["streamUrl"], port())));
  std::string w;
  ASSERT_EQ(ReadActivities(ws, 1, &w).size(), 1u);
  std::thread stopper([&] { server_->Stop(); });
  EXPECT_TRUE(ws.WaitClosed());
  EXPECT_EQ(ws.close_code(), 1001);
  stopper.join();
}

// Logs may say what happened, never with what: no secret, token or text.
TEST_F(DirectLineFakeTest, LogsCarryNoSecretTokenOrMessageText) {
  std::ostringstream captured;
  auto sink = std::make_shared<spdlog::sinks::ostream_sink_mt>(captured);
  std::vector<std::shared_ptr<spdlog::logger>> saved;
  for (const char* name : {"net", "turn"}) {
    saved.push_back(spdlog::get(name));
    spdlog::drop(name);
    auto log = std::make_shared<spdlog::logger>(name, sink);
    log->set_level(spdlog::level::info);
    spdlog::register_logger(log);
  }
  {
    Start(Options());
    DirectLine dl(port());
    json c = dl.StartWithToken();
    dl.Say(c, "my private knee story", "p1");
    dl.Post("/tokens/generate", "wrong-secret-attempt");
    dl.Get("/conversations/" + c["conversationId"].get<std::string>() +
               "/activities",
           "forged.123.token");
    WsClient ws;
    ASSERT_TRUE(ws.Connect(port(), StreamTarget(c["streamUrl"], port())));
    ws.Close();
    server_->Stop();
    std::string logs = captured.str();
    EXPECT_NE(logs.find("turn dl"), std::string::npos) << logs;
    EXPECT_NE(logs.find("dl refused"), std::string::npos) << logs;
    EXPECT_EQ(logs.find(kSecret), std::string::npos) << logs;
    EXPECT_EQ(logs.find("wrong-secret-attempt"), std::string::npos) << logs;
    EXPECT_EQ(logs.find(c["token"].get<std::string>()), std::string::npos);
    EXPECT_EQ(logs.find("private knee"), std::string::npos) << logs;
    EXPECT_EQ(logs.find(c["conversationId"].get<std::string>()),
              std::string::npos)
        << logs;
  }
  server_.reset();
  for (size_t i = 0; i < saved.size(); ++i) {
    spdlog::drop(i == 0 ? "net" : "turn");
    if (saved[i]) spdlog::register_logger(saved[i]);
  }
}

// --- the real bot on the real content ----------------------------------------

class DirectLineRealBotTest : public testing::Test {
 protected:
  void SetUp() override {
    ServerOptions o;
    o.port = 0;
    o.threads = 2;
    o.direct_line.secret = kSecret;
    ASSERT_KNEEBOT_OK(bot_server_.Start(std::move(o)));
  }
  void TearDown() override { bot_server_.Stop(); }
  uint16_t port() const { return bot_server_.port(); }

  // Drives a conversation to an assessment: "hi", then for each question the
  // quick-reply payload answering it. `next` returns the activities that came
  // after the last call.
  void Converse(const DirectLine& dl, const json& c,
                const std::function<json()>& next);

  test::RealBotServer bot_server_;
};

// A benign front-of-knee story, answered with the payloads the widget sends.
const std::map<std::string, std::string>& Answers() {
  static const auto* answers = new std::map<std::string, std::string>{
      {"location", "/location=front"},  {"side", "/side=left"},
      {"onset", "/onset=gradual"},      {"injury", "/injury=no"},
      {"swelling", "/swelling=no"},     {"duration", "/duration=21"},
      {"severity", "/severity=3"},      {"weight_bearing", "/weight_bearing=yes"},
      {"locking", "/locking=no"},       {"giving_way", "/giving_way=no"},
      {"fever", "/fever=no"},           {"calf", "/calf=no"},
      {"circulation", "/circulation=no"}, {"age", "/age=34"},
      {"aggravators", "/aggravators=stairs"},
      {"training_change", "/training_change=yes"},
      {"feet", "/feet=no"},             {"night_pain", "/night_pain=no"},
      {"history", "/history=no"},
  };
  return *answers;
}

void DirectLineRealBotTest::Converse(const DirectLine& dl, const json& c,
                                     const std::function<json()>& next) {
  json greeting = next();
  ASSERT_FALSE(greeting.empty()) << "no greeting";
  EXPECT_EQ(greeting.back()["from"]["role"], "bot");

  std::string text = "hi";
  json last_bot;
  int suggested = 0;
  int turn = 0;
  for (; turn < 40; ++turn) {
    std::string client_id = "w" + std::to_string(turn);
    HttpResult post = dl.Say(c, text, client_id);
    ASSERT_EQ(post.status, 200) << post.body;
    std::string echo_id = json::parse(post.body)["id"];
    json got = next();
    ASSERT_GE(got.size(), 2u) << got;
    // The user's activity comes back first, with its client id.
    EXPECT_EQ(got[0]["id"], echo_id);
    EXPECT_EQ(got[0]["channelData"]["clientActivityID"], client_id);
    EXPECT_EQ(got[0]["text"], text);
    last_bot = got.back();
    for (size_t i = 1; i < got.size(); ++i) {
      EXPECT_EQ(got[i]["from"]["role"], "bot") << got[i];
      EXPECT_EQ(got[i]["replyToId"], echo_id) << got[i];
      EXPECT_TRUE(got[i]["text"].is_string()) << got[i];
    }
    ASSERT_TRUE(last_bot["channelData"]["kneebot"].is_object()) << last_bot;
    json kb = last_bot["channelData"]["kneebot"];
    if (!kb["expecting"].is_string()) break;
    std::string slot = kb["expecting"];
    auto it = Answers().find(slot);
    ASSERT_NE(it, Answers().end()) << "unexpected slot " << slot;
    if (last_bot.contains("suggestedActions")) {
      ++suggested;
      for (const auto& action : last_bot["suggestedActions"]["actions"]) {
        EXPECT_EQ(action["type"], "messageBack");
        EXPECT_FALSE(action["value"].get<std::string>().empty());
      }
    }
    text = it->second;
  }
  json kb = last_bot["channelData"]["kneebot"];
  ASSERT_TRUE(kb["triage"].is_object()) << "no assessment after " << turn
                                        << " turns: " << last_bot;
  static const std::set<std::string> kLevels = {"self_care", "doctor"};
  EXPECT_TRUE(kLevels.count(kb["triage"]["level"].get<std::string>())) << kb;
  EXPECT_TRUE(kb["conditions"].is_array());
  EXPECT_GT(suggested, 0) << "no question ever offered suggested actions";
  EXPECT_FALSE(last_bot["text"].get<std::string>().empty());
  std::cout << "[ directline ] " << turn << " turns; triage "
            << kb["triage"]["level"] << "; conditions " << kb["conditions"].size()
            << "\n";
}

// Every channel gives the crisis line at once; Direct Line says so in channelData too.
TEST_F(DirectLineRealBotTest, CrisisGetsTheCrisisLineAndScope) {
  DirectLine dl(port());
  json c = dl.StartWithToken();
  std::string watermark;
  dl.Poll(c, &watermark);
  HttpResult post = dl.Say(c, "I have been thinking about ending my life", "x1");
  ASSERT_EQ(post.status, 200) << post.body;
  json got = dl.Poll(c, &watermark);
  ASSERT_GE(got.size(), 2u) << got;
  std::string all;
  for (const auto& a : got) {
    if (a["from"]["role"] == "bot") all += a["text"].get<std::string>() + "\n";
  }
  EXPECT_NE(all.find("988"), std::string::npos) << all;
  EXPECT_NE(all.find("911"), std::string::npos) << all;
  EXPECT_EQ(got.back()["channelData"]["kneebot"]["scope"], "crisis") << got.back();
  EXPECT_TRUE(got.back()["channelData"]["kneebot"]["expecting"].is_null()) << got.back();
}

TEST_F(DirectLineRealBotTest, WholeConversationToAnAssessmentByPolling) {
  DirectLine dl(port());
  json c = dl.StartWithToken();
  std::string watermark;
  Converse(dl, c, [&] { return dl.Poll(c, &watermark); });
}

TEST_F(DirectLineRealBotTest, WholeConversationToAnAssessmentByTheStream) {
  DirectLine dl(port());
  json c = dl.StartWithToken();
  WsClient ws;
  ASSERT_TRUE(ws.Connect(port(), StreamTarget(c["streamUrl"], port())))
      << ws.error().message();
  std::string watermark;
  // A turn's activities are all stored before its POST returns, so polling
  // tells how far the stream must get; its frames are read up to there (one
  // turn may arrive as one frame or several).
  auto next = [&] {
    std::string target;
    dl.Poll(c, &target);
    json got = json::array();
    while (watermark != target) {
      auto frame = ws.Read(5s);
      if (!frame) {
        ADD_FAILURE() << "stream stopped at " << watermark << " of " << target
                      << ": " << ws.error().message();
        break;
      }
      for (const auto& a : (*frame)["activities"]) got.push_back(a);
      watermark = (*frame)["watermark"];
    }
    return got;
  };
  Converse(dl, c, next);
}

}  // namespace
}  // namespace kneebot
