#include "bot/server/server.h"

#include <spdlog/sinks/stdout_color_sinks.h>
#include <spdlog/spdlog.h>

#include <algorithm>
#include <mutex>
#include <thread>
#include <utility>
#include <vector>

#include "bot/server/beast.h"
#include "bot/server/direct_line_service.h"
#include "bot/server/listener.h"

namespace kneebot {
namespace {

// main.cc creates the loggers with the configured level; tests and other
// embedders may not, so make one rather than crash on a null logger.
std::shared_ptr<spdlog::logger> Logger(const std::string& name) {
  static std::mutex mu;
  std::lock_guard lock(mu);
  if (auto log = spdlog::get(name)) return log;
  return spdlog::stdout_color_mt(name);
}

}  // namespace

struct Server::Runtime {
  explicit Runtime(int threads) : ioc(std::max(threads, 1)) {}

  net::io_context ioc;
  std::shared_ptr<Listener> listener;
  std::vector<std::thread> threads;
  std::mutex stop_mu;
  bool started = false;
  bool stopped = false;
};

Server::Server(ServerOptions options, TurnHandler on_turn,
               std::string content_version)
    : state_(std::make_shared<ServerState>()) {
  state_->options = std::move(options);
  state_->on_turn = std::move(on_turn);
  state_->content_version = std::move(content_version);
  state_->net_log = Logger("net");
  state_->turn_log = Logger("turn");
  if (!state_->options.direct_line.secret.empty()) {
    state_->direct_line = std::make_shared<DirectLineService>(*state_);
  }
  runtime_ = std::make_unique<Runtime>(state_->options.threads);
}

Server::~Server() {
  Stop();
  // Handlers still queued in the io_context own their sessions; destroying the
  // io_context (first, with runtime_) releases them while state_ is still
  // alive.
  runtime_.reset();
}

Status Server::Start() {
  std::lock_guard lock(runtime_->stop_mu);
  if (runtime_->started) return Status::Internal("server already started");
  const ServerOptions& o = state_->options;
  beast::error_code ec;
  auto address = net::ip::make_address(o.bind, ec);
  if (ec)
    return Status::InvalidArgument("--bind: '" + o.bind +
                                   "' is not an IP address");

  runtime_->listener = std::make_shared<Listener>(runtime_->ioc, state_);
  Status s = runtime_->listener->Open(tcp::endpoint(address, o.port));
  if (!s.ok()) return s;
  runtime_->listener->Run();
  runtime_->started = true;
  int n = std::max(o.threads, 1);
  runtime_->threads.reserve(n);
  for (int i = 0; i < n; ++i) {
    runtime_->threads.emplace_back([this] { runtime_->ioc.run(); });
  }
  return Status::OK();
}

uint16_t Server::port() const {
  return runtime_->listener ? runtime_->listener->port() : 0;
}

const Metrics& Server::metrics() const { return state_->metrics; }

void Server::Stop() {
  std::lock_guard lock(runtime_->stop_mu);
  if (!runtime_->started || runtime_->stopped) return;
  runtime_->stopped = true;
  state_->stopping = true;

  // Beast's callback API has no cancel_after: the graceful close is built by
  // hand.
  runtime_->listener->Stop();
  size_t live = 0;
  {
    std::vector<std::shared_ptr<LiveConnection>> sessions =
        state_->registry.BeginShutdown();
    live = sessions.size();
    for (auto& s : sessions) s->Shutdown();
  }  // drop our references, or the sessions could never end
  bool drained = state_->registry.WaitEmpty(state_->options.shutdown_drain);
  state_->net_log->info("shutdown: closed {} websocket(s), {}", live,
                        drained ? "all drained" : "drain timed out");

  // Keep-alive HTTP connections and anything that did not drain end here.
  runtime_->ioc.stop();
  for (auto& t : runtime_->threads) t.join();
  runtime_->threads.clear();
}

}  // namespace kneebot
