// TriageRules: red flags, assessment rules and risk modifiers (red_flags.json).
//
// Red flags are checked after every message; assessment rules only when the assessment
// is given. Immutable after Load; safe for concurrent use.
#ifndef KNEEBOT_DIALOGS_TRIAGE_RULES_H_
#define KNEEBOT_DIALOGS_TRIAGE_RULES_H_

#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "bot/status.h"
#include "bot/triage.h"
#include "dialogs/condition.h"
#include "dialogs/responses.h"
#include "intents/understander.h"

namespace kneebot {

struct TriageRule {
  std::string id;
  TriageLevel level = TriageLevel::kSelfCare;
  Condition when;
  std::string reason;    // short phrase shown to the person
  std::string response;  // red flags only: what it may be and what to do now
};

struct TriageModifier {
  std::string id;
  Condition when;
  TriageLevel raise_from = TriageLevel::kDoctor;
  TriageLevel to = TriageLevel::kUrgent;
  std::string reason;
  // Rules that already allow for this group (a child's limp, an injury at 55+): a level
  // that rests only on them is not raised again.
  std::vector<std::string> except_rules;
};

// The level an assessment gives and why.
struct TriageResult {
  TriageLevel level = TriageLevel::kSelfCare;
  std::vector<std::string> reasons;
  std::vector<std::string> rule_ids;  // the rules and modifiers behind the level (audit)
};

class TriageRules {
 public:
  static Status Load(const std::string& dir, const Understander& vocabulary,
                     const ResponseCatalog& responses, TriageRules* out);

  // Red flags that hold for these slots, most urgent first.
  std::vector<const TriageRule*> FiredRedFlags(const nlohmann::json& slots) const;
  // The assessment level: the highest matching rule (self_care if none), raised by
  // modifiers; reasons of every rule at the chosen level.
  TriageResult Assess(const nlohmann::json& slots) const;
  // Raises *result by the modifiers that hold for these slots (people at higher risk:
  // a child, an older adult, a replaced or recently injected knee...), one step each,
  // adding their reasons and ids. Used for red flags as they fire and by Assess.
  void ApplyModifiers(const nlohmann::json& slots, TriageResult* result) const;
  // The reason given when someone describes an emergency outside the knee.
  const std::string& non_knee_emergency_reason() const { return non_knee_reason_; }

 private:
  std::vector<TriageRule> red_flags_;
  std::vector<TriageRule> assessment_rules_;
  std::vector<TriageModifier> modifiers_;
  std::string non_knee_reason_;
  std::string default_reason_;  // the reason given with self_care when no rule matched
};

}  // namespace kneebot

#endif  // KNEEBOT_DIALOGS_TRIAGE_RULES_H_
