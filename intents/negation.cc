#include "intents/negation.h"

namespace kneebot::intents {

using nlohmann::json;

Status NegationDetector::Load(const DataError& err, const json& obj, const std::string& pointer,
                              NegationDetector* out) {
  Status s = CheckObject(err, obj, pointer,
                         {"triggers", "pseudo", "hedges", "terminators", "joiners", "window"},
                         {"short_triggers", "short_window", "comment"});
  if (!s.ok()) return s;
  NegationDetector d;
  const std::pair<const char*, Kind> kLists[] = {
      {"triggers", kTrigger},       {"pseudo", kPseudo},  {"hedges", kHedge},
      {"terminators", kTerminator}, {"joiners", kJoiner}, {"short_triggers", kShortTrigger}};
  for (const auto& [key, kind] : kLists) {
    if (!obj.contains(key)) continue;
    std::vector<std::string> phrases;
    const std::string p = Child(pointer, key);
    if (!(s = ReadStrings(err, obj[key], p, &phrases)).ok()) return s;
    for (size_t i = 0; i < phrases.size(); ++i) {
      std::vector<std::string> words = SplitWords(Normalize(phrases[i]).text);
      if (words.empty()) return err.At(Child(p, i), "has no words");
      if (!d.phrases_.Add(words, kind)) {
        return err.At(Child(p, i), "'" + phrases[i] + "' is listed twice");
      }
    }
  }
  for (const char* key : {"window", "short_window"}) {
    if (!obj.contains(key)) continue;
    const json& w = obj[key];
    if (!w.is_number_integer() || w.get<int>() < 1 || w.get<int>() > 20) {
      return err.At(Child(pointer, key), "must be an integer from 1 to 20");
    }
    (std::string_view(key) == "window" ? d.window_ : d.short_window_) = w.get<int>();
  }
  *out = std::move(d);
  return Status::OK();
}

bool NegationDetector::JoinerAhead(const std::vector<std::string_view>& words, size_t i) const {
  for (size_t k = i; k < words.size() && k < i + 2 * window_; ++k) {
    if (words[k] == "." || words[k] == "?") return false;
    int tag = -1;
    size_t len = phrases_.LongestAt(words, k, &tag);
    if (len > 0 && (tag == kTerminator || tag == kTrigger || tag == kShortTrigger)) return false;
    if (len > 0 && tag == kJoiner) return true;
  }
  return false;
}

std::vector<Scope> NegationDetector::Mark(const NormalizedText& t) const {
  std::vector<std::string_view> words;
  words.reserve(t.size());
  for (size_t i = 0; i < t.size(); ++i) words.push_back(t.word(i));

  std::vector<Scope> marks(t.size(), Scope::kNone);
  Scope active = Scope::kNone;
  int left = 0;
  int covered = 0;  // words marked by the open scope so far
  for (size_t i = 0; i < words.size();) {
    const std::string_view w = words[i];
    if (w == "." || w == "?") {
      active = Scope::kNone;
      ++i;
      continue;
    }
    if (w == ",") {
      // "no fever, chills or calf pain" continues; "no, it's the outside" and
      // "didn't fall, bit swollen" do not.
      if (active != Scope::kNone && (covered == 0 || !JoinerAhead(words, i + 1))) {
        active = Scope::kNone;
      }
      ++i;
      continue;
    }
    int tag = -1;
    if (size_t len = phrases_.LongestAt(words, i, &tag); len > 0 && tag != kJoiner) {
      if (tag == kTrigger || tag == kShortTrigger || tag == kHedge) {
        active = tag == kHedge ? Scope::kHedged : Scope::kNegated;
        left = tag == kShortTrigger ? short_window_ : window_;
        covered = 0;
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
