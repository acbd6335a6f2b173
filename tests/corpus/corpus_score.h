// CorpusScore: how well the Understander reads a labelled corpus (tests/data/*.json).
//
// Intent accuracy: an utterance counts as right when every labelled intent is among the
// recognised ones and no unlabelled intent that changes where the conversation goes
// (out of scope, urgent outside the knee, restart, goodbye, forget me, a human) was
// recognised. Slots are scored as (slot, value) pairs: a wrong value is one false
// positive and one false negative. A red-flag error is a positive red-flag finding
// that was not labelled (often a negation read as a positive) or a labelled one that
// was missed: those are the mistakes that matter most, so they are listed. A negation
// error is any slot read with the other polarity than labelled ("no" for a finding, or
// a finding for "no"), red flag or not. Scope is
// scored both ways: knee complaints must enter the knee flow, other complaints must
// stay out of it.
#ifndef KNEEBOT_TESTS_CORPUS_CORPUS_SCORE_H_
#define KNEEBOT_TESTS_CORPUS_CORPUS_SCORE_H_

#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "intents/understander.h"

namespace kneebot::test {

struct CorpusScore {
  int utterances = 0;
  int intents_right = 0;
  int slot_true_pos = 0;
  int slot_false_pos = 0;
  int slot_false_neg = 0;
  int red_flags_flipped = 0;  // a positive red flag read where none was labelled
  int red_flags_missed = 0;   // a labelled positive red flag not read
  int negation_errors = 0;    // a slot read "no" where a finding was labelled, or the reverse
  // Scope both ways. Knee complaints (labelled report_knee_pain) that enter the knee
  // flow: report_knee_pain recognised and no out_of_scope_* intent. Other complaints and
  // requests (labelled out_of_scope_body or out_of_scope_other) kept out of it: no
  // report_knee_pain recognised.
  int knee_complaints = 0;
  int knee_complaints_in = 0;
  int other_complaints = 0;
  int other_complaints_out = 0;
  std::vector<std::string> failures;  // one line per wrong utterance, for the log

  double IntentAccuracy() const;
  double SlotPrecision() const;
  double SlotRecall() const;
  double SlotF1() const;
  double KneeComplaintsIn() const;     // 1 when there are none
  double OtherComplaintsOut() const;   // 1 when there are none
  std::string Summary(const std::string& name) const;
};

// Scores every item of `corpus` ({"utterances": [{text, expecting?, intents, slots}]}).
CorpusScore ScoreCorpus(const Understander& understander, const nlohmann::json& corpus);

// True when slot=value is an alarming finding (a red flag ingredient).
bool IsRedFlagFinding(const std::string& slot, const nlohmann::json& value);

}  // namespace kneebot::test

#endif  // KNEEBOT_TESTS_CORPUS_CORPUS_SCORE_H_
