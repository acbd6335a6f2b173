// TelegramUpdate: what the channel needs from one Bot API Update (channels.md 1.1).
//
//   TelegramUpdate u;
//   Status s = ParseTelegramUpdate(request.body, &u);  // InvalidArgument: not an Update
//   if (u.kind == TelegramUpdate::Kind::kText) ... u.chat_id, u.text
//
// Only what runs a turn is read: a message's text and an inline button's data. Every
// other kind (edited messages, channel posts, photos, stickers, chat member changes) is
// kIgnored: answered 200 so Telegram does not send it again, and no turn.
#ifndef KNEEBOT_ADAPTERS_TELEGRAM_TELEGRAM_UPDATE_H_
#define KNEEBOT_ADAPTERS_TELEGRAM_TELEGRAM_UPDATE_H_

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

#include "bot/status.h"

namespace kneebot {

struct TelegramUpdate {
  enum class Kind {
    kIgnored,   // nothing to do
    kText,      // message.text
    kCallback,  // callback_query: a press on an inline keyboard button
  };
  Kind kind = Kind::kIgnored;
  int64_t update_id = 0;             // the delivery id (dedupe)
  std::optional<int64_t> chat_id;    // where the reply goes; ids exceed 32 bits
  std::string text;                  // message.text, or the button's callback_data
  std::string callback_query_id;     // kCallback: for answerCallbackQuery
};

// InvalidArgument when `body` is not JSON or not an Update (no integer update_id).
// A known kind with an unexpected shape (a message without a chat) is kIgnored, not an
// error: Telegram would only retry it.
Status ParseTelegramUpdate(std::string_view body, TelegramUpdate* out);

}  // namespace kneebot

#endif  // KNEEBOT_ADAPTERS_TELEGRAM_TELEGRAM_UPDATE_H_
