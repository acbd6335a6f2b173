// The real server in-process on 127.0.0.1:0, driven over real sockets by Beast
// clients.
//
// Two fixtures: FakeTurnServerTest swaps Bot::OnTurn for a scripted handler, to
// test the transport (errors, limits, ordering, shutdown) apart from the
// content; RealServerTest runs the real Bot on the bundled content
// (KNEEBOT_SOURCE_DIR), for a whole conversation, session resume and the health
// and metrics endpoints.
#include "bot/server/server.h"

#include <gtest/gtest.h>
#include <spdlog/sinks/ostream_sink.h>
#include <spdlog/spdlog.h>
#include <unistd.h>

#include <atomic>
#include <filesystem>
#include <fstream>
#include <iostream>
#include <map>
#include <memory>
#include <nlohmann/json.hpp>
#include <set>
#include <stdexcept>
#include <string>
#include <thread>

#include "bot/bot.h"
#include "bot/session_store.h"
#include "dialogs/dialog_engine.h"
#include "intents/understander.h"
#include "tests/server/real_content.h"
#include "tests/server/test_clients.h"
#include "tests/testing/status_matchers.h"

namespace kneebot {
namespace {

using nlohmann::json;
using test::HttpGet;
using test::RealContent;
using test::WsClient;
using namespace std::chrono_literals;

// --- shared checks
// -----------------------------------------------------------------

// A reply frame with every field protocol.md lists, each of the right type.
void ExpectReplyShape(const json& r) {
  ASSERT_TRUE(r.is_object()) << r;
  EXPECT_EQ(r.value("type", ""), "reply") << r;
  ASSERT_TRUE(r.contains("reply_to") &&
              (r["reply_to"].is_null() || r["reply_to"].is_string()))
      << r;
  ASSERT_TRUE(r.contains("session") && r["session"].is_string()) << r;
  EXPECT_FALSE(r["session"].get<std::string>().empty()) << r;
  ASSERT_TRUE(r.contains("messages") && r["messages"].is_array()) << r;
  for (const auto& m : r["messages"]) EXPECT_TRUE(m["text"].is_string()) << r;
  ASSERT_TRUE(r.contains("quick_replies") && r["quick_replies"].is_array())
      << r;
  for (const auto& q : r["quick_replies"]) {
    EXPECT_TRUE(q["title"].is_string() && q["payload"].is_string()) << r;
  }
  ASSERT_TRUE(r.contains("expecting") &&
              (r["expecting"].is_null() || r["expecting"].is_string()))
      << r;
  ASSERT_TRUE(r.contains("triage")) << r;
  if (!r["triage"].is_null()) {
    EXPECT_TRUE(r["triage"]["level"].is_string()) << r;
    EXPECT_TRUE(r["triage"]["reasons"].is_array()) << r;
  }
  ASSERT_TRUE(r.contains("conditions") && r["conditions"].is_array()) << r;
  for (const auto& c : r["conditions"]) {
    EXPECT_TRUE(c["id"].is_string() && c["name"].is_string() &&
                c["why"].is_string())
        << r;
  }
  ASSERT_TRUE(r.contains("ended") && r["ended"].is_boolean()) << r;
}

void ExpectError(const std::optional<json>& frame, const std::string& code,
                 const json& reply_to) {
  ASSERT_TRUE(frame.has_value()) << "no frame for expected error " << code;
  ASSERT_TRUE(frame->is_object()) << *frame;
  // value() rather than operator[]: a missing key must fail the test, not abort
  // it.
  EXPECT_EQ(frame->value("type", json()), "error") << *frame;
  EXPECT_EQ(frame->value("code", json()), code) << *frame;
  EXPECT_EQ(frame->value("reply_to", json("<missing>")), reply_to) << *frame;
  EXPECT_TRUE(frame->value("message", json()).is_string()) << *frame;
}

// Every malformed frame kind gets its error on the same connection, which then
// still answers a good message; a new connection works too.
void ExpectBadFramesHandled(uint16_t port) {
  WsClient ws;
  ASSERT_TRUE(ws.Connect(port)) << ws.error().message();

  static const struct {
    const char* frame;
    const char* code;
    const char* reply_to;  // nullptr: null
  } kCases[] = {
      {"{not json", "bad_json", nullptr},
      {"", "bad_json", nullptr},
      {"[1,2,3]", "bad_frame", nullptr},
      {R"({"id":"b1","type":"message"})", "bad_frame", "b1"},
      {R"({"id":"b2","type":"message","text":17})", "bad_frame", "b2"},
      {R"({"id":"b3","type":"message","text":""})", "bad_frame", "b3"},
      {R"({"id":"b4","type":"dance","text":"hi"})", "bad_frame", "b4"},
      {R"({"id":7,"type":"message","text":"hi"})", "bad_frame", nullptr},
      {R"({"id":"b5","type":"hello","session":42})", "bad_frame", "b5"},
      {R"({"id":"b6","text":"no type"})", "bad_frame", "b6"},
  };
  for (const auto& c : kCases) {
    SCOPED_TRACE(c.frame);
    ASSERT_TRUE(ws.Send(std::string(c.frame)));
    ExpectError(ws.Read(), c.code,
                c.reply_to ? json(c.reply_to) : json(nullptr));
  }
  // Text too long for the protocol (but far below the frame limit).
  json long_text = {
      {"type", "message"}, {"id", "b7"}, {"text", std::string(2001, 'a')}};
  ExpectError(ws.Ask(long_text), "bad_frame", "b7");
  // A binary frame, even with a valid JSON body.
  ASSERT_TRUE(
      ws.Send(R"({"type":"message","id":"b8","text":"hi"})", /*binary=*/true));
  ExpectError(ws.Read(), "bad_frame", "b8");

  // Still serving on the same connection...
  auto reply =
      ws.Ask({{"type", "message"}, {"id", "ok1"}, {"text", "my knee hurts"}});
  ASSERT_TRUE(reply.has_value()) << ws.error().message();
  ExpectReplyShape(*reply);
  EXPECT_EQ((*reply)["reply_to"], "ok1");

  // ... and on a new one.
  WsClient other;
  ASSERT_TRUE(other.Connect(port));
  auto hello = other.Ask({{"type", "hello"}, {"id", "h"}});
  ASSERT_TRUE(hello.has_value());
  ExpectReplyShape(*hello);
  EXPECT_EQ((*hello)["reply_to"], "h");
}

// A frame over 64 KiB gets `too_large`, then close code 1009; the server lives
// on.
void ExpectOversizeClosesWith1009(uint16_t port) {
  WsClient ws;
  ASSERT_TRUE(ws.Connect(port));
  json big = {{"type", "message"},
              {"id", "big"},
              {"text", std::string(70 * 1024, 'x')}};
  ASSERT_TRUE(ws.Send(big));
  // The id is inside the oversize frame, which is never parsed: reply_to is
  // null.
  ExpectError(ws.Read(), "too_large", nullptr);
  EXPECT_TRUE(ws.WaitClosed()) << ws.error().message();
  EXPECT_EQ(ws.close_code(), 1009);

  WsClient again;
  ASSERT_TRUE(again.Connect(port));
  auto reply =
      again.Ask({{"type", "message"}, {"id", "after"}, {"text", "hello"}});
  ASSERT_TRUE(reply.has_value());
  EXPECT_EQ((*reply)["type"], "reply");
}

// Exactly at the limit is still fine.
void ExpectMessageAtLimitAccepted(uint16_t port) {
  WsClient ws;
  ASSERT_TRUE(ws.Connect(port));
  std::string frame = R"({"type":"restart","id":"edge","pad":")";
  std::string tail = R"("})";
  frame += std::string(64 * 1024 - frame.size() - tail.size(), 'p') + tail;
  ASSERT_EQ(frame.size(), 64u * 1024);
  ASSERT_TRUE(ws.Send(frame));
  auto reply = ws.Read();
  ASSERT_TRUE(reply.has_value()) << ws.error().message();
  EXPECT_EQ((*reply)["type"], "reply") << *reply;
}

