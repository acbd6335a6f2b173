// Assessment: what kneebot concludes from a session's slots, and how it says it.
//
//   AssessmentWriter writer(&responses, &rules, &knowledge);
//   Assessment a = writer.Make(session);   // level (never below the floor), causes
//   writer.WriteSummary(a, &reply);        // fits a phone screen: level, why, causes,
//                                          // a one-line safety net
//   writer.WriteDetails(a, &reply);        // on request: every reason, why each cause
//   writer.WriteHomeCare(a, &reply);       // on request: care for the top cause
//
// The words come from responses.<locale>.json (assess_*, details_*, care_*); the level
// from red_flags.json, the causes from knowledge.json. Immutable; safe for concurrent use.
#ifndef KNEEBOT_DIALOGS_ASSESSMENT_H_
#define KNEEBOT_DIALOGS_ASSESSMENT_H_

#include <string>
#include <vector>

#include "bot/activity.h"
#include "bot/session.h"
#include "bot/status.h"
#include "dialogs/knowledge_base.h"
#include "dialogs/responses.h"
#include "dialogs/triage_rules.h"

namespace kneebot {

struct Assessment {
  TriageLevel level = TriageLevel::kSelfCare;
  std::vector<std::string> reasons;   // most important first
  std::vector<std::string> rule_ids;  // the rules behind the level (audit)
  std::vector<RankedCondition> causes;
};

class AssessmentWriter {
 public:
  // Response ids the writer speaks; the engine checks they exist at load.
  static const std::vector<std::string>& ResponseIds();
  // The ids whose {list} the writer fills.
  static const std::vector<std::string>& ListResponseIds();

  AssessmentWriter(const ResponseCatalog* responses, const TriageRules* rules,
                   const KnowledgeBase* knowledge)
      : responses_(responses), rules_(rules), knowledge_(knowledge) {}

  // The assessment rules' level for the slots, raised to the session's floor (a level
  // once given is never lowered), with the reasons and rule ids of both.
  Assessment Make(const Session& s) const;

  // The short reply: what to do now and why, the top causes, and a one-line safety net.
  // Sets r->triage, r->conditions and r->rule_ids.
  void WriteSummary(const Assessment& a, Reply* r) const;
  // Every reason, and why each possible cause fits.
  void WriteDetails(const Assessment& a, Reply* r) const;
  // Home care for the most likely cause, or general home care when it has none.
  void WriteHomeCare(const Assessment& a, Reply* r) const;

 private:
  const ResponseCatalog* responses_;
  const TriageRules* rules_;
  const KnowledgeBase* knowledge_;
};

}  // namespace kneebot

#endif  // KNEEBOT_DIALOGS_ASSESSMENT_H_
