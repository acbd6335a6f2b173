#include "tests/patients/conversation.h"

#include <algorithm>
#include <map>
#include <set>
#include <sstream>

#include "bot/bot.h"
#include "bot/session_store.h"
#include "tests/testing/fake_clock.h"

namespace kneebot::test {

namespace {

using nlohmann::json;

// How a patient says "none of these" to a checklist, and "I don't know".
constexpr const char* kNone[] = {"none of those", "no, none of them", "nope, none",
                                 "none of these apply to me"};
constexpr const char* kDontKnow = "I don't know";

std::string ValueText(const json& v) { return v.is_string() ? v.get<std::string>() : v.dump(); }

// The slot and value of a "/slot=value" payload; empty slot for anything else.
std::pair<std::string, std::string> SlotPayload(const std::string& payload) {
  if (payload.size() < 2 || payload[0] != '/') return {};
  const size_t eq = payload.find('=');
  if (eq == std::string::npos) return {};
  return {payload.substr(1, eq - 1), payload.substr(eq + 1)};
}

class Player {
 public:
  Player(const Patient& p, int variant) : p_(p), variant_(variant) {
    volunteered_.insert(p.opening_states.begin(), p.opening_states.end());
    // How an injury happened says that there was one.
    if (volunteered_.count("mechanism")) volunteered_.insert("injury");
  }

  // The patient's answer to `r`, noting what it states.
  std::string Answer(const Reply& r) {
    std::vector<std::string> asks = r.asks;
    if (asks.empty()) asks.push_back(r.expecting);
    if (asks.size() > 1) return AnswerChecklist(r);
    return Say(asks.front());
  }

  bool Volunteered(const std::string& slot) const { return volunteered_.count(slot) > 0; }

 private:
  std::string Say(const std::string& slot) {
    auto it = p_.facts.find(slot);
    if (it == p_.facts.end()) return kDontKnow;
    const Fact& f = it->second;
    const int use = uses_[slot]++;
    for (const std::string& also : f.also) volunteered_.insert(also);
    return f.say[static_cast<size_t>(variant_ + use) % f.say.size()];
  }

  std::string AnswerChecklist(const Reply& r) {
    std::vector<std::string> positive, unsure;
    std::set<std::string> said;
    for (const QuickReply& qr : r.quick_replies) {
      const auto [slot, value] = SlotPayload(qr.payload);
      if (slot.empty() || said.count(slot)) continue;
      auto it = p_.facts.find(slot);
      if (it == p_.facts.end()) continue;
      const std::string truth = ValueText(it->second.value);
      // A number item ("the pain is severe": severity 9) holds for that much or more.
      const bool at_least = it->second.value.is_number_integer() && !value.empty() &&
                            value.find_first_not_of("0123456789") == std::string::npos &&
                            it->second.value.get<int>() >= std::stoi(value);
      if (truth == value || at_least) {
        said.insert(slot);
        positive.push_back(Say(slot));
      } else if (truth == "unsure" && !said.count(slot)) {
        said.insert(slot);
        unsure.push_back(Say(slot));
      }
    }
    const std::vector<std::string>& parts = !positive.empty() ? positive : unsure;
    if (parts.empty()) return kNone[static_cast<size_t>(variant_ + checklists_++) % std::size(kNone)];
    std::string text;
    for (const std::string& part : parts) text += (text.empty() ? "" : ". ") + part;
    return text;
  }

