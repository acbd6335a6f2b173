// Channel: one chat platform, as one folder under adapters/ (adapters/telegram/, ...).
//
// A channel owns its routes under /webhooks/<name>/, its request verification, its
// parsing and its rendering. The server knows no channel by name: it finds the enabled
// ones through adapters/channels.h, answers GET /webhooks/<name>/ with {"status":"ok"},
// and hands every other request under /webhooks/<name>/ to Handle on a worker thread.
//
//   HttpResponse r = channel.Handle(request, &later);   // worker thread
//   // r goes back to the platform at once; `later` (if set) runs after, on a worker
//
// Adapters hold no dialogue logic: a turn is ChannelServices::turns->Run(activity).
#ifndef KNEEBOT_ADAPTERS_CHANNEL_H_
#define KNEEBOT_ADAPTERS_CHANNEL_H_

#include <functional>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "bot/activity.h"
#include "bot/clock.h"
#include "bot/status.h"

namespace kneebot {

// One inbound HTTP request, as received: the body is the raw bytes (signatures cover
// them), header names are lower case.
struct HttpRequest {
  std::string method;  // "POST", "GET"
  std::string path;    // "/webhooks/telegram/webhook", no query
  std::string query;   // after '?', undecoded; "" when none
  std::vector<std::pair<std::string, std::string>> headers;
  std::string body;

  // The first header of that lower-case name, or "".
  std::string_view Header(std::string_view lower_name) const;
  // A query parameter, percent-decoded ('+' is a space); nullopt when absent.
  std::optional<std::string> Query(std::string_view name) const;
};

struct HttpResponse {
  int status = 200;
  std::string content_type = "application/json";
  std::string body;
  std::vector<std::pair<std::string, std::string>> headers;
};

// JSON error body {"error": message} with `status`.
HttpResponse JsonError(int status, std::string_view message);

// Runs one turn through the bot: the server's one runner for every channel, which
// times, counts (by channel) and logs it, never the message text. Blocks; call it from
// a worker thread only. Safe for concurrent use.
class TurnRunner {
 public:
  virtual ~TurnRunner() = default;
  virtual Status Run(const Activity& in, Reply* out) = 0;
};

// An outbound HTTP(S) call to a platform's API. Blocks; worker threads only.
class OutboundHttp {
 public:
  struct Response {
    int status = 0;
    std::string body;
  };
  virtual ~OutboundHttp() = default;
  // POSTs `body` to `url` ("https://host/path" or "http://127.0.0.1:port/path").
  // Returns the error when no response came (after the client's retries); a
  // response of any status is OK with out->status set.
  virtual Status Post(const std::string& url,
                      const std::vector<std::pair<std::string, std::string>>& headers,
                      const std::string& content_type, const std::string& body,
                      Response* out) = 0;
};

// Remembers the platform delivery ids already taken, so a platform's retry of the same
// message never runs a second turn. Safe for concurrent use.
class ReplayGuard {
 public:
  virtual ~ReplayGuard() = default;
  // True the first time `key` ("telegram:12345") is seen within the guard's window.
  virtual bool FirstTime(const std::string& key) = 0;
};

// Reads the process environment (tests pass a map). nullopt: the variable is not set.
using Environment = std::function<std::optional<std::string>(std::string_view name)>;
Environment ProcessEnvironment();

// What a channel gets from the server. Pointers outlive the channel.
struct ChannelServices {
  TurnRunner* turns = nullptr;
  OutboundHttp* http = nullptr;
  ReplayGuard* replays = nullptr;
  const Clock* clock = nullptr;
};

class Channel {
 public:
  Channel() = default;
  Channel(const Channel&) = delete;
  Channel& operator=(const Channel&) = delete;
  virtual ~Channel() = default;

  // The route name: requests under /webhooks/<name>/ are this channel's.
  virtual std::string_view name() const = 0;

  // Answers one request under /webhooks/<name>/ (but the GET status). Runs on a worker
  // thread, never an I/O thread, so it may run a turn; work that could outlast the
  // platform's deadline (an outbound reply) goes in *later, run after the response was
  // sent. A bad signature, token or payload is answered (401, 403, 400) with no turn run.
  // Never throws.
  virtual HttpResponse Handle(const HttpRequest& req, std::function<void()>* later) = 0;
};

// A session id for one conversation of one channel: the same for every webhook of that
// conversation, and not the platform's id itself (which is personal data). 32 hex chars.
std::string ChannelSessionId(std::string_view channel, std::string_view conversation);

// An Activity for a message of `conversation` on `channel`, keyed to its session.
Activity ChannelActivity(std::string_view channel, std::string_view conversation,
                         std::string id, std::string text);

}  // namespace kneebot

#endif  // KNEEBOT_ADAPTERS_CHANNEL_H_
