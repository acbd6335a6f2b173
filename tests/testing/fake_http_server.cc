#include "tests/testing/fake_http_server.h"

#include <algorithm>
#include <boost/asio/io_context.hpp>
#include <boost/asio/ip/tcp.hpp>
#include <boost/asio/post.hpp>
#include <boost/asio/steady_timer.hpp>
#include <boost/beast/core.hpp>
#include <boost/beast/http.hpp>
#include <boost/beast/ssl.hpp>
#include <cctype>
#include <condition_variable>
#include <deque>
#include <mutex>
#include <optional>
#include <thread>

namespace kneebot::test {

namespace net = boost::asio;
namespace beast = boost::beast;
namespace http = beast::http;
namespace ssl = net::ssl;
using tcp = net::ip::tcp;

std::string RecordedRequest::Header(std::string_view lower_name) const {
  for (const auto& [name, value] : headers) {
    if (name == lower_name) return value;
  }
  return "";
}

namespace fake_http_detail {

// What a session asks the server for each request (Impl is private to the class).
class Answerer {
 public:
  virtual ~Answerer() = default;
  virtual ScriptedResponse Answer(const RecordedRequest& r) = 0;
};

}  // namespace fake_http_detail

struct FakeHttpServer::Impl final : fake_http_detail::Answerer {
  Options options;

  mutable std::mutex mu;
  mutable std::condition_variable recorded;
  std::deque<ScriptedResponse> script;  // guarded by mu
  ScriptedResponse fallback;            // guarded by mu
  Handler handler;                      // guarded by mu
  std::vector<RecordedRequest> requests;  // guarded by mu
  size_t accepted = 0;                    // guarded by mu

  int port = 0;
  bool running = false;
  std::thread thread;
  // Destroyed in this order by Stop(): what uses the io_context first.
  std::unique_ptr<net::io_context> ioc;
  std::unique_ptr<ssl::context> tls;
  std::unique_ptr<tcp::acceptor> acceptor;

  // Records `r` and picks its answer.
  ScriptedResponse Answer(const RecordedRequest& r) override {
    Handler h;
    {
      std::lock_guard lock(mu);
      requests.push_back(r);
      recorded.notify_all();
      if (!script.empty()) {
        ScriptedResponse s = std::move(script.front());
        script.pop_front();
        return s;
      }
      if (!handler) return fallback;
      h = handler;
    }
    return h(r);  // unlocked: a handler may look at requests()
  }

  void Accept();
};

namespace {

// One accepted connection: read a request, answer it, and again while keep-alive.
template <class Stream>
class Session : public std::enable_shared_from_this<Session<Stream>> {
 public:
  template <class... Args>
  Session(fake_http_detail::Answerer* server, Args&&... args)
      : server_(server), stream_(std::forward<Args>(args)...), timer_(stream_.get_executor()) {}

  void Run() {
    if constexpr (std::is_same_v<Stream, beast::tcp_stream>) {
      Read();
    } else {
      stream_.async_handshake(ssl::stream_base::server,
                              [self = this->shared_from_this()](beast::error_code ec) {
                                if (!ec) self->Read();
                              });
    }
  }

 private:
  void Read() {
    request_ = {};
    http::async_read(stream_, buffer_, request_,
                     [self = this->shared_from_this()](beast::error_code ec, size_t) {
                       if (!ec) self->OnRequest();
                     });
  }

  void OnRequest() {
    RecordedRequest r;
    r.method = std::string(request_.method_string());
    r.target = std::string(request_.target());
    for (const auto& field : request_) {
      std::string name(field.name_string());
      std::transform(name.begin(), name.end(), name.begin(),
                     [](unsigned char c) { return std::tolower(c); });
      r.headers.emplace_back(std::move(name), std::string(field.value()));
    }
    r.body = request_.body();
    const bool client_keeps = request_.keep_alive();
    ScriptedResponse s = server_->Answer(r);

    response_ = {};
    response_.version(11);
    response_.result(s.status);
    response_.set(http::field::server, "kneebot-fake");
    response_.set(http::field::content_type, s.content_type);
    for (const auto& [name, value] : s.headers) response_.set(name, value);
    response_.body() = std::move(s.body);
    response_.keep_alive(client_keeps && !s.close);
    response_.prepare_payload();
    hang_up_ = s.hang_up_after;

    timer_.expires_after(s.delay);
    timer_.async_wait([self = this->shared_from_this()](beast::error_code) { self->Write(); });
  }

