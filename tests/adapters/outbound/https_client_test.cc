#include "adapters/outbound/https_client.h"

#include <gtest/gtest.h>
#include <openssl/evp.h>
#include <openssl/pem.h>
#include <openssl/x509.h>
#include <openssl/x509v3.h>
#include <stdlib.h>

#include <atomic>
#include <chrono>
#include <cstdio>
#include <thread>

#include "adapters/outbound/url.h"
#include "tests/testing/fake_http_server.h"
#include "tests/testing/status_matchers.h"

namespace kneebot {
namespace {

using namespace std::chrono_literals;
using test::FakeHttpServer;
using test::RecordedRequest;
using test::ScriptedResponse;

// Fast retries, so the retry tests take milliseconds.
HttpsClientOptions FastOptions() {
  HttpsClientOptions o;
  o.initial_backoff = 1ms;
  o.max_backoff = 5ms;
  o.total_timeout = 5s;
  o.connect_timeout = 2s;
  return o;
}

std::unique_ptr<HttpsClient> MakeClient(HttpsClientOptions options = FastOptions()) {
  std::unique_ptr<HttpsClient> c;
  Status s = HttpsClient::Create(std::move(options), &c);
  EXPECT_TRUE(s.ok()) << s.ToString();
  return c;
}

Status PostJson(HttpsClient& client, const std::string& url, OutboundHttp::Response* out) {
  return client.Post(url, {}, "application/json", R"({"chat_id":1})", out);
}

class HttpsClientTest : public ::testing::Test {
 protected:
  void SetUp() override { ASSERT_KNEEBOT_OK(server_.Start()); }
  FakeHttpServer server_;
};

TEST_F(HttpsClientTest, PostArrivesWithItsHeadersAndBody) {
  auto client = MakeClient();
  server_.Enqueue({.status = 200, .body = R"({"ok":true,"result":{"message_id":7}})"});
  OutboundHttp::Response r;
  ASSERT_KNEEBOT_OK(client->Post(server_.url() + "/bot123:abc/sendMessage?x=1",
                                 {{"X-Request-Id", "r-1"}, {"Authorization", "Bearer t"}},
                                 "application/json; charset=utf-8", R"({"text":"hi"})", &r));
  EXPECT_EQ(r.status, 200);
  EXPECT_EQ(r.body, R"({"ok":true,"result":{"message_id":7}})");

  std::vector<RecordedRequest> got = server_.requests();
  ASSERT_EQ(got.size(), 1u);
  EXPECT_EQ(got[0].method, "POST");
  EXPECT_EQ(got[0].target, "/bot123:abc/sendMessage?x=1");
  EXPECT_EQ(got[0].Header("x-request-id"), "r-1");
  EXPECT_EQ(got[0].Header("authorization"), "Bearer t");
  EXPECT_EQ(got[0].Header("content-type"), "application/json; charset=utf-8");
  EXPECT_EQ(got[0].Header("host"), "127.0.0.1:" + std::to_string(server_.port()));
  EXPECT_EQ(got[0].Header("content-length"), "13");
  EXPECT_EQ(got[0].body, R"({"text":"hi"})");
}

TEST_F(HttpsClientTest, A503IsRetriedAndTheRetrySucceeds) {
  auto client = MakeClient();
  server_.Enqueue({.status = 503, .body = "busy"});
  OutboundHttp::Response r;
  ASSERT_KNEEBOT_OK(PostJson(*client, server_.url() + "/x", &r));
  EXPECT_EQ(r.status, 200);
  ASSERT_EQ(server_.requests().size(), 2u);
  EXPECT_EQ(server_.requests()[1].body, server_.requests()[0].body);
}

TEST_F(HttpsClientTest, A429WithRetryAfterZeroIsRetried) {
  auto client = MakeClient();
  server_.Enqueue({.status = 429, .headers = {{"Retry-After", "0"}}});
  OutboundHttp::Response r;
  ASSERT_KNEEBOT_OK(PostJson(*client, server_.url() + "/x", &r));
  EXPECT_EQ(r.status, 200);
  EXPECT_EQ(server_.requests().size(), 2u);
}

TEST_F(HttpsClientTest, A429AskingForALongWaitIsReturnedAtOnce) {
  // Asking again sooner than Retry-After says would only be refused again.
  auto client = MakeClient();
  server_.Enqueue({.status = 429, .body = "slow down", .headers = {{"Retry-After", "3600"}}});
  OutboundHttp::Response r;
  const auto start = std::chrono::steady_clock::now();
  ASSERT_KNEEBOT_OK(PostJson(*client, server_.url() + "/x", &r));
  EXPECT_LT(std::chrono::steady_clock::now() - start, 2s);
  EXPECT_EQ(r.status, 429);
  EXPECT_EQ(r.body, "slow down");
  EXPECT_EQ(server_.requests().size(), 1u);
}

TEST_F(HttpsClientTest, RetriesAreBoundedAndTheLastResponseIsReturned) {
  auto client = MakeClient();
  server_.SetDefault({.status = 500, .body = "broken"});
  OutboundHttp::Response r;
  ASSERT_KNEEBOT_OK(PostJson(*client, server_.url() + "/x", &r));
  EXPECT_EQ(r.status, 500);
  EXPECT_EQ(r.body, "broken");
  EXPECT_EQ(server_.requests().size(), 3u);  // the first try and max_retries (2)
}

TEST_F(HttpsClientTest, NoRetriesWhenMaxRetriesIsZero) {
  HttpsClientOptions o = FastOptions();
  o.max_retries = 0;
  auto client = MakeClient(o);
  server_.SetDefault({.status = 502});
  OutboundHttp::Response r;
  ASSERT_KNEEBOT_OK(PostJson(*client, server_.url() + "/x", &r));
  EXPECT_EQ(r.status, 502);
  EXPECT_EQ(server_.requests().size(), 1u);
}

TEST_F(HttpsClientTest, A4xxIsNotRetried) {
  auto client = MakeClient();
  server_.SetDefault({.status = 400, .body = R"({"ok":false})"});
  OutboundHttp::Response r;
  ASSERT_KNEEBOT_OK(PostJson(*client, server_.url() + "/x", &r));
  EXPECT_EQ(r.status, 400);
  EXPECT_EQ(server_.requests().size(), 1u);
}

TEST_F(HttpsClientTest, KeepAliveReusesOneConnection) {
  auto client = MakeClient();
  OutboundHttp::Response r;
  ASSERT_KNEEBOT_OK(PostJson(*client, server_.url() + "/a", &r));
  ASSERT_KNEEBOT_OK(PostJson(*client, server_.url() + "/b", &r));
  EXPECT_EQ(server_.requests().size(), 2u);
  EXPECT_EQ(server_.connections_accepted(), 1u);
  EXPECT_EQ(client->connections_opened(), 1u);
}

TEST_F(HttpsClientTest, AConnectionTheServerClosesIsNotReused) {
  auto client = MakeClient();
  server_.Enqueue({.close = true});
  OutboundHttp::Response r;
  ASSERT_KNEEBOT_OK(PostJson(*client, server_.url() + "/a", &r));
  ASSERT_KNEEBOT_OK(PostJson(*client, server_.url() + "/b", &r));
  EXPECT_EQ(r.status, 200);
  EXPECT_EQ(server_.requests().size(), 2u);  // no request lost on a dead connection
  EXPECT_EQ(server_.connections_accepted(), 2u);
}

TEST_F(HttpsClientTest, AnIdleConnectionTheServerDroppedIsReplacedWithoutARetry) {
  HttpsClientOptions o = FastOptions();
  o.max_retries = 0;  // the replacement must not use up a retry
  auto client = MakeClient(o);
  // Keep-alive promised, then the connection closed (a server's idle timeout).
  server_.Enqueue({.hang_up_after = true});
  server_.Enqueue({.hang_up_after = true});
  OutboundHttp::Response r;
  ASSERT_KNEEBOT_OK(PostJson(*client, server_.url() + "/a", &r));
  std::this_thread::sleep_for(50ms);  // the hang-up has arrived: seen before sending
  ASSERT_KNEEBOT_OK(PostJson(*client, server_.url() + "/b", &r));
  EXPECT_EQ(r.status, 200);
  // No wait: the request may go out on the dead connection and fail unanswered.
  ASSERT_KNEEBOT_OK(PostJson(*client, server_.url() + "/c", &r));
  EXPECT_EQ(r.status, 200);
  EXPECT_EQ(server_.requests().size(), 3u);
  EXPECT_EQ(server_.connections_accepted(), 3u);
}

TEST_F(HttpsClientTest, ConcurrentPostsAllSucceed) {
  auto client = MakeClient();
  std::vector<std::thread> threads;
  std::atomic<int> ok{0};
  for (int t = 0; t < 4; ++t) {
    threads.emplace_back([&] {
      for (int i = 0; i < 5; ++i) {
        OutboundHttp::Response r;
        if (PostJson(*client, server_.url() + "/x", &r).ok() && r.status == 200) ++ok;
      }
    });
  }
  for (std::thread& t : threads) t.join();
  EXPECT_EQ(ok.load(), 20);
  EXPECT_EQ(server_.requests().size(), 20u);
  EXPECT_LE(server_.connections_accepted(), 20u);
}

TEST_F(HttpsClientTest, ASlowServerTimesOut) {
  HttpsClientOptions o = FastOptions();
  o.total_timeout = 300ms;
  o.max_retries = 0;
  auto client = MakeClient(o);
  server_.Enqueue({.delay = 2s});
  OutboundHttp::Response r;
  const auto start = std::chrono::steady_clock::now();
  Status s = PostJson(*client, server_.url() + "/x", &r);
  EXPECT_FALSE(s.ok());
  EXPECT_EQ(s.code(), Status::Code::kUnavailable);
  EXPECT_LT(std::chrono::steady_clock::now() - start, 1500ms);
}

// A port nobody listens on: a server's, after it stopped.
int ClosedPort() {
  FakeHttpServer s;
  EXPECT_TRUE(s.Start().ok());
  const int port = s.port();
  s.Stop();
  return port;
}

TEST(HttpsClientErrorsTest, ConnectionRefusedIsAnErrorThatNamesNoPath) {
  auto client = MakeClient();
  OutboundHttp::Response r;
  Status s = PostJson(*client, "http://127.0.0.1:" + std::to_string(ClosedPort()) + "/botSECRET/x", &r);
  ASSERT_FALSE(s.ok());
  EXPECT_EQ(s.code(), Status::Code::kUnavailable);
  EXPECT_NE(s.message().find("127.0.0.1"), std::string::npos) << s.message();
  EXPECT_EQ(s.message().find("SECRET"), std::string::npos) << s.message();
}

TEST(HttpsClientErrorsTest, PlainHttpOnlyToLoopback) {
  auto client = MakeClient();
  OutboundHttp::Response r;
  Status s = PostJson(*client, "http://api.example.com/botSECRET/x", &r);
  EXPECT_TRUE(s.IsInvalidArgument()) << s.ToString();
  EXPECT_EQ(s.message().find("SECRET"), std::string::npos);
}

TEST(HttpsClientErrorsTest, AMissingCaFileIsAnError) {
  HttpsClientOptions o;
  o.extra_ca_file = "/nonexistent/ca.pem";
  std::unique_ptr<HttpsClient> c;
  EXPECT_FALSE(HttpsClient::Create(o, &c).ok());
}

TEST(UrlTest, ParsesTheForms) {
  Url u;
  ASSERT_KNEEBOT_OK(ParseUrl("https://api.telegram.org/bot1:a/sendMessage", &u));
  EXPECT_TRUE(u.tls);
  EXPECT_EQ(u.host, "api.telegram.org");
  EXPECT_EQ(u.port, "443");
  EXPECT_EQ(u.target, "/bot1:a/sendMessage");
  EXPECT_EQ(u.HostHeader(), "api.telegram.org");
  EXPECT_EQ(u.Origin(), "https://api.telegram.org:443");
  EXPECT_FALSE(u.IsLoopback());

  ASSERT_KNEEBOT_OK(ParseUrl("http://127.0.0.1:8081", &u));
  EXPECT_FALSE(u.tls);
  EXPECT_EQ(u.port, "8081");
  EXPECT_EQ(u.target, "/");
  EXPECT_EQ(u.HostHeader(), "127.0.0.1:8081");
  EXPECT_TRUE(u.IsLoopback());

  ASSERT_KNEEBOT_OK(ParseUrl("https://[::1]:8443/p?q=1", &u));
  EXPECT_EQ(u.host, "::1");
  EXPECT_EQ(u.target, "/p?q=1");
  EXPECT_EQ(u.HostHeader(), "[::1]:8443");
  EXPECT_TRUE(u.IsLoopback());

  ASSERT_KNEEBOT_OK(ParseUrl("https://example.com?x=1", &u));
  EXPECT_EQ(u.target, "/?x=1");
}

TEST(UrlTest, RefusesBadUrlsWithoutRepeatingThem) {
  Url u;
  for (const char* bad : {"ftp://h/x", "https:///SECRET", "https://u:SECRET@h/x", "https://h:0/x",
                          "https://h:99999/x", "https://h:ab/x", "https://h/SECRET x",
                          "https://h/SECRET#f"}) {
    Status s = ParseUrl(bad, &u);
    EXPECT_TRUE(s.IsInvalidArgument()) << bad;
    EXPECT_EQ(s.message().find("SECRET"), std::string::npos) << s.message();
  }
}

// A self-signed certificate and key (PEM files in a fresh temporary directory) whose
// subjectAltName is `san` ("IP:127.0.0.1", "DNS:localhost").
class SelfSignedCert {
 public:
  explicit SelfSignedCert(const std::string& san) {
    std::string tmpl = ::testing::TempDir() + "kneebot_tls_XXXXXX";
    dir_ = mkdtemp(tmpl.data()) ? tmpl : "";
    cert_file_ = dir_ + "/cert.pem";
    key_file_ = dir_ + "/key.pem";

    EVP_PKEY* key = EVP_EC_gen("P-256");
    X509* x = X509_new();
    X509_set_version(x, 2);
    ASN1_INTEGER_set(X509_get_serialNumber(x), 1);
    X509_gmtime_adj(X509_getm_notBefore(x), -60);
    X509_gmtime_adj(X509_getm_notAfter(x), 3600);
    X509_set_pubkey(x, key);
    X509_NAME* name = X509_get_subject_name(x);
    X509_NAME_add_entry_by_txt(name, "CN", MBSTRING_ASC,
                               reinterpret_cast<const unsigned char*>("kneebot test"), -1, -1, 0);
    X509_set_issuer_name(x, name);
    X509V3_CTX ctx;
    X509V3_set_ctx_nodb(&ctx);
    X509V3_set_ctx(&ctx, x, x, nullptr, nullptr, 0);
    X509_EXTENSION* ext = X509V3_EXT_conf_nid(nullptr, &ctx, NID_subject_alt_name, san.c_str());
    X509_add_ext(x, ext, -1);
    X509_EXTENSION_free(ext);
    X509_sign(x, key, EVP_sha256());

    FILE* f = fopen(cert_file_.c_str(), "w");
    PEM_write_X509(f, x);
    fclose(f);
    f = fopen(key_file_.c_str(), "w");
    PEM_write_PrivateKey(f, key, nullptr, nullptr, 0, nullptr, nullptr);
    fclose(f);
    X509_free(x);
    EVP_PKEY_free(key);
  }
  ~SelfSignedCert() {
    std::remove(cert_file_.c_str());
    std::remove(key_file_.c_str());
    std::remove(dir_.c_str());
  }
  const std::string& cert_file() const { return cert_file_; }
  const std::string& key_file() const { return key_file_; }