  const Patient& p_;
  int variant_;
  int checklists_ = 0;
  std::map<std::string, int> uses_;
  std::set<std::string> volunteered_;
};

// One key per distinct question: what it expects and what it screens.
std::string QuestionKey(const Reply& r) {
  std::string key = r.expecting + "|";
  for (const std::string& a : r.asks) key += a + ",";
  return key;
}

}  // namespace

int CountWords(const std::vector<std::string>& bubbles) {
  int words = 0;
  for (const std::string& b : bubbles) {
    std::istringstream in(b);
    std::string w;
    while (in >> w) {
      if (w != "-") ++words;
    }
  }
  return words;
}

ConversationResult PlayPatient(std::shared_ptr<const Understander> understander,
                               std::shared_ptr<const DialogEngine> engine,
                               const Patient& patient, int variant) {
  ConversationResult out;
  out.patient_id = patient.id;
  out.variant = variant;
  FakeClock clock;
  MemorySessionStore store(&clock, std::chrono::hours(1));
  Bot bot(std::move(understander), std::move(engine), &store, &clock);
  Player player(patient, variant);
  std::map<std::string, int> asked;

  Activity in;
  in.channel_id = "patients";
  std::string session_id;
  const std::string opening = patient.opening[static_cast<size_t>(variant) % patient.opening.size()];
  bool opening_sent = false;
  if (variant % 2 == 1) {
    in.type = ActivityType::kHello;
  } else {
    in.text = opening;
    opening_sent = true;
    out.transcript.push_back("patient: " + opening);
  }

  for (int turn = 0; turn < kMaxTurns; ++turn) {
    Reply r;
    TurnInfo info;
    in.session_id = session_id;
    if (!bot.OnTurn(in, &r, &info).ok()) {
      out.transcript.push_back("bot: <turn failed>");
      out.stuck = true;
      return out;
    }
    session_id = r.session_id;
    for (const std::string& m : r.messages) out.transcript.push_back("bot: " + m);
    if (!r.expecting.empty()) {
      std::string line = "     [expecting " + r.expecting;
      if (r.asks.size() > 1) line += ", checklist";
      out.transcript.push_back(line + "]");
    }

    if (opening_sent && out.first_scope == Scope::kUnset && in.type == ActivityType::kMessage &&
        in.text == opening) {
      out.first_scope = r.scope;
      out.first_asks_knee = !r.expecting.empty();
      out.first_emergency = r.triage && r.triage->level == TriageLevel::kEmergency;
    }
    if (r.triage) {
      if (r.triage->level < out.level) out.lowered = true;
      out.level = MaxTriage(out.level, r.triage->level);
    }
    Session s;
    const bool found = store.Load(session_id, &s).ok();
    if (found && s.phase == DialogPhase::kAssessed && r.expecting.empty() && !r.conditions.empty()) {
      out.conditions.clear();
      for (const ConditionHit& c : r.conditions) out.conditions.push_back(c.id);
    }
    if (found && s.phase == DialogPhase::kAssessed && r.expecting.empty()) {
      out.assessed = true;
      out.assessment_words = CountWords(r.messages);
    }

    if (!opening_sent) {  // the reply to hello: now the opening
      in = Activity();
      in.channel_id = "patients";
      in.text = opening;
      opening_sent = true;
      out.transcript.push_back("patient: " + opening);
      if (!r.expecting.empty()) {
        ++out.questions;
        out.max_asked = std::max(out.max_asked, ++asked[QuestionKey(r)]);
      }
      continue;
    }
    if (r.expecting.empty() || r.ended) {
      out.ended = true;
      break;
    }
    ++out.questions;
    const int times = ++asked[QuestionKey(r)];
    out.max_asked = std::max(out.max_asked, times);
    if (times == 2) ++out.repeated;
    if (times > 2) {
      out.stuck = true;
      break;
    }
    const std::vector<std::string> asks = r.asks.empty() ? std::vector<std::string>{r.expecting}
                                                         : r.asks;
    if (std::any_of(asks.begin(), asks.end(),
                    [&](const std::string& slot) { return player.Volunteered(slot); })) {
      ++out.reasks_stated;
      out.transcript.push_back("     ^ re-asks a fact the patient already gave");
    }
    in = Activity();
    in.channel_id = "patients";
    in.text = player.Answer(r);
    out.transcript.push_back("patient: " + in.text);
  }
  if (!out.ended) out.stuck = true;
  return out;
}

}  // namespace kneebot::test