// Polls `pred` for up to 5 s (metrics and destructors settle asynchronously).
template <class Pred>
bool Eventually(Pred pred) {
  for (int i = 0; i < 500; ++i) {
    if (pred()) return true;
    std::this_thread::sleep_for(10ms);
  }
  return pred();
}

// --- fake turns
// --------------------------------------------------------------------

// Echoes the text; "fail" and "throw" make the turn fail; "urgent" carries a
// triage.
class FakeBot {
 public:
  Status OnTurn(const Activity& a, Reply* r, TurnInfo* info) {
    if (delay_.count() > 0) std::this_thread::sleep_for(delay_);
    if (a.text == "fail") return Status::Internal("store unavailable");
    if (a.text == "throw") throw std::runtime_error("boom");
    r->session_id =
        a.session_id.empty() ? "fake-" + std::to_string(next_++) : a.session_id;
    switch (a.type) {
      case ActivityType::kHello:
        r->messages = {"hello"};
        break;
      case ActivityType::kRestart:
        r->messages = {"restarted"};
        break;
      case ActivityType::kMessage:
        r->messages = {"echo: " + a.text};
        break;
    }
    if (a.text == "urgent") r->triage = Triage{TriageLevel::kUrgent, {"test"}};
    info->session_id = r->session_id;
    info->triage = r->triage ? r->triage->level : TriageLevel::kNone;
    return Status::OK();
  }
  void set_delay(std::chrono::milliseconds d) { delay_ = d; }

