// The Understander behind Understander::Load: wires the normaliser, speller, negation,
// slot lexicon, quantities, short answers and intent matcher together.
#include "intents/understander.h"

#include <re2/re2.h>
#include <re2/set.h>

#include <algorithm>
#include <charconv>
#include <cstdint>
#include <optional>
#include <system_error>

#include "intents/data_loader.h"
#include "intents/intent_matcher.h"
#include "intents/lexicon.h"
#include "intents/negation.h"
#include "intents/normalizer.h"
#include "intents/payload.h"
#include "intents/phrase_list.h"
#include "intents/phrase_set.h"
#include "intents/quantity_extractor.h"
#include "intents/short_answer.h"
#include "intents/slot_resolver.h"
#include "intents/slot_vocabulary.h"
#include "intents/speller.h"
#include "intents/word_index.h"

namespace kneebot {
namespace {

using intents::AnswerKind;
using intents::DataError;
using nlohmann::json;

// Messages are cut here before any matching, bounding the work one message can cause.
constexpr size_t kMaxMessageBytes = 2000;

// Intents the code below reasons about; intents.json must define them.
constexpr const char* kRequiredIntents[] = {"report_knee_pain", "out_of_scope_body",
                                            "out_of_scope_other", "urgent_non_knee"};
// Int slots read by the quantity extractor.
constexpr const char* kQuantitySlots[] = {"duration", "severity", "age"};

// Compiles a list of RE2 patterns into one alternation, checking each on its own so
// an error names the pattern.
Status CompileAny(const DataError& err, const json& arr, const std::string& pointer,
                  std::unique_ptr<RE2>* out) {
  std::vector<std::string> patterns;
  Status s = intents::ReadStrings(err, arr, pointer, &patterns);
  if (!s.ok()) return s;
  if (patterns.empty()) return err.At(pointer, "must not be empty");
  std::string all;
  for (size_t i = 0; i < patterns.size(); ++i) {
    const std::string wrapped = intents::WordBounded(patterns[i]);
    RE2 one(wrapped, intents::PatternOptions());
    if (!one.ok()) return err.At(intents::Child(pointer, i), one.error());
    all += (i ? "|" : "") + wrapped;
  }
  *out = std::make_unique<RE2>(all, intents::PatternOptions());
  if (!(*out)->ok()) return err.At(pointer, (*out)->error());
  return Status::OK();
}

ShortAnswer ToShortAnswer(AnswerKind kind) {
  switch (kind) {
    case AnswerKind::kAffirm:
      return ShortAnswer::kYes;
    case AnswerKind::kDeny:
      return ShortAnswer::kNo;
    case AnswerKind::kUnsure:
      return ShortAnswer::kUnsure;
    case AnswerKind::kPartial:
      return ShortAnswer::kPartial;
    case AnswerKind::kNone:
      break;
  }
  return ShortAnswer::kNone;
}

class UnderstanderImpl final : public Understander {
  // The cue lists of lexicon.json. Their plain phrases are looked up by word id; whether
  // the rest (the regex part of each list) occur is learnt in the one scan of scan_.
  enum Cue : uint32_t {
    kKneeCue,
    kCorrectionCue,
    kElsewhereCue,
    kComplaintCue,
    kOtherComplaintCue,
    kOtherPartCue,
    kNotPartCue,
    kOtherTopicCue,
    kNearPartCue,
    kSeverityAskedCue,
    kSeveritySaidCue,
  };
  struct Cues {
    uint32_t bits = 0;
    bool Has(Cue c) const { return (bits >> c) & 1u; }
  };

 public:
  static Status Create(const std::string& dir, std::unique_ptr<Understander>* out);

  using Understander::Understand;
  Understanding Understand(std::string_view text, std::string_view expecting) const override {
    return Run(text, expecting, std::nullopt);
  }
  const std::vector<std::string>& intent_ids() const override { return matcher_->ids(); }
  const std::vector<std::string>& slot_names() const override { return vocabulary_.names(); }
  const std::vector<std::string>& protocol_slot_names() const override {
    return vocabulary_.protocol_names();
  }
  std::vector<std::string> slot_values(std::string_view slot) const override {
    const intents::SlotSpec* s = vocabulary_.Find(slot);
    return s == nullptr ? std::vector<std::string>{} : s->values;
  }

 protected:
  Understanding UnderstandOn(std::string_view text, std::string_view expecting,
                             Weekday today) const override {
    return Run(text, expecting, static_cast<int>(today));
  }