  void Write() {
    http::async_write(stream_, response_,
                      [self = this->shared_from_this()](beast::error_code ec, size_t) {
                        if (ec) return;
                        if (self->response_.keep_alive() && !self->hang_up_) {
                          self->Read();
                        } else {
                          beast::error_code ignored;
                          beast::get_lowest_layer(self->stream_).socket().shutdown(
                              tcp::socket::shutdown_send, ignored);
                        }
                      });
  }

  fake_http_detail::Answerer* server_;
  Stream stream_;
  net::steady_timer timer_;
  beast::flat_buffer buffer_;
  http::request<http::string_body> request_;
  http::response<http::string_body> response_;
  bool hang_up_ = false;
};

}  // namespace

void FakeHttpServer::Impl::Accept() {
  acceptor->async_accept([this](beast::error_code ec, tcp::socket socket) {
    if (ec) return;  // closed by Stop()
    {
      std::lock_guard lock(mu);
      ++accepted;
    }
    if (tls) {
      std::make_shared<Session<beast::ssl_stream<beast::tcp_stream>>>(this, std::move(socket), *tls)
          ->Run();
    } else {
      std::make_shared<Session<beast::tcp_stream>>(this, std::move(socket))->Run();
    }
    Accept();
  });
}

FakeHttpServer::FakeHttpServer() : FakeHttpServer(Options{}) {}

FakeHttpServer::FakeHttpServer(Options options) : impl_(std::make_unique<Impl>()) {
  impl_->options = std::move(options);
}

FakeHttpServer::~FakeHttpServer() { Stop(); }

Status FakeHttpServer::Start() {
  Impl& m = *impl_;
  if (m.running) return Status::Internal("fake server already started");
  try {
    m.ioc = std::make_unique<net::io_context>(1);
    if (!m.options.cert_file.empty()) {
      m.tls = std::make_unique<ssl::context>(ssl::context::tls_server);
      m.tls->use_certificate_chain_file(m.options.cert_file);
      m.tls->use_private_key_file(m.options.key_file, ssl::context::pem);
    }
    m.acceptor = std::make_unique<tcp::acceptor>(
        *m.ioc, tcp::endpoint(net::ip::make_address("127.0.0.1"), 0));
    m.port = m.acceptor->local_endpoint().port();
  } catch (const std::exception& e) {
    return Status::Internal(std::string("fake server: ") + e.what());
  }
  m.Accept();
  m.running = true;
  m.thread = std::thread([&m] { m.ioc->run(); });
  return Status::OK();
}

void FakeHttpServer::Stop() {
  Impl& m = *impl_;
  if (!m.running) return;
  m.running = false;
  m.ioc->stop();
  m.thread.join();
  // The sessions still queued in the io_context own their sockets: they close here.
  m.acceptor.reset();
  m.ioc.reset();
  m.tls.reset();
}

int FakeHttpServer::port() const { return impl_->port; }

std::string FakeHttpServer::url() const {
  return std::string(impl_->options.cert_file.empty() ? "http" : "https") + "://127.0.0.1:" +
         std::to_string(impl_->port);
}

void FakeHttpServer::Enqueue(ScriptedResponse response) {
  std::lock_guard lock(impl_->mu);
  impl_->script.push_back(std::move(response));
}

void FakeHttpServer::SetDefault(ScriptedResponse response) {
  std::lock_guard lock(impl_->mu);
  impl_->fallback = std::move(response);
}

void FakeHttpServer::SetHandler(Handler handler) {
  std::lock_guard lock(impl_->mu);
  impl_->handler = std::move(handler);
}

std::vector<RecordedRequest> FakeHttpServer::requests() const {
  std::lock_guard lock(impl_->mu);
  return impl_->requests;
}

size_t FakeHttpServer::connections_accepted() const {
  std::lock_guard lock(impl_->mu);
  return impl_->accepted;
}

bool FakeHttpServer::WaitForRequests(size_t count, std::chrono::milliseconds timeout) const {
  std::unique_lock lock(impl_->mu);
  return impl_->recorded.wait_for(lock, timeout, [&] { return impl_->requests.size() >= count; });
}

}  // namespace kneebot::test