 private:
  std::atomic<int> next_{1};
  std::chrono::milliseconds delay_{0};
};

class FakeTurnServerTest : public testing::Test {
 protected:
  void SetUp() override {
    web_root_ = std::filesystem::temp_directory_path() /
                ("kneebot_web_" + std::to_string(::getpid()) + "_" +
                 testing::UnitTest::GetInstance()->current_test_info()->name());
    std::filesystem::create_directories(web_root_);
    std::ofstream(web_root_ / "index.html")
        << "<!doctype html><title>kneebot</title>";
    std::ofstream(web_root_ / "widget.js") << "console.log('widget');";
    // widget.css deliberately missing: it must be a 404, not a crash.
  }
  void TearDown() override {
    if (server_) server_->Stop();
    server_.reset();
    std::filesystem::remove_all(web_root_);
  }

  ServerOptions Options() {
    ServerOptions o;
    o.port = 0;
    o.threads = 2;
    o.web_root = web_root_.string();
    o.rate_burst =
        200;  // pipelining tests send bursts; the rate test lowers it
    o.shutdown_drain = 3000ms;
    return o;
  }
  void Start(ServerOptions options, std::string content_version = "test-1") {
    server_ = std::make_unique<Server>(
        options,
        [this](const Activity& a, Reply* r, TurnInfo* i) {
          return bot_.OnTurn(a, r, i);
        },
        std::move(content_version));
    ASSERT_KNEEBOT_OK(server_->Start());
    ASSERT_NE(server_->port(), 0);
  }
  uint16_t port() const { return server_->port(); }

  std::filesystem::path web_root_;
  FakeBot bot_;
  std::unique_ptr<Server> server_;
};

TEST_F(FakeTurnServerTest, MessageGetsReplyWithItsId) {
  Start(Options());
  WsClient ws;
  ASSERT_TRUE(ws.Connect(port()));
  auto r = ws.Ask({{"type", "message"}, {"id", "c1"}, {"text", "hi"}});
  ASSERT_TRUE(r.has_value()) << ws.error().message();
  ExpectReplyShape(*r);
  EXPECT_EQ((*r)["reply_to"], "c1");
  EXPECT_EQ((*r)["messages"][0]["text"], "echo: hi");
  // Without an id, reply_to is null.
  r = ws.Ask({{"type", "message"}, {"text", "again"}});
  ASSERT_TRUE(r.has_value());
  EXPECT_TRUE((*r)["reply_to"].is_null());
}

TEST_F(FakeTurnServerTest, LaterFramesSpeakForTheConnectionsSession) {
  Start(Options());
  WsClient ws;
  ASSERT_TRUE(ws.Connect(port()));
  auto first = ws.Ask({{"type", "message"}, {"text", "one"}});
  ASSERT_TRUE(first.has_value());
  auto second = ws.Ask({{"type", "message"}, {"text", "two"}});
  ASSERT_TRUE(second.has_value());
  EXPECT_EQ((*first)["session"], (*second)["session"]);
  auto restarted = ws.Ask({{"type", "restart"}, {"id", "r"}});
  ASSERT_TRUE(restarted.has_value());
  EXPECT_EQ((*restarted)["session"], (*first)["session"]);
}

TEST_F(FakeTurnServerTest, BadFramesGetErrorsAndServerKeepsServing) {
  Start(Options());
  ExpectBadFramesHandled(port());
  EXPECT_EQ(server_->metrics().errors_total(ProtocolErrorCode::kBadJson), 2u);
  EXPECT_EQ(server_->metrics().errors_total(ProtocolErrorCode::kBadFrame), 10u);
}

TEST_F(FakeTurnServerTest, OversizeFrameGetsTooLargeThenClose1009) {
  Start(Options());
  ExpectOversizeClosesWith1009(port());
  EXPECT_EQ(server_->metrics().errors_total(ProtocolErrorCode::kTooLarge), 1u);
}

TEST_F(FakeTurnServerTest, FrameOfExactly64KiBIsAccepted) {
  Start(Options());
  ExpectMessageAtLimitAccepted(port());
}

