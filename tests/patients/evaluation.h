// Evaluation: whole-conversation figures over a set of simulated patients.
//
//   Evaluation e;
//   for (...) e.Add(patient, PlayPatient(...));
//   std::cout << e.Table("held-out");
//
// Counts per conversation (a patient played several times, one phrasing variant each):
// emergency sensitivity, under-triage, exact and acceptable level, condition top-3,
// re-asks of stated facts, repeated questions, stuck conversations, lowered levels,
// questions to the assessment (median, max) and the assessment's length in words; for
// people who are not about the knee, whether the first reply declined without a knee
// question (or gave the crisis line, or the emergency level when gold).
#ifndef KNEEBOT_TESTS_PATIENTS_EVALUATION_H_
#define KNEEBOT_TESTS_PATIENTS_EVALUATION_H_

#include <map>
#include <string>
#include <vector>

#include "tests/patients/conversation.h"
#include "tests/patients/patient.h"

namespace kneebot::test {

struct Failure {
  const Patient* patient;
  ConversationResult run;
  std::string why;
};

class Evaluation {
 public:
  void Add(const Patient& patient, ConversationResult run);

  int runs() const { return runs_; }
  int emergency_runs() const { return emergency_runs_; }
  int emergency_caught() const { return emergency_caught_; }
  int under_triaged() const { return under_triaged_; }
  // Under-triage of a patient whose gold level is urgent or emergency (a ctest gate).
  int serious_under_triaged() const { return serious_under_triaged_; }
  // Those, counted by the brief's rule that sets the gold level ("E3": 2): which red
  // flags the bot misses, without reading a held-out text.
  const std::map<std::string, int>& serious_missed_by_rule() const { return missed_by_rule_; }
  int exact() const { return exact_; }
  int acceptable() const { return acceptable_; }
  int graded() const { return graded_; }
  int condition_runs() const { return condition_runs_; }
  int condition_hits() const { return condition_hits_; }
  int reasks_stated() const { return reasks_stated_; }
  int repeated() const { return repeated_; }
  int stuck() const { return stuck_; }
  int lowered() const { return lowered_; }
  int scope_runs() const { return scope_runs_; }
  int scope_right() const { return scope_right_; }
  int max_questions() const;
  double median_questions() const;
  int max_assessment_words() const;
  double median_assessment_words() const;
  const std::vector<Failure>& failures() const { return failures_; }
  // Every conversation added, for reading (training patients only).
  const std::vector<Failure>& all() const { return all_; }

  // The figures as a few lines, headed by `name`.
  std::string Table(const std::string& name) const;

 private:
  void Fail(const Patient& p, const ConversationResult& r, const std::string& why);

  int runs_ = 0, emergency_runs_ = 0, emergency_caught_ = 0, under_triaged_ = 0,
      serious_under_triaged_ = 0, exact_ = 0, acceptable_ = 0, graded_ = 0,
      condition_runs_ = 0, condition_hits_ = 0, reasks_stated_ = 0, repeated_ = 0, stuck_ = 0,
      lowered_ = 0, scope_runs_ = 0, scope_right_ = 0;
  std::vector<int> questions_, assessment_words_;
  std::vector<Failure> failures_;
  std::vector<Failure> all_;
  std::map<std::string, int> missed_by_rule_;
};

}  // namespace kneebot::test

#endif  // KNEEBOT_TESTS_PATIENTS_EVALUATION_H_
