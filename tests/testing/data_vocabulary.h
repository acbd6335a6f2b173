// DataVocabulary: an Understander that only knows the vocabulary (intent ids, slot names
// and values) read straight from intents/data, and understands nothing. Lets dialogs/
// tests check content against the real vocabulary without depending on the matcher.
#ifndef KNEEBOT_TESTS_TESTING_DATA_VOCABULARY_H_
#define KNEEBOT_TESTS_TESTING_DATA_VOCABULARY_H_

#include <fstream>
#include <map>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "intents/understander.h"

namespace kneebot::test {

class DataVocabulary final : public Understander {
 public:
  explicit DataVocabulary(const std::string& intents_dir) {
    std::ifstream slots_in(intents_dir + "/slots.json");
    nlohmann::json slots = nlohmann::json::parse(slots_in);
    for (const auto& [name, spec] : slots.at("slots").items()) {
      slot_names_.push_back(name);
      values_[name] = spec.value("values", std::vector<std::string>{});
      if (spec.value("protocol", false)) protocol_slot_names_.push_back(name);
    }
    std::ifstream intents_in(intents_dir + "/intents.json");
    nlohmann::json intents = nlohmann::json::parse(intents_in);
    for (const auto& i : intents.at("intents")) intent_ids_.push_back(i.at("id"));
  }

  Understanding Understand(std::string_view, std::string_view) const override { return {}; }
  const std::vector<std::string>& intent_ids() const override { return intent_ids_; }
  const std::vector<std::string>& slot_names() const override { return slot_names_; }
  const std::vector<std::string>& protocol_slot_names() const override {
    return protocol_slot_names_;
  }
  std::vector<std::string> slot_values(std::string_view slot) const override {
    auto it = values_.find(std::string(slot));
    return it == values_.end() ? std::vector<std::string>{} : it->second;
  }

 private:
  std::vector<std::string> intent_ids_;
  std::vector<std::string> slot_names_;
  std::vector<std::string> protocol_slot_names_;
  std::map<std::string, std::vector<std::string>> values_;
};

}  // namespace kneebot::test

#endif  // KNEEBOT_TESTS_TESTING_DATA_VOCABULARY_H_
