// ChannelAdapter: the narrow seam between one chat platform and the bot.
//
// Every channel (the native web widget, and later Telegram, WhatsApp, Slack,
// Twilio, Direct Line, Rasa REST) implements two translations and nothing else:
//
//   inbound   platform payload  -> Activity   (or a Status saying why not)
//   outbound  Reply             -> platform payload
//
//   const ChannelAdapter& adapter = ...;
//   Activity activity;
//   Status s = adapter.Parse(payload, &activity);
//   if (!s.ok()) { /* 400 / 401 / an error frame, per channel */ }
//   Reply reply;  TurnInfo info;
//   s = bot.OnTurn(activity, &reply, &info);
//   OutboundPayload out = adapter.Render(reply, activity);
//
// Adapters hold no dialogue logic and no sockets: they parse, verify
// (signatures, secret tokens) and render, so each one is tested without a
// network. They are immutable after construction and safe for concurrent use.
#ifndef KNEEBOT_ADAPTERS_CHANNEL_ADAPTER_H_
#define KNEEBOT_ADAPTERS_CHANNEL_ADAPTER_H_

#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "bot/activity.h"
#include "bot/status.h"

namespace kneebot {

// One inbound platform request, as the server received it. Borrowed views:
// valid only for the duration of the Parse call.
struct InboundPayload {
  std::string_view path;  // e.g. "/webhooks/twilio_sms"; signatures cover it
  std::string_view content_type;  // "application/json", form-encoded, ...
  std::string_view body;          // raw bytes, exactly as received (for HMACs)
  // Header names in lower case. Linear lookup: requests carry a handful of
  // headers.
  std::vector<std::pair<std::string, std::string>> headers;

  // The first header of that (lower-case) name, or "" when absent.
  std::string_view Header(std::string_view lower_name) const {
    for (const auto& [name, value] : headers) {
      if (name == lower_name) return value;
    }
    return {};
  }
};

// What goes back to the platform: the body of a WebSocket frame, an inline
// webhook response (TwiML, JSON), or the body of an outbound API call.
struct OutboundPayload {
  int http_status = 200;
  std::string content_type;
  std::string body;
};

class ChannelAdapter {
 public:
  ChannelAdapter() = default;
  ChannelAdapter(const ChannelAdapter&) = delete;
  ChannelAdapter& operator=(const ChannelAdapter&) = delete;
  virtual ~ChannelAdapter() = default;

  // The Activity::channel_id this adapter produces ("web", "telegram", ...).
  virtual std::string_view channel_id() const = 0;

  // Translates one inbound payload into *out (channel_id set). Returns
  // InvalidArgument for a malformed payload and Unauthenticated when
  // verification fails; *out is unspecified then. Never throws.
  virtual Status Parse(const InboundPayload& in, Activity* out) const = 0;

  // Renders `reply` to the platform's format. `in` is the activity it answers
  // (for reply_to ids and addressing). Never throws.
  virtual OutboundPayload Render(const Reply& reply,
                                 const Activity& in) const = 0;
};

}  // namespace kneebot

#endif  // KNEEBOT_ADAPTERS_CHANNEL_ADAPTER_H_
