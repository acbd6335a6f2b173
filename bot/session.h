// Session: everything kneebot remembers about one conversation between turns.
//
// A snapshot, saved whole after every turn. `version` supports compare-and-set saves
// (a later issue keeps sessions in SQLite and Redis); ToJson/FromJson carry a schema
// number so older saved sessions can be read or refused cleanly.
#ifndef KNEEBOT_BOT_SESSION_H_
#define KNEEBOT_BOT_SESSION_H_

#include <cstdint>
#include <map>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "bot/clock.h"
#include "bot/status.h"
#include "bot/triage.h"

namespace kneebot {

// Where the conversation is. The dialogue engine owns the transitions.
enum class DialogPhase {
  kNew,         // nothing said yet
  kCollecting,  // asking questions
  kAssessed,    // assessment given; answering follow-up questions
  kEscalated,   // an emergency was given; the flow stops asking questions
  kEnded,       // said goodbye; the next message starts over
};

struct Session {
  static constexpr int kSchema = 1;

  std::string id;
  int64_t version = 0;
  std::string locale = "en";
  DialogPhase phase = DialogPhase::kNew;

  // Slot name -> value (string, integer or array of strings), as intents/ produced them.
  nlohmann::json slots = nlohmann::json::object();
  // Ids of questions closed without filling every slot they ask: given up on (no usable
  // answer after the retries), or a checklist answered.
  std::vector<std::string> skipped;
  std::string expecting;  // id of the pending question (flow.json), empty if none
  int attempts = 0;       // failed answers to the pending question
  // Question id -> times asked. No question is asked more than twice: after a second
  // miss its answer is recorded as unknown and the conversation moves on.
  std::map<std::string, int> asked;
  // A yes/no offer the last reply made outside the question flow ("Is there anything
  // about your knee I can help with?"), empty if none.
  std::string offer;
  int assessments = 0;  // assessments given since the conversation (re)started

  // The highest triage level given so far; later replies never go below it, and it
  // survives a restart (a person who was told to call the emergency number is
  // reminded of it rather than downgraded).
  TriageLevel triage_floor = TriageLevel::kNone;
  std::vector<std::string> triage_reasons;
  std::vector<std::string> fired_red_flags;  // red-flag ids already announced

  // The payloads of the last reply's quick replies, in order: on channels without
  // buttons (SMS, the phone line) "2" picks the second.
  std::vector<std::string> options;

  int turns = 0;
  TimePoint created_at{};
  TimePoint updated_at{};

  nlohmann::json ToJson() const;
  // Returns InvalidArgument naming the field when `j` is not a session of a known schema.
  static Status FromJson(const nlohmann::json& j, Session* out);
};

std::string_view PhaseName(DialogPhase phase);

}  // namespace kneebot

#endif  // KNEEBOT_BOT_SESSION_H_
