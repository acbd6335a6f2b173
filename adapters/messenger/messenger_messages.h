// The Messenger Platform's JSON (shared/channels.md §5.3): what a page webhook delivers,
// and the Send API bodies a Reply becomes.
//
//   std::vector<MessengerInbound> in;
//   if (!ParseMessengerWebhook(body, &in)) return JsonError(400, ...);
//   MessengerRendering out = RenderMessengerReply(reply, in[0].sender);
#ifndef KNEEBOT_ADAPTERS_MESSENGER_MESSENGER_MESSAGES_H_
#define KNEEBOT_ADAPTERS_MESSENGER_MESSENGER_MESSAGES_H_

#include <nlohmann/json.hpp>
#include <string>
#include <string_view>
#include <vector>

#include "bot/activity.h"

namespace kneebot {

// Limits from Meta's Send API docs (text checked in bytes: never more characters).
inline constexpr size_t kMessengerTextLimit = 2000;
inline constexpr size_t kMessengerMaxQuickReplies = 13;
inline constexpr size_t kMessengerQuickReplyTitle = 20;
inline constexpr size_t kMessengerQuickReplyPayload = 1000;

// One thing a person sent: typed text, a quick reply's payload, or a postback's payload
// (Get Started, a persistent-menu item).
struct MessengerInbound {
  std::string sender;  // the page-scoped id (PSID): where the reply goes
  std::string id;      // message.mid; for a postback without one, a hash of what it is
  std::string text;
};

// Reads entry[].messaging[]. Our own echoes (message.is_echo), delivery and read
// receipts and messages without text (attachments only) yield nothing. False only when
// `body` is not a JSON object.
bool ParseMessengerWebhook(std::string_view body, std::vector<MessengerInbound>* out);

struct MessengerRendering {
  std::vector<nlohmann::json> messages;  // Send API bodies, in sending order
  // The options went out as "1. ..." lines: a typed number then picks one.
  bool numbered = false;
};

// A Reply as messages to `psid`: its bubbles joined into text, split at the limit (an
// emergency reply's first bubble stays first), the quick replies (up to 13) on the last
// part; more options than that become numbered lines of text.
MessengerRendering RenderMessengerReply(const Reply& reply, const std::string& psid);

}  // namespace kneebot

#endif  // KNEEBOT_ADAPTERS_MESSENGER_MESSENGER_MESSAGES_H_