TEST_F(FakeTurnServerTest, FailedTurnsAreInternalErrorsAndTheConnectionStays) {
  Start(Options());
  WsClient ws;
  ASSERT_TRUE(ws.Connect(port()));
  ExpectError(ws.Ask({{"type", "message"}, {"id", "f1"}, {"text", "fail"}}),
              "internal", "f1");
  ExpectError(ws.Ask({{"type", "message"}, {"id", "f2"}, {"text", "throw"}}),
              "internal", "f2");
  auto r = ws.Ask({{"type", "message"}, {"id", "f3"}, {"text", "fine"}});
  ASSERT_TRUE(r.has_value());
  EXPECT_EQ((*r)["type"], "reply");
  EXPECT_EQ(server_->metrics().errors_total(ProtocolErrorCode::kInternal), 2u);
}

TEST_F(FakeTurnServerTest, RateLimitAnswersRateLimitedAndRecovers) {
  ServerOptions o = Options();
  o.rate_per_second = 4;
  o.rate_burst = 3;
  Start(o);
  WsClient ws;
  ASSERT_TRUE(ws.Connect(port()));
  for (int i = 0; i < 3; ++i) {
    auto r = ws.Ask(
        {{"type", "message"}, {"id", "ok" + std::to_string(i)}, {"text", "x"}});
    ASSERT_TRUE(r.has_value());
    EXPECT_EQ((*r)["type"], "reply") << *r;
  }
  ExpectError(ws.Ask({{"type", "message"}, {"id", "limited"}, {"text", "x"}}),
              "rate_limited", "limited");
  std::this_thread::sleep_for(400ms);  // > 1 token at 4/s
  auto r = ws.Ask({{"type", "message"}, {"id", "later"}, {"text", "x"}});
  ASSERT_TRUE(r.has_value());
  EXPECT_EQ((*r)["type"], "reply") << *r;
  EXPECT_EQ((*r)["reply_to"], "later");
  EXPECT_GE(server_->metrics().errors_total(ProtocolErrorCode::kRateLimited),
            1u);
}

TEST_F(FakeTurnServerTest, PipelinedFramesAreAnsweredOnceEachInOrder) {
  Start(Options());
  WsClient ws;
  ASSERT_TRUE(ws.Connect(port()));
  // More frames than the write queue holds, unread: the server must apply
  // back-pressure, not drop, reorder or close.
  const int n = 60;
  for (int i = 0; i < n; ++i) {
    if (i % 7 == 3) {
      ASSERT_TRUE(
          ws.Send(R"({"type":"message","id":")" + std::to_string(i) + R"("})"));
    } else {
      ASSERT_TRUE(ws.Send(
          {{"type", "message"}, {"id", std::to_string(i)}, {"text", "x"}}));
    }
  }
  for (int i = 0; i < n; ++i) {
    auto r = ws.Read();
    ASSERT_TRUE(r.has_value()) << "frame " << i << ": " << ws.error().message();
    EXPECT_EQ((*r)["reply_to"], std::to_string(i));
    EXPECT_EQ((*r)["type"], i % 7 == 3 ? "error" : "reply");
  }
  EXPECT_TRUE(ws.Idle(200ms)) << "an extra frame arrived";
}

TEST_F(FakeTurnServerTest, ConcurrentConnectionsEachGetTheirOwnReplies) {
  Start(Options());
  constexpr int kClients = 8, kMessages = 25;
  std::atomic<int> good{0};
  std::vector<std::thread> threads;
  for (int c = 0; c < kClients; ++c) {
    threads.emplace_back([&, c] {
      WsClient ws;
      if (!ws.Connect(port())) return;
      std::string session;
      for (int m = 0; m < kMessages; ++m) {
        std::string id = std::to_string(c) + "-" + std::to_string(m);
        auto r = ws.Ask({{"type", "message"}, {"id", id}, {"text", id}});
        if (!r || (*r)["reply_to"] != id ||
            (*r)["messages"][0]["text"] != "echo: " + id) {
          return;
        }
        if (m == 0) session = (*r)["session"];
        if ((*r)["session"] != session) return;
        ++good;
      }
    });
  }
  for (auto& t : threads) t.join();
  EXPECT_EQ(good.load(), kClients * kMessages);
  EXPECT_EQ(server_->metrics().connections_total(),
            static_cast<uint64_t>(kClients));
}

TEST_F(FakeTurnServerTest, StopClosesEveryClientWith1001AndRefusesNewOnes) {
  Start(Options());
  WsClient a, b;
  ASSERT_TRUE(a.Connect(port()));
  ASSERT_TRUE(b.Connect(port()));
  ASSERT_TRUE(a.Ask({{"type", "hello"}}).has_value());
  ASSERT_TRUE(
      Eventually([&] { return server_->metrics().connections_active() == 2; }));
  uint16_t p = port();

  std::thread stopper([&] { server_->Stop(); });
  EXPECT_TRUE(a.WaitClosed());
  EXPECT_EQ(a.close_code(), 1001);
  EXPECT_TRUE(b.WaitClosed());
  EXPECT_EQ(b.close_code(), 1001);
  stopper.join();

  WsClient late;
  EXPECT_FALSE(late.Connect(p));
  EXPECT_EQ(server_->metrics().connections_active(), 0);
}

