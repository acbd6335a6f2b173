// Flow: the questions kneebot asks, in priority order (flow.json).
//
// The next question is the first whose slot has no value, was not given up on, and whose
// ask_if holds; when none is left the engine gives its assessment. Immutable after Load.
#ifndef KNEEBOT_DIALOGS_FLOW_H_
#define KNEEBOT_DIALOGS_FLOW_H_

#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "bot/activity.h"
#include "bot/status.h"
#include "dialogs/condition.h"
#include "dialogs/responses.h"
#include "intents/understander.h"

namespace kneebot {

struct Question {
  std::string slot;
  std::string ask;    // response id
  std::string retry;  // response id, defaults to ask
  std::vector<QuickReply> quick_replies;
  Condition ask_if;
};

class Flow {
 public:
  // Reads flow.json; checks slots, response ids and quick-reply payloads.
  static Status Load(const std::string& dir, const Understander& vocabulary,
                     const ResponseCatalog& responses, Flow* out);

  // The next question for these slots, or nullptr when it is time to assess.
  const Question* Next(const nlohmann::json& slots,
                       const std::vector<std::string>& skipped) const;
  // The question that asks `slot`, or nullptr.
  const Question* ForSlot(const std::string& slot) const;

  int max_attempts() const { return max_attempts_; }
  const std::vector<QuickReply>& follow_ups() const { return follow_ups_; }
  const std::vector<QuickReply>& escalated_quick_replies() const {
    return escalated_quick_replies_;
  }

 private:
  std::vector<Question> questions_;
  std::vector<QuickReply> follow_ups_;
  std::vector<QuickReply> escalated_quick_replies_;
  int max_attempts_ = 2;
};

// Checks a quick-reply payload: "/<slot>=<value>" with a known pair, or "/<intent>"
// with a known intent. Free text payloads are allowed too (they go through the matcher).
Status CheckPayload(const ContentError& err, const std::string& pointer,
                    const std::string& payload, const Understander& vocabulary);

}  // namespace kneebot

#endif  // KNEEBOT_DIALOGS_FLOW_H_
