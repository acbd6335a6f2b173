// Sending a reply's messages through the Graph API, one POST each, in order.
//
//   meta::GraphSend send{http, url, {{"authorization", "Bearer " + token}}, "whatsapp"};
//   send.PostAll(messages);   // stops at the first refusal, so nothing arrives out of order
//
// Failures are logged with the HTTP status and Graph's numeric error code only (131047:
// outside the 24-hour window, 131056: pair rate limit, ...), never the URL (Messenger's
// carries the token), a header, or the message.
#ifndef KNEEBOT_ADAPTERS_META_GRAPH_SEND_H_
#define KNEEBOT_ADAPTERS_META_GRAPH_SEND_H_

#include <nlohmann/json.hpp>
#include <string>
#include <utility>
#include <vector>

#include "adapters/channel.h"

namespace kneebot::meta {

struct GraphSend {
  OutboundHttp* http = nullptr;
  std::string url;
  std::vector<std::pair<std::string, std::string>> headers;
  std::string channel;  // for the log line

  // Posts each message as application/json. OK when every one was answered 2xx.
  Status PostAll(const std::vector<nlohmann::json>& messages) const;
};

}  // namespace kneebot::meta

#endif  // KNEEBOT_ADAPTERS_META_GRAPH_SEND_H_
