#include "adapters/outbound/https_client.h"

#include <openssl/ssl.h>
#include <spdlog/spdlog.h>
#include <sys/socket.h>

#include <algorithm>
#include <boost/asio/io_context.hpp>
#include <boost/asio/ip/tcp.hpp>
#include <boost/asio/ssl/host_name_verification.hpp>
#include <boost/beast/core.hpp>
#include <boost/beast/http.hpp>
#include <boost/beast/ssl.hpp>
#include <cerrno>
#include <charconv>
#include <map>
#include <mutex>
#include <optional>
#include <thread>

#include "adapters/outbound/url.h"

namespace kneebot {

namespace {

namespace net = boost::asio;
namespace beast = boost::beast;
namespace http = beast::http;
namespace ssl = net::ssl;
using tcp = net::ip::tcp;
using Steady = std::chrono::steady_clock;
using std::chrono::milliseconds;

// The server's "net" logger when it made one; nothing is logged otherwise (tests).
std::shared_ptr<spdlog::logger> NetLog() { return spdlog::get("net"); }

// One connection with its own io_context: the calling worker thread runs just this
// connection's operations, so a blocking API needs no I/O thread of its own, and the
// stream's timers (tcp_stream::expires_at) bound every step.
struct Connection {
  net::io_context ioc{1};
  std::optional<beast::tcp_stream> plain;
  std::optional<beast::ssl_stream<beast::tcp_stream>> tls;
  beast::flat_buffer buffer;
  Steady::time_point idle_since;

  beast::tcp_stream& lowest() { return tls ? beast::get_lowest_layer(*tls) : *plain; }
};

// Runs the connection's pending operation to its end.
void Drive(Connection& c) {
  c.ioc.restart();
  c.ioc.run();
}

// What one request got: a whole response, or the error that stopped it.
struct Outcome {
  bool got_response = false;
  int status = 0;
  std::string body;
  std::optional<milliseconds> retry_after;
  bool keep_alive = false;
  // No byte of a response arrived: on a reused connection the server had closed it.
  bool nothing_read = true;
  std::string error;
};

// Retry-After in seconds (the HTTP-date form is not used by the APIs we call).
std::optional<milliseconds> ParseRetryAfter(std::string_view v) {
  while (!v.empty() && v.front() == ' ') v.remove_prefix(1);
  while (!v.empty() && v.back() == ' ') v.remove_suffix(1);
  long long seconds = 0;
  auto [end, ec] = std::from_chars(v.data(), v.data() + v.size(), seconds);
  if (ec != std::errc() || end != v.data() + v.size() || seconds < 0) return std::nullopt;
  if (seconds > 24 * 3600) seconds = 24 * 3600;
  return milliseconds(seconds * 1000);
}

// True when the peer of an idle connection has hung up (a zero-byte peek), so it is
// dropped rather than written to. Bytes waiting (a TLS session ticket) are no hang-up.
bool PeerClosed(Connection& c) {
  char byte;
  const ssize_t n = ::recv(c.lowest().socket().native_handle(), &byte, 1, MSG_PEEK | MSG_DONTWAIT);
  if (n == 0) return true;
  if (n < 0) return errno != EAGAIN && errno != EWOULDBLOCK;
  return c.plain.has_value();  // plain HTTP sends nothing unasked
}

}  // namespace

struct HttpsClient::Impl {
  HttpsClientOptions options;
  ssl::context tls_context{ssl::context::tls_client};

  std::mutex mu;
  std::map<std::string, std::vector<std::unique_ptr<Connection>>> idle;  // guarded by mu
  size_t opened = 0;                                                     // guarded by mu

  std::unique_ptr<Connection> TakeIdle(const std::string& origin) {
    std::vector<std::unique_ptr<Connection>> stale;  // closed outside the lock
    std::unique_ptr<Connection> found;
    {
      std::lock_guard lock(mu);
      auto it = idle.find(origin);
      if (it == idle.end()) return nullptr;
      auto& list = it->second;
      while (!list.empty() && found == nullptr) {
        std::unique_ptr<Connection> c = std::move(list.back());  // the most recent first
        list.pop_back();
        if (Steady::now() - c->idle_since > options.max_idle_time) {
          stale.push_back(std::move(c));
        } else {
          found = std::move(c);
        }
      }
    }
    if (found != nullptr && PeerClosed(*found)) return nullptr;
    return found;
  }

  void GiveBack(const std::string& origin, std::unique_ptr<Connection> c) {
    c->idle_since = Steady::now();
    std::lock_guard lock(mu);
    auto& list = idle[origin];
    if (list.size() < options.max_idle_per_host) list.push_back(std::move(c));
  }

