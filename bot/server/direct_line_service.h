// DirectLineService: the Direct Line 3.0 REST subset that Microsoft's Web Chat
// (botframework-directlinejs) needs, served on kneebot's own port under
// /v3/directline (shared/channels.md §6.1-6.5):
//
//   POST /v3/directline/tokens/generate        Bearer secret -> {conversationId, token, expires_in}
//   POST /v3/directline/tokens/refresh         Bearer token  -> the same, new expiry
//   POST /v3/directline/conversations          201 new / 200 existing
//                                              {conversationId, token, expires_in, streamUrl}
//   GET  /v3/directline/conversations/{id}[?watermark=w]   reconnect: new streamUrl
//   POST /v3/directline/conversations/{id}/activities      -> {id}; echo + bot replies
//   GET  /v3/directline/conversations/{id}/activities?watermark=w -> ActivitySet
//   WS   /v3/directline/conversations/{id}/stream?t=<token>[&watermark=w]  (AuthorizeStream)
//   OPTIONS anything under /v3/directline      CORS preflight
//
// Every response carries the CORS headers. Errors are {"error":{"code","message"}}:
// 401 no credentials, 403 wrong secret / bad token / another conversation's
// token, 403 TokenExpired, 404 unknown conversation, 400 malformed body, 429
// per-conversation rate limit, 502 when the turn failed. A secret reaches every
// conversation; a token only its own. Each conversation is one kneebot session
// (channel "directline"); starting one runs a hello turn so the greeting is
// the first activity. Nothing here touches sockets: the HTTP session converts
// to and from Beast, so this compiles (and is tested) without Boost.
//
// Safe for concurrent use; turns of one conversation are serialized.
#ifndef KNEEBOT_BOT_SERVER_DIRECT_LINE_SERVICE_H_
#define KNEEBOT_BOT_SERVER_DIRECT_LINE_SERVICE_H_

#include <cstdint>
#include <memory>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "adapters/direct_line_adapter.h"
#include "bot/clock.h"
#include "bot/server/direct_line_conversations.h"
#include "bot/server/direct_line_tokens.h"
#include "bot/server/metrics.h"

namespace kneebot {

struct ServerState;

// One HTTP request, as far as Direct Line cares. Borrowed views.
struct DirectLineRequest {
  std::string_view method;  // "GET", "POST", "OPTIONS", ...
  std::string_view target;  // path and query, as received
  std::string_view authorization;
  std::string_view host;             // for the streamUrl
  std::string_view forwarded_proto;  // X-Forwarded-Proto: "https" -> wss://
  std::string_view body;
};

struct DirectLineResponse {
  int status = 200;
  std::string body;
  // Content-Type, the CORS headers, Retry-After, Allow.
  std::vector<std::pair<std::string, std::string>> headers;
};

class DirectLineService {
 public:
  static constexpr std::string_view kPrefix = "/v3/directline";

  // "/v3/directline" itself or anything below it (path without query).
  static bool IsDirectLinePath(std::string_view path);

  // `state` owns this service and outlives it. Its options.direct_line.secret
  // must be non-empty.
  explicit DirectLineService(ServerState& state);
  DirectLineService(const DirectLineService&) = delete;
  DirectLineService& operator=(const DirectLineService&) = delete;

  // Answers one REST request (any path IsDirectLinePath accepts).
  DirectLineResponse Handle(const DirectLineRequest& req);

  // A WebSocket upgrade on a Direct Line path: true when it is
  // .../conversations/{id}/stream with a valid token for {id} in `t` (or a
  // Bearer secret/token), filling *conversation and *watermark; otherwise false
  // and *error is the HTTP response to send instead of upgrading.
  bool AuthorizeStream(const DirectLineRequest& req,
                       std::shared_ptr<DirectLineConversation>* conversation,
                       uint64_t* watermark, DirectLineResponse* error);

  // The server's notion of now (the injected clock in tests).
  const Clock& clock() const { return *clock_; }
  DirectLineConversations& conversations() { return conversations_; }

 private:
  struct Caller;
  using Route = DirectLineMetricRoute;

  DirectLineResponse Dispatch(const DirectLineRequest& req, Route* route);
  bool Authenticate(const DirectLineRequest& req, Caller* caller,
                    DirectLineResponse* error) const;
  bool OpenConversation(const Caller& caller, std::string_view id,
                        std::shared_ptr<DirectLineConversation>* out,
                        bool* created, DirectLineResponse* error);
  // Authenticate, then OpenConversation(id): what reading and posting activities share.
  bool CallerConversation(const DirectLineRequest& req, std::string_view id,
                          std::shared_ptr<DirectLineConversation>* out,
                          DirectLineResponse* error);

  DirectLineResponse Generate(const DirectLineRequest& req);
  DirectLineResponse Refresh(const DirectLineRequest& req);
  // A fresh token for conversation `id`, as generate and refresh both answer.
  DirectLineResponse IssueToken(const std::string& id);
  DirectLineResponse Start(const DirectLineRequest& req);
  DirectLineResponse Reconnect(const DirectLineRequest& req,
                               std::string_view id, std::string_view query);
  DirectLineResponse PostActivity(const DirectLineRequest& req,
                                  std::string_view id);
  DirectLineResponse GetActivities(const DirectLineRequest& req,
                                   std::string_view id, std::string_view query);

  // Runs a turn for `activity` on `conversation` (its turn mutex held) and
  // appends the bot's activities. False when the turn failed.
  bool RunTurn(DirectLineConversation& conversation, Activity activity,
               const std::string& reply_to_id);

  ServerState& state_;
  std::unique_ptr<Clock> owned_clock_;  // when no clock was injected
  const Clock* clock_;
  DirectLineTokens tokens_;
  DirectLineConversations conversations_;
  DirectLineAdapter adapter_;
};

}  // namespace kneebot

#endif  // KNEEBOT_BOT_SERVER_DIRECT_LINE_SERVICE_H_
