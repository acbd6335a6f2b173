// Conversation: one simulated patient played against the real Bot, in process.
//
//   ConversationResult c = PlayPatient(understander, engine, patient, /*variant=*/1);
//
// The patient sends its opening (phrasing `variant`; odd variants say hello first, as the
// web widget does), then answers whatever the bot asks from its fact sheet: the fact of
// the question's slot (`asks`, else `expecting`), the next phrasing each time the same
// fact is asked again, "I don't know" for a fact it doesn't have. A checklist ("do any of
// these apply?") is answered with the phrasings of the facts that match its items, or
// "none of these". The conversation ends when no question is pending (an assessment, an
// emergency, a decline) or after kMaxTurns.
#ifndef KNEEBOT_TESTS_PATIENTS_CONVERSATION_H_
#define KNEEBOT_TESTS_PATIENTS_CONVERSATION_H_

#include <memory>
#include <string>
#include <vector>

#include "bot/activity.h"
#include "bot/triage.h"
#include "dialogs/dialog_engine.h"
#include "intents/understander.h"
#include "tests/patients/patient.h"

namespace kneebot::test {

inline constexpr int kMaxTurns = 30;

struct ConversationResult {
  std::string patient_id;
  int variant = 0;
  std::vector<std::string> transcript;  // "patient: ..." and "bot: ..." lines
  TriageLevel level = TriageLevel::kNone;  // the highest level the bot gave
  bool lowered = false;     // a reply gave a lower level than one before it
  bool ended = false;       // no question pending at the end
  bool assessed = false;    // the assessment was given
  bool stuck = false;       // no end within kMaxTurns, or a question asked a third time
  int questions = 0;        // questions asked before the end
  int reasks_stated = 0;    // questions about a fact the patient had already volunteered
  int repeated = 0;         // questions asked a second time
  int max_asked = 0;        // most times one question was asked
  std::vector<std::string> conditions;  // offered in the assessment, most likely first
  Scope first_scope = Scope::kUnset;    // scope of the reply to the opening
  bool first_asks_knee = false;         // that reply asked a knee question
  bool first_emergency = false;         // that reply gave the emergency level
  int assessment_words = 0;             // words in the assessment reply
};

ConversationResult PlayPatient(std::shared_ptr<const Understander> understander,
                               std::shared_ptr<const DialogEngine> engine,
                               const Patient& patient, int variant);

// Words in a reply's bubbles (what a person reads on the screen).
int CountWords(const std::vector<std::string>& bubbles);

}  // namespace kneebot::test

#endif  // KNEEBOT_TESTS_PATIENTS_CONVERSATION_H_
