#include "dialogs/dialog_engine.h"

#include <algorithm>
#include <utility>

#include "dialogs/assessment.h"
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
    "urgent_non_knee", "offer_knee_help", "offer_accepted", "offer_declined", "decline_mid_flow",
    "crisis",
    "back_to_question", "not_understood", "skip_question", "assessment_intro",
    "updated_assessment", "follow_up", "escalated_reminder", "safety_line",
    "triage_raised_emergency"};

// Intents the engine reasons about; intents.json must define them.
constexpr const char* kEngineIntents[] = {
    "restart", "forget_me", "goodbye", "crisis", "knee_help", "urgent_non_knee", "deny", "unsure",
    "out_of_scope_body", "out_of_scope_other", "ask_home_care", "ask_details"};

// Global intents answered with a response of the same id when a message fills no slot.
constexpr const char* kSmallTalk[] = {"greet", "help", "thanks", "human"};

// The offer made after a decline or a crisis reply: "anything about your knee?"
constexpr const char* kKneeHelpOffer = "knee_help";

bool Contains(const std::vector<std::string>& v, const std::string& s) {
  return std::find(v.begin(), v.end(), s) != v.end();
}

void AddUnique(std::vector<std::string>* v, const std::string& s) {
  if (!Contains(*v, s)) v->push_back(s);
}

// How a message answered a pending checklist.
struct ChecklistAnswer {
  bool answered = false;  // the checklist needs no re-ask
  bool more = false;      // one item was tapped: offer the rest once ("anything else?")
  json fills = json::object();  // values the answer implies for items it did not name
};

