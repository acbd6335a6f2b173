// DirectLineAdapter: the codec between Bot Framework Direct Line 3.0 activities
// (what Microsoft's Web Chat posts and reads, shared/channels.md §6) and
// kneebot's Activity / Reply.
//
//   DirectLineAdapter dl;
//   Activity activity;
//   bool run_turn = false;
//   Status s = dl.ReadActivity(posted_json, &activity, &run_turn);
//   if (!s.ok()) { /* 400 */ }
//   if (run_turn) {
//     ... bot.OnTurn(activity, &reply, &info) ...
//     for (auto& a : DirectLineAdapter::RenderActivities(reply, context))
//       conversation.Append(a);          // assigns id and timestamp
//   }
//
// Inbound:
//   message            -> kMessage. The text is the tapped action's payload when
//                         there is one (`value` string, or `value.payload`, as
//                         postBack / messageBack send it), otherwise `text`.
//   conversationUpdate -> kHello (resume or greet); so is event "webchat/join".
//   event "restart"    -> kRestart.
//   anything else      -> recorded by the caller, no turn (typing, other events).
// Outbound: one `message` activity per bubble, from {id:"kneebot", role:"bot"};
// the last bubble carries suggestedActions (imBack, value = payload), an
// inputHint, and channelData.kneebot = {triage, conditions, expecting, ended}
// for clients that want more than text. The triage advice itself is already
// in the bubbles' text, so plain Web Chat shows it without channelData.
//
// Adapters hold no dialogue logic, no ids and no clock: the conversation that
// stores the activities assigns `id` and `timestamp`. Parsing never throws.
// Immutable after construction and safe for concurrent use.
#ifndef KNEEBOT_ADAPTERS_DIRECT_LINE_ADAPTER_H_
#define KNEEBOT_ADAPTERS_DIRECT_LINE_ADAPTER_H_

#include <cstddef>
#include <nlohmann/json_fwd.hpp>
#include <string>
#include <string_view>
#include <vector>

#include "adapters/channel_adapter.h"
#include "bot/activity.h"
#include "bot/status.h"

namespace kneebot {

struct DirectLineAdapterOptions {
  // Longest text (or payload) accepted, in Unicode code points; as the web
  // widget's limit.
  size_t max_text_chars = 2000;
  // Longest `locale` accepted, in bytes.
  size_t max_locale_bytes = 32;
};

class DirectLineAdapter final : public ChannelAdapter {
 public:
  static constexpr std::string_view kChannelId = "directline";
  static constexpr std::string_view kBotId = "kneebot";
  static constexpr std::string_view kBotName = "Knee helper";

  explicit DirectLineAdapter(DirectLineAdapterOptions options = {})
      : options_(options) {}

  // Translates one posted Direct Line activity. On OK, *run_turn says whether
  // it asks the bot for a turn (*out is filled then: channel_id "directline",
  // type, text, locale; id and session_id are the caller's). Returns
  // InvalidArgument naming the field (never echoing its value) for a
  // non-object, a missing/non-string `type`, a message with no usable text,
  // text over the limit, or wrong-typed optional fields.
  Status ReadActivity(const nlohmann::json& posted, Activity* out,
                      bool* run_turn) const;

  // Where the rendered activities go.
  struct Context {
    std::string conversation_id;
    std::string reply_to_id;  // the user's activity id; "" omits replyToId
    std::string user_id;      // the user's from.id; "" omits recipient
    std::string locale;       // "" omits locale
  };

  // The bot's activities for `reply`: one `message` per bubble, in order (none
  // when the reply says nothing and offers nothing). Without id/timestamp.
  static std::vector<nlohmann::json> RenderActivities(const Reply& reply,
                                                      const Context& context);

  // ChannelAdapter. Parse reads in.body as JSON then ReadActivity; an activity
  // that asks for no turn is NotFound. Render returns {"activities":[...]}
  // answering in.id.
  std::string_view channel_id() const override { return kChannelId; }
  Status Parse(const InboundPayload& in, Activity* out) const override;
  OutboundPayload Render(const Reply& reply, const Activity& in) const override;

 private:
  const DirectLineAdapterOptions options_;
};

}  // namespace kneebot

#endif  // KNEEBOT_ADAPTERS_DIRECT_LINE_ADAPTER_H_
