#include "intents/negation.h"

namespace kneebot::intents {

using nlohmann::json;

Status NegationDetector::Load(const DataError& err, const json& obj, const std::string& pointer,
                              WordIndex* index, NegationDetector* out) {
  Status s = CheckObject(err, obj, pointer,
                         {"triggers", "pseudo", "hedges", "terminators", "joiners", "window"},
                         {"short_triggers", "short_window", "post_triggers", "post_window",
                          "cancels", "comment"});
  if (!s.ok()) return s;
  NegationDetector d;
  d.index_ = index;
  const std::pair<const char*, Kind> kLists[] = {
      {"triggers", kTrigger},       {"pseudo", kPseudo},  {"hedges", kHedge},
      {"terminators", kTerminator}, {"joiners", kJoiner}, {"short_triggers", kShortTrigger},
      {"post_triggers", kPostTrigger}, {"cancels", kCancel}};
  for (const auto& [key, kind] : kLists) {
    if (!obj.contains(key)) continue;
    PhraseSet* set = kind == kPostTrigger ? &d.post_ : &d.phrases_;
    if (!(s = LoadPhrases(err, obj[key], Child(pointer, key), kind, index, set)).ok()) return s;
  }
  for (const char* key : {"window", "short_window", "post_window"}) {
    if (!obj.contains(key)) continue;
    const json& w = obj[key];
    if (!w.is_number_integer() || w.get<int>() < 1 || w.get<int>() > 20) {
      return err.At(Child(pointer, key), "must be an integer from 1 to 20");
    }
    const std::string_view k(key);
    (k == "window" ? d.window_ : k == "short_window" ? d.short_window_ : d.post_window_) =
        w.get<int>();
  }
  *out = std::move(d);
  return Status::OK();
}

bool NegationDetector::JoinerAhead(const NormalizedText& t, const std::vector<int>& ids,
                                   size_t i) const {
  for (size_t k = i; k < t.size() && k < i + 2 * window_; ++k) {
    if (t.word(k) == "." || t.word(k) == "?") return false;
    int tag = -1;
    size_t len = phrases_.LongestAt(ids, k, &tag);
    if (len > 0 && (tag == kTerminator || tag == kTrigger || tag == kShortTrigger)) return false;
    if (len > 0 && tag == kJoiner) return true;
  }
  return false;
}

std::vector<Scope> NegationDetector::Mark(const NormalizedText& t) const {
  std::vector<Scope> marks(t.size(), Scope::kNone);
  if (index_ == nullptr) return marks;  // not loaded: no triggers
  std::vector<int> scratch;
  const std::vector<int>& ids = index_->IdsOf(t, &scratch);
  // Words a post-trigger may not reach back over: triggers, terminators, hedges.
  std::vector<bool> stop(t.size(), false);
  // A clause ends at punctuation or a terminator: "the outside does not hurt but the
  // inside does" puts the post-trigger "does not hurt" at the end of its clause.
  auto clause_end = [&](size_t k) {
    if (k >= t.size() || t.IsPunct(k)) return true;
    int tag = -1;
    return phrases_.LongestAt(ids, k, &tag) > 0 && tag == kTerminator;
  };
  Scope active = Scope::kNone;
  int left = 0;
  int covered = 0;    // words marked by the open scope so far
  size_t opened = 0;  // where the open scope's words begin
  for (size_t i = 0; i < t.size();) {
    const std::string_view w = t.word(i);
    if (w == "." || w == "?") {
      active = Scope::kNone;
      ++i;
      continue;
    }
    if (w == ",") {
      // "no fever, chills or calf pain" continues; "no, it's the outside" and
      // "didn't fall, bit swollen" do not.
      if (active != Scope::kNone && (covered == 0 || !JoinerAhead(t, ids, i + 1))) {
        active = Scope::kNone;
      }
      ++i;
      continue;
    }
    int tag = -1;
    size_t len = phrases_.LongestAt(ids, i, &tag);
    int post_tag = -1;
    const size_t post_len = post_.LongestAt(ids, i, &post_tag);
    if (post_len > 0 && i > 0 && !t.IsPunct(i - 1) &&
        (len == 0 || tag == kJoiner || (clause_end(i + post_len) && post_len >= len))) {
      // "swelling none", "calf is fine": negate backwards.
      for (size_t k = i, n = 0; k-- > 0 && n < static_cast<size_t>(post_window_); ++n) {
        if (t.IsPunct(k) || stop[k]) break;
        if (marks[k] == Scope::kNone) marks[k] = Scope::kNegatedBefore;
      }
      // One that holds a forward trigger ("is not swollen", "does not hurt") negates its
      // own last words too: "it is not swollen" still denies the swelling.
      if (len > 0 && len < post_len && (tag == kTrigger || tag == kShortTrigger)) {
        for (size_t k = i + len; k < i + post_len; ++k) marks[k] = Scope::kNegated;
      }
      active = Scope::kNone;
      for (size_t k = i; k < i + post_len; ++k) stop[k] = true;
      i += post_len;
      continue;
    }
    if (len > 0 && tag == kCancel) {
      if (active == Scope::kNegated) {
        // "can not kneel without it hurting": kneeling hurts after all.
        for (size_t k = opened; k < i; ++k) {
          if (marks[k] == Scope::kNegated) marks[k] = Scope::kNone;
        }
        active = Scope::kNone;
        for (size_t k = i; k < i + len; ++k) stop[k] = true;
        i += len;
        continue;
      }
      // Nothing to undo: the phrase's own "without" is a plain trigger.
      len = 1;
      tag = kTrigger;
    }
    if (len > 0 && tag != kJoiner) {
      if (tag != kPseudo) {
        for (size_t k = i; k < i + len; ++k) stop[k] = true;
      }
      if (tag == kTrigger || tag == kShortTrigger || tag == kHedge) {
        active = tag == kHedge ? Scope::kHedged : Scope::kNegated;
        left = tag == kShortTrigger ? short_window_ : window_;
        covered = 0;
        opened = i + len;
      } else if (tag == kTerminator) {
        active = Scope::kNone;
      }
      // A pseudo-trigger is read past: it neither opens nor closes a scope.
      i += len;
      continue;
    }
    if (active != Scope::kNone) {
      marks[i] = active;
      ++covered;
      if (tag == kJoiner) {
        left = window_;  // "no swelling or redness or fever": each item gets a window
      } else if (--left == 0) {
        active = Scope::kNone;
      }
    }
    ++i;
  }
  return marks;
}

}  // namespace kneebot::intents
