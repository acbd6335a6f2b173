// The WhatsApp Cloud API's JSON (shared/channels.md §5.2): what a webhook delivers, and
// the /messages bodies a Reply becomes.
//
//   std::vector<WhatsAppInbound> in;
//   if (!ParseWhatsAppWebhook(body, &in)) return JsonError(400, ...);
//   WhatsAppRendering out = RenderWhatsAppReply(reply, in[0].from);
#ifndef KNEEBOT_ADAPTERS_WHATSAPP_WHATSAPP_MESSAGES_H_
#define KNEEBOT_ADAPTERS_WHATSAPP_WHATSAPP_MESSAGES_H_

#include <nlohmann/json.hpp>
#include <string>
#include <string_view>
#include <vector>

#include "bot/activity.h"

namespace kneebot {

// Limits from Meta's message docs. Text limits are checked in bytes, which is never
// more characters than Meta's character limits allow.
inline constexpr size_t kWhatsAppTextLimit = 4096;
inline constexpr size_t kWhatsAppBodyLimit = 1024;  // interactive body text
inline constexpr size_t kWhatsAppMaxButtons = 3;
inline constexpr size_t kWhatsAppButtonTitle = 20;
inline constexpr size_t kWhatsAppButtonId = 256;
inline constexpr size_t kWhatsAppMaxRows = 10;
inline constexpr size_t kWhatsAppRowTitle = 24;
inline constexpr size_t kWhatsAppRowId = 200;
inline constexpr size_t kWhatsAppRowDescription = 72;

// One message a person sent: typed text, or the id of the button or list row they
// tapped (our quick reply's payload).
struct WhatsAppInbound {
  std::string phone_number_id;  // the business number it was sent to (metadata)
  std::string from;             // the sender's wa_id: where the reply goes
  std::string id;               // "wamid...": the delivery id retries repeat
  std::string text;
};

// Reads entry[].changes[].value.messages[]. Receipts (statuses[]), other webhook fields
// and message types without text (images, reactions, ...) yield nothing. False only
// when `body` is not a JSON object.
bool ParseWhatsAppWebhook(std::string_view body, std::vector<WhatsAppInbound>* out);

struct WhatsAppRendering {
  std::vector<nlohmann::json> messages;  // POST bodies, in sending order
  // The options went out as "1. ..." lines: a typed number then picks one.
  bool numbered = false;
};

// A Reply as messages to `to`: its bubbles joined into text (split at the limit, so an
// emergency reply's first bubble stays first), then its quick replies as up to 3 reply
// buttons, a list of up to 10 rows, or else numbered lines of text.
WhatsAppRendering RenderWhatsAppReply(const Reply& reply, const std::string& to);

}  // namespace kneebot

#endif  // KNEEBOT_ADAPTERS_WHATSAPP_WHATSAPP_MESSAGES_H_
