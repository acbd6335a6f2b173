// The Messenger Platform channel (shared/channels.md §5.1, 5.3), at
// /webhooks/messenger/webhook:
//
//   GET   Meta's verify handshake (KNEEBOT_MESSENGER_VERIFY_TOKEN)
//   POST  X-Hub-Signature-256 checked (KNEEBOT_MESSENGER_APP_SECRET), 200 at once; each
//         new message or postback then runs a turn and the reply is POSTed to
//         <KNEEBOT_GRAPH_API_URL>/me/messages?access_token=<KNEEBOT_MESSENGER_PAGE_TOKEN>
//         (the Send API's documented form; the URL is never logged)
//
// Enabled when the three KNEEBOT_MESSENGER_* variables are set; KNEEBOT_GRAPH_API_URL is
// optional (https://graph.facebook.com/v21.0).
#ifndef KNEEBOT_ADAPTERS_MESSENGER_MESSENGER_CHANNEL_H_
#define KNEEBOT_ADAPTERS_MESSENGER_MESSENGER_CHANNEL_H_

#include <memory>

#include "adapters/channel.h"

namespace kneebot {

Status MakeMessengerChannel(const Environment& env, const ChannelServices& services,
                            std::unique_ptr<Channel>* out);

}  // namespace kneebot

#endif  // KNEEBOT_ADAPTERS_MESSENGER_MESSENGER_CHANNEL_H_
