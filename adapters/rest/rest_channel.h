// The Rasa-compatible REST channel: POST /webhooks/rest/webhook with
// {"sender": "<conversation id>", "message": "<text or /payload>"}, answered inline with
// [{"recipient_id", "text", "buttons": [{"title", "payload"}], "custom": {...}}], one
// element per chat bubble, buttons and the triage on the last (`custom` carries the
// protocol's triage, expecting and scope). With KNEEBOT_REST_TOKEN set, requests need
// "Authorization: Bearer <token>"; without it the channel is open, like /ws.
#ifndef KNEEBOT_ADAPTERS_REST_REST_CHANNEL_H_
#define KNEEBOT_ADAPTERS_REST_REST_CHANNEL_H_

#include <memory>

#include "adapters/channel.h"

namespace kneebot {

Status MakeRestChannel(const Environment& env, const ChannelServices& services,
                       std::unique_ptr<Channel>* out);

}  // namespace kneebot

#endif  // KNEEBOT_ADAPTERS_REST_REST_CHANNEL_H_
