#include "bot/server/direct_line_service.h"

#include <spdlog/spdlog.h>

#include <algorithm>
#include <exception>
#include <nlohmann/json.hpp>

#include "bot/bot.h"
#include "bot/server/server_state.h"

namespace kneebot {
namespace {

using nlohmann::json;
using SteadyClock = std::chrono::steady_clock;

// Recent clientActivityIDs remembered per conversation, to answer a retried
// POST with the first id instead of running the turn twice (channels.md §0.4).
constexpr size_t kRecentClientIds = 32;
constexpr size_t kMaxClientIdBytes = 128;
constexpr size_t kMaxUserIdBytes = 128;

std::string Dump(const json& j) {
  return j.dump(-1, ' ', false, json::error_handler_t::replace);
}

// Conversation ids grant nothing without a token, but logs still carry only a
// prefix, as session ids elsewhere.
std::string_view Tag(std::string_view id) { return id.substr(0, 8); }

DirectLineResponse Json(int status, const json& body) {
  DirectLineResponse res;
  res.status = status;
  res.body = Dump(body);
  res.headers.emplace_back("Content-Type", "application/json; charset=utf-8");
  return res;
}

DirectLineResponse Error(int status, std::string_view code,
                         std::string_view message) {
  return Json(status, {{"error",
                        {{"code", std::string(code)},
                         {"message", std::string(message)}}}});
}

bool EqualsNoCase(std::string_view a, std::string_view b) {
  if (a.size() != b.size()) return false;
  for (size_t i = 0; i < a.size(); ++i) {
    char x = a[i], y = b[i];
    if (x >= 'A' && x <= 'Z') x = static_cast<char>(x - 'A' + 'a');
    if (y >= 'A' && y <= 'Z') y = static_cast<char>(y - 'A' + 'a');
    if (x != y) return false;
  }
  return true;
}

// The value of `name` in a query string ("a=1&b=2"), or "" when absent.
// Values this service reads (tokens, watermarks) need no percent-decoding.
std::string_view QueryParam(std::string_view query, std::string_view name) {
  while (!query.empty()) {
    size_t amp = query.find('&');
    std::string_view pair = query.substr(0, amp);
    size_t eq = pair.find('=');
    if (pair.substr(0, eq) == name) {
      return eq == std::string_view::npos ? std::string_view()
                                          : pair.substr(eq + 1);
    }
    if (amp == std::string_view::npos) break;
    query.remove_prefix(amp + 1);
  }
  return {};
}

// A Host header safe to put into a URL: host name, IPv4/IPv6 literal, port.
bool IsSafeHost(std::string_view host) {
  if (host.empty() || host.size() > 255) return false;
  for (char c : host) {
    bool ok = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') ||
              (c >= '0' && c <= '9') || c == '.' || c == '-' || c == ':' ||
              c == '[' || c == ']';
    if (!ok) return false;
  }
  return true;
}

std::vector<std::string_view> Split(std::string_view path) {
  std::vector<std::string_view> parts;
  while (!path.empty()) {
    size_t slash = path.find('/');
    parts.push_back(path.substr(0, slash));
    if (slash == std::string_view::npos) break;
    path.remove_prefix(slash + 1);
  }
  return parts;
}

long long SecondsUntil(TimePoint t, TimePoint now) {
  return std::max<long long>(
      0, std::chrono::duration_cast<std::chrono::seconds>(t - now).count());
}

}  // namespace

struct DirectLineService::Caller {
  bool is_secret = false;
  std::string token;  // when !is_secret
  DirectLineTokens::Claims claims;
};

bool DirectLineService::IsDirectLinePath(std::string_view path) {
  if (path.substr(0, kPrefix.size()) != kPrefix) return false;
  return path.size() == kPrefix.size() || path[kPrefix.size()] == '/';
}

DirectLineService::DirectLineService(ServerState& state)
    : state_(state),
      owned_clock_(state.options.direct_line.clock
                       ? nullptr
                       : std::make_unique<SystemClock>()),
      clock_(state.options.direct_line.clock ? state.options.direct_line.clock
                                             : owned_clock_.get()),
      tokens_(state.options.direct_line.secret, clock_,
              state.options.direct_line.token_ttl),
      conversations_(
          clock_,
          DirectLineLimits{
              state.options.direct_line.max_conversations,
              state.options.direct_line.max_activities_per_conversation,
              state.options.direct_line.max_conversation_bytes,
              state.options.rate_per_second, state.options.rate_burst}) {}

DirectLineResponse DirectLineService::Handle(const DirectLineRequest& req) {
  Route route = Route::kOther;
  DirectLineResponse res = Dispatch(req, &route);
  // CORS on every Direct Line response (§6.2): browsers send a preflight for
  // the Authorization and x-ms-bot-agent headers, and read nothing without
  // Allow-Origin. Credentials are bearer headers, never cookies, so "*" is
  // safe.
  res.headers.emplace_back("Access-Control-Allow-Origin", "*");
  res.headers.emplace_back("Access-Control-Allow-Methods", "GET, POST, OPTIONS");
  res.headers.emplace_back(
      "Access-Control-Allow-Headers",
      "Authorization, Content-Type, Accept, x-ms-bot-agent, x-requested-with");
  res.headers.emplace_back("Access-Control-Expose-Headers", "Retry-After");
  res.headers.emplace_back("Access-Control-Max-Age", "600");
  res.headers.emplace_back("Cache-Control", "no-store");
  state_.metrics.DirectLineRequest(route, res.status);
  state_.metrics.SetDirectLineConversations(conversations_.size());
  if (res.status == 401 || res.status == 403) {
    // Never the token or the secret: only which route refused and why.
    state_.net_log->info("dl refused route={} status={}",
                         DirectLineRouteName(route), res.status);
  }
  return res;
}

DirectLineResponse DirectLineService::Dispatch(const DirectLineRequest& req,
                                               Route* route) {
  std::string_view target = req.target;
  size_t q = target.find('?');
  std::string_view path = target.substr(0, q);
  std::string_view query =
      q == std::string_view::npos ? std::string_view() : target.substr(q + 1);
  std::string_view rest = path.substr(kPrefix.size());
  if (!rest.empty() && rest.front() == '/') rest.remove_prefix(1);
  if (!rest.empty() && rest.back() == '/') rest.remove_suffix(1);
  std::vector<std::string_view> parts = Split(rest);

  if (req.method == "OPTIONS") {
    *route = Route::kPreflight;
    DirectLineResponse res;
    res.status = 204;
    return res;
  }
  auto method_not_allowed = [](std::string_view allow) {
    DirectLineResponse res =
        Error(405, "MethodNotAllowed", "method not allowed here");
    res.headers.emplace_back("Allow", std::string(allow) + ", OPTIONS");
    return res;
  };

  if (parts.size() == 2 && parts[0] == "tokens" &&
      (parts[1] == "generate" || parts[1] == "refresh")) {
    bool generate = parts[1] == "generate";
    *route = generate ? Route::kGenerate : Route::kRefresh;
    if (req.method != "POST") return method_not_allowed("POST");
    return generate ? Generate(req) : Refresh(req);
  }
  if (parts.empty() || parts[0] != "conversations") {
    return Error(404, "NotFound", "no such Direct Line operation");
  }
  if (parts.size() == 1) {
    *route = Route::kStart;
    if (req.method != "POST") return method_not_allowed("POST");
    return Start(req);
  }
  std::string_view id = parts[1];
  if (parts.size() == 2) {
    *route = Route::kReconnect;
    if (req.method != "GET") return method_not_allowed("GET");
    return Reconnect(req, id, query);
  }
  if (parts.size() == 3 && parts[2] == "activities") {
    if (req.method == "POST") {
      *route = Route::kPostActivity;
      return PostActivity(req, id);
    }
    if (req.method == "GET") {
      *route = Route::kGetActivities;
      return GetActivities(req, id, query);
    }
    return method_not_allowed("GET, POST");
  }
  if (parts.size() == 3 && parts[2] == "stream") {
    *route = Route::kStream;
    return Error(426, "BadArgument", "the stream is a WebSocket: upgrade");
  }
  if (parts.size() == 3 && parts[2] == "upload") {
    return Error(501, "NotImplemented", "attachments are not supported");
  }
  return Error(404, "NotFound", "no such Direct Line operation");
}

bool DirectLineService::Authenticate(const DirectLineRequest& req,
                                     Caller* caller,
                                     DirectLineResponse* error) const {
  std::string_view auth = req.authorization;
  size_t space = auth.find(' ');
  std::string_view credential;
  if (space != std::string_view::npos &&
      EqualsNoCase(auth.substr(0, space), "bearer")) {
    credential = auth.substr(space + 1);
    while (!credential.empty() && credential.front() == ' ') {
      credential.remove_prefix(1);
    }
    while (!credential.empty() && credential.back() == ' ') {
      credential.remove_suffix(1);
    }
  }
  if (credential.empty()) {
    *error = Error(401, "Unauthorized",
                   "send Authorization: Bearer <secret or token>");
    error->headers.emplace_back("WWW-Authenticate", "Bearer");
    return false;
  }
  if (tokens_.IsSecret(credential)) {
    caller->is_secret = true;
    return true;
  }
  switch (tokens_.Verify(credential, &caller->claims)) {
    case DirectLineTokens::Check::kValid:
      caller->is_secret = false;
      caller->token = std::string(credential);
      return true;
    case DirectLineTokens::Check::kExpired:
      *error = Error(403, "TokenExpired", "token expired");
      return false;
    case DirectLineTokens::Check::kMalformed:
    case DirectLineTokens::Check::kBadSignature:
      break;
  }
  *error = Error(403, "Forbidden", "invalid secret or token");
  return false;
}

bool DirectLineService::OpenConversation(
    const Caller& caller, std::string_view id,
    std::shared_ptr<DirectLineConversation>* out, bool* created,
    DirectLineResponse* error) {
  *created = false;
  if (!IsConversationId(id)) {
    *error = Error(404, "NotFound", "unknown conversation");
    return false;
  }
  if (caller.is_secret) {
    *out = conversations_.Find(std::string(id));
    if (*out == nullptr) {
      *error = Error(404, "NotFound", "unknown conversation");
      return false;
    }
    return true;
  }
  if (caller.claims.conversation_id != id) {
    *error = Error(403, "Forbidden", "token is for another conversation");
    return false;
  }
  // A valid token proves we issued the conversation: recreate it if it is not
  // in memory (generated but not started yet, or the server restarted).
  Status s = conversations_.Open(caller.claims.conversation_id,
                                 caller.claims.expires, out, created);
  if (!s.ok()) {
    *error = Error(503, "ServiceUnavailable",
                   "too many conversations; try again later");
    error->headers.emplace_back("Retry-After", "30");
    return false;
  }
  return true;
}

namespace {

// The body of a conversation-info response.
std::string StreamUrl(const DirectLineRequest& req, std::string_view id,
                      const std::string& token, std::string_view watermark) {
  std::string url =
      EqualsNoCase(req.forwarded_proto, "https") ? "wss://" : "ws://";
  url += req.host;
  url += DirectLineService::kPrefix;
  url += "/conversations/";
  url += id;
  url += "/stream?t=";
  url += token;
  if (!watermark.empty()) {
    url += "&watermark=";
    url += watermark;
  }
  return url;
}

}  // namespace

DirectLineResponse DirectLineService::Generate(const DirectLineRequest& req) {
  Caller caller;
  DirectLineResponse error;
  if (!Authenticate(req, &caller, &error)) return error;
  if (!caller.is_secret) {
    return Error(403, "Forbidden", "generating a token needs the secret");
  }
  // The optional body ({"user":...,"trustedOrigins":...}) binds nothing here.
  return IssueToken(NewSessionId());
}

DirectLineResponse DirectLineService::IssueToken(const std::string& id) {
  TimePoint expires;
  std::string token = tokens_.Issue(id, &expires);
  // A live conversation lives as long as its newest token.
  if (auto c = conversations_.Find(id)) c->ExtendTo(expires);
  return Json(200, {{"conversationId", id},
                    {"token", token},
                    {"expires_in", SecondsUntil(expires, clock_->Now())}});
}

DirectLineResponse DirectLineService::Refresh(const DirectLineRequest& req) {
  Caller caller;
  DirectLineResponse error;
  if (!Authenticate(req, &caller, &error)) return error;
  if (caller.is_secret) {
    return Error(400, "BadArgument", "refresh takes a token, not the secret");
  }
  return IssueToken(caller.claims.conversation_id);
}

DirectLineResponse DirectLineService::Start(const DirectLineRequest& req) {
  Caller caller;
  DirectLineResponse error;
  if (!Authenticate(req, &caller, &error)) return error;
  if (!IsSafeHost(req.host)) {
    return Error(400, "BadArgument", "a valid Host header is required");
  }
  // Body (optional): {"user":{"id":...},"locale":...} from DirectLineJS.
  std::string user_id;
  std::string locale;
  if (!req.body.empty()) {
    json body = json::parse(req.body, nullptr, /*allow_exceptions=*/false);
    if (body.is_discarded() || !(body.is_object() || body.is_null())) {
      return Error(400, "BadArgument", "body is not a JSON object");
    }
    if (body.is_object()) {
      if (auto u = body.find("user"); u != body.end() && u->is_object()) {
        auto uid = u->find("id");
        if (uid != u->end() && uid->is_string() &&
            uid->get_ref<const std::string&>().size() <= kMaxUserIdBytes) {
          user_id = uid->get<std::string>();
        }
      }
      if (auto l = body.find("locale"); l != body.end() && l->is_string() &&
                                        l->get_ref<const std::string&>().size() <=
                                            32) {
        locale = l->get<std::string>();
      }
    }
  }

  std::string token;
  if (caller.is_secret) {
    caller.claims.conversation_id = NewSessionId();
    token = tokens_.Issue(caller.claims.conversation_id, &caller.claims.expires);
    caller.is_secret = false;  // from here on, act as that conversation
  } else {
    token = caller.token;
  }
  std::shared_ptr<DirectLineConversation> conversation;
  bool created = false;
  if (!OpenConversation(caller, caller.claims.conversation_id, &conversation,
                        &created, &error)) {
    return error;
  }
  if (created) {
    std::lock_guard lock(conversation->turn_mutex());
    auto& ts = conversation->turn_state();
    ts.user_id = user_id;
    ts.locale = locale;
    Activity hello;
    hello.type = ActivityType::kHello;
    hello.channel_id = std::string(DirectLineAdapter::kChannelId);
    if (!locale.empty()) hello.locale = locale;
    // The greeting is the conversation's first activity. A failed greeting
    // leaves a working, silent conversation: the user's first message opens
    // the session instead.
    RunTurn(*conversation, std::move(hello), "");
  }
  state_.net_log->info("dl start conv={} new={}", Tag(conversation->id()),
                       created);
  return Json(created ? 201 : 200,
              {{"conversationId", conversation->id()},
               {"token", token},
               {"expires_in",
                SecondsUntil(caller.claims.expires, clock_->Now())},
               {"streamUrl", StreamUrl(req, conversation->id(), token, "")}});
}

DirectLineResponse DirectLineService::Reconnect(const DirectLineRequest& req,
                                                std::string_view id,
                                                std::string_view query) {
  Caller caller;
  DirectLineResponse error;
  if (!Authenticate(req, &caller, &error)) return error;
  if (!IsSafeHost(req.host)) {
    return Error(400, "BadArgument", "a valid Host header is required");
  }
  std::shared_ptr<DirectLineConversation> conversation;
  bool created = false;
  if (!OpenConversation(caller, id, &conversation, &created, &error)) {
    return error;
  }
  std::string token = caller.token;
  TimePoint expires = caller.claims.expires;
  if (caller.is_secret) {
    token = tokens_.Issue(conversation->id(), &expires);
    conversation->ExtendTo(expires);
  }
  std::string_view raw = QueryParam(query, "watermark");
  std::string watermark =
      raw.empty() ? std::string() : std::to_string(ParseWatermark(raw));
  return Json(200, {{"conversationId", conversation->id()},
                    {"token", token},
                    {"expires_in", SecondsUntil(expires, clock_->Now())},
                    {"streamUrl", StreamUrl(req, conversation->id(), token,
                                            watermark)}});
}

bool DirectLineService::CallerConversation(const DirectLineRequest& req, std::string_view id,
                                           std::shared_ptr<DirectLineConversation>* out,
                                           DirectLineResponse* error) {
  Caller caller;
  bool created = false;
  return Authenticate(req, &caller, error) &&
         OpenConversation(caller, id, out, &created, error);
}

DirectLineResponse DirectLineService::GetActivities(
    const DirectLineRequest& req, std::string_view id, std::string_view query) {
  DirectLineResponse error;
  std::shared_ptr<DirectLineConversation> conversation;
  if (!CallerConversation(req, id, &conversation, &error)) return error;
  DirectLineResponse res;
  res.status = 200;
  res.body = conversation->ActivitiesAfter(
      ParseWatermark(QueryParam(query, "watermark")));
  res.headers.emplace_back("Content-Type", "application/json; charset=utf-8");
  return res;
}

DirectLineResponse DirectLineService::PostActivity(const DirectLineRequest& req,
                                                   std::string_view id) {
  DirectLineResponse error;
  std::shared_ptr<DirectLineConversation> conversation;
  if (!CallerConversation(req, id, &conversation, &error)) return error;
  if (req.body.size() > state_.options.direct_line.max_activity_bytes) {
    return Error(413, "BadArgument", "activity too large");
  }
  json posted = json::parse(req.body, nullptr, /*allow_exceptions=*/false);
  if (posted.is_discarded()) {
    return Error(400, "BadArgument", "body is not valid JSON");
  }
  Activity activity;
  bool run_turn = false;
  Status s = adapter_.ReadActivity(posted, &activity, &run_turn);
  if (!s.ok()) return Error(400, "BadArgument", s.message());

  std::lock_guard lock(conversation->turn_mutex());
  auto& ts = conversation->turn_state();
  if (!ts.bucket) {
    ts.bucket.emplace(state_.options.rate_per_second, state_.options.rate_burst,
                      SteadyClock::now());
  }
  if (!ts.bucket->TryTake(SteadyClock::now())) {
    DirectLineResponse res =
        Error(429, "TooManyRequests", "too many activities; slow down");
    res.headers.emplace_back("Retry-After", "1");
    return res;
  }

  // A retried POST (same clientActivityID) gets the first answer again.
  std::string client_id;
  if (auto cd = posted.find("channelData");
      cd != posted.end() && cd->is_object()) {
    auto cid = cd->find("clientActivityID");
    if (cid != cd->end() && cid->is_string() &&
        cid->get_ref<const std::string&>().size() <= kMaxClientIdBytes) {
      client_id = cid->get<std::string>();
    }
  }
  if (!client_id.empty()) {
    for (const auto& [cid, server_id] : ts.recent_client_ids) {
      if (cid == client_id) return Json(200, {{"id", server_id}});
    }
  }

  // The echo: the activity as posted (channelData untouched), with the
  // service's id, timestamp and conversation (§6.4). Web Chat marks a message
  // sent only when it sees this.
  json echo = std::move(posted);
  auto from = echo.find("from");
  if (from == echo.end() || !from->is_object()) {
    echo["from"] = {{"id", ts.user_id.empty() ? "user" : ts.user_id}};
    from = echo.find("from");
  }
  (*from)["role"] = "user";  // a client cannot speak as the bot
  if (auto uid = from->find("id"); uid != from->end() && uid->is_string() &&
                                   uid->get_ref<const std::string&>().size() <=
                                       kMaxUserIdBytes) {
    ts.user_id = uid->get<std::string>();
  }
  if (!echo.contains("channelId")) echo["channelId"] = "directline";
  std::string echo_id = conversation->Append({std::move(echo)}).front();
  if (!client_id.empty()) {
    ts.recent_client_ids.emplace_back(client_id, echo_id);
    if (ts.recent_client_ids.size() > kRecentClientIds) {
      ts.recent_client_ids.pop_front();
    }
  }
  state_.metrics.MessageReceived();

  if (run_turn) {
    if (!activity.locale.empty() && activity.locale != "en") {
      ts.locale = activity.locale;
    }
    activity.id = echo_id;
    if (!RunTurn(*conversation, std::move(activity), echo_id)) {
      return Error(502, "BotError",
                   "something went wrong on our side; please try again");
    }
  }
  return Json(200, {{"id", echo_id}});
}

bool DirectLineService::RunTurn(DirectLineConversation& conversation,
                                Activity activity,
                                const std::string& reply_to_id) {
  auto& ts = conversation.turn_state();
  activity.session_id = ts.session_id;
  Reply reply;
  TurnInfo info;
  Status s;
  auto start = SteadyClock::now();
  try {
    s = state_.on_turn(activity, &reply, &info);
  } catch (const std::exception& e) {
    // A failed turn must never take the server down with it.
    s = Status::Internal(e.what());
  }
  auto latency = SteadyClock::now() - start;
  const char* type = activity.type == ActivityType::kHello     ? "hello"
                     : activity.type == ActivityType::kRestart ? "restart"
                                                               : "message";
  if (!s.ok()) {
    state_.turn_log->error("turn dl conv={} sid={} type={} failed: {}",
                           Tag(conversation.id()), Tag(ts.session_id), type,
                           s.ToString());
    state_.metrics.ErrorSent(ProtocolErrorCode::kInternal);
    return false;
  }
  ts.session_id = reply.session_id;
  state_.metrics.TurnDone(info.triage, latency);
  // Message text is health data: never here, only what the bot made of it.
  auto level = info.triage >= TriageLevel::kUrgent ? spdlog::level::warn
                                                   : spdlog::level::info;
  state_.turn_log->log(
      level,
      "turn dl conv={} sid={} type={} intent={} slots={} expecting={} "
      "triage={} rules={} scope={} new={} resumed={} content={} us={}",
      Tag(conversation.id()), Tag(info.session_id), type,
      info.intent.empty() ? "-" : info.intent, info.slots_filled,
      info.expecting.empty() ? "-" : info.expecting, TriageName(info.triage),
      info.rules, info.scope == Scope::kUnset ? "-" : ScopeName(info.scope),
      info.new_session, info.resumed, state_.content_version,
      std::chrono::duration_cast<std::chrono::microseconds>(latency).count());

  DirectLineAdapter::Context context{conversation.id(), reply_to_id,
                                     ts.user_id, ts.locale};
  conversation.Append(DirectLineAdapter::RenderActivities(reply, context));
  return true;
}

bool DirectLineService::AuthorizeStream(
    const DirectLineRequest& req,
    std::shared_ptr<DirectLineConversation>* conversation, uint64_t* watermark,
    DirectLineResponse* error) {
  std::string_view target = req.target;
  size_t q = target.find('?');
  std::string_view path = target.substr(0, q);
  std::string_view query =
      q == std::string_view::npos ? std::string_view() : target.substr(q + 1);
  std::vector<std::string_view> parts =
      Split(path.substr(std::min(path.size(), kPrefix.size() + 1)));
  auto finish = [&](bool ok) {
    state_.metrics.DirectLineRequest(Route::kStream, ok ? 101 : error->status);
    if (!ok) {
      error->headers.emplace_back("Access-Control-Allow-Origin", "*");
      if (error->status == 401 || error->status == 403) {
        state_.net_log->info("dl refused route=stream status={}",
                             error->status);
      }
    }
    return ok;
  };
  if (parts.size() != 3 || parts[0] != "conversations" ||
      parts[2] != "stream") {
    *error = Error(404, "NotFound", "no such Direct Line stream");
    return finish(false);
  }
  // Browsers cannot set headers on a WebSocket: the token rides in `t`.
  std::string bearer;
  std::string_view t = QueryParam(query, "t");
  DirectLineRequest auth = req;
  if (!t.empty()) {
    bearer = "Bearer " + std::string(t);
    auth.authorization = bearer;
  }
  Caller caller;
  if (!Authenticate(auth, &caller, error)) return finish(false);
  bool created = false;
  if (!OpenConversation(caller, parts[1], conversation, &created, error)) {
    return finish(false);
  }
  *watermark = ParseWatermark(QueryParam(query, "watermark"));
  return finish(true);
}

}  // namespace kneebot