TEST_F(FakeTurnServerTest, StopLetsTheReplyInFlightFinishFirst) {
  Start(Options());
  bot_.set_delay(300ms);
  WsClient ws;
  ASSERT_TRUE(ws.Connect(port()));
  ASSERT_TRUE(ws.Send({{"type", "message"}, {"id", "slow"}, {"text", "x"}}));
  std::this_thread::sleep_for(100ms);  // the turn is running now
  std::thread stopper([&] { server_->Stop(); });
  auto r = ws.Read();
  ASSERT_TRUE(r.has_value()) << ws.error().message();
  EXPECT_EQ((*r)["type"], "reply");
  EXPECT_EQ((*r)["reply_to"], "slow");
  EXPECT_TRUE(ws.WaitClosed());
  EXPECT_EQ(ws.close_code(), 1001);
  stopper.join();
}

TEST_F(FakeTurnServerTest, StopIsIdempotentAndSafeWithoutClients) {
  Start(Options());
  server_->Stop();
  server_->Stop();
  EXPECT_NE(HttpGet(port(), "/healthz").error, "");
}

TEST_F(FakeTurnServerTest, SilentPeerIsDroppedAfterIdleTimeoutLivePeerIsNot) {
  ServerOptions o = Options();
  o.ws_idle_timeout = 2s;  // pings go every second
  Start(o);
  WsClient live, silent;
  ASSERT_TRUE(live.Connect(port()));
  ASSERT_TRUE(silent.Connect(port()));
  // `live` keeps a read pending, so its client answers pings; `silent` never
  // reads, so it never answers and looks like a dead peer.
  EXPECT_TRUE(live.Idle(3500ms))
      << "live connection ended: " << live.error().message();
  EXPECT_TRUE(
      Eventually([&] { return server_->metrics().connections_active() == 1; }));
  EXPECT_FALSE(
      silent.Ask({{"type", "message"}, {"text", "still there?"}}).has_value());
  auto r = live.Ask({{"type", "message"}, {"id", "alive"}, {"text", "x"}});
  ASSERT_TRUE(r.has_value()) << live.error().message();
  EXPECT_EQ((*r)["reply_to"], "alive");
}

TEST_F(FakeTurnServerTest, UpgradeBeyondMaxConnectionsIsRefused) {
  ServerOptions o = Options();
  o.max_connections = 1;
  Start(o);
  WsClient first, second;
  ASSERT_TRUE(first.Connect(port()));
  ASSERT_TRUE(
      Eventually([&] { return server_->metrics().connections_active() == 1; }));
  EXPECT_FALSE(second.Connect(port()));
  first.Close();
  ASSERT_TRUE(
      Eventually([&] { return server_->metrics().connections_active() == 0; }));
  WsClient third;
  EXPECT_TRUE(third.Connect(port()));
}

TEST_F(FakeTurnServerTest, HttpRoutes) {
  Start(Options());
  auto index = HttpGet(port(), "/");
  EXPECT_EQ(index.status, 200) << index.error;
  EXPECT_EQ(index.content_type, "text/html; charset=utf-8");
  EXPECT_EQ(index.body, "<!doctype html><title>kneebot</title>");
  auto js = HttpGet(port(), "/widget.js?v=3");
  EXPECT_EQ(js.status, 200);
  EXPECT_EQ(js.content_type, "text/javascript; charset=utf-8");
  EXPECT_EQ(js.body, "console.log('widget');");
  EXPECT_EQ(HttpGet(port(), "/widget.css").status, 404);
  EXPECT_EQ(HttpGet(port(), "/nope").status, 404);
  EXPECT_EQ(HttpGet(port(), "/../../etc/passwd").status, 404);
  EXPECT_EQ(HttpGet(port(), "/ws").status, 426);
  EXPECT_EQ(
      test::HttpRequest(port(), test::http::verb::post, "/healthz").status,
      405);

  auto health = HttpGet(port(), "/healthz");
  EXPECT_EQ(health.status, 200);
  EXPECT_EQ(health.content_type, "application/json");
  EXPECT_EQ(json::parse(health.body),
            json({{"status", "ok"}, {"content_version", "test-1"}}));

  WsClient wrong_path;
  EXPECT_FALSE(wrong_path.Connect(port(), "/chat"));
}

