// KnowledgeBase: conditions with their evidence rules, and which response answers each
// question intent (knowledge.json).
//
//   std::vector<RankedCondition> causes = kb.Rank(session.slots);  // best first
//
// Immutable after Load; safe for concurrent use.
#ifndef KNEEBOT_DIALOGS_KNOWLEDGE_BASE_H_
#define KNEEBOT_DIALOGS_KNOWLEDGE_BASE_H_

#include <map>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "bot/status.h"
#include "dialogs/condition.h"
#include "dialogs/responses.h"
#include "intents/understander.h"

namespace kneebot {

struct Evidence {
  Condition when;
  int weight = 0;
  std::string why;
};

struct ConditionInfo {
  std::string id;    // protocol.md condition vocabulary
  std::string name;
  int min_score = 1;
  std::string care;  // response id with condition-specific home care, may be empty
  std::vector<Evidence> evidence;
};

struct RankedCondition {
  const ConditionInfo* info = nullptr;
  int score = 0;
  std::vector<std::string> whys;  // of the evidence that held, in file order
};

class KnowledgeBase {
 public:
  // Reads knowledge.json. Every `ask_*` intent the Understander knows must have a topic.
  static Status Load(const std::string& dir, const Understander& vocabulary,
                     const ResponseCatalog& responses, KnowledgeBase* out);

  // Conditions at or above their min_score, highest score first (file order breaks
  // ties), at most max_shown, each with a positive-weight reason.
  std::vector<RankedCondition> Rank(const nlohmann::json& slots) const;

  // The response answering a question intent, or nullptr if `intent` is no topic.
  const std::string* TopicResponse(const std::string& intent) const;

 private:
  std::vector<ConditionInfo> conditions_;
  std::map<std::string, std::string> topics_;
  size_t max_shown_ = 3;
};

}  // namespace kneebot

#endif  // KNEEBOT_DIALOGS_KNOWLEDGE_BASE_H_