 private:
  std::string dir_, cert_file_, key_file_;
};

TEST(HttpsClientTlsTest, ASelfSignedServerIsRefusedWithoutItsCaAndAcceptedWithIt) {
  SelfSignedCert cert("IP:127.0.0.1");
  FakeHttpServer server({.cert_file = cert.cert_file(), .key_file = cert.key_file()});
  ASSERT_KNEEBOT_OK(server.Start());
  ASSERT_EQ(server.url().substr(0, 8), "https://");

  OutboundHttp::Response r;
  auto untrusting = MakeClient();
  Status s = PostJson(*untrusting, server.url() + "/x", &r);
  EXPECT_FALSE(s.ok());
  EXPECT_NE(s.message().find("TLS"), std::string::npos) << s.message();
  EXPECT_TRUE(server.requests().empty());

  HttpsClientOptions o = FastOptions();
  o.extra_ca_file = cert.cert_file();
  auto trusting = MakeClient(o);
  ASSERT_KNEEBOT_OK(PostJson(*trusting, server.url() + "/x", &r));
  EXPECT_EQ(r.status, 200);
  ASSERT_KNEEBOT_OK(PostJson(*trusting, server.url() + "/y", &r));
  ASSERT_EQ(server.requests().size(), 2u);
  EXPECT_EQ(server.requests()[0].body, R"({"chat_id":1})");
  EXPECT_EQ(trusting->connections_opened(), 1u);  // TLS keep-alive too
}

TEST(HttpsClientTlsTest, TheHostNameIsChecked) {
  // Trusted, but issued to another name than the one connected to.
  SelfSignedCert cert("DNS:localhost");
  FakeHttpServer server({.cert_file = cert.cert_file(), .key_file = cert.key_file()});
  ASSERT_KNEEBOT_OK(server.Start());
  HttpsClientOptions o = FastOptions();
  o.extra_ca_file = cert.cert_file();
  auto client = MakeClient(o);
  OutboundHttp::Response r;
  EXPECT_FALSE(PostJson(*client, server.url() + "/x", &r).ok());  // https://127.0.0.1:port
  ASSERT_KNEEBOT_OK(
      PostJson(*client, "https://localhost:" + std::to_string(server.port()) + "/x", &r));
  EXPECT_EQ(r.status, 200);
}

}  // namespace
}  // namespace kneebot
