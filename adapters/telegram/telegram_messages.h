// The Bot API sendMessage bodies for one Reply (channels.md 1.3).
//
//   for (const nlohmann::json& m : TelegramMessages(chat_id, reply)) Post(".../sendMessage", m)
//
// The bubbles are joined (JoinMessages) and cut at Telegram's 4096 (SplitAtLimit, bytes,
// so never over the character limit); they are sent in order, so an emergency reply's
// first bubble, which names the number to call, is the first message. Plain text (no
// parse_mode: a '_' or '*' in the content must not break the message). The quick
// replies are an inline keyboard under the last message.
#ifndef KNEEBOT_ADAPTERS_TELEGRAM_TELEGRAM_MESSAGES_H_
#define KNEEBOT_ADAPTERS_TELEGRAM_TELEGRAM_MESSAGES_H_

#include <cstdint>
#include <nlohmann/json.hpp>
#include <string>
#include <vector>

#include "bot/activity.h"

namespace kneebot {

// Telegram's limits: a message's text, a button's callback_data (bytes).
inline constexpr size_t kTelegramTextLimit = 4096;
inline constexpr size_t kTelegramCallbackDataLimit = 64;

// What a button sends back as callback_data: the quick reply's payload when it fits
// (1-64 bytes); else its title, which then reaches the bot as if the person had typed
// the option (the understander reads options' titles like any answer); else "" and the
// button is left out (the person can still type the answer). Content payloads are
// "/slot=value" and short, so the fallbacks guard against future content only. Not an
// index into the last options: a press on an older message would pick another answer.
std::string TelegramCallbackData(const QuickReply& option);

// {"inline_keyboard": [[button, ...], ...]}: two buttons a row when every title is
// short, else one a row; null when no option can be a button.
nlohmann::json TelegramInlineKeyboard(const std::vector<QuickReply>& options);

// The sendMessage bodies, in sending order; none for an empty reply. A reply with
// options but no text gets the options as a numbered list for its text (Telegram
// refuses an empty one).
std::vector<nlohmann::json> TelegramMessages(int64_t chat_id, const Reply& reply);

}  // namespace kneebot

#endif  // KNEEBOT_ADAPTERS_TELEGRAM_TELEGRAM_MESSAGES_H_
