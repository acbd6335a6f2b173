#include "bot/server/listener.h"

#include <spdlog/spdlog.h>

#include <chrono>
#include <future>
#include <utility>

#include "bot/server/http_session.h"

namespace kneebot {

Listener::Listener(net::io_context& ioc, std::shared_ptr<ServerState> state)
    : ioc_(ioc),
      acceptor_(net::make_strand(ioc)),
      retry_(acceptor_.get_executor()),
      state_(std::move(state)) {}

Status Listener::Open(const tcp::endpoint& endpoint) {
  beast::error_code ec;
  auto fail = [&](const char* what) {
    return Status::Unavailable(
        "cannot " + std::string(what) + " " + endpoint.address().to_string() +
        ":" + std::to_string(endpoint.port()) + ": " + ec.message());
  };
  acceptor_.open(endpoint.protocol(), ec);
  if (ec) return fail("open");
  // Restarting must not wait for the old socket's TIME_WAIT to pass.
  acceptor_.set_option(net::socket_base::reuse_address(true), ec);
  if (ec) return fail("configure");
  acceptor_.bind(endpoint, ec);
  if (ec) return fail("bind");
  acceptor_.listen(net::socket_base::max_listen_connections, ec);
  if (ec) return fail("listen on");
  port_ = acceptor_.local_endpoint(ec).port();
  if (ec) return fail("read the port of");
  return Status::OK();
}

void Listener::Run() {
  net::dispatch(
      acceptor_.get_executor(),
      beast::bind_front_handler(&Listener::DoAccept, shared_from_this()));
}

void Listener::Stop() {
  // The acceptor belongs to its strand: close it there, and wait for that.
  std::promise<void> closed;
  net::post(acceptor_.get_executor(), [self = shared_from_this(), &closed] {
    beast::error_code ec;
    self->acceptor_.close(ec);
    self->retry_.cancel();
    closed.set_value();
  });
  closed.get_future().wait();
}

void Listener::DoAccept() {
  if (!acceptor_.is_open()) return;
  // Each new connection gets its own strand: its handlers never run
  // concurrently, while different connections run in parallel on the
  // io_context's threads.
  acceptor_.async_accept(
      net::make_strand(ioc_),
      beast::bind_front_handler(&Listener::OnAccept, shared_from_this()));
}

void Listener::OnAccept(beast::error_code ec, tcp::socket socket) {
  if (ec == net::error::operation_aborted || !acceptor_.is_open()) return;
  if (ec) {
    // Typically EMFILE. Accepting again at once would spin; back off briefly.
    state_->net_log->warn("accept: {}", ec.message());
    retry_.expires_after(std::chrono::milliseconds(100));
    retry_.async_wait([self = shared_from_this()](beast::error_code wait_ec) {
      if (!wait_ec) self->DoAccept();
    });
    return;
  }
  beast::error_code nodelay_ec;
  // Replies are small and latency-bound; don't let Nagle hold them back.
  socket.set_option(tcp::no_delay(true), nodelay_ec);
  std::make_shared<HttpSession>(std::move(socket), state_)->Run();
  DoAccept();
}

}  // namespace kneebot
