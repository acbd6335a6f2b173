// The Slack channel (channels.md 4): one Slack app's Events API and interactivity, both
// pointed at POST /webhooks/slack/webhook.
//
//   KNEEBOT_SLACK_SIGNING_SECRET, KNEEBOT_SLACK_BOT_TOKEN   required (both or neither)
//   KNEEBOT_SLACK_API_URL                                  optional, https://slack.com/api
//
// Every request is v0-signed (slack_signature.h): a bad, missing or stale signature is a
// 401 and no turn. Slack wants an answer within 3 s, so Handle answers 200 at once and
// leaves the turn and its chat.postMessage (slack_blocks.h) to *later:
//   url_verification              -> {"challenge": "..."} (no turn)
//   event_callback, event "message" in a DM (channel_type "im") or "app_mention"
//                                 -> a turn with the text (mentions of the bot removed)
//   form payload=, "block_actions" -> a turn with the pressed button's value (the
//                                     quick reply's payload)
// Skipped with a 200: events with bot_id or subtype (our own messages, edits,
// deletions), event ids already taken (services.replays, "slack:<event_id>"), and
// Slack's retries (X-Slack-Retry-Num) unless Slack says the first delivery never
// reached us: an acknowledged delivery's turn has run, and a second would answer the
// bot's next question with the same words.
//
// A conversation is one person in one channel: team + channel + user. Not the thread:
// in a shared channel two people must not share one symptom history, and a person's
// follow-up without the thread would otherwise start over. A reply to a message in a
// thread, or to an @mention in a channel, goes in that thread so the channel stays
// readable.
#ifndef KNEEBOT_ADAPTERS_SLACK_SLACK_CHANNEL_H_
#define KNEEBOT_ADAPTERS_SLACK_SLACK_CHANNEL_H_

#include <memory>

#include "adapters/channel.h"

namespace kneebot {

Status MakeSlackChannel(const Environment& env, const ChannelServices& services,
                        std::unique_ptr<Channel>* out);

}  // namespace kneebot

#endif  // KNEEBOT_ADAPTERS_SLACK_SLACK_CHANNEL_H_
