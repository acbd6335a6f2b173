#include "adapters/whatsapp/whatsapp_messages.h"

#include "adapters/meta/option_title.h"
#include "adapters/meta/webhook_json.h"
#include "adapters/reply_text.h"

namespace kneebot {
namespace {

using nlohmann::json;
using meta::ArrayMember;
using meta::FitOptionTitle;
using meta::FittedTitlesDistinct;
using meta::Member;
using meta::StringMember;
using meta::Utf8Length;

// What a message says: typed text, a reply button or list row tapped (its id is our
// payload), or a template's quick-reply button. "" for anything else.
std::string MessageText(const json& message) {
  const std::string type = StringMember(message, "type");
  if (type == "text") return StringMember(Member(message, "text"), "body");
  if (type == "interactive") {
    const json& interactive = Member(message, "interactive");
    const std::string kind = StringMember(interactive, "type");
    if (kind == "button_reply") return StringMember(Member(interactive, "button_reply"), "id");
    if (kind == "list_reply") return StringMember(Member(interactive, "list_reply"), "id");
    return "";
  }
  if (type == "button") return StringMember(Member(message, "button"), "payload");
  return "";
}

json Envelope(const std::string& to) {
  return {{"messaging_product", "whatsapp"}, {"recipient_type", "individual"}, {"to", to}};
}

json TextMessage(const std::string& to, const std::string& text) {
  json m = Envelope(to);
  m["type"] = "text";
  m["text"] = {{"body", text}};
  return m;
}

bool FitsAsButtons(const std::vector<QuickReply>& options) {
  if (options.size() > kWhatsAppMaxButtons) return false;
  for (const QuickReply& q : options) {
    if (q.title.empty() || q.payload.empty() || q.payload.size() > kWhatsAppButtonId) return false;
  }
  return FittedTitlesDistinct(options, kWhatsAppButtonTitle);
}

bool FitsAsList(const std::vector<QuickReply>& options) {
  if (options.size() > kWhatsAppMaxRows) return false;
  for (const QuickReply& q : options) {
    if (q.title.empty() || q.payload.empty() || q.payload.size() > kWhatsAppRowId) return false;
  }
  return FittedTitlesDistinct(options, kWhatsAppRowTitle);
}

json ButtonsMessage(const std::string& to, const std::string& body,
                    const std::vector<QuickReply>& options) {
  json buttons = json::array();
  for (const QuickReply& q : options) {
    buttons.push_back({{"type", "reply"},
                       {"reply", {{"id", q.payload},
                                  {"title", FitOptionTitle(q.title, kWhatsAppButtonTitle)}}}});
  }
  json m = Envelope(to);
  m["type"] = "interactive";
  m["interactive"] = {{"type", "button"},
                      {"body", {{"text", body}}},
                      {"action", {{"buttons", std::move(buttons)}}}};
  return m;
}

json ListMessage(const std::string& to, const std::string& body,
                 const std::vector<QuickReply>& options) {
  json rows = json::array();
  for (const QuickReply& q : options) {
    json row = {{"id", q.payload}, {"title", FitOptionTitle(q.title, kWhatsAppRowTitle)}};
    // A shortened title is shown whole underneath, so no option loses its meaning.
    if (Utf8Length(q.title) > kWhatsAppRowTitle) {
      row["description"] = FitOptionTitle(q.title, kWhatsAppRowDescription);
    }
    rows.push_back(std::move(row));
  }
  json m = Envelope(to);
  m["type"] = "interactive";
  // "button" is the label of the control that opens the list (required, <= 20 chars).
  m["interactive"] = {{"type", "list"},
                      {"body", {{"text", body}}},
                      {"action", {{"button", "See options"},
                                  {"sections", json::array({{{"rows", std::move(rows)}}})}}}};
  return m;
}

void AddText(const std::string& to, std::string_view text, std::vector<json>* out) {
  for (const std::string& part : SplitAtLimit(text, kWhatsAppTextLimit)) {
    out->push_back(TextMessage(to, part));
  }
}

}  // namespace

bool ParseWhatsAppWebhook(std::string_view body, std::vector<WhatsAppInbound>* out) {
  const json root = json::parse(body, nullptr, /*allow_exceptions=*/false);
  if (!root.is_object()) return false;
  if (StringMember(root, "object") != "whatsapp_business_account") return true;
  for (const json& entry : ArrayMember(root, "entry")) {
    for (const json& change : ArrayMember(entry, "changes")) {
      const std::string field = StringMember(change, "field");
      if (!field.empty() && field != "messages") continue;
      const json& value = Member(change, "value");
      const std::string phone_number_id =
          StringMember(Member(value, "metadata"), "phone_number_id");
      // statuses[] (sent, delivered, read, failed) are receipts of our own messages:
      // never read, so they never run a turn.
      for (const json& message : ArrayMember(value, "messages")) {
        WhatsAppInbound in;
        in.phone_number_id = phone_number_id;
        in.from = StringMember(message, "from");
        in.id = StringMember(message, "id");
        in.text = MessageText(message);
        if (in.from.empty() || in.id.empty() || in.text.empty()) continue;
        out->push_back(std::move(in));
      }
    }
  }
  return true;
}

WhatsAppRendering RenderWhatsAppReply(const Reply& reply, const std::string& to) {
  WhatsAppRendering r;
  const std::string all = JoinMessages(reply);
  const std::vector<QuickReply>& options = reply.quick_replies;
  if (options.empty()) {
    AddText(to, all, &r.messages);
    return r;
  }
  const bool buttons = FitsAsButtons(options);
  // Interactive messages need body text; a reply with options but no words (none in
  // today's content) falls back to numbered lines.
  if (!all.empty() && (buttons || FitsAsList(options))) {
    std::string body = all;
    if (body.size() > kWhatsAppBodyLimit) {
      // Too long for the body: the earlier bubbles go first as text and the last one
      // (the question the options answer) carries the options, split if it must be.
      std::vector<std::string> earlier(reply.messages.begin(), reply.messages.end() - 1);
      Reply lead;
      lead.messages = std::move(earlier);
      AddText(to, JoinMessages(lead), &r.messages);
      std::vector<std::string> last = SplitAtLimit(reply.messages.back(), kWhatsAppBodyLimit);
      body = last.empty() ? std::string() : last.back();
      for (size_t i = 0; i + 1 < last.size(); ++i) r.messages.push_back(TextMessage(to, last[i]));
    }
    if (!body.empty()) {
      r.messages.push_back(buttons ? ButtonsMessage(to, body, options)
                                   : ListMessage(to, body, options));
      return r;
    }
    r.messages.clear();  // the last bubble was empty: start over as numbered text
  }
  std::string text = all;
  if (!text.empty()) text += "\n\n";
  text += NumberedOptions(options);
  AddText(to, text, &r.messages);
  r.numbered = true;
  return r;
}

}  // namespace kneebot
