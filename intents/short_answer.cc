#include "intents/short_answer.h"

namespace kneebot::intents {

using nlohmann::json;

namespace {
constexpr int kFiller = -1;
}  // namespace

Status ShortAnswers::Load(const DataError& err, const json& obj, const std::string& pointer,
                          WordIndex* index, ShortAnswers* out) {
  Status s = CheckObject(err, obj, pointer, {"affirm", "deny", "unsure", "partial", "fillers"},
                         {"comment"});
  if (!s.ok()) return s;
  ShortAnswers a;
  a.index_ = index;
  const std::pair<const char*, int> kLists[] = {{"affirm", static_cast<int>(AnswerKind::kAffirm)},
                                                {"deny", static_cast<int>(AnswerKind::kDeny)},
                                                {"unsure", static_cast<int>(AnswerKind::kUnsure)},
                                                {"partial", static_cast<int>(AnswerKind::kPartial)},
                                                {"fillers", kFiller}};
  for (const auto& [key, tag] : kLists) {
    if (!(s = LoadPhrases(err, obj[key], Child(pointer, key), tag, index, &a.phrases_)).ok()) {
      return s;
    }
  }
  *out = std::move(a);
  return Status::OK();
}

AnswerKind ShortAnswers::Read(const NormalizedText& t) const {
  if (index_ == nullptr) return AnswerKind::kNone;  // not loaded
  std::vector<int> scratch;
  const std::vector<int>& ids = index_->IdsOf(t, &scratch);
  size_t i = 0;
  while (i < ids.size()) {
    if (t.IsPunct(i)) {
      ++i;
      continue;
    }
    int tag = 0;
    const size_t len = phrases_.LongestAt(ids, i, &tag);
    if (len == 0) return AnswerKind::kNone;
    if (tag == static_cast<int>(AnswerKind::kUnsure)) {
      // "maybe a little": a hedged degree is the degree.
      size_t k = i + len;
      while (k < ids.size() && t.IsPunct(k)) ++k;
      int next = 0;
      if (phrases_.LongestAt(ids, k, &next) > 0 &&
          next == static_cast<int>(AnswerKind::kPartial)) {
        return AnswerKind::kPartial;
      }
    }
    // "I have" or "it is" open answers ("it is, a bit") and sentences alike ("I have
    // got a headache"): they answer only when nothing but another answer or the end of
    // the clause follows.
    // "I can't" alike: "I can't really straighten it" is about straightening, not "none".
    const bool modal = tag == static_cast<int>(AnswerKind::kDeny) && len == 3 &&
                       t.word(i) == "i" && t.word(i + 1) == "can" && t.word(i + 2) == "not";
    if ((modal || (tag == static_cast<int>(AnswerKind::kAffirm) && len == 2)) &&
        (t.word(i) == "i" || t.word(i) == "it")) {
      const size_t k = i + len;
      int next = 0;
      if (k < ids.size() && !t.IsPunct(k) && phrases_.LongestAt(ids, k, &next) == 0) {
        return AnswerKind::kNone;
      }
    }
    if (tag != kFiller) return static_cast<AnswerKind>(tag);
    i += len;
  }
  return AnswerKind::kNone;
}

}  // namespace kneebot::intents
