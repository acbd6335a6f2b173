// Flow: the questions kneebot asks, in priority order (flow.json).
//
// A question is either plain (one slot, its quick replies) or a checklist ("Do any of
// these apply?": one item per finding, each a slot and the value a tap or a mention
// means, plus "None of these"). The next question is the first, in file order, whose
// ask_if holds, that was not given up on, and that still has something to ask: a plain
// question's slot is empty, a checklist has a shown item whose slot is empty. When none
// is left the engine gives its assessment. Immutable after Load.
#ifndef KNEEBOT_DIALOGS_FLOW_H_
#define KNEEBOT_DIALOGS_FLOW_H_

#include <map>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "bot/activity.h"
#include "bot/status.h"
#include "dialogs/condition.h"
#include "dialogs/responses.h"
#include "intents/understander.h"

namespace kneebot {

struct ChecklistItem {
  std::string title;  // the quick reply's title
  std::string say;    // the item as listed in the question's text (default: title)
  std::string slot;
  std::string value;  // what a tap or a mention of the item means
  std::string none;   // the value "none of these" gives the slot; empty leaves it unset
  Condition show_if;  // the item is offered only when this holds
  // An item never answered is recorded as "unsure" when its slot takes words (enum or
  // list); a number slot (severity) is left empty.
  bool unknown_is_unsure = true;
  std::string payload() const { return "/" + slot + "=" + value; }
};

struct Question {
  std::string id;         // unique; a plain question's id is its slot
  std::string slot;       // the slot a plain question fills; empty for a checklist
  std::string expecting;  // the protocol slot a reply names while this is pending
  std::string ask;        // response ids
  std::string retry;      // asked again after an answer it could not read
  std::string more;       // checklist: after one item was tapped, "anything else?"
  std::vector<QuickReply> quick_replies;  // plain question
  std::vector<ChecklistItem> checklist;   // checklist question
  QuickReply none_reply;                  // checklist: "None of these"
  QuickReply nothing_else_reply;          // checklist: "No, nothing else" after a tap
  Condition ask_if;
  // What an answer it never could read is recorded as: true "unsure" (an enum or list
  // slot, so the "when in doubt" rules can act on it), false left empty (a number).
  bool unknown_is_unsure = true;

  bool IsChecklist() const { return !checklist.empty(); }
};

class Flow {
 public:
  // Reads flow.json; checks ids, slots, protocol slots, response ids and payloads.
  static Status Load(const std::string& dir, const Understander& vocabulary,
                     const ResponseCatalog& responses, Flow* out);

  // The next question for these slots, or nullptr when it is time to assess. `skipped`
  // holds the ids of questions closed (given up on, or a checklist answered); a question already asked max_asks times
  // (`asked`) is not asked again, even when new checklist items would now show.
  const Question* Next(const nlohmann::json& slots, const std::vector<std::string>& skipped,
                       const std::map<std::string, int>& asked) const;
  // The question with this id, or nullptr.
  const Question* ById(const std::string& id) const;
  // Whether `q` still applies to these slots: its ask_if holds and it has something left
  // to ask.
  bool Applies(const Question& q, const nlohmann::json& slots) const;
  // The checklist items of `q` to offer now: show_if holds and the slot is empty.
  std::vector<const ChecklistItem*> Shown(const Question& q, const nlohmann::json& slots) const;

  // How many times a question may be asked before its answer is recorded as unknown.
  int max_asks() const { return max_asks_; }
  const std::vector<QuickReply>& follow_ups() const { return follow_ups_; }
  const std::vector<QuickReply>& escalated_quick_replies() const {
    return escalated_quick_replies_;
  }
  const std::vector<QuickReply>& offer_quick_replies() const { return offer_quick_replies_; }
  const std::vector<QuickReply>& crisis_quick_replies() const { return crisis_quick_replies_; }

 private:
  std::vector<Question> questions_;
  std::vector<QuickReply> follow_ups_;
  std::vector<QuickReply> escalated_quick_replies_;
  std::vector<QuickReply> offer_quick_replies_;
  std::vector<QuickReply> crisis_quick_replies_;
  int max_asks_ = 2;
};

// Checks a quick-reply payload: "/<slot>=<value>" with a known pair, or "/<intent>"
// with a known intent. Free text payloads are allowed too (they go through the matcher).
Status CheckPayload(const ContentError& err, const std::string& pointer,
                    const std::string& payload, const Understander& vocabulary);

}  // namespace kneebot

#endif  // KNEEBOT_DIALOGS_FLOW_H_