  // A new connection to `url`, TLS handshake done; null and *error when that failed.
  std::unique_ptr<Connection> Open(const Url& url, Steady::time_point deadline, std::string* error) {
    auto c = std::make_unique<Connection>();
    const Steady::time_point connect_by = std::min(deadline, Steady::now() + options.connect_timeout);

    // Resolving has no stream timer: run until connect_by, then cancel.
    tcp::resolver resolver(c->ioc);
    beast::error_code ec;
    tcp::resolver::results_type endpoints;
    bool resolved = false;
    resolver.async_resolve(url.host, url.port,
                           [&](beast::error_code e, tcp::resolver::results_type r) {
                             ec = e;
                             endpoints = std::move(r);
                             resolved = true;
                           });
    c->ioc.restart();
    c->ioc.run_until(connect_by);
    if (!resolved) {
      resolver.cancel();
      Drive(*c);
      *error = "resolving timed out";
      return nullptr;
    }
    if (ec) {
      *error = "resolving failed: " + ec.message();
      return nullptr;
    }

    if (url.tls) {
      c->tls.emplace(c->ioc, tls_context);
    } else {
      c->plain.emplace(c->ioc);
    }
    c->lowest().expires_at(connect_by);
    c->lowest().async_connect(endpoints, [&](beast::error_code e, const tcp::endpoint&) { ec = e; });
    Drive(*c);
    if (ec) {
      *error = "connect failed: " + ec.message();
      return nullptr;
    }
    {
      std::lock_guard lock(mu);
      ++opened;
    }
    if (url.tls) {
      // SNI takes names only; an address is checked against the certificate's IP SANs.
      beast::error_code not_ip;
      net::ip::make_address(url.host, not_ip);
      if (not_ip && !SSL_set_tlsext_host_name(c->tls->native_handle(), url.host.c_str())) {
        *error = "TLS: cannot set the server name";
        return nullptr;
      }
      c->tls->set_verify_mode(ssl::verify_peer);
      c->tls->set_verify_callback(ssl::host_name_verification(url.host));
      c->tls->async_handshake(ssl::stream_base::client, [&](beast::error_code e) { ec = e; });
      Drive(*c);
      if (ec) {
        *error = "TLS handshake failed: " + ec.message();
        return nullptr;
      }
    }
    return c;
  }

  template <class Stream>
  Outcome Exchange(Connection& c, Stream& stream, const http::request<http::string_body>& req,
                   Steady::time_point deadline) {
    Outcome o;
    beast::error_code ec;
    c.lowest().expires_at(deadline);
    http::async_write(stream, req, [&](beast::error_code e, size_t) { ec = e; });
    Drive(c);
    if (ec) {
      o.error = "sending failed: " + ec.message();
      return o;
    }
    http::response_parser<http::string_body> parser;
    parser.body_limit(options.max_response_bytes);
    c.lowest().expires_at(deadline);
    http::async_read(stream, c.buffer, parser, [&](beast::error_code e, size_t) { ec = e; });
    Drive(c);
    o.nothing_read = !parser.got_some();
    if (ec) {
      o.error = "reading the response failed: " + ec.message();
      return o;
    }
    c.lowest().expires_never();
    http::response<http::string_body>& res = parser.get();
    o.got_response = true;
    o.status = res.result_int();
    o.keep_alive = res.keep_alive();
    if (auto it = res.find(http::field::retry_after); it != res.end()) {
      o.retry_after = ParseRetryAfter(it->value());
    }
    o.body = std::move(res.body());
    return o;
  }

  Outcome Exchange(Connection& c, const http::request<http::string_body>& req,
                   Steady::time_point deadline) {
    return c.tls ? Exchange(c, *c.tls, req, deadline) : Exchange(c, *c.plain, req, deadline);
  }

  // One try: an idle connection when there is one, else a new one.
  Outcome Once(const Url& url, const std::string& origin,
               const http::request<http::string_body>& req, Steady::time_point deadline) {
    std::unique_ptr<Connection> c = TakeIdle(origin);
    Outcome o;
    if (c != nullptr) {
      o = Exchange(*c, req, deadline);
      // The server closed the idle connection before reading the request: it took
      // nothing, so sending again on a new connection is no retry.
      if (o.got_response || !o.nothing_read || Steady::now() >= deadline) {
        if (o.got_response && o.keep_alive) GiveBack(origin, std::move(c));
        return o;
      }
    }
    c = Open(url, deadline, &o.error);
    if (c == nullptr) return o;
    o = Exchange(*c, req, deadline);
    if (o.got_response && o.keep_alive) GiveBack(origin, std::move(c));
    return o;
  }