class DialogEngineImpl final : public DialogEngine {
 public:
  DialogEngineImpl(ResponseCatalog responses, Flow flow, TriageRules rules,
                   KnowledgeBase knowledge)
      : responses_(std::move(responses)),
        flow_(std::move(flow)),
        rules_(std::move(rules)),
        knowledge_(std::move(knowledge)),
        writer_(&responses_, &rules_, &knowledge_) {}

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
        SetFloorTriage(*s, &r);
        r.quick_replies = flow_.escalated_quick_replies();
        break;
      case DialogPhase::kAssessed:
        Say(&r, "follow_up");
        r.quick_replies = flow_.follow_ups();
        break;
      default:
        if (const Question* q = flow_.ById(s->expecting)) {
          // The same question again, exactly; a resume is not a second asking.
          Ask(*q, q->ask, /*count=*/false, s, &r);
        } else if (!s->offer.empty()) {
          Say(&r, "offer_knee_help");
          r.quick_replies = flow_.offer_quick_replies();
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

  std::string ListeningFor(const Session& s) const override {
    const Question* q = flow_.ById(s.expecting);
    if (q == nullptr) return "";
    return q->IsChecklist() ? std::string(kChecklistPending) : q->slot;
  }

  const std::string& content_version() const override {
    return responses_.content_version();
  }
  const std::string& review_status() const override { return responses_.review_status(); }

 private:
  void Say(Reply* r, const std::string& id) const { responses_.Say(id, &r->messages); }

  void SetFloorTriage(const Session& s, Reply* r) const {
    r->triage = Triage{s.triage_floor, s.triage_reasons};
    r->rule_ids = s.fired_red_flags;
  }

  // After a restart, or when a reply would otherwise say nothing about a serious level
  // already given: remind them of it, with the level.
  void RemindFloor(const Session& s, Reply* r) const {
    if (s.triage_floor < TriageLevel::kUrgent) return;
    Say(r, "triage_floor_reminder");
    SetFloorTriage(s, r);
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
    s->asked.clear();
    s->offer.clear();
    s->fired_red_flags.clear();
  }

  // Asks `q` with the response `text` (ask, retry or more). `count` says whether this
  // asking counts towards the question's limit (a resume re-says it without counting).
  void Ask(const Question& q, const std::string& text, bool count, Session* s, Reply* r) const {
    if (q.IsChecklist()) {
      std::string list;
      for (const ChecklistItem* item : flow_.Shown(q, s->slots)) {
        list += "\n- " + item->say;
        r->quick_replies.push_back({item->title, item->payload()});
        AddUnique(&r->asks, item->slot);
      }
      responses_.Say(text, &r->messages, list);
      r->quick_replies.push_back(text == q.more ? q.nothing_else_reply : q.none_reply);
    } else {
      Say(r, text);
      r->quick_replies = q.quick_replies;
      r->asks = {q.slot};
    }
    r->expecting = q.expecting;
    s->expecting = q.id;
    s->attempts = 0;
    if (count) ++s->asked[q.id];
  }

  void AskNextOrAssess(Session* s, Reply* r) const {
    if (const Question* q = flow_.Next(s->slots, s->skipped, s->asked)) {
      if (s->phase == DialogPhase::kAssessed) s->phase = DialogPhase::kCollecting;
      Ask(*q, q->ask, /*count=*/true, s, r);
    } else {
      Assess(s, r);
    }
  }

  // What a reply to the pending checklist `q` says about its items. Items the answer
  // names are answered by the slots themselves; "none of these" (or naming some items in
  // typed text) means the rest do not apply; "not sure" leaves them all unsure; a tap on
  // one item is followed once by "anything else?".
  ChecklistAnswer ReadChecklist(const Question& q, const Understanding& u,
                                const Session& s) const {
    ChecklistAnswer a;
    const std::vector<const ChecklistItem*> shown = flow_.Shown(q, s.slots);
    const bool named = std::any_of(shown.begin(), shown.end(), [&](const ChecklistItem* item) {
      return u.slots.contains(item->slot);
    });
    const bool tapped_item = u.payload && std::any_of(shown.begin(), shown.end(), [&](const auto* i) {
      const json& v = u.slots.value(i->slot, json());
      return v.is_number_integer() ? std::to_string(v.get<int>()) == i->value : v == i->value;
    });
    // "None of these" is the whole message saying no ("no", "none of them", "nope"):
    // "I can't really straighten it" opens with a no but names an item the matcher
    // may not know, and must not be read as none.
    const bool none = u.HasIntent("deny");
    if (tapped_item && s.asked.count(q.id) && s.asked.at(q.id) < flow_.max_asks()) {
      a.answered = true;
      a.more = true;
      return a;
    }
    if (named || none) {
      a.answered = true;
      for (const ChecklistItem* item : shown) {
        if (!u.slots.contains(item->slot) && !item->none.empty()) a.fills[item->slot] = item->none;
      }
    } else if (u.HasIntent("unsure")) {
      a.answered = true;
      for (const ChecklistItem* item : shown) {
        if (item->unknown_is_unsure) a.fills[item->slot] = "unsure";
      }
    }
    return a;
  }

  // An answer never read after the last asking: recorded as unknown ("unsure", which
  // the "when in doubt" rules act on; a number is left empty) and the flow moves on.
  void GiveUp(const Question& q, Session* s, Reply* r) const {
    if (q.IsChecklist()) {
      for (const ChecklistItem* item : flow_.Shown(q, s->slots)) {
        if (item->unknown_is_unsure) s->slots[item->slot] = "unsure";
      }
    } else if (q.unknown_is_unsure) {
      s->slots[q.slot] = "unsure";
    }
    AddUnique(&s->skipped, q.id);
    s->expecting.clear();
    Say(r, "skip_question");
    CheckRedFlags(s, r);
  }

  // Copies the message's slots into the session; returns the slots whose value changed.
  static std::vector<std::string> Merge(const json& slots, bool correction, Session* s) {
    std::vector<std::string> changed;
    for (const auto& [slot, value] : slots.items()) {
      auto old = s->slots.find(slot);
      if (old != s->slots.end() && old->is_array() && value.is_array() && !correction) {
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
        if (value == "unsure" && !correction) continue;
      }
      s->slots[slot] = value;
      changed.push_back(slot);
    }
    // Any injury mechanism, or a kneecap that slipped out, means there was an injury.
    const bool kneecap = slots.value("kneecap_dislocated", "") == "yes";
    if ((slots.contains("mechanism") || kneecap) && !slots.contains("injury") &&
        s->slots.value("injury", "") != "yes") {
      s->slots["injury"] = "yes";
      changed.push_back("injury");
    }
    return changed;
  }

  // Announces red flags that hold and were not announced before. Returns true if any.
  bool CheckRedFlags(Session* s, Reply* r) const {
    std::vector<const TriageRule*> fresh;
    const std::vector<const TriageRule*> holding = rules_.FiredRedFlags(s->slots);
    for (const TriageRule* f : holding) {
      if (!Contains(s->fired_red_flags, f->id)) fresh.push_back(f);
    }
    if (fresh.empty()) return RaiseAnnouncedFlags(holding, s, r);
    TriageResult result;
    result.level = fresh.front()->level;  // most urgent first
    for (const TriageRule* f : fresh) {
      s->fired_red_flags.push_back(f->id);
      result.reasons.push_back(f->reason);
      result.rule_ids.push_back(f->id);
    }
    const TriageLevel flagged = result.level;
    rules_.ApplyModifiers(s->slots, &result);
    if (result.level == TriageLevel::kEmergency && flagged < TriageLevel::kEmergency) {
      // Raised for the person's age or health: the flags' own "get seen today" advice
      // would contradict it, so one message says what was found and why it's urgent.
      std::string found;
      for (const TriageRule* f : fresh) found += (found.empty() ? "" : "; ") + f->reason;
      responses_.Say("triage_raised_emergency", &r->messages, found);
    } else {
      // The most urgent flag speaks; the others count as reasons in the triage.
      Say(r, fresh.front()->response);
    }
    AnnounceLevel(s, r, result.level, result.reasons, result.rule_ids);
    if (s->triage_floor == TriageLevel::kEmergency) {
      s->phase = DialogPhase::kEscalated;
      s->expecting.clear();
    }
    return true;
  }

  // A flag given earlier, raised now that the person's age or health is known (the age
  // is asked after the injury, so a child's rapid swelling is found before the child).
  bool RaiseAnnouncedFlags(const std::vector<const TriageRule*>& holding, Session* s,
                           Reply* r) const {
    if (holding.empty()) return false;
    TriageResult result;
    result.level = holding.front()->level;
    for (const TriageRule* f : holding) {
      if (f->level != result.level) break;
      result.reasons.push_back(f->reason);
      result.rule_ids.push_back(f->id);
    }
    rules_.ApplyModifiers(s->slots, &result);
    if (result.level <= s->triage_floor) return false;
    std::string found;
    for (const TriageRule* f : holding) {
      if (f->level == holding.front()->level) found += (found.empty() ? "" : "; ") + f->reason;
    }
    responses_.Say("triage_raised_emergency", &r->messages, found);
    AnnounceLevel(s, r, result.level, result.reasons, result.rule_ids);
    if (s->triage_floor == TriageLevel::kEmergency) {
      s->phase = DialogPhase::kEscalated;
      s->expecting.clear();
    }
    return true;
  }

  // Sets the reply's triage to `level` with `reasons`, never below the floor. Reasons and
  // rules already announced in this reply stay (a flag and an emergency elsewhere).
  void AnnounceLevel(Session* s, Reply* r, TriageLevel level, std::vector<std::string> reasons,
                     std::vector<std::string> ids) const {
    if (s->triage_floor > level) {
      for (const auto& fr : s->triage_reasons) AddUnique(&reasons, fr);
      for (const auto& id : s->fired_red_flags) AddUnique(&ids, id);
    }
    if (r->triage) {
      for (const auto& earlier : r->triage->reasons) AddUnique(&reasons, earlier);
      for (const auto& id : r->rule_ids) AddUnique(&ids, id);
    }
    Raise(s, level, reasons);
    r->triage = Triage{s->triage_floor, reasons};
    r->rule_ids = std::move(ids);
  }

  void Assess(Session* s, Reply* r) const {
    Say(r, s->assessments > 0 ? "updated_assessment" : "assessment_intro");
    s->phase = DialogPhase::kAssessed;
    s->expecting.clear();
    s->attempts = 0;
    ++s->assessments;
    const Assessment a = writer_.Make(*s);
    writer_.WriteSummary(a, r);
    Raise(s, a.level, a.reasons);
    r->quick_replies = flow_.follow_ups();
  }

  // Answers a question intent (ice, exercises, "why these causes?"), ending with the
  // one-line safety net. Returns false when the message asked none.
  bool AnswerTopic(const Understanding& u, const Session& s, Reply* r) const {
    const bool assessed = s.assessments > 0;
    for (const auto& intent : u.intents) {
      if (assessed && (intent == "ask_details" || intent == "ask_home_care")) {
        const Assessment a = writer_.Make(s);
        if (intent == "ask_details") {
          writer_.WriteDetails(a, r);
        } else {
          writer_.WriteHomeCare(a, r);
        }
      } else if (const std::string* t = knowledge_.TopicResponse(intent)) {
        Say(r, *t);
      } else {
        continue;
      }
      Say(r, "safety_line");
      return true;
    }
    return false;
  }

  // A message about another body part or health problem (or an emergency outside the
  // knee). Before any knee answer it is declined with "anything about your knee?";
  // mid-conversation, declined in a line before the pending question.
  void Decline(const Understanding& u, bool emergency, Session* s, Reply* r) const {
    r->scope = Scope::kOther;
    if (!emergency) {
      Say(r, u.HasIntent("out_of_scope_body") ? "out_of_scope_body" : "out_of_scope_other");
    }
    s->offer = kKneeHelpOffer;
    s->expecting.clear();
    Say(r, "offer_knee_help");
    r->quick_replies = flow_.offer_quick_replies();
  }

  // The crisis line and the emergency number, then the offer to talk about the knee.
  // Findings in the message still count (a red flag among them is still announced), but
  // not a short answer to the pending question read from its opening words ("honestly I
  // don't want to live" is not "no injury").
  void AnswerCrisis(const Understanding& u, Session* s, Reply* r) const {
    json findings = u.slots;
    if (const Question* q = flow_.ById(s->expecting); q != nullptr && !q->slot.empty()) {
      findings.erase(q->slot);
    }
    Merge(findings, u.correction, s);
    CheckRedFlags(s, r);
    Say(r, "crisis");
    if (u.HasIntent("urgent_non_knee")) {
      // "I took too many pills": the crisis line, and an emergency now.
      AnnounceLevel(s, r, TriageLevel::kEmergency, {rules_.non_knee_emergency_reason()}, {});
    }
    r->scope = Scope::kCrisis;
    r->quick_replies = flow_.crisis_quick_replies();
    r->expecting.clear();
    r->asks.clear();
    s->expecting.clear();
    s->offer = kKneeHelpOffer;
  }

  // "Forget me": nothing of the conversation is kept but the session's identity.
  static void Forget(Session* s) {
    Session blank;
    blank.id = s->id;
    blank.version = s->version;
    blank.created_at = s->created_at;
    blank.phase = DialogPhase::kEnded;
    *s = std::move(blank);
  }

  // The answer to "anything about your knee I can help with?": yes starts the knee
  // questions, no ends. Returns false for anything else, which carries on as a normal
  // message (a description of the knee starts the flow too).
  bool AnswerOffer(const Understanding& u, Session* s, Reply* r) const {
    s->offer.clear();
    if (!u.slots.empty()) return false;
    if (!u.HasIntent("goodbye") && (u.answer == ShortAnswer::kYes || u.HasIntent("knee_help"))) {
      Say(r, "offer_accepted");
      AskNextOrAssess(s, r);
      return true;
    }
    if (u.answer == ShortAnswer::kNo || u.HasIntent("goodbye")) {
      Say(r, "offer_declined");
      s->phase = DialogPhase::kEnded;
      r->ended = true;
      return true;
    }
    return false;
  }

  // The policy that never loops: a question is asked at most max_asks times. An answer
  // it can't read (or one about something else) gets the question once more, with its
  // buttons and an example; after that the answer is recorded as unknown and the flow
  // moves on. Returns true when the reply is complete (the question asked again, or an
  // emergency that the unknown answer raised).
  bool AskAgainOrGiveUp(const Question& pending, const ChecklistAnswer& checklist,
                        bool side_answered, Session* s, Reply* r) const {
    const bool applies = s->expecting == pending.id && flow_.Applies(pending, s->slots) &&
                         !Contains(s->skipped, pending.id);
    if (!applies) return false;
    const bool answered =
        pending.IsChecklist() ? checklist.answered : s->slots.contains(pending.slot);
    const int asked = s->asked.count(pending.id) ? s->asked.at(pending.id) : 0;
    if (checklist.more && asked < flow_.max_asks()) {
      Ask(pending, pending.more, /*count=*/true, s, r);
      return true;
    }
    if (answered) return false;
    if (asked < flow_.max_asks()) {
      // A finding that brought a follow-up ahead of the pending question in the flow (a
      // numb foot: is it cold too?) is asked first; the pending question comes back later.
      if (const Question* first = flow_.Next(s->slots, s->skipped, s->asked);
          side_answered && first != nullptr && first != &pending) {
        return false;
      }
      if (side_answered) Say(r, "back_to_question");
      Ask(pending, side_answered ? pending.ask : pending.retry, /*count=*/true, s, r);
      return true;
    }
    GiveUp(pending, s, r);
    if (s->phase != DialogPhase::kEscalated) return false;
    r->quick_replies = flow_.escalated_quick_replies();
    return true;
  }

  ResponseCatalog responses_;
  Flow flow_;
  TriageRules rules_;
  KnowledgeBase knowledge_;
  AssessmentWriter writer_;
};

Reply DialogEngineImpl::Step(const Understanding& u, Session* s) const {
  Reply r;
  r.scope = Scope::kKnee;
  if (s->phase == DialogPhase::kNew) {
    Say(&r, "intro");
    s->phase = DialogPhase::kCollecting;
  } else if (s->phase == DialogPhase::kEnded) {
    // The conversation ended; a new message starts a fresh one (the floor stays).
    ClearSymptoms(s);
    s->assessments = 0;
    s->phase = DialogPhase::kCollecting;
  }

  // Thoughts of suicide or self-harm come first, whatever else the message says.
  if (u.HasIntent("crisis")) {
    AnswerCrisis(u, s, &r);
    return r;
  }

  if (u.slots.empty() && u.HasIntent("restart")) {
    Reply restarted = Restart(s);
    restarted.messages.insert(restarted.messages.begin(), r.messages.begin(),
                              r.messages.end());
    restarted.scope = Scope::kKnee;
    return restarted;
  }
  if (u.slots.empty() && u.HasIntent("forget_me")) {
    Forget(s);
    Say(&r, "forget_me");
    r.ended = true;
    return r;
  }

  const Question* pending = flow_.ById(s->expecting);
  const bool pending_open = pending != nullptr && s->phase != DialogPhase::kEscalated;
  const ChecklistAnswer checklist = pending_open && pending->IsChecklist()
                                        ? ReadChecklist(*pending, u, *s)
                                        : ChecklistAnswer{};
  json slots = u.slots;
  for (const auto& [slot, value] : checklist.fills.items()) {
    if (!slots.contains(slot)) slots[slot] = value;
  }
  // An answered checklist is closed: items without a "none" value (severe pain) stay
  // unset but are not asked again.
  if (checklist.answered && !checklist.more) AddUnique(&s->skipped, pending->id);
  std::vector<std::string> changed = Merge(slots, u.correction, s);
  const size_t flag_from = r.messages.size();
  bool flagged = CheckRedFlags(s, &r);
  const size_t flag_to = r.messages.size();

  const bool emergency_elsewhere = u.HasIntent("urgent_non_knee");
  if (emergency_elsewhere) {
    Say(&r, "urgent_non_knee");
    AnnounceLevel(s, &r, TriageLevel::kEmergency, {rules_.non_knee_emergency_reason()}, {});
    flagged = true;
  }
  // An emergency, of the knee or elsewhere, ends the questions: no knee question follows
  // "call 911 now" (the decline below handles a first message about something else).
  if (flagged && s->triage_floor == TriageLevel::kEmergency && !s->slots.empty()) {
    s->phase = DialogPhase::kEscalated;
    s->expecting.clear();
  }
  const bool elsewhere = u.slots.empty() && (emergency_elsewhere ||
                                             u.HasIntent("out_of_scope_body") ||
                                             u.HasIntent("out_of_scope_other"));
  // Before any knee answer: decline and ask whether the knee needs help, instead of the
  // knee's first question.
  if (elsewhere && s->slots.empty() && s->assessments == 0 &&
      s->phase != DialogPhase::kEscalated) {
    Decline(u, emergency_elsewhere, s, &r);
    return r;
  }
  if (elsewhere) r.scope = Scope::kOther;

  if (!s->offer.empty() && AnswerOffer(u, s, &r)) return r;

  // A topic is answered when the message asks it: not on top of a red flag's advice, and
  // not when the message tells symptoms ("I had keyhole surgery two weeks ago and my calf
  // is swollen" is a report, not a question about surgery).
  const bool topic = !flagged && u.slots.empty() && AnswerTopic(u, *s, &r);

  if (u.slots.empty() && !topic && u.HasIntent("goodbye")) {
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
      SetFloorTriage(*s, &r);
    }
    r.quick_replies = flow_.escalated_quick_replies();
    return r;
  }

