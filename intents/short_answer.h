// ShortAnswers: how a message opens when it answers a yes/no question.
//
//   "yeah"             -> kAffirm     "nope, never"  -> kDeny
//   "um, a little bit" -> kPartial    "not sure tbh" -> kUnsure
//   "maybe a little"   -> kPartial (a hedged degree is still the degree)
//
// The understander turns the kind into the pending slot's value ("yes" to "is it
// swollen?" is swelling=yes, "a bit" is swelling=mild), using that slot's "answers"
// in lexicon.json. Only the opening words count, after fillers ("well", "um", "i
// think"): "no" deep inside a sentence is a negation, not an answer. A two-word "I ..."
// or "it ..." affirmation ("I have", "it is") answers only when the clause ends there or
// another answer follows ("it is, a bit"): "I have got a headache" is no "yes", and
// "I can't really straighten it" no "no".
#ifndef KNEEBOT_INTENTS_SHORT_ANSWER_H_
#define KNEEBOT_INTENTS_SHORT_ANSWER_H_

#include <nlohmann/json.hpp>
#include <string>

#include "bot/status.h"
#include "intents/data_loader.h"
#include "intents/normalizer.h"
#include "intents/phrase_set.h"
#include "intents/word_index.h"

namespace kneebot::intents {

enum class AnswerKind { kNone, kAffirm, kDeny, kUnsure, kPartial };

class ShortAnswers {
 public:
  // Reads the "answers" object of lexicon.json, numbering its words in `index` (which
  // must outlive the answers).
  static Status Load(const DataError& err, const nlohmann::json& obj, const std::string& pointer,
                     WordIndex* index, ShortAnswers* out);

  AnswerKind Read(const NormalizedText& t) const;

 private:
  const WordIndex* index_ = nullptr;
  PhraseSet phrases_;  // tag: AnswerKind, or -1 for a filler
};

}  // namespace kneebot::intents

#endif  // KNEEBOT_INTENTS_SHORT_ANSWER_H_