 private:
  Understanding Run(std::string_view text, std::string_view expecting,
                    std::optional<int> today) const;
  Status LoadCues(const DataError& err, const json& doc);
  Status LoadSeverityWords(const DataError& err, const json& obj);
  Status LoadEllipsis(const DataError& err, const json& obj);
  // Applies the ellipsis rewrites; true (and *t re-tokenised and tagged) if any matched.
  bool FillEllipsis(intents::NormalizedText* t) const;
  std::optional<int> SeverityInWords(const intents::NormalizedText& t, std::string_view expecting,
                                     Cues cues) const;
  void AddQuantities(const intents::NormalizedText& t, std::string_view expecting,
                     std::optional<int> today, Cues cues, json* slots) const;
  void ReadShortAnswer(AnswerKind kind, std::string_view expecting, json* slots) const;
  // `answering`: the message opens with a plain yes or no ("yes, the groin hurts").
  void AdjustIntents(const intents::NormalizedText& t, const std::vector<intents::Scope>& marks,
                     std::string_view expecting, bool answering, Cues cues,
                     std::vector<intents::IntentMatcher::Hit>* hits, json* slots) const;
  // A question mark, or a clause opening like a question ("should I ice it", "what
  // about heat").
  static bool AsksSomething(const intents::NormalizedText& t) {
    static constexpr std::string_view kLeads[] = {
        "what", "how",  "why",   "when",  "where", "which",  "who",   "should", "can",
        "could", "would", "will", "is",   "are",   "am",     "do",    "does",   "did",
        "any",  "shall", "may",  "might", "must",  "whats",  "hows",  "tell",   "explain"};
    bool start = true;
    for (size_t i = 0; i < t.size(); ++i) {
      const std::string_view w = t.word(i);
      if (w == "?") return true;
      if (t.IsPunct(i)) {
        start = true;
        continue;
      }
      if (start && std::find(std::begin(kLeads), std::end(kLeads), w) != std::end(kLeads) &&
          !(i + 1 < t.size() && t.word(i + 1) == "not")) {
        return true;
      }
      start = w == "so" || w == "and" || w == "also" || w == "but" || w == "ok" || w == "hi" ||
              w == "hey" || w == "hello" || w == "then" || w == "just" || w == "well";
    }
    return false;
  }
  // Enough words of a language the bot does not speak (lexicon.json "languages").
  bool Foreign(const intents::NormalizedText& t) const;
  // A positive value of a "finding_slots" slot: "locking": "catching", not "no".
  bool HasFinding(const json& slots) const;
  // Drops every slot but the kept findings (lexicon.json complaints.kept_findings).
  void KeepOnlyKeptFindings(json* slots) const { KeepOnly(kept_findings_, slots); }
  // Drops every slot but `kept` (slot -> value, "*" any value but the slot's "no").
  static void KeepOnly(const std::vector<std::pair<const intents::SlotSpec*, std::string>>& kept,
                       json* slots);
  // Whether every finding read is one of the whole body (complaints.systemic), at least
  // one is, and, with a complaint word, one that explains aches (systemic_aches).
  bool Systemic(const json& slots, bool complaint) const {
    bool any = false, aches = false;
    for (const auto& [slot, value] : slots.items()) {
      if (slot == "duration" || slot == "age" || slot == "severity" || slot == "side" ||
          slot == "onset") {
        continue;
      }
      const auto is = [&](const auto* spec) { return spec->name == slot; };
      if (std::none_of(systemic_.begin(), systemic_.end(), is)) return false;
      if (value == "no" || value == intents::kUnsure) continue;
      any = true;
      aches |= std::any_of(systemic_aches_.begin(), systemic_aches_.end(), is);
    }
    return any && (!complaint || aches);
  }
  // Whether a slot of complaints.knee_findings is read ("it locks", "on the inside"):
  // an unplaced complaint with one of them is about the knee.
  bool HasKneeFinding(const json& slots) const {
    json found = slots;
    KeepOnly(knee_findings_, &found);
    return !found.empty();
  }
  // Whether a phrase of `list` occurs somewhere outside a negation ("not my shoulder")
  // and, when `unless` is given, outside its phrases ("the back of"). The flags say
  // whether the scan found each list's regex part.
  bool FoundUnnegated(const intents::PhraseList& list, bool found_regex,
                      const intents::NormalizedText& t,
                      const std::vector<intents::Scope>& marks,
                      const intents::PhraseList* unless = nullptr, bool unless_found = false) const;
  // One scan of the message for the lexicon's main phrases, the intent patterns and the
  // cues at once: each lookup then runs only the patterns that matched.
  struct Scan {
    std::vector<int> lexicon, intents;  // indexes into their patterns
    Cues cues;
  };
  Scan ScanFor(const intents::NormalizedText& t) const;
  // True when the knee is named outside a negation ("not my knee" does not count).
  bool MentionsKnee(const intents::NormalizedText& t, const std::vector<intents::Scope>& marks,
                    Cues cues) const;
  // With a painful calf, breathlessness is the leg's red flag; the urgent intent stands
  // only for something more (chest pain, stroke signs): is it still there once the
  // breathing phrases are taken out?
  bool UrgentBeyondBreathing(const intents::NormalizedText& t) const {
    std::string rest = t.text;
    RE2::GlobalReplace(&rest, *clot_breathing_, " ");
    intents::NormalizedText r = intents::Normalize(rest);
    words_.Tag(&r);
    return Has(matcher_->Match(r, negation_.Mark(r), negatable_), urgent_non_knee_);
  }
  // Drops every slot but the leg's red-flag findings, which matter whatever else the
  // message is about.
  void KeepOnlyLegFindings(json* slots) const {
    json kept = json::object();
    for (const std::string& slot : leg_findings_) {
      if (slots->contains(slot)) kept[slot] = (*slots)[slot];
    }
    *slots = std::move(kept);
  }
  bool Has(const std::vector<intents::IntentMatcher::Hit>& hits, int intent) const {
    return std::any_of(hits.begin(), hits.end(), [&](const auto& h) { return h.intent == intent; });
  }

