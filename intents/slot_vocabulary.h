// SlotVocabulary: the slots of intents/data/slots.json, their types and values.
//
// The one place that knows which values a slot may take; every other part of intents/
// checks its data against it at load, so a misspelt value is a load error rather than
// a value the dialogue never recognises.
#ifndef KNEEBOT_INTENTS_SLOT_VOCABULARY_H_
#define KNEEBOT_INTENTS_SLOT_VOCABULARY_H_

#include <nlohmann/json.hpp>
#include <string>
#include <string_view>
#include <vector>

#include "bot/status.h"

namespace kneebot::intents {

// Every enum or list slot may also hold this hedge value ("not sure", "maybe").
inline constexpr std::string_view kUnsure = "unsure";

enum class SlotType { kEnum, kInt, kList };

struct SlotSpec {
  std::string name;
  SlotType type = SlotType::kEnum;
  std::vector<std::string> values;  // enum and list slots
  std::string affirm;               // value of a bare "yes", or empty
  std::string deny;                 // value of a bare "no", or empty
  int min = 0;                      // int slots
  int max = 0;
  bool protocol = false;            // one of protocol.md's `expecting` slots

  // True for a value of the list, or "unsure" (enum and list slots).
  bool Accepts(std::string_view value) const;
};

class SlotVocabulary {
 public:
  // Reads the parsed slots.json; errors name "slots.json" and the JSON pointer.
  static Status Load(const nlohmann::json& doc, SlotVocabulary* out);

  const SlotSpec* Find(std::string_view name) const;
  const std::vector<std::string>& names() const { return names_; }
  // The protocol slots ("protocol": true), in file order.
  const std::vector<std::string>& protocol_names() const { return protocol_names_; }
  const std::vector<SlotSpec>& slots() const { return slots_; }

 private:
  std::vector<SlotSpec> slots_;
  std::vector<std::string> names_;
  std::vector<std::string> protocol_names_;
};

}  // namespace kneebot::intents

#endif  // KNEEBOT_INTENTS_SLOT_VOCABULARY_H_
