#include "intents/payload.h"

#include <algorithm>

namespace kneebot::intents {

bool ReadPayload(std::string_view text, const SlotVocabulary& vocabulary,
                 const std::vector<std::string>& intent_ids, Understanding* out) {
  if (text.empty() || text.front() != '/') return false;
  *out = Understanding();
  const std::string_view body = text.substr(1);
  const size_t eq = body.find('=');
  if (eq == std::string_view::npos) {
    if (std::find(intent_ids.begin(), intent_ids.end(), body) != intent_ids.end()) {
      out->intent = std::string(body);
      out->intents = {out->intent};
    }
    return true;
  }
  const SlotSpec* slot = vocabulary.Find(body.substr(0, eq));
  const std::string_view value = body.substr(eq + 1);
  if (slot == nullptr || value.empty()) return true;
  if (slot->type == SlotType::kInt) {
    if (value.size() > 6 ||
        !std::all_of(value.begin(), value.end(), [](char c) { return c >= '0' && c <= '9'; })) {
      return true;
    }
    const int n = std::stoi(std::string(value));
    if (n >= slot->min && n <= slot->max) out->slots[slot->name] = n;
    return true;
  }
  if (!slot->Accepts(value)) return true;
  if (slot->type == SlotType::kList) {
    out->slots[slot->name] = nlohmann::json::array({std::string(value)});
  } else {
    out->slots[slot->name] = std::string(value);
  }
  return true;
}

}  // namespace kneebot::intents