TEST_F(FakeTurnServerTest, HealthzIs503UntilContentIsLoaded) {
  Start(Options(), /*content_version=*/"");
  auto health = HttpGet(port(), "/healthz");
  EXPECT_EQ(health.status, 503);
  EXPECT_EQ(json::parse(health.body)["status"], "loading");
}

TEST_F(FakeTurnServerTest, MetricsCountConnectionsMessagesRepliesAndErrors) {
  Start(Options());
  auto before = HttpGet(port(), "/metrics");
  ASSERT_EQ(before.status, 200);
  EXPECT_EQ(before.content_type, "text/plain; version=0.0.4; charset=utf-8");
  EXPECT_NE(before.body.find("kneebot_messages_total 0\n"), std::string::npos)
      << before.body;
  {
    WsClient ws;
    ASSERT_TRUE(ws.Connect(port()));
    ASSERT_TRUE(ws.Ask({{"type", "message"}, {"text", "hi"}}).has_value());
    ASSERT_TRUE(ws.Ask({{"type", "message"}, {"text", "urgent"}}).has_value());
    ASSERT_TRUE(
        ws.Ask(json::parse(R"({"type":"message","text":3})")).has_value());
    auto during = HttpGet(port(), "/metrics").body;
    EXPECT_NE(during.find("kneebot_connections_active 1\n"), std::string::npos)
        << during;
    ws.Close();
  }
  ASSERT_TRUE(
      Eventually([&] { return server_->metrics().connections_active() == 0; }));
  auto after = HttpGet(port(), "/metrics").body;
  for (const char* line :
       {"kneebot_connections_active 0\n", "kneebot_connections_total 1\n",
        "kneebot_messages_total 3\n",
        "kneebot_replies_total{triage=\"none\"} 1\n",
        "kneebot_replies_total{triage=\"urgent\"} 1\n",
        "kneebot_errors_total{code=\"bad_frame\"} 1\n",
        "kneebot_turn_latency_seconds_count 2\n"}) {
    EXPECT_NE(after.find(line), std::string::npos) << line << after;
  }
}

// --- the real bot on the real content
// ----------------------------------------------

class RealServerTest : public testing::Test {
 protected:
  void SetUp() override {
    // Fails (never skips) when the content does not load: that is a real
    // defect.
    ServerOptions o;
    o.port = 0;
    o.threads = 2;
    o.web_root = std::string(KNEEBOT_SOURCE_DIR) + "/adapters/web";
    ASSERT_KNEEBOT_OK(bot_server_.Start(std::move(o)));
  }
  void TearDown() override { bot_server_.Stop(); }
  uint16_t port() const { return bot_server_.port(); }
  Server& server() { return bot_server_.server(); }

  test::RealBotServer bot_server_;
};

// Answers for a benign, self-care-ish story: front-of-knee pain, gradual, no
// red flags. Enum answers go as quick-reply payloads "/<slot>=<value>", as the
// widget sends them.
const std::map<std::string, std::string>& Answers() {
  static const auto* answers = new std::map<std::string, std::string>{
      {"location", "/location=front"},
      {"side", "/side=left"},
      {"onset", "/onset=gradual"},
      {"injury", "/injury=no"},
      {"swelling", "/swelling=no"},
      {"duration", "/duration=21"},
      {"severity", "/severity=3"},
      {"weight_bearing", "/weight_bearing=yes"},
      {"locking", "/locking=no"},
      {"giving_way", "/giving_way=no"},
      {"fever", "/fever=no"},
      {"calf", "/calf=no"},
      {"circulation", "/circulation=no"},
      {"age", "/age=34"},
      {"aggravators", "/aggravators=stairs"},
      {"training_change", "/training_change=yes"},
      {"feet", "/feet=no"},
      {"night_pain", "/night_pain=no"},
      {"history", "/history=no"},
  };
  return *answers;
}