  // The wait before try number `retry` (1-based), or nullopt when no retry should be made.
  std::optional<milliseconds> Backoff(int retry, const Outcome& o) const {
    if (o.got_response && o.status == 429 && o.retry_after) {
      if (*o.retry_after > options.max_retry_after) return std::nullopt;
      return *o.retry_after;
    }
    milliseconds wait = options.initial_backoff;
    for (int i = 1; i < retry && wait < options.max_backoff; ++i) wait *= 2;
    return std::min(wait, options.max_backoff);
  }

  Status Post(const std::string& url_text,
              const std::vector<std::pair<std::string, std::string>>& headers,
              const std::string& content_type, const std::string& body, Response* out) {
    const Steady::time_point deadline = Steady::now() + options.total_timeout;
    Url url;
    Status s = ParseUrl(url_text, &url);
    if (!s.ok()) return s;
    if (!url.tls && !url.IsLoopback() && !options.allow_plain_http_to_any_host) {
      return Status::InvalidArgument("outbound: plain http:// is only for loopback hosts");
    }
    const std::string origin = url.Origin();

    http::request<http::string_body> req{http::verb::post, url.target, 11};
    req.set(http::field::host, url.HostHeader());
    req.set(http::field::user_agent, "kneebot");
    req.set(http::field::content_type, content_type);
    for (const auto& [name, value] : headers) req.set(name, value);
    req.keep_alive(true);
    req.body() = body;
    req.prepare_payload();

    Outcome o;
    for (int attempt = 0;; ++attempt) {
      o = Once(url, origin, req, deadline);
      const bool retryable = !o.got_response || o.status == 429 || o.status >= 500;
      if (!retryable || attempt >= options.max_retries) break;
      std::optional<milliseconds> wait = Backoff(attempt + 1, o);
      if (!wait || Steady::now() + *wait >= deadline) break;
      if (auto log = NetLog()) {
        log->warn("outbound POST to {}: {}; retry {} of {} in {} ms", origin,
                  o.got_response ? "status " + std::to_string(o.status) : o.error, attempt + 1,
                  options.max_retries, wait->count());
      }
      std::this_thread::sleep_for(*wait);
    }
    if (!o.got_response) {
      if (auto log = NetLog()) log->warn("outbound POST to {} failed: {}", origin, o.error);
      return Status::Unavailable("POST to " + origin + ": " + o.error);
    }
    out->status = o.status;
    out->body = std::move(o.body);
    return Status::OK();
  }
};

HttpsClient::HttpsClient(std::unique_ptr<Impl> impl) : impl_(std::move(impl)) {}

HttpsClient::~HttpsClient() = default;

Status HttpsClient::Create(HttpsClientOptions options, std::unique_ptr<HttpsClient>* out) {
  try {
    auto impl = std::make_unique<Impl>();
    impl->options = std::move(options);
    impl->options.max_retries = std::max(impl->options.max_retries, 0);
    ssl::context& ctx = impl->tls_context;
    ctx.set_options(ssl::context::default_workarounds | ssl::context::no_sslv2 |
                    ssl::context::no_sslv3 | ssl::context::no_tlsv1 | ssl::context::no_tlsv1_1);
    beast::error_code ec;
    ctx.set_default_verify_paths(ec);
    if (ec) return Status::Internal("TLS: cannot load the system certificates: " + ec.message());
    if (!impl->options.extra_ca_file.empty()) {
      ctx.load_verify_file(impl->options.extra_ca_file, ec);
      if (ec) {
        return Status::InvalidArgument("TLS: cannot load the CA file " + impl->options.extra_ca_file +
                                       ": " + ec.message());
      }
    }
    ctx.set_verify_mode(ssl::verify_peer);
    out->reset(new HttpsClient(std::move(impl)));
    return Status::OK();
  } catch (const std::exception& e) {
    return Status::Internal(std::string("outbound client: ") + e.what());
  }
}

Status HttpsClient::Post(const std::string& url,
                         const std::vector<std::pair<std::string, std::string>>& headers,
                         const std::string& content_type, const std::string& body, Response* out) {
  try {
    return impl_->Post(url, headers, content_type, body, out);
  } catch (const std::exception& e) {
    // Asio throws only on resource exhaustion (no file descriptors for an io_context).
    return Status::Internal(std::string("outbound POST: ") + e.what());
  }
}

size_t HttpsClient::connections_opened() const {
  std::lock_guard lock(impl_->mu);
  return impl_->opened;
}

}  // namespace kneebot
