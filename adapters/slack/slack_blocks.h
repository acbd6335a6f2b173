// The chat.postMessage bodies for one Reply (channels.md 4.3; Block Kit):
//
//   {"channel": "D024BE91L", "text": "<the bubbles, for notifications and screen readers>",
//    "thread_ts": "...",                        // only when replying in a thread
//    "blocks": [{"type": "section", "text": {"type": "mrkdwn", "text": "<bubble>"}}, ...,
//               {"type": "actions", "elements": [{"type": "button", "text": {...},
//                                                 "action_id": "kneebot_option_1",
//                                                 "value": "<payload>"}, ...]}]}
//
// One section per bubble, in the Reply's order (an emergency's first bubble, naming the
// number to call, stays first); a bubble over Slack's 3000 characters a section becomes
// several. The quick replies are buttons in actions blocks of at most 25. A message
// holds at most 50 blocks: a longer reply is several messages, in order, buttons last.
#ifndef KNEEBOT_ADAPTERS_SLACK_SLACK_BLOCKS_H_
#define KNEEBOT_ADAPTERS_SLACK_SLACK_BLOCKS_H_

#include <nlohmann/json.hpp>
#include <string>
#include <string_view>
#include <vector>

#include "bot/activity.h"

namespace kneebot {

inline constexpr size_t kSlackSectionLimit = 3000;   // characters of a section's text
inline constexpr size_t kSlackButtonTextLimit = 75;  // characters of a button's label
inline constexpr size_t kSlackButtonValueLimit = 2000;
inline constexpr size_t kSlackButtonsPerBlock = 25;
inline constexpr size_t kSlackBlocksPerMessage = 50;

// The bodies to post, in order; none for a reply with neither bubbles nor options.
// `thread_ts` "" posts in the channel itself.
std::vector<nlohmann::json> SlackMessages(const Reply& reply, std::string_view channel,
                                          std::string_view thread_ts);

// Slack's escaping for message text: &, < and > (which start its control sequences).
std::string SlackEscape(std::string_view text);

}  // namespace kneebot

#endif  // KNEEBOT_ADAPTERS_SLACK_SLACK_BLOCKS_H_
