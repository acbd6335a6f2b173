#include "adapters/twilio/twilio_twiml.h"

#include "adapters/reply_text.h"

namespace kneebot {
namespace {

constexpr std::string_view kXmlDeclaration = "<?xml version=\"1.0\" encoding=\"UTF-8\"?>";

}  // namespace

std::string XmlEscape(std::string_view text) {
  std::string out;
  out.reserve(text.size());
  for (char c : text) {
    switch (c) {
      case '&':
        out += "&amp;";
        break;
      case '<':
        out += "&lt;";
        break;
      case '>':
        out += "&gt;";
        break;
      case '"':
        out += "&quot;";
        break;
      case '\'':
        out += "&apos;";
        break;
      default:
        if (static_cast<unsigned char>(c) < 0x20 && c != '\t' && c != '\n' && c != '\r') break;
        out += c;
    }
  }
  return out;
}

std::string EmptyTwiml() { return std::string(kXmlDeclaration) + "<Response/>"; }

std::string ReplyTwiml(const Reply& reply) {
  std::string text = JoinMessages(reply);
  if (!reply.quick_replies.empty()) {
    if (!text.empty()) text += "\n\n";
    text += NumberedOptions(reply.quick_replies);
  }
  // Split before escaping: the limit counts what the person sees, not "&amp;". It
  // counts bytes, which is never fewer than characters, so a part never exceeds it.
  const std::vector<std::string> parts = SplitAtLimit(text, kTwilioMessageLimit);
  if (parts.empty()) return EmptyTwiml();
  std::string out(kXmlDeclaration);
  out += "<Response>";
  for (const std::string& part : parts) out += "<Message>" + XmlEscape(part) + "</Message>";
  out += "</Response>";
  return out;
}

}  // namespace kneebot