TEST_F(RealServerTest, WholeConversationToAnAssessment) {
  WsClient ws;
  ASSERT_TRUE(ws.Connect(port()));
  auto hello = ws.Ask({{"type", "hello"}, {"id", "c0"}});
  ASSERT_TRUE(hello.has_value()) << ws.error().message();
  ExpectReplyShape(*hello);
  EXPECT_EQ((*hello)["reply_to"], "c0");
  const std::string session = (*hello)["session"];
  EXPECT_EQ(session.size(), 32u);

  json reply = *hello;
  if (reply["expecting"].is_null()) {
    auto r =
        ws.Ask({{"type", "message"}, {"id", "c1"}, {"text", "my knee hurts"}});
    ASSERT_TRUE(r.has_value()) << ws.error().message();
    reply = *r;
  }
  std::set<std::string> asked;
  int turn = 2;
  for (; turn < 40 && reply["expecting"].is_string(); ++turn) {
    ExpectReplyShape(reply);
    std::string slot = reply["expecting"];
    auto it = Answers().find(slot);
    ASSERT_NE(it, Answers().end())
        << "expecting a slot outside protocol.md: " << slot;
    // A quick reply for the slot must be understood as-is; check the offered
    // ones are well-formed payloads when present.
    for (const auto& q : reply["quick_replies"]) {
      EXPECT_FALSE(q["payload"].get<std::string>().empty()) << reply;
    }
    std::string id = "c" + std::to_string(turn);
    auto r = ws.Ask({{"type", "message"}, {"id", id}, {"text", it->second}});
    ASSERT_TRUE(r.has_value()) << ws.error().message();
    ASSERT_EQ((*r)["type"], "reply") << *r;
    EXPECT_EQ((*r)["reply_to"], id);
    EXPECT_EQ((*r)["session"], session)
        << "the session changed mid-conversation";
    // The same question twice in a row means the answer was not understood.
    if ((*r)["expecting"] == slot) {
      ASSERT_FALSE(asked.count(slot))
          << "asked " << slot << " again after " << it->second << ": " << *r;
      asked.insert(slot);
    }
    reply = *r;
  }
  ExpectReplyShape(reply);
  EXPECT_TRUE(reply["expecting"].is_null())
      << "no assessment after " << turn << " turns";
  ASSERT_FALSE(reply["triage"].is_null()) << reply;
  static const std::set<std::string> kLevels = {"self_care", "doctor", "urgent",
                                                "emergency"};
  EXPECT_TRUE(kLevels.count(reply["triage"]["level"].get<std::string>()))
      << reply;
  // A benign story is not an emergency.
  EXPECT_NE(reply["triage"]["level"], "emergency") << reply;
  EXPECT_NE(reply["triage"]["level"], "urgent") << reply;
  EXPECT_GE(reply["messages"].size(), 1u);
  for (const auto& c : reply["conditions"]) {
    EXPECT_FALSE(c["id"].get<std::string>().empty());
  }
  std::cout << "[ conversation ] " << turn << " turns; triage "
            << reply["triage"]["level"] << "; conditions "
            << reply["conditions"].size() << "\n";
}

TEST_F(RealServerTest, HelloResumesTheSessionAfterReconnect) {
  std::string session;
  json before;
  {
    WsClient ws;
    ASSERT_TRUE(ws.Connect(port()));
    auto hello = ws.Ask({{"type", "hello"}});
    ASSERT_TRUE(hello.has_value());
    session = (*hello)["session"];
    auto r = ws.Ask({{"type", "message"}, {"text", "my knee hurts"}});
    ASSERT_TRUE(r.has_value());
    before = *r;
    ws.Close();
  }
  WsClient again;
  ASSERT_TRUE(again.Connect(port()));
  auto resumed =
      again.Ask({{"type", "hello"}, {"id", "re"}, {"session", session}});
  ASSERT_TRUE(resumed.has_value());
  ExpectReplyShape(*resumed);
  EXPECT_EQ((*resumed)["reply_to"], "re");
  EXPECT_EQ((*resumed)["session"], session);
  // The pending question survives the reconnect.
  EXPECT_EQ((*resumed)["expecting"], before["expecting"]) << *resumed;
  // ... and later frames on the new connection continue that session.
  auto next = again.Ask({{"type", "message"}, {"text", "/location=front"}});
  ASSERT_TRUE(next.has_value());
  EXPECT_EQ((*next)["session"], session);

  // An unknown session id opens a fresh session rather than failing.
  WsClient stranger;
  ASSERT_TRUE(stranger.Connect(port()));
  auto fresh = stranger.Ask(
      {{"type", "hello"}, {"session", "0123456789abcdef0123456789abcdef"}});
  ASSERT_TRUE(fresh.has_value());
  EXPECT_NE((*fresh)["session"], session);
  EXPECT_NE((*fresh)["session"], "0123456789abcdef0123456789abcdef");
}

TEST_F(RealServerTest, BadFramesGetErrorsAndServerKeepsServing) {
  ExpectBadFramesHandled(port());
  ExpectOversizeClosesWith1009(port());
}

