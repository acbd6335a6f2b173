// TriageLevel: protocol.md's four escalation levels, ordered so that a larger value is
// more urgent. The dialogue keeps the highest level it has given and never goes below it.
#ifndef KNEEBOT_BOT_TRIAGE_H_
#define KNEEBOT_BOT_TRIAGE_H_

#include <optional>
#include <string_view>

namespace kneebot {

enum class TriageLevel { kNone = 0, kSelfCare, kDoctor, kUrgent, kEmergency };

// "self_care", "doctor", "urgent", "emergency"; "none" for kNone.
std::string_view TriageName(TriageLevel level);

// Inverse of TriageName for the four protocol levels; nullopt for anything else.
std::optional<TriageLevel> ParseTriage(std::string_view name);

inline TriageLevel MaxTriage(TriageLevel a, TriageLevel b) { return a < b ? b : a; }

}  // namespace kneebot

#endif  // KNEEBOT_BOT_TRIAGE_H_
