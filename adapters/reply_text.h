// Plain-text forms of a Reply, for channels that show less than the web widget.
//
//   std::vector<std::string> parts = SplitAtLimit(text, 4096);   // Telegram's limit
//   std::string options = NumberedOptions(reply.quick_replies);  // "1. Yes\n2. No"
//   // "2" typed back picks the second option: Activity::options_by_number (the Bot maps it)
#ifndef KNEEBOT_ADAPTERS_REPLY_TEXT_H_
#define KNEEBOT_ADAPTERS_REPLY_TEXT_H_

#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "bot/activity.h"

namespace kneebot {

// Splits `text` into pieces of at most `limit` bytes, at a paragraph, line or word
// break when there is one, never inside a UTF-8 sequence.
std::vector<std::string> SplitAtLimit(std::string_view text, size_t limit);

// The reply's bubbles joined by blank lines (an emergency reply's first bubble, which
// names the number to call, stays first).
std::string JoinMessages(const Reply& reply);

// "1. <title>" per line, in order: for channels without buttons.
std::string NumberedOptions(const std::vector<QuickReply>& options);

}  // namespace kneebot

#endif  // KNEEBOT_ADAPTERS_REPLY_TEXT_H_
