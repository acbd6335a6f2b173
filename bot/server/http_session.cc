#include "bot/server/http_session.h"

#include <spdlog/spdlog.h>

#include <nlohmann/json.hpp>
#include <string>
#include <string_view>
#include <utility>

#include "bot/server/direct_line_service.h"
#include "bot/server/direct_line_stream.h"
#include "bot/server/websocket_session.h"

namespace kneebot {
namespace {

using Request = http::request<http::string_body>;

// The static files of the demo page. A fixed list, never a path taken from the
// request, so no request can read outside web_root.
struct StaticFile {
  std::string_view target;
  std::string_view file;
  std::string_view content_type;
};
constexpr StaticFile kStaticFiles[] = {
    {"/", "index.html", "text/html; charset=utf-8"},
    {"/index.html", "index.html", "text/html; charset=utf-8"},
    {"/widget.js", "widget.js", "text/javascript; charset=utf-8"},
    {"/widget.css", "widget.css", "text/css; charset=utf-8"},
};

constexpr std::string_view kServerName = "kneebot/0.1";

template <class Body>
void CommonHeaders(http::response<Body>* res, const Request& req,
                   bool keep_alive) {
  res->set(http::field::server, kServerName);
  res->set("X-Content-Type-Options", "nosniff");
  res->keep_alive(keep_alive && req.keep_alive());
}

http::message_generator Text(const Request& req, bool keep_alive,
                             http::status status, std::string_view content_type,
                             std::string body) {
  http::response<http::string_body> res{status, req.version()};
  CommonHeaders(&res, req, keep_alive);
  res.set(http::field::content_type, content_type);
  res.set(http::field::cache_control, "no-store");
  res.body() = std::move(body);
  res.prepare_payload();
  return res;
}

http::message_generator NotFound(const Request& req, bool keep_alive) {
  return Text(req, keep_alive, http::status::not_found,
              "text/plain; charset=utf-8", "not found\n");
}

http::message_generator File(const Request& req, bool keep_alive,
                             const std::string& web_root, const StaticFile& f) {
  beast::error_code ec;
  http::file_body::value_type body;
  std::string path = web_root + "/" + std::string(f.file);
  body.open(path.c_str(), beast::file_mode::scan, ec);
  // Missing (or unreadable) is 404: the web widget is optional content.
  if (ec) return NotFound(req, keep_alive);
  auto size = body.size();
  http::response<http::file_body> res{
      std::piecewise_construct, std::make_tuple(std::move(body)),
      std::make_tuple(http::status::ok, req.version())};
  CommonHeaders(&res, req, keep_alive);
  res.set(http::field::content_type, f.content_type);
  // Content changes with deployments; let browsers revalidate instead of
  // guessing.
  res.set(http::field::cache_control, "no-cache");
  res.content_length(size);
  return res;
}

// The Direct Line view of a request (borrowed from `req`).
DirectLineRequest ToDirectLine(const Request& req) {
  DirectLineRequest dl;
  dl.method = req.method_string();
  dl.target = req.target();
  dl.authorization = req[http::field::authorization];
  dl.host = req[http::field::host];
  dl.forwarded_proto = req["X-Forwarded-Proto"];
  dl.body = req.body();
  return dl;
}

http::message_generator FromDirectLine(const Request& req, bool keep_alive,
                                       DirectLineResponse dl) {
  http::response<http::string_body> res{static_cast<http::status>(dl.status),
                                        req.version()};
  CommonHeaders(&res, req, keep_alive);
  for (auto& [name, value] : dl.headers) res.set(name, value);
  res.body() = std::move(dl.body);
  res.prepare_payload();
  return res;
}

}  // namespace

HttpSession::HttpSession(tcp::socket&& socket,
                         std::shared_ptr<ServerState> state)
    : stream_(std::move(socket)), state_(std::move(state)) {}

void HttpSession::Run() {
  // The socket's executor is this connection's strand; run everything there.
  net::dispatch(
      stream_.get_executor(),
      beast::bind_front_handler(&HttpSession::DoRead, shared_from_this()));
}

void HttpSession::DoRead() {
  parser_.emplace();
  parser_->body_limit(state_->options.max_http_body_bytes);
  stream_.expires_after(state_->options.http_timeout);
  http::async_read(
      stream_, buffer_, *parser_,
      beast::bind_front_handler(&HttpSession::OnRead, shared_from_this()));
}

void HttpSession::OnRead(beast::error_code ec, std::size_t) {
  if (ec == http::error::end_of_stream) return DoClose();
  if (ec == http::error::body_limit) {
    // Say why instead of just dropping the connection.
    return beast::async_write(
        stream_,
        Text(parser_->get(), false, http::status::payload_too_large,
             "text/plain; charset=utf-8", "request body too large\n"),
        beast::bind_front_handler(&HttpSession::OnWrite, shared_from_this(),
                                  false));
  }
  if (ec) {
    if (ec != net::error::operation_aborted && ec != beast::error::timeout) {
      state_->net_log->debug("http read: {}", ec.message());
    }
    return;  // dropping the stream closes the socket
  }

  const Request& req = parser_->get();
  if (websocket::is_upgrade(req)) {
    std::string_view target = req.target();
    target = target.substr(0, target.find('?'));
    if (target != "/ws" && state_->direct_line &&
        DirectLineService::IsDirectLinePath(target)) {
      return UpgradeDirectLine();
    }
    if (target != "/ws") {
      return beast::async_write(
          stream_, NotFound(req, false),
          beast::bind_front_handler(&HttpSession::OnWrite, shared_from_this(),
                                    false));
    }
    if (RefusedAsBusy()) return;
    // The socket moves to the WebSocket session, which keeps its strand.
    std::make_shared<WebSocketSession>(stream_.release_socket(), state_)
        ->Run(parser_->release());
    return;
  }

  http::message_generator msg = Handle(req);
  bool keep_alive = msg.keep_alive();
  beast::async_write(stream_, std::move(msg),
                     beast::bind_front_handler(&HttpSession::OnWrite,
                                               shared_from_this(), keep_alive));
}

bool HttpSession::RefusedAsBusy() {
  if (!state_->stopping &&
      state_->registry.size() < state_->options.max_connections) {
    return false;
  }
  beast::async_write(
      stream_,
      Text(parser_->get(), false, http::status::service_unavailable,
           "text/plain; charset=utf-8", "busy; try again later\n"),
      beast::bind_front_handler(&HttpSession::OnWrite, shared_from_this(),
                                false));
  return true;
}

void HttpSession::UpgradeDirectLine() {
  const Request& req = parser_->get();
  std::shared_ptr<DirectLineConversation> conversation;
  uint64_t watermark = 0;
  DirectLineResponse error;
  if (!state_->direct_line->AuthorizeStream(ToDirectLine(req), &conversation,
                                            &watermark, &error)) {
    return beast::async_write(
        stream_, FromDirectLine(req, false, std::move(error)),
        beast::bind_front_handler(&HttpSession::OnWrite, shared_from_this(),
                                  false));
  }
  if (RefusedAsBusy()) return;
  std::make_shared<DirectLineStream>(stream_.release_socket(), state_,
                                     std::move(conversation), watermark)
      ->Run(parser_->release());
}

http::message_generator HttpSession::Handle(const Request& req) const {
  // While stopping, answer but let the connection go.
  bool keep_alive = !state_->stopping;
  std::string_view target = req.target();
  target = target.substr(0, target.find('?'));

  if (DirectLineService::IsDirectLinePath(target)) {
    // Off (no secret): the routes do not exist.
    if (!state_->direct_line) return NotFound(req, keep_alive);
    return FromDirectLine(req, keep_alive,
                          state_->direct_line->Handle(ToDirectLine(req)));
  }

  bool known = target == "/healthz" || target == "/metrics" || target == "/ws";
  for (const auto& f : kStaticFiles) known = known || f.target == target;
  if (!known) return NotFound(req, keep_alive);
  if (req.method() != http::verb::get) {
    http::response<http::string_body> res{http::status::method_not_allowed,
                                          req.version()};
    CommonHeaders(&res, req, keep_alive);
    res.set(http::field::allow, "GET");
    res.prepare_payload();
    return res;
  }

  if (target == "/healthz") {
    if (state_->content_version.empty()) {
      return Text(req, keep_alive, http::status::service_unavailable,
                  "application/json", R"({"status":"loading"})");
    }
    nlohmann::json body = {{"status", "ok"},
                           {"content_version", state_->content_version}};
    return Text(req, keep_alive, http::status::ok, "application/json",
                body.dump());
  }
  if (target == "/metrics") {
    return Text(req, keep_alive, http::status::ok,
                "text/plain; version=0.0.4; charset=utf-8",
                state_->metrics.Render());
  }
  if (target == "/ws") {
    return Text(req, keep_alive, http::status::upgrade_required,
                "text/plain; charset=utf-8", "WebSocket upgrade required\n");
  }
  for (const auto& f : kStaticFiles) {
    if (f.target == target)
      return File(req, keep_alive, state_->options.web_root, f);
  }
  return NotFound(req, keep_alive);
}

void HttpSession::OnWrite(bool keep_alive, beast::error_code ec, std::size_t) {
  if (ec) return;
  if (!keep_alive) return DoClose();
  DoRead();
}

void HttpSession::DoClose() {
  beast::error_code ec;
  stream_.socket().shutdown(tcp::socket::shutdown_send, ec);
}

}  // namespace kneebot
