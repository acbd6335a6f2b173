// NegationDetector: which words of a message sit inside a negation, NegEx style.
//
//   "no swelling or fever but it's hot and red"
//    ^trigger  [negated scope ] ^terminator -> "hot and red" stays positive
//
// A trigger ("no", "not", "never", "without", "did not", "can not") opens a scope over
// the following words. The scope ends at a terminator ("but", "though", "however",
// "apart from"), at sentence punctuation, at the next trigger, or after `window`
// words. A comma ends it too, unless an "or" follows in the same clause: "no fever,
// chills or calf pain" negates all three, while "didn't fall, bit swollen" does not
// negate the swelling. Pseudo-triggers ("not sure", "no wait", "no idea") are read as
// words, not triggers. A hedge ("not sure if", "don't know whether") opens an
// uncertain scope instead: "not sure if it's swollen" -> swelling "unsure".
//
// Modal triggers ("can not", "could not") negate only the verb phrase after them, so
// they get a shorter window: "can't walk on it after I fell" does not negate the fall.
//
// A trigger inside a matched phrase does not negate that phrase: "can not straighten"
// begins with its own trigger, so the scope starts after it. Findings are negated only
// when the word they start at is marked.
//
// Post-triggers ("none", "is fine", "not present") negate the words before them, back
// to the clause start, a terminator or another trigger, at most `post_window` words:
// "swelling none", "calf is fine", "fever - no". One that is also a forward trigger
// ("no", "none", "does not hurt") counts as a post-trigger only at the end of a clause
// (punctuation or a terminator), so "none of those" still negates forwards while "the
// outside does not hurt but the inside does" denies the outside. Such words are marked
// kNegatedBefore, and a phrase that runs into its own post-trigger ("calf is fine" is a
// phrase of calf=no) is not negated by it (see slot_resolver.cc). The words after a
// forward trigger inside a post-trigger stay negated: "it is not swollen".
//
// A canceller ("without it hurting", "without pain") undoes the negation it closes:
// "can't kneel without it hurting" says kneeling hurts. With no negation open it is
// read as a plain trigger ("I can walk without it hurting").
#ifndef KNEEBOT_INTENTS_NEGATION_H_
#define KNEEBOT_INTENTS_NEGATION_H_

#include <cstdint>
#include <nlohmann/json.hpp>
#include <string>
#include <vector>

#include "bot/status.h"
#include "intents/data_loader.h"
#include "intents/normalizer.h"
#include "intents/phrase_set.h"
#include "intents/word_index.h"

namespace kneebot::intents {

enum class Scope : uint8_t { kNone, kNegated, kHedged, kNegatedBefore };

// True for both kinds of negation.
inline bool IsNegated(Scope s) { return s == Scope::kNegated || s == Scope::kNegatedBefore; }

class NegationDetector {
 public:
  // Reads the "negation" object of lexicon.json found at `pointer`, numbering its words
  // in `index` (which must outlive the detector).
  static Status Load(const DataError& err, const nlohmann::json& obj, const std::string& pointer,
                     WordIndex* index, NegationDetector* out);

  // One mark per token of `t`.
  std::vector<Scope> Mark(const NormalizedText& t) const;

 private:
  enum Kind {
    kTrigger,
    kPseudo,
    kHedge,
    kTerminator,
    kJoiner,
    kShortTrigger,
    kPostTrigger,
    kCancel
  };
  bool JoinerAhead(const NormalizedText& t, const std::vector<int>& ids, size_t i) const;

  const WordIndex* index_ = nullptr;
  PhraseSet phrases_;
  PhraseSet post_;  // post-triggers, kept apart: "none" is a trigger both ways
  int window_ = 6;
  int short_window_ = 3;
  int post_window_ = 4;
};

}  // namespace kneebot::intents

#endif  // KNEEBOT_INTENTS_NEGATION_H_
