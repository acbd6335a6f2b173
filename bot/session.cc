#include "bot/session.h"

#include <chrono>

namespace kneebot {
namespace {

using nlohmann::json;

int64_t ToMillis(TimePoint t) {
  return std::chrono::duration_cast<std::chrono::milliseconds>(t.time_since_epoch())
      .count();
}

TimePoint FromMillis(int64_t ms) { return TimePoint(std::chrono::milliseconds(ms)); }

constexpr DialogPhase kPhases[] = {DialogPhase::kNew, DialogPhase::kCollecting,
                                   DialogPhase::kAssessed, DialogPhase::kEscalated,
                                   DialogPhase::kEnded};

}  // namespace

std::string_view PhaseName(DialogPhase phase) {
  switch (phase) {
    case DialogPhase::kNew:
      return "new";
    case DialogPhase::kCollecting:
      return "collecting";
    case DialogPhase::kAssessed:
      return "assessed";
    case DialogPhase::kEscalated:
      return "escalated";
    case DialogPhase::kEnded:
      return "ended";
  }
  return "new";
}

json Session::ToJson() const {
  return json{{"schema", kSchema},
              {"id", id},
              {"version", version},
              {"locale", locale},
              {"phase", PhaseName(phase)},
              {"slots", slots},
              {"skipped", skipped},
              {"expecting", expecting},
              {"attempts", attempts},
              {"asked", asked},
              {"offer", offer},
              {"assessments", assessments},
              {"triage_floor", TriageName(triage_floor)},
              {"triage_reasons", triage_reasons},
              {"fired_red_flags", fired_red_flags},
              {"options", options},
              {"turns", turns},
              {"created_at_ms", ToMillis(created_at)},
              {"updated_at_ms", ToMillis(updated_at)}};
}

Status Session::FromJson(const json& j, Session* out) {
  if (!j.is_object()) return Status::InvalidArgument("session: not a JSON object");
  if (j.value("schema", 0) != kSchema) {
    return Status::InvalidArgument("session: /schema: unsupported schema " +
                                   j.value("schema", json()).dump());
  }
  Session s;
  try {
    s.id = j.at("id").get<std::string>();
    s.version = j.at("version").get<int64_t>();
    s.locale = j.value("locale", "en");
    std::string phase = j.at("phase").get<std::string>();
    bool known = false;
    for (DialogPhase p : kPhases) {
      if (PhaseName(p) == phase) {
        s.phase = p;
        known = true;
      }
    }
    if (!known) return Status::InvalidArgument("session: /phase: unknown '" + phase + "'");
    s.slots = j.at("slots");
    if (!s.slots.is_object()) return Status::InvalidArgument("session: /slots: not an object");
    s.skipped = j.value("skipped", std::vector<std::string>{});
    s.expecting = j.value("expecting", "");
    s.attempts = j.value("attempts", 0);
    s.asked = j.value("asked", std::map<std::string, int>{});
    s.offer = j.value("offer", "");
    s.assessments = j.value("assessments", 0);
    std::string floor = j.value("triage_floor", "none");
    s.triage_floor = ParseTriage(floor).value_or(TriageLevel::kNone);
    s.triage_reasons = j.value("triage_reasons", std::vector<std::string>{});
    s.fired_red_flags = j.value("fired_red_flags", std::vector<std::string>{});
    s.options = j.value("options", std::vector<std::string>{});
    s.turns = j.value("turns", 0);
    s.created_at = FromMillis(j.value("created_at_ms", int64_t{0}));
    s.updated_at = FromMillis(j.value("updated_at_ms", int64_t{0}));
  } catch (const json::exception& e) {
    return Status::InvalidArgument(std::string("session: ") + e.what());
  }
  *out = std::move(s);
  return Status::OK();
}

}  // namespace kneebot
