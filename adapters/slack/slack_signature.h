// Slack's v0 request signing (channels.md 4.2; docs.slack.dev, "Verifying requests from
// Slack"). Every Events API and interactivity request carries
//   X-Slack-Request-Timestamp: <unix seconds>
//   X-Slack-Signature: v0=<lower-case hex HMAC-SHA256(signing secret, "v0:<ts>:<raw body>")>
// and is refused when the timestamp is more than 5 minutes from now (either way), so a
// captured request cannot be replayed later.
//
//   Status s = VerifySlackRequest(secret, req.Header("x-slack-request-timestamp"),
//                                 req.Header("x-slack-signature"), req.body, clock->Now());
//   if (!s.ok()) return JsonError(401, s.message());
#ifndef KNEEBOT_ADAPTERS_SLACK_SLACK_SIGNATURE_H_
#define KNEEBOT_ADAPTERS_SLACK_SLACK_SIGNATURE_H_

#include <chrono>
#include <string>
#include <string_view>

#include "bot/clock.h"
#include "bot/status.h"

namespace kneebot {

inline constexpr std::chrono::seconds kSlackMaxClockSkew{300};

// "v0=" + hex HMAC-SHA256(secret, "v0:" + timestamp + ":" + body).
std::string SlackSignature(std::string_view secret, std::string_view timestamp,
                           std::string_view body);

// OK when `signature` is SlackSignature(secret, timestamp, body) (compared in constant
// time) and `timestamp` is within kSlackMaxClockSkew of `now`. Otherwise
// Unauthenticated, saying which (missing, stale or mismatched), never the secret.
Status VerifySlackRequest(std::string_view secret, std::string_view timestamp,
                          std::string_view signature, std::string_view body, TimePoint now);

}  // namespace kneebot

#endif  // KNEEBOT_ADAPTERS_SLACK_SLACK_SIGNATURE_H_
