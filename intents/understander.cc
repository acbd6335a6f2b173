// The Understander behind Understander::Load: wires the normaliser, speller, negation,
// slot lexicon, quantities, short answers and intent matcher together.
#include "intents/understander.h"

#include <re2/re2.h>

#include <algorithm>

#include "intents/data_loader.h"
#include "intents/intent_matcher.h"
#include "intents/lexicon.h"
#include "intents/negation.h"
#include "intents/normalizer.h"
#include "intents/payload.h"
#include "intents/quantity_extractor.h"
#include "intents/short_answer.h"
#include "intents/slot_resolver.h"
#include "intents/slot_vocabulary.h"
#include "intents/speller.h"

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

class UnderstanderImpl final : public Understander {
 public:
  static Status Create(const std::string& dir, std::unique_ptr<Understander>* out);

  Understanding Understand(std::string_view text, std::string_view expecting) const override;
  const std::vector<std::string>& intent_ids() const override { return matcher_->ids(); }
  const std::vector<std::string>& slot_names() const override { return vocabulary_.names(); }
  std::vector<std::string> slot_values(std::string_view slot) const override {
    const intents::SlotSpec* s = vocabulary_.Find(slot);
    return s == nullptr ? std::vector<std::string>{} : s->values;
  }

 private:
  Status LoadCues(const DataError& err, const json& doc);
  void AddQuantities(const intents::NormalizedText& t, std::string_view expecting,
                     json* slots) const;
  void ReadShortAnswer(const intents::NormalizedText& t, std::string_view expecting,
                       json* slots) const;
  void AdjustIntents(const intents::NormalizedText& t, const std::vector<intents::Scope>& marks,
                     std::vector<intents::IntentMatcher::Hit>* hits, json* slots) const;
  // True when the knee is named outside a negation ("not my knee" does not count).
  bool MentionsKnee(const intents::NormalizedText& t,
                    const std::vector<intents::Scope>& marks) const;
  // With a painful calf, breathlessness is the leg's red flag; the urgent intent stands
  // only for something more (chest pain, stroke signs): is it still there once the
  // breathing phrases are taken out?
  bool UrgentBeyondBreathing(const intents::NormalizedText& t) const {
    std::string rest = t.text;
    RE2::GlobalReplace(&rest, *clot_breathing_, " ");
    const intents::NormalizedText r = intents::Normalize(rest);
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

  intents::SlotVocabulary vocabulary_;
  std::unique_ptr<intents::IntentMatcher> matcher_;
  std::unique_ptr<intents::Lexicon> lexicon_;
  intents::NegationDetector negation_;
  intents::ShortAnswers answers_;
  intents::Speller speller_;
  std::unique_ptr<RE2> corrections_;
  std::unique_ptr<RE2> knee_;
  std::unique_ptr<RE2> elsewhere_;  // "too", "as well": another body part besides the knee
  // Slots about the leg that belong to the knee conversation even when the knee is not
  // named: "my foot is numb" is a circulation finding, not a question about feet.
  std::vector<std::string> leg_findings_;
  // Intents whose negated mention does not count ("no chest pain").
  std::vector<int> negatable_;
  // Breathlessness phrases: with a painful calf they point to a clot from the leg.
  std::unique_ptr<RE2> clot_breathing_;
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
  if (!(s = intents::IntentMatcher::Load(doc, &u->matcher_)).ok()) return s;
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
      {"comment", "suppress", "respell"});
  if (!s.ok()) return s;
  if (!(s = intents::Lexicon::Load(err, doc, u->vocabulary_, &u->lexicon_)).ok()) return s;
  if (!(s = intents::NegationDetector::Load(err, doc["negation"], "/negation", &u->negation_))
           .ok()) {
    return s;
  }
  if (!(s = intents::ShortAnswers::Load(err, doc["answers"], "/answers", &u->answers_)).ok()) {
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
  if (!(s = CompileAny(err, doc["corrections"], "/corrections", &corrections_)).ok()) return s;
  if (!(s = CompileAny(err, doc["knee"], "/knee", &knee_)).ok()) return s;
  if (!(s = CompileAny(err, doc["elsewhere"], "/elsewhere", &elsewhere_)).ok()) return s;
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
  std::vector<std::string> spelling, known;
  if (!(s = intents::ReadStrings(err, doc["spelling"], "/spelling", &spelling)).ok()) return s;
  if (!(s = intents::ReadStrings(err, doc["known_words"], "/known_words", &known)).ok()) return s;
  std::vector<std::string> dictionary = matcher_->KeywordWords();
  dictionary.insert(dictionary.end(), spelling.begin(), spelling.end());
  for (const auto* words : {&matcher_->pattern_words(), &lexicon_->pattern_words()}) {
    known.insert(known.end(), words->begin(), words->end());
  }
  speller_.Build(dictionary, known);
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

void UnderstanderImpl::AddQuantities(const intents::NormalizedText& t, std::string_view expecting,
                                     json* slots) const {
  const intents::Quantities q = intents::ExtractQuantities(t, expecting);
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
void UnderstanderImpl::ReadShortAnswer(const intents::NormalizedText& t, std::string_view expecting,
                                       json* slots) const {
  if (expecting.empty() || slots->contains(expecting)) return;
  const intents::SlotRules* rules = lexicon_->Rules(expecting);
  if (rules == nullptr) return;
  std::string value;
  switch (answers_.Read(t)) {
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
      if (rules->spec->type == intents::SlotType::kEnum) value = intents::kUnsure;
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
}

bool UnderstanderImpl::MentionsKnee(const intents::NormalizedText& t,
                                    const std::vector<intents::Scope>& marks) const {
  std::vector<std::pair<size_t, size_t>> found;
  intents::FindAll(*knee_, t.text, &found);
  for (const auto& [b, e] : found) {
    size_t first = 0, last = 0;
    t.TokenSpan(b, e, &first, &last);
    if (first >= marks.size()) continue;
    // Only a knee negated right before it is not mentioned: "not my knee", "no knee
    // pain"; "can't straighten my knee" still names it.
    bool denied = false;
    for (size_t back = 1; back <= 2 && back <= first && marks[first] == intents::Scope::kNegated;
         ++back) {
      const std::string_view w = t.word(first - back);
      if (w == "not" || w == "no" || w == "never" || w == "without") denied = true;
    }
    if (!denied) return true;
  }
  return false;
}

void UnderstanderImpl::AdjustIntents(const intents::NormalizedText& t,
                                     const std::vector<intents::Scope>& marks,
                                     std::vector<intents::IntentMatcher::Hit>* hits,
                                     json* slots) const {
  const bool knee = MentionsKnee(t, marks);
  auto drop = [&](int intent) {
    hits->erase(std::remove_if(hits->begin(), hits->end(),
                               [&](const auto& h) { return h.intent == intent; }),
                hits->end());
  };
  // Another body part hurts: out of scope, unless the knee is in it too ("my hip hurts
  // as well") - then it is a finding of the knee conversation.
  if (Has(*hits, out_of_scope_body_)) {
    const bool leg = std::any_of(leg_findings_.begin(), leg_findings_.end(),
                                 [&](const std::string& slot) { return slots->contains(slot); });
    if (knee || leg || RE2::PartialMatch(t.text, *elsewhere_)) {
      drop(out_of_scope_body_);
    } else {
      // Words about that other part are not knee findings ("my ankle is swollen").
      KeepOnlyLegFindings(slots);
    }
  }
  // "I ate pizza and now my knee hurts" is about the knee.
  if (knee || !slots->empty()) drop(out_of_scope_other_);
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
  // A message that describes the knee is a knee report even when no report phrase
  // matched ("45, inner knee, 3 weeks").
  if (knee && !Has(*hits, report_) && (!slots->empty() || hits->empty())) {
    hits->push_back({report_, 50 * static_cast<int>(slots->size())});
  }
}

Understanding UnderstanderImpl::Understand(std::string_view text,
                                           std::string_view expecting) const {
  Understanding u;
  const size_t b = text.find_first_not_of(" \t\r\n");
  if (b == std::string_view::npos) return u;
  text = text.substr(b, text.find_last_not_of(" \t\r\n") - b + 1);
  if (intents::ReadPayload(text, vocabulary_, matcher_->ids(), &u)) return u;
  if (text.size() > kMaxMessageBytes) text = text.substr(0, kMaxMessageBytes);

  intents::NormalizedText t = intents::Normalize(text);
  intents::NormalizedText fixed;
  if (speller_.Correct(t, &fixed)) t = std::move(fixed);

  const std::vector<intents::Scope> marks = negation_.Mark(t);
  std::vector<intents::Finding> findings;
  lexicon_->Find(t, expecting, &findings);
  u.slots = intents::ResolveSlots(*lexicon_, std::move(findings), marks);
  AddQuantities(t, expecting, &u.slots);

  const bool correction = RE2::PartialMatch(t.text, *corrections_);
  if (!correction) ReadShortAnswer(t, expecting, &u.slots);

  std::vector<intents::IntentMatcher::Hit> hits = matcher_->Match(t, marks, negatable_);
  AdjustIntents(t, marks, &hits, &u.slots);
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
