// Condition: the small rule language of the content files (see dialogs/README.md).
//
//   {"all": [{"slot": "fever", "is": "yes"}, {"slot": "swelling", "in": ["yes", "rapid"]}]}
//
// Parsed and checked once at load against the slot vocabulary; evaluated against a
// session's slots on every turn. Immutable and safe for concurrent use.
#ifndef KNEEBOT_DIALOGS_CONDITION_H_
#define KNEEBOT_DIALOGS_CONDITION_H_

#include <memory>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "bot/status.h"
#include "dialogs/json_file.h"
#include "intents/understander.h"

namespace kneebot {

class Condition {
 public:
  // Parses doc[pointer]. Unknown slots, values not in the slot's vocabulary, `gte` on
  // a non-numeric slot and malformed forms are InvalidArgument naming file and path.
  static Status Parse(const ContentError& err, const nlohmann::json& doc,
                      const std::string& pointer, const Understander& vocabulary,
                      Condition* out);

  // True when the condition holds for these slots. A default Condition always holds.
  bool Holds(const nlohmann::json& slots) const;

 private:
  enum class Op { kTrue, kIn, kGte, kLte, kFilled, kAll, kAny, kNot };
  Op op_ = Op::kTrue;
  std::string slot_;
  std::vector<std::string> values_;  // kIn
  long long number_ = 0;             // kGte, kLte
  bool filled_ = true;               // kFilled
  std::vector<Condition> children_;  // kAll, kAny, kNot
};

}  // namespace kneebot

#endif  // KNEEBOT_DIALOGS_CONDITION_H_
