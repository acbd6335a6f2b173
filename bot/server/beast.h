// The Boost.Asio/Beast headers and namespace aliases every server file uses.
// Aliases live inside namespace kneebot, never at global scope. Also the
// precompiled header of the server target: Beast is most of the compile time on
// small machines.
#ifndef KNEEBOT_BOT_SERVER_BEAST_H_
#define KNEEBOT_BOT_SERVER_BEAST_H_

#include <boost/asio/dispatch.hpp>
#include <boost/asio/ip/tcp.hpp>
#include <boost/asio/post.hpp>
#include <boost/asio/steady_timer.hpp>
#include <boost/asio/strand.hpp>
#include <boost/beast/core.hpp>
#include <boost/beast/http.hpp>
#include <boost/beast/websocket.hpp>

namespace kneebot {

namespace net = boost::asio;
namespace beast = boost::beast;
namespace http = beast::http;
namespace websocket = beast::websocket;
using tcp = net::ip::tcp;

}  // namespace kneebot

#endif  // KNEEBOT_BOT_SERVER_BEAST_H_
