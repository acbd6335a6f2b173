// The Telegram channel (channels.md 1): a bot's webhook, set with setWebhook to
// https://<server>/webhooks/telegram/webhook and the secret_token below.
//
//   KNEEBOT_TELEGRAM_BOT_TOKEN     required  the bot's token (it goes in the API URL path)
//   KNEEBOT_TELEGRAM_SECRET_TOKEN  required  setWebhook's secret_token
//   KNEEBOT_TELEGRAM_API_URL       optional  default https://api.telegram.org
//
// POST /webhooks/telegram/webhook needs X-Telegram-Bot-Api-Secret-Token equal to the
// secret (compared in constant time; else 401, no turn). The Update (telegram_update.h)
// is answered 200 {} at once; the turn and the Bot API calls run in *later:
//   message with text  -> a turn with the text, then sendMessage (telegram_messages.h)
//   callback_query     -> answerCallbackQuery (stops the button's spinner), then a turn
//                         with the button's callback_data, then sendMessage
// Other updates and non-text messages get 200 and no turn; an update_id already taken
// (services.replays, "telegram:<update_id>") too, since Telegram resends until it gets a
// 2xx; a body that is no Update is a 400. A conversation is a chat: chat.id.
//
// Nothing logged names the token (no URL is ever logged: the token is in its path) or
// carries message text.
#ifndef KNEEBOT_ADAPTERS_TELEGRAM_TELEGRAM_CHANNEL_H_
#define KNEEBOT_ADAPTERS_TELEGRAM_TELEGRAM_CHANNEL_H_

#include <memory>

#include "adapters/channel.h"

namespace kneebot {

Status MakeTelegramChannel(const Environment& env, const ChannelServices& services,
                           std::unique_ptr<Channel>* out);

}  // namespace kneebot

#endif  // KNEEBOT_ADAPTERS_TELEGRAM_TELEGRAM_CHANNEL_H_
