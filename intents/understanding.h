// Understanding: what one message means, as intents/ reads it.
//
// Produced by Understander::Understand, consumed by the dialogue engine. It holds no
// text from the message except through slot values, which are normalised vocabulary
// (see intents/data/slots.json), never free text.
#ifndef KNEEBOT_INTENTS_UNDERSTANDING_H_
#define KNEEBOT_INTENTS_UNDERSTANDING_H_

#include <string>
#include <string_view>
#include <vector>

#include <nlohmann/json.hpp>

namespace kneebot {

// The `expecting` the dialogue passes while a checklist question is pending: no slot
// to fill from "yes"/"no", but the message is an answer (findings it names are kept even
// when the knee is not named).
inline constexpr std::string_view kChecklistExpecting = "checklist";

// How a message reads as a short answer to a yes/no question, whatever was asked
// ("yeah" kYes, "nope" kNo, "not sure" kUnsure, "a bit" kPartial).
enum class ShortAnswer { kNone, kYes, kNo, kUnsure, kPartial };

struct Understanding {
  // The best intent id from intents/data/intents.json, or empty when none matched or
  // two intents tied (then `ambiguous` is true).
  std::string intent;
  // Every matched intent, best first (a message can greet and ask a question at once).
  std::vector<std::string> intents;
  bool ambiguous = false;

  // Slot name -> value. Value types per slots.json: a string from the slot's value
  // list ("inside", "no", "unsure", ...), an integer (duration in days, severity 0-10,
  // age in years) or an array of strings (aggravators).
  nlohmann::json slots = nlohmann::json::object();

  // The person corrected an earlier answer ("actually it's the outside"): the slots
  // here replace earlier values instead of being ignored as already known.
  bool correction = false;

  // The message as a short answer ("no", "none of them", "not sure"), so that a question
  // the matcher has no slot for (a checklist, a yes/no offer) can still be answered.
  ShortAnswer answer = ShortAnswer::kNone;
  // The message was a quick-reply payload ("/slot=value", "/intent"), not typed text.
  bool payload = false;

  bool HasIntent(std::string_view id) const {
    for (const auto& i : intents) {
      if (i == id) return true;
    }
    return false;
  }
};

}  // namespace kneebot

#endif  // KNEEBOT_INTENTS_UNDERSTANDING_H_
