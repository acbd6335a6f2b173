// The WhatsApp Cloud API channel (shared/channels.md §5.1-5.2), at
// /webhooks/whatsapp/webhook:
//
//   GET   Meta's verify handshake (KNEEBOT_WHATSAPP_VERIFY_TOKEN)
//   POST  X-Hub-Signature-256 checked (KNEEBOT_WHATSAPP_APP_SECRET), 200 at once; each
//         new message then runs a turn and the reply is POSTed to
//         <KNEEBOT_GRAPH_API_URL>/<KNEEBOT_WHATSAPP_PHONE_NUMBER_ID>/messages with
//         Authorization: Bearer <KNEEBOT_WHATSAPP_ACCESS_TOKEN>
//
// Enabled when the four KNEEBOT_WHATSAPP_* variables are set; KNEEBOT_GRAPH_API_URL is
// optional (https://graph.facebook.com/v21.0).
#ifndef KNEEBOT_ADAPTERS_WHATSAPP_WHATSAPP_CHANNEL_H_
#define KNEEBOT_ADAPTERS_WHATSAPP_WHATSAPP_CHANNEL_H_

#include <memory>

#include "adapters/channel.h"

namespace kneebot {

Status MakeWhatsAppChannel(const Environment& env, const ChannelServices& services,
                           std::unique_ptr<Channel>* out);

}  // namespace kneebot

#endif  // KNEEBOT_ADAPTERS_WHATSAPP_WHATSAPP_CHANNEL_H_