  bool side_answered = topic || flagged;
  if (elsewhere && !emergency_elsewhere) {
    Say(&r, "decline_mid_flow");
    side_answered = true;
  }
  if (u.slots.empty() && !side_answered) {
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
      AskNextOrAssess(s, &r);
    } else {
      if (!side_answered) {
        // "It feels a lot better now" does not lower advice already given.
        RemindFloor(*s, &r);
        Say(&r, "follow_up");
      }
      r.quick_replies = flow_.follow_ups();
    }
    return r;
  }

  if (pending_open) {
    if (AskAgainOrGiveUp(*pending, checklist, side_answered, s, &r)) return r;
  } else if (u.slots.empty() && !side_answered) {
    Say(&r, "not_understood");
  }
  const int assessments = s->assessments;
  AskNextOrAssess(s, &r);
  // An assessment in the same reply states the level and its reasons: the red flag's own
  // paragraph would push it off a phone screen (the details come on request).
  if (s->assessments > assessments && flag_to > flag_from &&
      s->triage_floor < TriageLevel::kEmergency) {
    r.messages.erase(r.messages.begin() + static_cast<std::ptrdiff_t>(flag_from),
                     r.messages.begin() + static_cast<std::ptrdiff_t>(flag_to));
  }
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
  for (const std::string& id : AssessmentWriter::ResponseIds()) {
    if (!(s = responses.Require(id, "dialog engine")).ok()) return s;
  }
  if (!responses.HasList("triage_raised_emergency")) {
    return Status::InvalidArgument(
        "responses.en.json:/responses/triage_raised_emergency: needs the {list} placeholder "
        "(the engine fills it with what was found)");
  }
  for (const std::string& id : AssessmentWriter::ListResponseIds()) {
    if (!responses.HasList(id)) {
      return Status::InvalidArgument("responses.en.json:/responses/" + id +
                                     ": needs the {list} placeholder (the engine fills it)");
    }
  }
  const auto& intents = understander.intent_ids();
  for (const char* id : kEngineIntents) {
    if (std::find(intents.begin(), intents.end(), id) == intents.end()) {
      return Status::InvalidArgument(std::string("intents.json:/intents: missing intent '") +
                                     id + "' (the dialogue relies on it)");
    }
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