  // Every word the parts below know, numbered: a message is looked up once (word_index.h).
  intents::WordIndex words_;
  intents::SlotVocabulary vocabulary_;
  std::unique_ptr<intents::IntentMatcher> matcher_;
  std::unique_ptr<intents::Lexicon> lexicon_;
  intents::NegationDetector negation_;
  intents::ShortAnswers answers_;
  intents::Speller speller_;
  intents::PhraseList corrections_;
  intents::PhraseList knee_;
  intents::PhraseList elsewhere_;  // "too", "as well": another body part besides the knee
  // Slots about the leg that belong to the knee conversation even when the knee is not
  // named: "my foot is numb" is a circulation finding, not a question about feet.
  std::vector<std::string> leg_findings_;
  // Intents whose negated mention does not count ("no chest pain").
  std::vector<int> negatable_;
  // Breathlessness phrases: with a painful calf they point to a clot from the leg.
  std::unique_ptr<RE2> clot_breathing_;
  // lexicon.json "ellipsis": rewrites that say again what a contrast left out ("the calf
  // is not swollen but my knee is" -> "... my knee is swollen"). Only messages with a
  // "not" (word id not_) are tried.
  struct Ellipsis {
    std::unique_ptr<RE2> find;
    std::string replace;
  };
  std::vector<Ellipsis> ellipsis_;
  int not_ = intents::WordIndex::kUnknown;
  struct SeverityWords {
    int score;
    bool asked;  // only as the answer to the severity question
    intents::PhraseList phrases;
  };
  std::vector<SeverityWords> severity_words_;
  intents::PhraseList any_asked_, any_said_;  // every phrase of each section at once
  intents::PhraseSet foreign_;
  // lexicon.json "complaints"; has_complaints_ is false when the section is absent.
  bool has_complaints_ = false;
  intents::PhraseList complaint_, other_complaint_, other_parts_, not_parts_;
  // Other health problems and topics ("diarrhoea", "losing my hair", "a repeat
  // prescription"): with the knee not named, the message is about them.
  intents::PhraseList other_topics_;
  // The findings kept from a message about another problem: those the knee flow must
  // never miss (a fever, a cold foot), as slot -> values ("*" any value but the slot's
  // "no"). The rest (how long, how old, which side) belong to the other problem.
  std::vector<std::pair<const intents::SlotSpec*, std::string>> kept_findings_;
  // The findings kept from a first message about something else (complaints.first_kept):
  // only those that are an emergency whatever the part (a cold blue foot).
  std::vector<std::pair<const intents::SlotSpec*, std::string>> first_kept_;
  // Findings that tie a complaint naming no part to the knee (complaints.knee_findings),
  // and those that on their own, in a first message, are another health problem
  // (complaints.systemic: a fever with nothing of the knee's is the flu, not a knee).
  std::vector<std::pair<const intents::SlotSpec*, std::string>> knee_findings_;
  // Findings that put a pain said of a leg part on the knee all the same
  // (complaints.near_knee_findings: "the inner shin just below the joint").
  std::vector<std::pair<const intents::SlotSpec*, std::string>> near_knee_findings_;
  std::vector<const intents::SlotSpec*> systemic_, systemic_aches_;
  // Leg parts next to the knee (complaints.near_parts): another part on their own in a
  // first message, a finding of the knee conversation in an answer.
  intents::PhraseList near_parts_;
  // Slots whose positive values are complaints too ("it locks", "I can't walk properly").
  std::vector<const intents::SlotSpec*> finding_slots_;
  std::vector<int> steering_;  // intents that take the conversation elsewhere
  // Intents that say nothing of what the message is about ("hi", "help with my back").
  std::vector<int> social_;
  // scan_ holds the lexicon's main patterns, then the intent patterns, then the regex
  // parts of the cue lists (cue_regex_[k] is entry scan_cues_ + k, for cue_of_[k]).
  std::unique_ptr<RE2::Set> scan_;
  int scan_intents_ = 0, scan_cues_ = 0;
  std::vector<const RE2*> cue_regex_;
  std::vector<Cue> cue_of_;
  int report_ = -1, out_of_scope_body_ = -1, out_of_scope_other_ = -1, urgent_non_knee_ = -1;
};

Status UnderstanderImpl::Create(const std::string& dir, std::unique_ptr<Understander>* out) {
  std::unique_ptr<UnderstanderImpl> u(new UnderstanderImpl());
  json doc;
  Status s = intents::ReadDataFile(dir, "slots.json", &doc);
  if (!s.ok()) return s;
  if (!(s = intents::SlotVocabulary::Load(doc, &u->vocabulary_)).ok()) return s;
  for (const char* name : kQuantitySlots) {
    const intents::SlotSpec* spec = u->vocabulary_.Find(name);
    if (spec == nullptr || spec->type != intents::SlotType::kInt) {
      return DataError{"slots.json"}.At(intents::Child("/slots", name),
                                        "must be an int slot (the matcher reads it from numbers)");
    }
  }

  if (!(s = intents::ReadDataFile(dir, "intents.json", &doc)).ok()) return s;
  if (!(s = intents::IntentMatcher::Load(doc, &u->words_, &u->matcher_)).ok()) return s;
  for (const char* id : kRequiredIntents) {
    if (u->matcher_->Index(id) < 0) {
      return DataError{"intents.json"}.At(
          "/intents", std::string("missing intent '") + id + "' (the matcher relies on it)");
    }
  }
  u->report_ = u->matcher_->Index("report_knee_pain");
  u->out_of_scope_body_ = u->matcher_->Index("out_of_scope_body");
  u->out_of_scope_other_ = u->matcher_->Index("out_of_scope_other");
  u->urgent_non_knee_ = u->matcher_->Index("urgent_non_knee");

  if (!(s = intents::ReadDataFile(dir, "lexicon.json", &doc)).ok()) return s;
  const DataError err{"lexicon.json"};
  s = intents::CheckObject(
      err, doc, "",
      {"schema", "slots", "negation", "answers", "corrections", "knee", "elsewhere", "leg_findings",
       "negatable_intents", "clot_breathing", "spelling", "known_words"},
      {"comment", "suppress", "respell", "severity_words", "languages", "complaints", "ellipsis"});
  if (!s.ok()) return s;
  if (!(s = intents::Lexicon::Load(err, doc, u->vocabulary_, &u->words_, &u->lexicon_)).ok()) {
    return s;
  }
  if (!(s = intents::NegationDetector::Load(err, doc["negation"], "/negation", &u->words_,
                                                &u->negation_))
           .ok()) {
    return s;
  }
  if (!(s = intents::ShortAnswers::Load(err, doc["answers"], "/answers", &u->words_,
                                        &u->answers_))
           .ok()) {
    return s;
  }
  if (!(s = u->LoadCues(err, doc)).ok()) return s;
  *out = std::move(u);
  return Status::OK();
}

// The smaller sections of lexicon.json: cue phrases, the knee flow's rules about other
// body parts, and the speller's word lists.
Status UnderstanderImpl::LoadCues(const DataError& err, const json& doc) {
  Status s;
  const std::pair<const char*, intents::PhraseList*> kCueLists[] = {
      {"corrections", &corrections_}, {"knee", &knee_}, {"elsewhere", &elsewhere_}};
  for (const auto& [key, list] : kCueLists) {
    const std::string pointer = intents::Child("", key);
    if (!(s = intents::PhraseList::Load(err, doc[key], pointer, &words_, list)).ok()) return s;
  }
  if (!(s = intents::ReadStrings(err, doc["leg_findings"], "/leg_findings", &leg_findings_)).ok()) {
    return s;
  }
  for (size_t i = 0; i < leg_findings_.size(); ++i) {
    if (vocabulary_.Find(leg_findings_[i]) == nullptr) {
      return err.At(intents::Child("/leg_findings", i), "unknown slot '" + leg_findings_[i] + "'");
    }
  }
  std::vector<std::string> negatable;
  if (!(s = intents::ReadStrings(err, doc["negatable_intents"], "/negatable_intents", &negatable))
           .ok()) {
    return s;
  }
  for (size_t i = 0; i < negatable.size(); ++i) {
    const int index = matcher_->Index(negatable[i]);
    if (index < 0) {
      return err.At(intents::Child("/negatable_intents", i),
                    "unknown intent '" + negatable[i] + "'");
    }
    negatable_.push_back(index);
  }
  if (!(s = CompileAny(err, doc["clot_breathing"], "/clot_breathing", &clot_breathing_)).ok()) {
    return s;
  }
  if (doc.contains("severity_words") && !(s = LoadSeverityWords(err, doc["severity_words"])).ok()) {
    return s;
  }
  if (doc.contains("ellipsis") && !(s = LoadEllipsis(err, doc["ellipsis"])).ok()) return s;
  if (doc.contains("languages")) {
    const json& langs = doc["languages"];
    if (!(s = intents::CheckObject(err, langs, "/languages", {"words"}, {"comment"})).ok()) {
      return s;
    }
    s = intents::LoadPhrases(err, langs["words"], "/languages/words", 1, &words_, &foreign_);
    if (!s.ok()) return s;
  }
  if (doc.contains("complaints")) {
    const json& c = doc["complaints"];
    s = intents::CheckObject(err, c, "/complaints",
                             {"words", "other_words", "other_parts", "not_parts", "finding_slots"},
                             {"comment", "other_topics", "kept_findings", "first_kept",
                              "knee_findings", "near_knee_findings", "systemic", "systemic_aches",
                              "near_parts"});
    if (!s.ok()) return s;
    std::vector<std::string> names;
    if (!(s = intents::ReadStrings(err, c["finding_slots"], "/complaints/finding_slots", &names))
             .ok()) {
      return s;
    }
    for (size_t i = 0; i < names.size(); ++i) {
      const intents::SlotSpec* spec = vocabulary_.Find(names[i]);
      if (spec == nullptr || spec->type == intents::SlotType::kInt) {
        return err.At(intents::Child("/complaints/finding_slots", i),
                      "'" + names[i] + "' is not an enum or list slot");
      }
      finding_slots_.push_back(spec);
    }
    const std::pair<const char*, std::vector<std::pair<const intents::SlotSpec*, std::string>>*>
        kKept[] = {{"kept_findings", &kept_findings_},
                   {"first_kept", &first_kept_},
                   {"knee_findings", &knee_findings_},
                   {"near_knee_findings", &near_knee_findings_}};
    for (const auto& [key, kept] : kKept) {
      if (!c.contains(key)) continue;
      const std::string kp = intents::Child("/complaints", key);
      if (!(s = intents::ReadStrings(err, c[key], kp, &names)).ok()) return s;
      for (size_t i = 0; i < names.size(); ++i) {
        const size_t eq = names[i].find('=');
        const std::string slot = names[i].substr(0, eq);
        const std::string value = eq == std::string::npos ? "*" : names[i].substr(eq + 1);
        const intents::SlotSpec* spec = vocabulary_.Find(slot);
        if (spec == nullptr || spec->type == intents::SlotType::kInt ||
            (value != "*" && value != intents::kUnsure &&
             std::find(spec->values.begin(), spec->values.end(), value) == spec->values.end())) {
          return err.At(intents::Child(kp, i), "'" + names[i] + "' is not slot or slot=value");
        }
        kept->emplace_back(spec, value);
      }
    }
    const std::pair<const char*, std::vector<const intents::SlotSpec*>*> kSlotLists[] = {
        {"systemic", &systemic_},
        {"systemic_aches", &systemic_aches_}};
    for (const auto& [key, list] : kSlotLists) {
      if (!c.contains(key)) continue;
      const std::string kp = intents::Child("/complaints", key);
      if (!(s = intents::ReadStrings(err, c[key], kp, &names)).ok()) return s;
      for (size_t i = 0; i < names.size(); ++i) {
        const intents::SlotSpec* spec = vocabulary_.Find(names[i]);
        if (spec == nullptr || spec->type == intents::SlotType::kInt) {
          return err.At(intents::Child(kp, i), "'" + names[i] + "' is not an enum or list slot");
        }
        list->push_back(spec);
      }
    }
    if (c.contains("near_parts")) {
      s = intents::PhraseList::Load(err, c["near_parts"], "/complaints/near_parts", &words_,
                                    &near_parts_);
      if (!s.ok()) return s;
    }
    if (c.contains("other_topics")) {
      s = intents::PhraseList::Load(err, c["other_topics"], "/complaints/other_topics", &words_,
                                    &other_topics_);
      if (!s.ok()) return s;
    }
    const std::pair<const char*, intents::PhraseList*> kLists[] = {
        {"words", &complaint_},
        {"other_words", &other_complaint_},
        {"other_parts", &other_parts_},
        {"not_parts", &not_parts_}};
    for (const auto& [key, list] : kLists) {
      const std::string pointer = intents::Child("/complaints", key);
      if (!(s = intents::PhraseList::Load(err, c[key], pointer, &words_, list)).ok()) return s;
    }
    has_complaints_ = true;
  }
  for (const char* id : {"out_of_scope_body", "out_of_scope_other", "urgent_non_knee", "restart",
                         "goodbye", "forget_me", "human"}) {
    if (const int i = matcher_->Index(id); i >= 0) steering_.push_back(i);
  }
  for (const char* id : {"greet", "help", "thanks", "affirm", "deny", "unsure"}) {
    if (const int i = matcher_->Index(id); i >= 0) social_.push_back(i);
  }
  scan_ = std::make_unique<RE2::Set>(intents::PatternOptions(), RE2::ANCHOR_START);
  std::string error;
  for (const auto* list : {&lexicon_->main_patterns(), &matcher_->patterns()}) {
    if (list == &matcher_->patterns()) {
      scan_intents_ = static_cast<int>(lexicon_->main_patterns().size());
    }
    for (const std::string& re : *list) {
      if (scan_->Add(re, &error) < 0) return err.At("", "scan patterns: " + error);
    }
  }
  scan_cues_ = scan_intents_ + static_cast<int>(matcher_->patterns().size());
  const std::pair<Cue, const RE2*> kCues[] = {
      {kKneeCue, knee_.regex()},
      {kCorrectionCue, corrections_.regex()},
      {kElsewhereCue, elsewhere_.regex()},
      {kComplaintCue, complaint_.regex()},
      {kOtherComplaintCue, other_complaint_.regex()},
      {kOtherPartCue, other_parts_.regex()},
      {kNotPartCue, not_parts_.regex()},
      {kOtherTopicCue, other_topics_.regex()},
      {kNearPartCue, near_parts_.regex()},
      {kSeverityAskedCue, any_asked_.regex()},
      {kSeveritySaidCue, any_said_.regex()}};
  for (const auto& [cue, re] : kCues) {
    if (re == nullptr) continue;
    if (scan_->Add(re->pattern(), &error) < 0) return err.At("", "cue patterns: " + error);
    cue_regex_.push_back(re);
    cue_of_.push_back(cue);
  }
  if (!scan_->Compile()) return err.At("", "the patterns need too much memory");
  std::vector<std::string> spelling, known;
  if (!(s = intents::ReadStrings(err, doc["spelling"], "/spelling", &spelling)).ok()) return s;
  if (!(s = intents::ReadStrings(err, doc["known_words"], "/known_words", &known)).ok()) return s;
  std::vector<std::string> dictionary = matcher_->KeywordWords();
  dictionary.insert(dictionary.end(), spelling.begin(), spelling.end());
  for (const auto* words : {&matcher_->pattern_words(), &lexicon_->pattern_words()}) {
    known.insert(known.end(), words->begin(), words->end());
  }
  speller_.Build(dictionary, known, &words_);
  if (doc.contains("respell")) {
    const json& respell = doc["respell"];
    if (!respell.is_object()) return err.At("/respell", "must be an object");
    for (const auto& [from, to] : respell.items()) {
      std::string word;
      if (!(s = intents::ReadString(err, to, intents::Child("/respell", from), &word)).ok()) {
        return s;
      }
      speller_.AddRespelling(from, word);
    }
  }

  return Status::OK();
}

Status UnderstanderImpl::LoadSeverityWords(const DataError& err, const json& obj) {
  const std::string p = "/severity_words";
  Status s = intents::CheckObject(err, obj, p, {"asked", "said"}, {"comment"});
  if (!s.ok()) return s;
  for (const char* section : {"asked", "said"}) {
    const std::string sp = intents::Child(p, section);
    const json& scores = obj[section];
    if (!scores.is_object()) return err.At(sp, "must be an object");
    for (const auto& [score, phrases] : scores.items()) {
      const std::string vp = intents::Child(sp, score);
      int value = -1;
      const auto [end, ec] = std::from_chars(score.data(), score.data() + score.size(), value);
      const intents::SlotSpec* spec = vocabulary_.Find("severity");
      if (ec != std::errc() || end != score.data() + score.size() || value < spec->min ||
          value > spec->max) {
        return err.At(vp, "'" + score + "' is not a severity score");
      }
      intents::PhraseList list;
      if (!(s = intents::PhraseList::Load(err, phrases, vp, &words_, &list)).ok()) return s;
      severity_words_.push_back({value, std::string_view(section) == "asked", std::move(list)});
    }
    // Every phrase of the section in one pattern: most messages are ruled out by one scan.
    json all = json::array();
    for (const auto& [score, phrases] : scores.items()) {
      all.insert(all.end(), phrases.begin(), phrases.end());
    }
    if (!all.empty()) {
      intents::PhraseList& any = std::string_view(section) == "asked" ? any_asked_ : any_said_;
      if (!(s = intents::PhraseList::Load(err, all, sp, &words_, &any)).ok()) return s;
    }
  }
  return Status::OK();
}

Status UnderstanderImpl::LoadEllipsis(const DataError& err, const json& obj) {
  const std::string p = "/ellipsis";
  Status s = intents::CheckObject(err, obj, p, {"rules"}, {"comment"});
  if (!s.ok()) return s;
  const json& rules = obj["rules"];
  if (!rules.is_array()) return err.At(p + "/rules", "must be an array");
  for (size_t i = 0; i < rules.size(); ++i) {
    const std::string rp = intents::Child(p + "/rules", i);
    if (!(s = intents::CheckObject(err, rules[i], rp, {"find", "replace"}, {"comment"})).ok()) {
      return s;
    }
    Ellipsis e;
    std::string find;
    if (!(s = intents::ReadString(err, rules[i]["find"], rp + "/find", &find)).ok()) return s;
    if (!(s = intents::ReadString(err, rules[i]["replace"], rp + "/replace", &e.replace)).ok()) {
      return s;
    }
    e.find = std::make_unique<RE2>(find, intents::PatternOptions());
    if (!e.find->ok()) return err.At(rp + "/find", e.find->error());
    std::string error;
    if (!e.find->CheckRewriteString(e.replace, &error)) return err.At(rp + "/replace", error);
    ellipsis_.push_back(std::move(e));
  }
  not_ = words_.Add("not");
  return Status::OK();
}

bool UnderstanderImpl::FillEllipsis(intents::NormalizedText* t) const {
  if (ellipsis_.empty() || std::find(t->ids.begin(), t->ids.end(), not_) == t->ids.end()) {
    return false;
  }
  std::string text = t->text;
  bool changed = false;
  for (const Ellipsis& e : ellipsis_) changed |= RE2::GlobalReplace(&text, *e.find, e.replace) > 0;
  if (!changed) return false;
  *t = intents::FromNormalized(std::move(text));
  words_.Tag(t);
  return true;
}

// "pretty bad" when the severity is asked, "the pain is pretty bad" anywhere: the
// longest phrase found gives the score.
std::optional<int> UnderstanderImpl::SeverityInWords(const intents::NormalizedText& t,
                                                     std::string_view expecting,
                                                     Cues cues) const {
  const bool asked =
      expecting == "severity" && any_asked_.Occurs(t, cues.Has(kSeverityAskedCue));
  const bool said = any_said_.Occurs(t, cues.Has(kSeveritySaidCue));
  if (!asked && !said) return std::nullopt;
  std::optional<int> best;
  size_t best_length = 0;
  intents::PhraseList::Spans found;
  for (const SeverityWords& w : severity_words_) {
    if (w.asked ? !asked : !said) continue;
    w.phrases.Find(t, std::nullopt, &found);
    for (const auto& [first, last] : found) {
      const size_t length = t.tokens[last - 1].end - t.tokens[first].begin;
      if (length > best_length) {
        best_length = length;
        best = w.score;
      }
    }
  }
  return best;
}

void UnderstanderImpl::AddQuantities(const intents::NormalizedText& t, std::string_view expecting,
                                     std::optional<int> today, Cues cues, json* slots) const {
  intents::Quantities q = intents::ExtractQuantities(t, expecting, today);
  if (!q.severity) q.severity = SeverityInWords(t, expecting, cues);
  const std::pair<const char*, const std::optional<int>*> kRead[] = {
      {"duration", &q.duration}, {"severity", &q.severity}, {"age", &q.age}};
  for (const auto& [name, value] : kRead) {
    if (!value->has_value()) continue;
    const intents::SlotSpec* spec = vocabulary_.Find(name);
    if (**value >= spec->min && **value <= spec->max) (*slots)[name] = **value;
  }
}

// "yes", "nope", "a bit", "not sure" read against the question asked, when the words
// of the message did not already answer it.
void UnderstanderImpl::ReadShortAnswer(AnswerKind kind, std::string_view expecting,
                                       json* slots) const {
  if (expecting.empty() || slots->contains(expecting)) return;
  const intents::SlotRules* rules = lexicon_->Rules(expecting);
  if (rules == nullptr) return;
  std::string value;
  switch (kind) {
    case AnswerKind::kAffirm:
      value = rules->affirm;
      break;
    case AnswerKind::kDeny:
      value = rules->deny;
      break;
    case AnswerKind::kPartial:
      value = rules->partial;
      break;
    case AnswerKind::kUnsure:
      if (rules->spec->type != intents::SlotType::kInt) value = intents::kUnsure;
      break;
    case AnswerKind::kNone:
      break;
  }
  if (value.empty()) return;
  if (rules->spec->type == intents::SlotType::kList) {
    (*slots)[rules->spec->name] = json::array({value});
  } else {
    (*slots)[rules->spec->name] = value;
  }
  intents::ApplySuppressions(*lexicon_, slots);
}

UnderstanderImpl::Scan UnderstanderImpl::ScanFor(const intents::NormalizedText& t) const {
  Scan scan;
  std::vector<int> found;
  RE2::Set::ErrorInfo error;
  if (intents::MatchAtTokenStarts(*scan_, t, &found, &error)) {
    for (int k : found) {
      if (k < scan_intents_) {
        scan.lexicon.push_back(k);
      } else if (k < scan_cues_) {
        scan.intents.push_back(k - scan_intents_);
      } else {
        scan.cues.bits |= 1u << cue_of_[static_cast<size_t>(k - scan_cues_)];
      }
    }
  } else if (error.kind != RE2::Set::kNoError) {
    // The automaton ran out of memory (a pathological message): each part scans for
    // its own patterns instead, more slowly but with the same result.
    for (size_t k = 0; k < cue_regex_.size(); ++k) {
      if (RE2::PartialMatch(t.text, *cue_regex_[k])) scan.cues.bits |= 1u << cue_of_[k];
    }
    scan.lexicon = lexicon_->MainHits(t);
    scan.intents = matcher_->PatternHits(t);
  }
  return scan;
}

bool UnderstanderImpl::MentionsKnee(const intents::NormalizedText& t,
                                    const std::vector<intents::Scope>& marks, Cues cues) const {
  intents::PhraseList::Spans found;
  knee_.Find(t, cues.Has(kKneeCue), &found);
  for (const auto& [first, last] : found) {
    if (first >= marks.size()) continue;
    // Only a knee negated right before it is not mentioned: "not my knee", "no knee
    // pain"; "can't straighten my knee" still names it. "My knee is fine" denies it too.
    bool denied = marks[first] == intents::Scope::kNegatedBefore;
    for (size_t back = 1; back <= 2 && back <= first && marks[first] == intents::Scope::kNegated;
         ++back) {
      const std::string_view w = t.word(first - back);
      if (w == "not" || w == "no" || w == "never" || w == "without") denied = true;
    }
    if (!denied) return true;
  }
  return false;
}

bool UnderstanderImpl::Foreign(const intents::NormalizedText& t) const {
  if (foreign_.empty()) return false;
  std::vector<int> scratch;
  const std::vector<int>& words = words_.IdsOf(t, &scratch);
  int foreign = 0, total = 0;
  for (size_t i = 0; i < words.size();) {
    int tag = 0;
    const size_t len = foreign_.LongestAt(words, i, &tag);
    if (len > 0) {
      ++foreign;
      total += static_cast<int>(len);
      i += len;
      continue;
    }
    if (!t.IsPunct(i)) ++total;
    ++i;
  }
  // Two or more foreign words making up a quarter of the message, or one on its own
  // ("bonjour"): "I said gracias to the physio" stays English.
  return (foreign >= 2 && 4 * foreign >= total) || (foreign >= 1 && total <= 2);
}

bool UnderstanderImpl::HasFinding(const json& slots) const {
  for (const intents::SlotSpec* spec : finding_slots_) {
    auto it = slots.find(spec->name);
    if (it == slots.end()) continue;
    const json values = it->is_array() ? *it : json::array({*it});
    for (const json& v : values) {
      if (v.is_string() && v != spec->deny && v != intents::kUnsure && v != "none") return true;
    }
  }
  return false;
}

void UnderstanderImpl::KeepOnly(
    const std::vector<std::pair<const intents::SlotSpec*, std::string>>& kept_findings,
    json* slots) {
  json kept = json::object();
  for (const auto& [slot, value] : slots->items()) {
    for (const auto& [spec, wanted] : kept_findings) {
      if (spec->name != slot || !value.is_string()) continue;
      if (wanted == "*" ? value != spec->deny : value == wanted) kept[slot] = value;
    }
  }
  *slots = std::move(kept);
}

bool UnderstanderImpl::FoundUnnegated(const intents::PhraseList& list, bool found_regex,
                                      const intents::NormalizedText& t,
                                      const std::vector<intents::Scope>& marks,
                                      const intents::PhraseList* unless, bool unless_found) const {
  intents::PhraseList::Spans found, excluded;
  list.Find(t, found_regex, &found);
  if (found.empty()) return false;
  if (unless != nullptr) unless->Find(t, unless_found, &excluded);
  for (const auto& [first, last] : found) {
    if (first < marks.size() && intents::IsNegated(marks[first])) continue;
    const bool inside = std::any_of(excluded.begin(), excluded.end(), [&](const auto& x) {
      return x.first <= first && last <= x.second;
    });
    if (!inside) return true;
  }
  return false;
}

void UnderstanderImpl::AdjustIntents(const intents::NormalizedText& t,
                                     const std::vector<intents::Scope>& marks,
                                     std::string_view expecting, bool answering, Cues cues,
                                     std::vector<intents::IntentMatcher::Hit>* hits,
                                     json* slots) const {
  const bool knee = MentionsKnee(t, marks, cues);
  // Nothing is pending: the message opens a conversation (or follows an answer), so a
  // finding in it is not an answer to a checklist.
  const bool first = expecting.empty();
  auto drop = [&](int intent) {
    hits->erase(std::remove_if(hits->begin(), hits->end(),
                               [&](const auto& h) { return h.intent == intent; }),
                hits->end());
  };
  // What is left of a message about something else: in a first message only the
  // findings that are an emergency whatever the part; in an answer the red flags a
  // checklist answer may carry.
  auto keep_for_elsewhere = [&] {
    if (first) {
      KeepOnly(first_kept_, slots);
    } else {
      KeepOnlyKeptFindings(slots);
    }
  };
  // Complaints the patterns did not catch: "my elbow has been throbbing" is about
  // another part; "it clicks when I squat", with no part named, is about the knee.
  bool complaint = false, other_part = false, near_part = false, other_topic = false;
  if (has_complaints_ && !knee) {
    const bool complaint_words = FoundUnnegated(complaint_, cues.Has(kComplaintCue), t, marks);
    complaint = complaint_words || HasFinding(*slots);
    other_part = FoundUnnegated(other_parts_, cues.Has(kOtherPartCue), t, marks, &not_parts_,
                                cues.Has(kNotPartCue));
    near_part = near_parts_.loaded() &&
                FoundUnnegated(near_parts_, cues.Has(kNearPartCue), t, marks, &not_parts_,
                               cues.Has(kNotPartCue));
    other_topic = other_topics_.loaded() &&
                  FoundUnnegated(other_topics_, cues.Has(kOtherTopicCue), t, marks);
    // A first message whose only findings are of the whole body ("fever for 3 days",
    // "palpitations at night", "can't sleep") is another health problem, like an other
    // topic; a fever or breathlessness explains aches too ("hot and cold and achy").
    if (first && !other_topic && !other_part && !near_part && Systemic(*slots, complaint_words)) {
      other_topic = true;
    }
    // With nothing else read and no question pending, naming another part is enough:
    // "what should I do about my ankle".
    const bool unexplained =
        first && slots->empty() && std::all_of(hits->begin(), hits->end(), [&](const auto& h) {
          return std::find(social_.begin(), social_.end(), h.intent) != social_.end();
        });
    if ((other_part || near_part) &&
        (complaint || other_topic || unexplained ||
         FoundUnnegated(other_complaint_, cues.Has(kOtherComplaintCue), t, marks)) &&
        !Has(*hits, out_of_scope_body_) && !Has(*hits, urgent_non_knee_)) {
      hits->push_back({out_of_scope_body_, 30});
    }
  }
  // An answer to the question asked stays an answer ("my hip hurts" when asked about
  // the hip), unless it is about a part away from the leg: "itchy spots all over my
  // forearms" does not say where the knee hurts.
  // Asked where on the knee it hurts, "pain under my heel" is about the heel: a leg part
  // named without the knee places the pain on that part ("towards my hip" does not).
  const bool answered = !expecting.empty() && slots->contains(expecting) &&
                        (knee || (!other_part && !(near_part && expecting == "location")));
  // Another health problem with no part named ("diarrhoea for 3 days", "my hair is
  // falling out"): out of scope, keeping only the findings the knee flow must not miss
  // (a checklist answer "fever and a cough" still has its fever).
  // A first message that places its pain on the knee ("since I put on weight it aches on
  // the inside") stays with the knee.
  if (other_topic && !other_part && !near_part && !answered && !(first && HasKneeFinding(*slots)) &&
      !Has(*hits, out_of_scope_body_) && !Has(*hits, urgent_non_knee_)) {
    keep_for_elsewhere();
    if (slots->empty()) hits->push_back({out_of_scope_other_, 30});
  }
  if (answered) drop(out_of_scope_body_);
  // So does an answer opening with "yes" or "no" that says something of the knee's
  // ("yes, the groin hurts" to a checklist that lists hip or groin pain).
  if (answering && !slots->empty()) drop(out_of_scope_body_);
  // Another body part hurts: out of scope, unless the knee is in it too ("my hip hurts
  // as well") - then it is a finding of the knee conversation.
  if (Has(*hits, out_of_scope_body_)) {
    // A leg finding answers the knee's questions ("my calf is swollen" to the checklist);
    // opening a conversation it is about the calf.
    const bool leg = !first && std::any_of(leg_findings_.begin(), leg_findings_.end(),
                                           [&](const std::string& slot) {
                                             return slots->contains(slot);
                                           });
    // "My hip hurts as well" is a finding of the knee conversation; "I've got a headache
    // as well", with nothing of the knee's read, is still another problem.
    json near = *slots;
    KeepOnly(near_knee_findings_, &near);
    const bool near_knee = !other_part && !near.empty();
    if (knee || leg || near_knee ||
        (!slots->empty() && elsewhere_.Occurs(t, cues.Has(kElsewhereCue)))) {
      drop(out_of_scope_body_);
    } else if (first) {
      // "My ankle is swollen" opens a conversation about the ankle. A cold blue foot or a
      // red swollen calf is still the leg's red flag, read with the rest of the message
      // ("my foot went pale and cold after the fall"); beside an arm or a chest only the
      // flag itself is kept.
      json kept = *slots;
      KeepOnly(first_kept_, &kept);
      if (kept.empty() || other_part) *slots = std::move(kept);
      if (!slots->empty()) drop(out_of_scope_body_);
    } else {
      // Words about that other part are not knee findings ("my ankle is swollen").
      KeepOnlyLegFindings(slots);
    }
  }
  // "I ate pizza and now my knee hurts" is about the knee.
  // "It's been aching since the flight home" too: a complaint, no other part named.
  if (knee || !slots->empty() || (complaint && !other_part && !near_part && !other_topic)) {
    drop(out_of_scope_other_);
  }
  // Breathless with a painful calf is a clot from the leg: the knee flow's red flag
  // handles it, not the "outside the knee" emergency. Otherwise the emergency is the
  // message; its other words ("my arm is numb") are not knee findings.
  if (Has(*hits, urgent_non_knee_)) {
    if (slots->value("calf", "") == "yes" && !UrgentBeyondBreathing(t)) {
      drop(urgent_non_knee_);
    } else if (!knee) {
      KeepOnlyLegFindings(slots);
    }
  }
  // A statement of facts asks nothing: "yes, arthroscopy 10 days ago" or "during the
  // game this afternoon" name a topic but are no questions about it.
  if (!slots->empty() && !AsksSomething(t)) {
    hits->erase(std::remove_if(hits->begin(), hits->end(),
                               [&](const auto& h) {
                                 return matcher_->ids()[static_cast<size_t>(h.intent)].rfind(
                                            "ask_", 0) == 0;
                               }),
                hits->end());
  }
  // A message that describes the knee is a knee report even when no report phrase
  // matched ("45, inner knee, 3 weeks").
  if (knee && !Has(*hits, report_) && (!slots->empty() || hits->empty())) {
    hits->push_back({report_, 50 * static_cast<int>(slots->size())});
  }
  // A complaint naming no part, outside any question, is about the knee. It ranks below
  // a question that matched ("why does it hurt when I squat") and above greetings and
  // thanks ("hi, it clicks when I squat").
  if (complaint && !other_part && (!near_part || !slots->empty()) && !other_topic && first &&
      !Has(*hits, report_) &&
      std::none_of(hits->begin(), hits->end(), [&](const auto& h) {
        return std::find(steering_.begin(), steering_.end(), h.intent) != steering_.end();
      })) {
    const bool question = std::any_of(hits->begin(), hits->end(), [&](const auto& h) {
      return matcher_->ids()[static_cast<size_t>(h.intent)].rfind("ask_", 0) == 0;
    });
    hits->push_back({report_, question ? 1 : 1000});
  }
}

Understanding UnderstanderImpl::Run(std::string_view text, std::string_view expecting,
                                    std::optional<int> today) const {
  Understanding u;
  const size_t b = text.find_first_not_of(" \t\r\n");
  if (b == std::string_view::npos) return u;
  text = text.substr(b, text.find_last_not_of(" \t\r\n") - b + 1);
  if (intents::ReadPayload(text, vocabulary_, matcher_->ids(), &u)) {
    u.payload = true;
    return u;
  }
  if (text.size() > kMaxMessageBytes) text = text.substr(0, kMaxMessageBytes);

  intents::NormalizedText t = intents::Normalize(text);
  words_.Tag(&t);
  intents::NormalizedText fixed;
  const bool respelt = speller_.Correct(t, &fixed);
  // Words of another language are counted on the message as written: the speller may
  // have "fixed" some of them into English.
  if (Foreign(t)) {
    // Nothing else in it can be read reliably.
    u.intent = matcher_->ids()[static_cast<size_t>(out_of_scope_other_)];
    u.intents = {u.intent};
    return u;
  }
  if (respelt) {
    t = std::move(fixed);
    words_.Tag(&t);
  }
  FillEllipsis(&t);
  const Scan scan = ScanFor(t);
  const Cues cues = scan.cues;

  const std::vector<intents::Scope> marks = negation_.Mark(t);
  std::vector<intents::Finding> findings;
  lexicon_->FindGiven(t, expecting, scan.lexicon, &findings);
  u.slots = intents::ResolveSlots(*lexicon_, std::move(findings), marks);
  AddQuantities(t, expecting, today, cues, &u.slots);

  const bool correction = corrections_.Occurs(t, cues.Has(kCorrectionCue));
  const AnswerKind kind = answers_.Read(t);
  u.answer = ToShortAnswer(kind);
  if (!correction) ReadShortAnswer(kind, expecting, &u.slots);

  std::vector<intents::IntentMatcher::Hit> hits =
      matcher_->MatchGiven(t, scan.intents, marks, negatable_);
  // Opening with a plain yes or no: an answer to the bot's question ("ok, my ankle is
  // swollen" is not).
  const bool yes_no = t.size() > 0 && (t.word(0) == "yes" || t.word(0) == "yeah" ||
                                       t.word(0) == "yea" || t.word(0) == "yep" ||
                                       t.word(0) == "yup" || t.word(0) == "no" ||
                                       t.word(0) == "nope" || t.word(0) == "nah");
  AdjustIntents(t, marks, expecting, yes_no && kind != AnswerKind::kNone, cues, &hits, &u.slots);
  std::stable_sort(hits.begin(), hits.end(),
                   [](const auto& a, const auto& c) { return a.score > c.score; });
  for (const auto& h : hits) u.intents.push_back(matcher_->ids()[static_cast<size_t>(h.intent)]);
  if (hits.size() >= 2 && hits[0].score == hits[1].score) {
    u.ambiguous = true;
  } else if (!hits.empty()) {
    u.intent = u.intents.front();
  }
  u.correction = correction && !u.slots.empty();
  return u;
}

}  // namespace

Status Understander::Load(const std::string& data_dir, std::unique_ptr<Understander>* out) {
  return UnderstanderImpl::Create(data_dir, out);
}

}  // namespace kneebot
