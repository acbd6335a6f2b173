// Activity and Reply: the channel-neutral turn types.
//
// An Activity is one thing a person did on any channel (typed text, tapped a quick
// reply, asked to start over), already translated by its adapter. A Reply is what the
// bot answers for that turn; each adapter renders it in its platform's format. The
// field names follow protocol.md's `reply` frame so the web adapter maps them 1:1.
#ifndef KNEEBOT_BOT_ACTIVITY_H_
#define KNEEBOT_BOT_ACTIVITY_H_

#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "bot/triage.h"

namespace kneebot {

enum class ActivityType {
  kHello,    // open a session or resume `session_id`
  kMessage,  // free text, or the payload of a quick reply
  kRestart,  // forget collected symptoms, same session
};

struct Activity {
  ActivityType type = ActivityType::kMessage;
  std::string id;          // client or platform message id; echoed as reply_to
  std::string channel_id;  // "web", later "telegram", "slack", ...
  std::string session_id;  // server-issued session id; empty opens a new session
  // Channels that key sessions by the platform's conversation (adapters/channel.h): a
  // session_id not found opens a new session under that very id, not a random one.
  bool open_with_session_id = false;
  // Channels that show the options as a numbered list (SMS, voice): a text that is only
  // a number picks that option of the last reply ("2" -> its payload).
  bool options_by_number = false;
  std::string text;        // what the person wrote (health data: never logged at info)
  std::string locale = "en";
};

struct QuickReply {
  std::string title;    // what the button shows
  std::string payload;  // what comes back as a message when tapped
};

struct ConditionHit {
  std::string id;    // protocol.md condition vocabulary
  std::string name;  // human name
  std::string why;   // why the symptom pattern fits
};

struct Triage {
  TriageLevel level = TriageLevel::kNone;
  std::vector<std::string> reasons;
};

// What the message a reply answers was about (protocol.md v1.1 `scope`).
enum class Scope {
  kUnset,   // not a reply to a message (hello, restart): the field is left out
  kKnee,    // the knee flow or a knee topic
  kOther,   // another body part or health problem: declined, no knee question pending
  kCrisis,  // thoughts of suicide or self-harm: the crisis line was given
};

// "knee", "other", "crisis"; "" for kUnset.
inline std::string_view ScopeName(Scope s) {
  switch (s) {
    case Scope::kKnee:
      return "knee";
    case Scope::kOther:
      return "other";
    case Scope::kCrisis:
      return "crisis";
    case Scope::kUnset:
      break;
  }
  return "";
}

struct Reply {
  std::string session_id;
  std::vector<std::string> messages;  // chat bubbles, plain text
  std::vector<QuickReply> quick_replies;
  std::string expecting;        // slot the last question asks about; empty = none
  // Every slot the pending question screens (protocol.md v1.1 `asks`): one for a plain
  // question, several for a checklist ("do any of these apply?"). Empty when none.
  std::vector<std::string> asks;
  std::optional<Triage> triage;  // set in replies that give escalation advice
  std::vector<ConditionHit> conditions;
  bool ended = false;
  Scope scope = Scope::kUnset;
  // Audit: ids of the triage rules behind `triage` (red flags, assessment rules,
  // modifiers). Logged with the content version; never sent to clients.
  std::vector<std::string> rule_ids;
};

}  // namespace kneebot

#endif  // KNEEBOT_BOT_ACTIVITY_H_
