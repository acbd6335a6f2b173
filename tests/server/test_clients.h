// Blocking Beast clients for the server tests: every operation runs on the
// client's own io_context with a deadline, so a server bug fails a test instead
// of hanging it.
#ifndef KNEEBOT_TESTS_SERVER_TEST_CLIENTS_H_
#define KNEEBOT_TESTS_SERVER_TEST_CLIENTS_H_

#include <boost/asio/io_context.hpp>
#include <boost/asio/ip/tcp.hpp>
#include <boost/beast/core.hpp>
#include <boost/beast/http.hpp>
#include <boost/beast/websocket.hpp>
#include <chrono>
#include <cstdint>
#include <map>
#include <nlohmann/json.hpp>
#include <optional>
#include <string>
#include <utility>
#include <vector>

namespace kneebot::test {

namespace net = boost::asio;
namespace beast = boost::beast;
namespace http = beast::http;
namespace websocket = beast::websocket;
using tcp = net::ip::tcp;

inline constexpr std::chrono::seconds kIoTimeout{10};

struct HttpResult {
  int status = 0;  // 0: the request failed (see error)
  std::string content_type;
  std::string body;
  std::string error;
  // Every response header, names in lower case.
  std::map<std::string, std::string> headers;

  // The header `lower_name`, or "" when absent.
  std::string Header(const std::string& lower_name) const {
    auto it = headers.find(lower_name);
    return it == headers.end() ? std::string() : it->second;
  }
};

using HeaderList = std::vector<std::pair<std::string, std::string>>;

// One request on a fresh connection to 127.0.0.1:port (Host 127.0.0.1:port),
// with extra `headers` and `body`.
HttpResult HttpRequest(uint16_t port, http::verb method,
                       const std::string& target, const HeaderList& headers,
                       const std::string& body);
inline HttpResult HttpRequest(uint16_t port, http::verb method,
                              const std::string& target) {
  return HttpRequest(port, method, target, {}, "");
}
inline HttpResult HttpGet(uint16_t port, const std::string& target) {
  return HttpRequest(port, http::verb::get, target);
}

class WsClient {
 public:
  WsClient() = default;
  WsClient(const WsClient&) = delete;
  WsClient& operator=(const WsClient&) = delete;

  // Connects and performs the handshake on `target`. False (and error()) on
  // failure.
  bool Connect(uint16_t port, const std::string& target = "/ws");

  // Sends one text (or binary) frame. False on failure.
  bool Send(const std::string& frame, bool binary = false);
  bool Send(const nlohmann::json& frame) { return Send(frame.dump()); }

  // Reads one frame and parses it. nullopt when the read failed (closed,
  // timeout) or the frame was not JSON; error() and close_code() say which.
  std::optional<nlohmann::json> Read(
      std::chrono::milliseconds timeout = kIoTimeout);

  // Sends a frame and reads the answer.
  std::optional<nlohmann::json> Ask(const nlohmann::json& frame) {
    if (!Send(frame)) return std::nullopt;
    return Read();
  }

  // Keeps a read pending for `duration` (so pings get their pongs, as a live
  // browser's would) without consuming anything; the next Read picks up where
  // it left off. False if the read ended during that time (a frame arrived or
  // the connection died).
  bool Idle(std::chrono::milliseconds duration);

  // Reads until the server closes; true if it did so within the timeout.
  bool WaitClosed(std::chrono::milliseconds timeout = kIoTimeout);

  void Close();

  // The close code the server sent (0 if none yet).
  int close_code() const { return static_cast<int>(ws_->reason().code); }
  const beast::error_code& error() const { return error_; }

 private:
  // Runs the io_context until `done` or the deadline; cancels the socket on
  // timeout.
  bool RunUntil(const bool& done, std::chrono::milliseconds timeout);

  void StartRead();

  net::io_context ioc_;
  std::optional<websocket::stream<beast::tcp_stream>> ws_;
  beast::flat_buffer buffer_;
  beast::error_code error_;
  bool read_pending_ = false;  // an async_read is outstanding
  bool read_done_ = false;     // ... and it has completed
};

}  // namespace kneebot::test

#endif  // KNEEBOT_TESTS_SERVER_TEST_CLIENTS_H_
