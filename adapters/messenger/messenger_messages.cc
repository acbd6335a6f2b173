#include "adapters/messenger/messenger_messages.h"

#include <openssl/sha.h>

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

// A delivery id for a postback that carries no mid (older API versions): the same
// tap delivered again hashes the same; two taps differ by their timestamp.
std::string PostbackId(const std::string& sender, const json& timestamp,
                       const std::string& payload) {
  std::string key = sender;
  key.append(1, '\0').append(timestamp.dump()).append(1, '\0').append(payload);
  unsigned char digest[SHA256_DIGEST_LENGTH];
  SHA256(reinterpret_cast<const unsigned char*>(key.data()), key.size(), digest);
  static constexpr char kHex[] = "0123456789abcdef";
  std::string id = "postback.";
  for (int i = 0; i < 16; ++i) {
    id += kHex[digest[i] >> 4];
    id += kHex[digest[i] & 15];
  }
  return id;
}

bool FitsAsQuickReplies(const std::vector<QuickReply>& options) {
  if (options.size() > kMessengerMaxQuickReplies) return false;
  for (const QuickReply& q : options) {
    if (q.title.empty() || q.payload.empty() || q.payload.size() > kMessengerQuickReplyPayload) {
      return false;
    }
  }
  return FittedTitlesDistinct(options, kMessengerQuickReplyTitle);
}

json TextMessage(const std::string& psid, const std::string& text) {
  return {{"recipient", {{"id", psid}}},
          {"messaging_type", "RESPONSE"},
          {"message", {{"text", text}}}};
}

}  // namespace

bool ParseMessengerWebhook(std::string_view body, std::vector<MessengerInbound>* out) {
  const json root = json::parse(body, nullptr, /*allow_exceptions=*/false);
  if (!root.is_object()) return false;
  if (StringMember(root, "object") != "page") return true;
  for (const json& entry : ArrayMember(root, "entry")) {
    for (const json& event : ArrayMember(entry, "messaging")) {
      MessengerInbound in;
      in.sender = StringMember(Member(event, "sender"), "id");
      const json& message = Member(event, "message");
      const json& postback = Member(event, "postback");
      if (message.is_object()) {
        // Our own replies come back as echoes when message_echoes is subscribed.
        const json& echo = Member(message, "is_echo");
        if (echo.is_boolean() && echo.get<bool>()) continue;
        in.id = StringMember(message, "mid");
        // A tapped quick reply also carries its title as text; the payload is the answer.
        in.text = StringMember(Member(message, "quick_reply"), "payload");
        if (in.text.empty()) in.text = StringMember(message, "text");
      } else if (postback.is_object()) {
        in.text = StringMember(postback, "payload");
        in.id = StringMember(postback, "mid");
        if (in.id.empty()) in.id = PostbackId(in.sender, Member(event, "timestamp"), in.text);
      } else {
        continue;  // delivery, read, reaction, ...: not something the person said
      }
      if (in.sender.empty() || in.id.empty() || in.text.empty()) continue;
      out->push_back(std::move(in));
    }
  }
  return true;
}

MessengerRendering RenderMessengerReply(const Reply& reply, const std::string& psid) {
  MessengerRendering r;
  std::string text = JoinMessages(reply);
  const std::vector<QuickReply>& options = reply.quick_replies;
  // Quick replies ride on a text message, so a reply with options but no words (none
  // in today's content) falls back to numbered lines too.
  const bool quick = !options.empty() && !text.empty() && FitsAsQuickReplies(options);
  if (!options.empty() && !quick) {
    if (!text.empty()) text += "\n\n";
    text += NumberedOptions(options);
    r.numbered = true;
  }
  for (const std::string& part : SplitAtLimit(text, kMessengerTextLimit)) {
    r.messages.push_back(TextMessage(psid, part));
  }
  if (quick && !r.messages.empty()) {
    json replies = json::array();
    for (const QuickReply& q : options) {
      replies.push_back({{"content_type", "text"},
                         {"title", FitOptionTitle(q.title, kMessengerQuickReplyTitle)},
                         {"payload", q.payload}});
    }
    r.messages.back()["message"]["quick_replies"] = std::move(replies);
  }
  return r;
}

}  // namespace kneebot
