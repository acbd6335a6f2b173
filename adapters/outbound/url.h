// Url: the parts of an absolute http(s) URL the outbound client needs.
//
//   Url u;
//   Status s = ParseUrl("https://api.telegram.org/bot123:abc/sendMessage", &u);
//   // u.tls, u.host "api.telegram.org", u.port "443", u.target "/bot123:abc/sendMessage"
//
// Error messages never repeat the URL: a path may hold a secret (Telegram's bot token).
#ifndef KNEEBOT_ADAPTERS_OUTBOUND_URL_H_
#define KNEEBOT_ADAPTERS_OUTBOUND_URL_H_

#include <string>
#include <string_view>

#include "bot/status.h"

namespace kneebot {

struct Url {
  bool tls = false;    // https
  std::string host;    // name or address, IPv6 without its brackets
  std::string port;    // always set: "443"/"80" when the URL has none
  std::string target;  // path and query, "/" when the URL has none

  // "host" or "host:port" (brackets around IPv6) as the Host header wants it.
  std::string HostHeader() const;
  // "https://host:port", the connection pool's key; safe to log.
  std::string Origin() const;
  // 127.0.0.0/8, ::1 or "localhost".
  bool IsLoopback() const;
};

// Accepts "https://host[:port][/target]" and "http://host[:port][/target]"; no user info,
// no fragment.
Status ParseUrl(std::string_view text, Url* out);

}  // namespace kneebot

#endif  // KNEEBOT_ADAPTERS_OUTBOUND_URL_H_
