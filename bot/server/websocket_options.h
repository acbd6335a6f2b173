// The options every server-side WebSocket gets (native chat and Direct Line stream).
#ifndef KNEEBOT_BOT_SERVER_WEBSOCKET_OPTIONS_H_
#define KNEEBOT_BOT_SERVER_WEBSOCKET_OPTIONS_H_

#include "bot/server/beast.h"
#include "bot/server/server_options.h"

namespace kneebot {

// The websocket stream has its own timeouts, so the HTTP one must not fire any more;
// keep-alive pings at half the idle timeout tell a quiet live peer from a dead one.
inline void ApplyServerWebSocketOptions(websocket::stream<beast::tcp_stream>& ws,
                                        const ServerOptions& o) {
  beast::get_lowest_layer(ws).expires_never();
  websocket::stream_base::timeout timeouts{};
  timeouts.handshake_timeout = o.ws_handshake_timeout;
  timeouts.idle_timeout = o.ws_idle_timeout;
  timeouts.keep_alive_pings = true;
  ws.set_option(timeouts);
  ws.set_option(websocket::stream_base::decorator(
      [](websocket::response_type& res) { res.set(http::field::server, "kneebot/0.1"); }));
}

}  // namespace kneebot

#endif  // KNEEBOT_BOT_SERVER_WEBSOCKET_OPTIONS_H_
