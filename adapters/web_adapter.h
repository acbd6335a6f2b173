// WebAdapter: the codec of kneebot's native WebSocket protocol
// (shared/protocol.md).
//
//   WebAdapter web;
//   Activity activity;
//   ProtocolError error;
//   if (!web.ParseFrame(frame, &activity, &error)) {
//     socket.Send(WebAdapter::RenderError(error));  // the connection stays
//     open
//   } else {
//     ... bot.OnTurn(activity, &reply, &info) ...
//     socket.Send(WebAdapter::RenderReply(reply, activity.id));
//   }
//
// Client frames are `hello`, `message` and `restart` JSON objects; the server
// answers each with exactly one `reply` or `error` frame. Parsing never throws:
// untrusted input is parsed with exceptions off, and every field is
// type-checked before use. Unknown extra fields are ignored (protocol.md
// evolves by adding optional fields); a JSON null in an optional field counts
// as absent, because browser code often sends `session: null` before it has
// one.
//
// Immutable after construction and safe for concurrent use.
#ifndef KNEEBOT_ADAPTERS_WEB_ADAPTER_H_
#define KNEEBOT_ADAPTERS_WEB_ADAPTER_H_

#include <cstddef>
#include <optional>
#include <string>
#include <string_view>

#include "adapters/channel_adapter.h"
#include "bot/activity.h"
#include "bot/status.h"

namespace kneebot {

// The `code` of an `error` frame (protocol.md).
enum class ProtocolErrorCode {
  kBadJson,   // not JSON at all
  kBadFrame,  // JSON, but not a valid frame: missing or wrong-typed fields
  kTooLarge,  // frame over the size limit; the server closes with 1009 after it
  kRateLimited,  // too many frames too fast; this frame was not processed
  kInternal,     // the turn failed on the server side
};
inline constexpr int kProtocolErrorCodeCount = 5;

// "bad_json", "bad_frame", "too_large", "rate_limited", "internal".
std::string_view ProtocolErrorName(ProtocolErrorCode code);

struct ProtocolError {
  ProtocolErrorCode code = ProtocolErrorCode::kBadFrame;
  std::string message;  // for developers; names the field, never echoes it
  std::optional<std::string> reply_to;  // the frame's id when it could be read
};

struct WebAdapterOptions {
  // Longest `text` accepted, in Unicode code points. Far more than anyone types
  // about a knee; longer input is more likely a paste or an abuse than a
  // symptom report.
  size_t max_text_chars = 2000;
  // Longest `id`, `session` and `locale` strings accepted, in bytes. Session
  // ids are 32 hex characters; client ids are short counters.
  size_t max_id_bytes = 128;
};

class WebAdapter final : public ChannelAdapter {
 public:
  static constexpr std::string_view kChannelId = "web";

  explicit WebAdapter(WebAdapterOptions options = {}) : options_(options) {}

  // Parses one client frame. Returns true and fills *out (channel_id "web"), or
  // returns false and fills *error (bad_json or bad_frame, reply_to set when
  // the frame's id was a readable string). Never throws.
  bool ParseFrame(std::string_view frame, Activity* out,
                  ProtocolError* error) const;

  // The `reply` frame for `reply`, answering the client frame whose id was
  // `reply_to`
  // ("" renders as null). Every protocol field is present; `expecting` is null
  // when empty, `triage` is null or {level, reasons}.
  static std::string RenderReply(const Reply& reply, std::string_view reply_to);

  // The `error` frame for `error`.
  static std::string RenderError(const ProtocolError& error);

  // ChannelAdapter: Parse wraps ParseFrame (InvalidArgument "<code>:
  // <message>"), Render wraps RenderReply with in.id.
  std::string_view channel_id() const override { return kChannelId; }
  Status Parse(const InboundPayload& in, Activity* out) const override;
  OutboundPayload Render(const Reply& reply, const Activity& in) const override;

 private:
  const WebAdapterOptions options_;
};

}  // namespace kneebot

#endif  // KNEEBOT_ADAPTERS_WEB_ADAPTER_H_
