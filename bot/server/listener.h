// Listener: accepts TCP connections and gives each an HttpSession on its own
// strand.
//
//   auto listener = std::make_shared<Listener>(ioc, state);
//   Status s = listener->Open(endpoint);   // bind + listen; port 0 picks a
//   free one listener->Run();                       // accept until Stop()
//
// The listener never stores its sessions (Beast's examples): they keep
// themselves alive while they have work.
#ifndef KNEEBOT_BOT_SERVER_LISTENER_H_
#define KNEEBOT_BOT_SERVER_LISTENER_H_

#include <cstdint>
#include <memory>

#include "bot/server/beast.h"
#include "bot/server/server_state.h"
#include "bot/status.h"

namespace kneebot {

class Listener : public std::enable_shared_from_this<Listener> {
 public:
  Listener(net::io_context& ioc, std::shared_ptr<ServerState> state);
  Listener(const Listener&) = delete;
  Listener& operator=(const Listener&) = delete;

  // Opens, binds and listens. Returns Unavailable naming the address on failure
  // (port in use, address not local). Call before Run, from one thread.
  Status Open(const tcp::endpoint& endpoint);
  // The bound port (the real one when Open was given port 0).
  uint16_t port() const { return port_; }

  // Starts accepting. Call once, after Open succeeded.
  void Run();
  // Stops accepting and closes the listening socket; connections already
  // accepted carry on. Blocks until the socket is closed, so a client
  // connecting afterwards is refused rather than left in the backlog. Must not
  // be called from a server thread.
  void Stop();

 private:
  void DoAccept();
  void OnAccept(beast::error_code ec, tcp::socket socket);

  net::io_context& ioc_;
  tcp::acceptor acceptor_;  // its executor is a strand, so Stop can post to it
  net::steady_timer retry_;
  const std::shared_ptr<ServerState> state_;
  uint16_t port_ = 0;
};

}  // namespace kneebot

#endif  // KNEEBOT_BOT_SERVER_LISTENER_H_
