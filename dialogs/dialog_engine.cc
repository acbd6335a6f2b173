#include "dialogs/dialog_engine.h"

#include <algorithm>
#include <utility>

#include "dialogs/flow.h"
#include "dialogs/knowledge_base.h"
#include "dialogs/responses.h"
#include "dialogs/triage_rules.h"

namespace kneebot {

using nlohmann::json;

namespace {

// Response ids the engine speaks by itself; every one must exist in the content.
constexpr const char* kEngineResponses[] = {
    "intro", "welcome_back", "restart_done", "triage_floor_reminder", "greet", "help",
    "thanks", "goodbye", "human", "forget_me", "out_of_scope_body", "out_of_scope_other",
    "urgent_non_knee", "back_to_question", "not_understood", "skip_question",
    "assessment_intro", "triage_emergency", "triage_urgent", "triage_doctor",
    "triage_self_care", "reasons_intro", "causes_intro", "no_clear_cause",
    "home_care_generic", "safety_net", "follow_up", "updated_assessment",
    "escalated_reminder"};

// Global intents answered with a response of the same id when a message fills no slot.
constexpr const char* kSmallTalk[] = {"greet",  "help", "thanks", "human",
                                      "out_of_scope_body", "out_of_scope_other"};

bool Contains(const std::vector<std::string>& v, const std::string& s) {
  return std::find(v.begin(), v.end(), s) != v.end();
}

void AddUnique(std::vector<std::string>* v, const std::string& s) {
  if (!Contains(*v, s)) v->push_back(s);
}

class DialogEngineImpl final : public DialogEngine {
 public:
  DialogEngineImpl(ResponseCatalog responses, Flow flow, TriageRules rules,
                   KnowledgeBase knowledge)
      : responses_(std::move(responses)),
        flow_(std::move(flow)),
        rules_(std::move(rules)),
        knowledge_(std::move(knowledge)) {}

  Reply Greet(Session* s) const override {
    Reply r;
    s->phase = DialogPhase::kCollecting;
    Say(&r, "intro");
    AskNextOrAssess(s, &r);
    return r;
  }

  Reply Resume(Session* s) const override {
    if (s->phase == DialogPhase::kNew || s->phase == DialogPhase::kEnded) return Greet(s);
    Reply r;
    Say(&r, "welcome_back");
    switch (s->phase) {
      case DialogPhase::kEscalated:
        Say(&r, "escalated_reminder");
        r.triage = FloorTriage(*s);
        r.quick_replies = flow_.escalated_quick_replies();
        break;
      case DialogPhase::kAssessed:
        Say(&r, "follow_up");
        r.quick_replies = flow_.follow_ups();
        break;
      default:
        if (const Question* q = flow_.ForSlot(s->expecting)) {
          Ask(*q, /*retry=*/false, s, &r);
        } else {
          AskNextOrAssess(s, &r);
        }
    }
    return r;
  }

  Reply Restart(Session* s) const override {
    Reply r;
    ClearSymptoms(s);
    s->phase = DialogPhase::kCollecting;
    Say(&r, "restart_done");
    RemindFloor(*s, &r);
    AskNextOrAssess(s, &r);
    return r;
  }

  Reply Step(const Understanding& u, Session* s) const override;

  const std::string& content_version() const override {
    return responses_.content_version();
  }

 private:
  void Say(Reply* r, const std::string& id) const {
    for (const std::string& b : responses_.Get(id)) r->messages.push_back(b);
  }

  // The first bubble of `intro_id` followed by one "- item" line per item.
  void SayList(Reply* r, const std::string& intro_id,
               const std::vector<std::string>& items) const {
    const auto& intro = responses_.Get(intro_id);
    std::string text = intro.empty() ? "" : intro.front();
    for (const std::string& item : items) text += "\n- " + item;
    r->messages.push_back(std::move(text));
  }

  Triage FloorTriage(const Session& s) const { return {s.triage_floor, s.triage_reasons}; }

  // After a restart, or when a reply would otherwise say nothing about a serious level
  // already given: remind them of it, with the level.
  void RemindFloor(const Session& s, Reply* r) const {
    if (s.triage_floor < TriageLevel::kUrgent) return;
    Say(r, "triage_floor_reminder");
    r->triage = FloorTriage(s);
  }

  void Raise(Session* s, TriageLevel level, const std::vector<std::string>& reasons) const {
    if (level > s->triage_floor) s->triage_floor = level;
    for (const auto& reason : reasons) AddUnique(&s->triage_reasons, reason);
  }

  static void ClearSymptoms(Session* s) {
    s->slots = json::object();
    s->skipped.clear();
    s->expecting.clear();
    s->attempts = 0;
    s->fired_red_flags.clear();
  }

