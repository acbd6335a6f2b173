// Server: kneebot's HTTP + WebSocket server on one port.
//
//   ServerOptions options;
//   options.port = 0;                                    // any free port
//   Server server(options, [&bot](const Activity& a, Reply* r, TurnInfo* i) {
//     return bot.OnTurn(a, r, i);
//   }, engine->content_version());
//   Status s = server.Start();                           // bound and serving
//   ... server.port() ...
//   server.Stop();                                       // graceful
//
// One io_context run by options.threads threads; a strand per connection
// (Beast's advanced_server). This header pulls in no Boost, so main.cc and
// tests stay cheap.
//
// Start and Stop are meant for one controlling thread; metrics() is safe
// anywhere.
#ifndef KNEEBOT_BOT_SERVER_SERVER_H_
#define KNEEBOT_BOT_SERVER_SERVER_H_

#include <cstdint>
#include <memory>
#include <string>

#include "bot/server/metrics.h"
#include "bot/server/server_options.h"
#include "bot/server/server_state.h"
#include "bot/status.h"

namespace kneebot {

class Server {
 public:
  // `content_version` is reported by /healthz; empty means "not loaded" (503).
  Server(ServerOptions options, TurnHandler on_turn,
         std::string content_version);
  // Stops (gracefully) if still running.
  ~Server();
  Server(const Server&) = delete;
  Server& operator=(const Server&) = delete;

  // Binds options.bind:options.port and starts the threads. Returns
  // InvalidArgument for an unparsable address, Unavailable when the port cannot
  // be bound. Call once.
  Status Start();

  // The bound port; meaningful after Start succeeded.
  uint16_t port() const;

  // Graceful shutdown: stop accepting; let replies already in flight be
  // written; close every WebSocket with 1001 (going_away); wait up to
  // options.shutdown_drain for the close handshakes; then stop the threads.
  // Blocks until done. Idempotent. Must not be called from a server thread (it
  // joins them).
  void Stop();

  const Metrics& metrics() const;

 private:
  struct Runtime;  // io_context, listener, threads: Boost stays in server.cc

  std::shared_ptr<ServerState> state_;
  std::unique_ptr<Runtime> runtime_;
};

}  // namespace kneebot

#endif  // KNEEBOT_BOT_SERVER_SERVER_H_
