#include "bot/triage.h"

namespace kneebot {

std::string_view TriageName(TriageLevel level) {
  switch (level) {
    case TriageLevel::kSelfCare:
      return "self_care";
    case TriageLevel::kDoctor:
      return "doctor";
    case TriageLevel::kUrgent:
      return "urgent";
    case TriageLevel::kEmergency:
      return "emergency";
    case TriageLevel::kNone:
      break;
  }
  return "none";
}

std::optional<TriageLevel> ParseTriage(std::string_view name) {
  for (TriageLevel l : {TriageLevel::kSelfCare, TriageLevel::kDoctor,
                        TriageLevel::kUrgent, TriageLevel::kEmergency}) {
    if (TriageName(l) == name) return l;
  }
  return std::nullopt;
}

}  // namespace kneebot