  void Ask(const Question& q, bool retry, Session* s, Reply* r) const {
    if (s->expecting != q.slot) s->attempts = 0;
    Say(r, retry ? q.retry : q.ask);
    r->quick_replies = q.quick_replies;
    r->expecting = q.slot;
    s->expecting = q.slot;
  }

  void AskNextOrAssess(Session* s, Reply* r) const {
    if (const Question* q = flow_.Next(s->slots, s->skipped)) {
      Ask(*q, /*retry=*/false, s, r);
    } else {
      Assess(s, r);
    }
  }

  // Copies the message's slots into the session; returns the slots whose value changed.
  static std::vector<std::string> Merge(const Understanding& u, Session* s) {
    std::vector<std::string> changed;
    for (const auto& [slot, value] : u.slots.items()) {
      auto old = s->slots.find(slot);
      if (old != s->slots.end() && old->is_array() && value.is_array() && !u.correction) {
        bool grew = false;
        for (const json& v : value) {
          if (std::find(old->begin(), old->end(), v) == old->end()) {
            old->push_back(v);
            grew = true;
          }
        }
        if (grew) changed.push_back(slot);
        continue;
      }
      if (old != s->slots.end()) {
        if (*old == value) continue;
        // A hedge does not erase an answer already given, unless it is a correction.
        if (value == "unsure" && !u.correction) continue;
      }
      s->slots[slot] = value;
      changed.push_back(slot);
    }
    // Any injury mechanism means there was an injury.
    if (u.slots.contains("mechanism") && !u.slots.contains("injury") &&
        s->slots.value("injury", "") != "yes") {
      s->slots["injury"] = "yes";
      changed.push_back("injury");
    }
    return changed;
  }

  // Announces red flags that hold and were not announced before. Returns true if any.
  bool CheckRedFlags(Session* s, Reply* r) const {
    std::vector<const TriageRule*> fresh;
    for (const TriageRule* f : rules_.FiredRedFlags(s->slots)) {
      if (!Contains(s->fired_red_flags, f->id)) fresh.push_back(f);
    }
    if (fresh.empty()) return false;
    const TriageLevel top = fresh.front()->level;  // most urgent first
    std::vector<std::string> reasons;
    for (const TriageRule* f : fresh) {
      s->fired_red_flags.push_back(f->id);
      reasons.push_back(f->reason);
      // Speak for the most urgent flags only; the others still count as reasons.
      if (f->level == top) Say(r, f->response);
    }
    AnnounceLevel(s, r, top, reasons);
    if (s->triage_floor == TriageLevel::kEmergency) {
      s->phase = DialogPhase::kEscalated;
      s->expecting.clear();
    }
    return true;
  }

  // Sets the reply's triage to `level` with `reasons`, never below the floor.
  void AnnounceLevel(Session* s, Reply* r, TriageLevel level,
                     std::vector<std::string> reasons) const {
    if (s->triage_floor > level) {
      for (const auto& fr : s->triage_reasons) AddUnique(&reasons, fr);
    }
    Raise(s, level, reasons);
    r->triage = Triage{s->triage_floor, reasons};
  }

  void Assess(Session* s, Reply* r) const {
    s->phase = DialogPhase::kAssessed;
    s->expecting.clear();
    s->attempts = 0;
    Say(r, "assessment_intro");

    TriageResult result = rules_.Assess(s->slots);
    std::vector<std::string> reasons = result.reasons;
    TriageLevel level = result.level;
    if (s->triage_floor > level) {
      level = s->triage_floor;
      reasons = s->triage_reasons;
      // A self_care result only carries the default "no warning signs" reason, which
      // would contradict the higher level already given.
      if (result.level > TriageLevel::kSelfCare) {
        for (const auto& rr : result.reasons) AddUnique(&reasons, rr);
      }
    }
    Say(r, "triage_" + std::string(TriageName(level)));
    SayList(r, "reasons_intro", reasons);
    AnnounceLevel(s, r, level, reasons);

    std::vector<RankedCondition> ranked = knowledge_.Rank(s->slots);
    if (ranked.empty()) {
      Say(r, "no_clear_cause");
    } else {
      std::vector<std::string> lines;
      for (const RankedCondition& c : ranked) {
        std::string why;
        for (const auto& w : c.whys) why += (why.empty() ? "" : "; ") + w;
        lines.push_back(c.info->name + ": " + why);
        r->conditions.push_back({c.info->id, c.info->name, why});
      }
      SayList(r, "causes_intro", lines);
    }
    const std::string& care =
        !ranked.empty() && !ranked.front().info->care.empty() ? ranked.front().info->care
                                                              : std::string("home_care_generic");
    Say(r, care);
    Say(r, "safety_net");
    Say(r, "follow_up");
    r->quick_replies = flow_.follow_ups();
  }

  const std::string* FirstTopic(const Understanding& u) const {
    for (const auto& intent : u.intents) {
      if (const std::string* t = knowledge_.TopicResponse(intent)) return t;
    }
    return nullptr;
  }

