// FakeHttpServer: a tiny HTTP(S) server on 127.0.0.1:<any free port> for tests of the
// outbound client and of channels that call a platform's API. It records every request
// and answers with scripted responses, in order; when the script is used up, the
// handler (if set) or the default response ({"ok":true,"result":{}}, 200) answers.
//
//   FakeHttpServer api;
//   ASSERT_KNEEBOT_OK(api.Start());
//   api.Enqueue({.status = 503});                 // the first request gets a 503
//   ... client->Post(api.url() + "/bot123/sendMessage", ...)
//   ASSERT_TRUE(api.WaitForRequests(2, 5s));
//   EXPECT_EQ(api.requests()[1].target, "/bot123/sendMessage");
//
// With cert_file and key_file (PEM) it speaks TLS. It serves keep-alive connections
// and counts the ones it accepted. One I/O thread; all methods are thread-safe.
#ifndef KNEEBOT_TESTS_TESTING_FAKE_HTTP_SERVER_H_
#define KNEEBOT_TESTS_TESTING_FAKE_HTTP_SERVER_H_

#include <chrono>
#include <cstddef>
#include <functional>
#include <memory>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "bot/status.h"

namespace kneebot::test {

struct RecordedRequest {
  std::string method;  // "POST"
  std::string target;  // path and query, as sent
  std::vector<std::pair<std::string, std::string>> headers;  // names lower case
  std::string body;

  // The first header of that (lower-case) name, or "".
  std::string Header(std::string_view lower_name) const;
};

struct ScriptedResponse {
  int status = 200;
  std::string body = R"({"ok":true,"result":{}})";
  std::string content_type = "application/json";
  std::vector<std::pair<std::string, std::string>> headers = {};  // e.g. {"Retry-After", "0"}
  std::chrono::milliseconds delay{0};  // wait before answering (client timeouts)
  bool close = false;                  // "Connection: close", then close
  // Keep-alive promised, then the connection closed at once (a server's idle timeout).
  bool hang_up_after = false;
};

class FakeHttpServer {
 public:
  struct Options {
    std::string cert_file = "";  // both set: TLS
    std::string key_file = "";
  };
  using Handler = std::function<ScriptedResponse(const RecordedRequest&)>;

  FakeHttpServer();
  explicit FakeHttpServer(Options options);
  ~FakeHttpServer();  // Stop()
  FakeHttpServer(const FakeHttpServer&) = delete;
  FakeHttpServer& operator=(const FakeHttpServer&) = delete;

  // Listens on 127.0.0.1 at a free port and starts the I/O thread.
  Status Start();
  // Closes every connection and joins the thread; idempotent.
  void Stop();

  int port() const;
  // "http://127.0.0.1:<port>" ("https://..." with TLS), no trailing slash.
  std::string url() const;

  void Enqueue(ScriptedResponse response);
  void SetDefault(ScriptedResponse response);
  void SetHandler(Handler handler);

  std::vector<RecordedRequest> requests() const;
  size_t connections_accepted() const;
  // True once `count` requests have been recorded, false at the timeout.
  bool WaitForRequests(size_t count, std::chrono::milliseconds timeout) const;

 private:
  struct Impl;
  std::unique_ptr<Impl> impl_;
};

}  // namespace kneebot::test

#endif  // KNEEBOT_TESTS_TESTING_FAKE_HTTP_SERVER_H_