TEST_F(RealServerTest, HealthzAndMetricsOverHttp) {
  auto health = HttpGet(port(), "/healthz");
  ASSERT_EQ(health.status, 200) << health.error;
  json h = json::parse(health.body);
  EXPECT_EQ(h["status"], "ok");
  EXPECT_EQ(h["content_version"], RealContent::Get().engine->content_version());
  EXPECT_FALSE(h["content_version"].get<std::string>().empty());

  std::string before = HttpGet(port(), "/metrics").body;
  EXPECT_NE(before.find("kneebot_messages_total 0\n"), std::string::npos)
      << before;
  WsClient ws;
  ASSERT_TRUE(ws.Connect(port()));
  ASSERT_TRUE(ws.Ask({{"type", "hello"}}).has_value());
  ASSERT_TRUE(
      ws.Ask({{"type", "message"}, {"text", "my knee hurts"}}).has_value());
  std::string after = HttpGet(port(), "/metrics").body;
  EXPECT_NE(after.find("kneebot_messages_total 2\n"), std::string::npos)
      << after;
  EXPECT_NE(after.find("kneebot_connections_active 1\n"), std::string::npos)
      << after;
  EXPECT_NE(after.find("kneebot_turn_latency_seconds_count 2\n"),
            std::string::npos)
      << after;
  EXPECT_EQ(server().metrics().connections_total(), 1u);
}

TEST_F(RealServerTest, RepliesSayWhatTheMessageWasAbout) {
  WsClient ws;
  ASSERT_TRUE(ws.Connect(port()));
  auto other = ws.Ask({{"type", "message"}, {"text", "I have a tummy ache since lunch"}});
  ASSERT_TRUE(other.has_value()) << ws.error().message();
  ExpectReplyShape(*other);
  EXPECT_EQ((*other)["scope"], "other") << *other;
  EXPECT_TRUE((*other)["expecting"].is_null()) << "no knee question: " << *other;
  EXPECT_EQ((*other)["quick_replies"].size(), 2u) << *other;

  auto crisis = ws.Ask({{"type", "message"}, {"text", "I don't want to be alive any more"}});
  ASSERT_TRUE(crisis.has_value());
  EXPECT_EQ((*crisis)["scope"], "crisis") << *crisis;
  EXPECT_NE((*crisis).dump().find("988"), std::string::npos) << *crisis;

  auto knee = ws.Ask({{"type", "message"}, {"text", "/knee_help"}});
  ASSERT_TRUE(knee.has_value());
  EXPECT_EQ((*knee)["scope"], "knee") << *knee;
  EXPECT_EQ((*knee)["expecting"], "location") << *knee;
  EXPECT_EQ((*knee)["asks"], json::array({"location"})) << *knee;
}

// A triage decision is logged with the rules behind it and the content version,
// never with the message.
TEST_F(RealServerTest, TriageTurnsLogTheirRulesAndContentVersionNeverTheText) {
  std::ostringstream captured;
  auto sink = std::make_shared<spdlog::sinks::ostream_sink_mt>(captured);
  std::shared_ptr<spdlog::logger> saved = spdlog::get("turn");
  spdlog::drop("turn");
  auto log = std::make_shared<spdlog::logger>("turn", sink);
  log->set_level(spdlog::level::info);
  spdlog::register_logger(log);
  {
    // A server started now picks up the capturing logger.
    test::RealBotServer logged;
    ServerOptions o;
    o.port = 0;
    o.threads = 1;
    ASSERT_KNEEBOT_OK(logged.Start(std::move(o)));
    WsClient ws;
    ASSERT_TRUE(ws.Connect(logged.port()));
    auto r = ws.Ask({{"type", "message"},
                     {"text", "my kneecap slipped out of place and back at netball"}});
    ASSERT_TRUE(r.has_value()) << ws.error().message();
    ASSERT_FALSE((*r)["triage"].is_null()) << *r;
    EXPECT_EQ((*r)["triage"]["level"], "urgent") << *r;
    ws.Close();
    logged.Stop();
  }
  spdlog::drop("turn");
  if (saved) spdlog::register_logger(saved);
  const std::string logs = captured.str();
  EXPECT_NE(logs.find("triage=urgent rules=U4"), std::string::npos) << logs;
  EXPECT_NE(logs.find("content=" + RealContent::Get().engine->content_version()),
            std::string::npos)
      << logs;
  EXPECT_EQ(logs.find("netball"), std::string::npos) << logs;
  EXPECT_EQ(logs.find("kneecap"), std::string::npos) << logs;
}

TEST_F(RealServerTest, StopClosesAConnectedClientWith1001) {
  WsClient ws;
  ASSERT_TRUE(ws.Connect(port()));
  ASSERT_TRUE(ws.Ask({{"type", "hello"}}).has_value());
  std::thread stopper([&] { bot_server_.Stop(); });
  EXPECT_TRUE(ws.WaitClosed());
  EXPECT_EQ(ws.close_code(), 1001);
  stopper.join();
}

}  // namespace
}  // namespace kneebot