  ResponseCatalog responses_;
  Flow flow_;
  TriageRules rules_;
  KnowledgeBase knowledge_;
};

Reply DialogEngineImpl::Step(const Understanding& u, Session* s) const {
  Reply r;
  if (s->phase == DialogPhase::kNew) {
    Say(&r, "intro");
    s->phase = DialogPhase::kCollecting;
  } else if (s->phase == DialogPhase::kEnded) {
    // The conversation ended; a new message starts a fresh one (the floor stays).
    ClearSymptoms(s);
    s->phase = DialogPhase::kCollecting;
  }

  if (u.slots.empty() && u.HasIntent("restart")) {
    Reply restarted = Restart(s);
    restarted.messages.insert(restarted.messages.begin(), r.messages.begin(),
                              r.messages.end());
    return restarted;
  }
  if (u.slots.empty() && u.HasIntent("forget_me")) {
    std::string id = s->id;
    int64_t version = s->version;
    TimePoint created = s->created_at;
    *s = Session();
    s->id = id;
    s->version = version;
    s->created_at = created;
    s->phase = DialogPhase::kEnded;
    Say(&r, "forget_me");
    r.ended = true;
    return r;
  }

  const std::string pending = s->expecting;
  std::vector<std::string> changed = Merge(u, s);
  bool flagged = CheckRedFlags(s, &r);
  if (u.HasIntent("urgent_non_knee")) {
    Say(&r, "urgent_non_knee");
    AnnounceLevel(s, &r, TriageLevel::kEmergency, {rules_.non_knee_emergency_reason()});
    flagged = true;
  }

  const std::string* topic = FirstTopic(u);
  if (topic != nullptr) Say(&r, *topic);

  if (u.slots.empty() && topic == nullptr && u.HasIntent("goodbye")) {
    Say(&r, "goodbye");
    if (!flagged) RemindFloor(*s, &r);
    s->phase = DialogPhase::kEnded;
    s->expecting.clear();
    r.ended = true;
    return r;
  }

  if (s->phase == DialogPhase::kEscalated) {
    if (!flagged) {
      Say(&r, "escalated_reminder");
      r.triage = FloorTriage(*s);
    }
    r.quick_replies = flow_.escalated_quick_replies();
    return r;
  }

  bool side_answered = topic != nullptr || flagged;
  if (u.slots.empty() && topic == nullptr) {
    for (const char* intent : kSmallTalk) {
      if (u.HasIntent(intent)) {
        Say(&r, intent);
        side_answered = true;
        break;
      }
    }
  }

  if (s->phase == DialogPhase::kAssessed) {
    if (!changed.empty()) {
      if (flow_.Next(s->slots, s->skipped) == nullptr) Say(&r, "updated_assessment");
      AskNextOrAssess(s, &r);
    } else {
      if (!side_answered) Say(&r, "follow_up");
      r.quick_replies = flow_.follow_ups();
    }
    return r;
  }

  // Collecting answers.
  if (u.slots.empty() && !side_answered && !pending.empty()) {
    if (++s->attempts < flow_.max_attempts()) {
      Ask(*flow_.ForSlot(pending), /*retry=*/true, s, &r);
      return r;
    }
    // Give up on this question rather than loop; the assessment notes less certainty.
    s->skipped.push_back(pending);
    s->expecting.clear();
    Say(&r, "skip_question");
  } else if (u.slots.empty() && !side_answered) {
    Say(&r, "not_understood");
  } else if (side_answered && !pending.empty() && !u.slots.contains(pending)) {
    // A side question was answered; say we are going back before asking again.
    const Question* next = flow_.Next(s->slots, s->skipped);
    if (next != nullptr && next->slot == pending) Say(&r, "back_to_question");
  }
  AskNextOrAssess(s, &r);
  return r;
}

}  // namespace

Status DialogEngine::Load(const DialogOptions& options, const Understander& understander,
                          std::unique_ptr<DialogEngine>* out) {
  ResponseCatalog responses;
  Status s = ResponseCatalog::Load(options.dir, "en", options.region, &responses);
  if (!s.ok()) return s;
  for (const char* id : kEngineResponses) {
    if (!(s = responses.Require(id, "dialog engine")).ok()) return s;
  }
  Flow flow;
  if (!(s = Flow::Load(options.dir, understander, responses, &flow)).ok()) return s;
  TriageRules rules;
  if (!(s = TriageRules::Load(options.dir, understander, responses, &rules)).ok()) return s;
  KnowledgeBase knowledge;
  if (!(s = KnowledgeBase::Load(options.dir, understander, responses, &knowledge)).ok()) {
    return s;
  }
  *out = std::make_unique<DialogEngineImpl>(std::move(responses), std::move(flow),
                                            std::move(rules), std::move(knowledge));
  return Status::OK();
}

}  // namespace kneebot
