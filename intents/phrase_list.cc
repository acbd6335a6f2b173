#include "intents/phrase_list.h"

#include <algorithm>

#include "intents/lexicon.h"
#include "intents/phrase_expander.h"
#include "intents/phrase_set.h"

namespace kneebot::intents {
namespace {
// A pattern standing for more plain phrases than this stays a regex.
constexpr size_t kMaxPlainPhrases = 512;
}  // namespace

Status PhraseList::Load(const DataError& err, const nlohmann::json& arr, const std::string& pointer,
                        WordIndex* index, PhraseList* out) {
  std::vector<std::string> patterns;
  Status s = ReadStrings(err, arr, pointer, &patterns);
  if (!s.ok()) return s;
  if (patterns.empty()) return err.At(pointer, "must not be empty");
  PhraseList list;
  list.index_ = index;
  std::string alternation;
  std::vector<std::string> phrases;
  for (size_t i = 0; i < patterns.size(); ++i) {
    if (ExpandPhrases(patterns[i], kMaxPlainPhrases, &phrases)) {
      for (const std::string& phrase : phrases) list.plain_.Add(index, SplitWords(phrase), 0);
      continue;
    }
    // Checked alone and as written, so the error quotes the pattern of the file.
    RE2 one(patterns[i], PatternOptions());
    if (!one.ok()) return err.At(Child(pointer, i), one.error());
    if (!alternation.empty()) alternation += '|';
    alternation += WordBounded(patterns[i]);
  }
  if (!alternation.empty()) {
    list.regex_ = std::make_unique<RE2>(alternation, PatternOptions());
    if (!list.regex_->ok()) return err.At(pointer, list.regex_->error());
  }
  *out = std::move(list);
  return Status::OK();
}

void PhraseList::Find(const NormalizedText& t, std::optional<bool> regex_found, Spans* out) const {
  out->clear();
  if (index_ == nullptr) return;
  if (!plain_.empty()) {
    std::vector<int> scratch;
    std::vector<PhraseTrie::Hit> hits;
    plain_.Find(index_->IdsOf(t, &scratch), &hits);
    for (const PhraseTrie::Hit& h : hits) out->emplace_back(h.first, h.last);
  }
  if (regex_ != nullptr && regex_found.value_or(true)) {
    std::vector<std::pair<size_t, size_t>> bytes;
    FindAll(*regex_, t.text, &bytes);
    for (const auto& [b, e] : bytes) {
      size_t first = 0, last = 0;
      t.TokenSpan(b, e, &first, &last);
      if (first < last) out->emplace_back(first, last);
    }
    std::sort(out->begin(), out->end());
  }
}

bool PhraseList::Occurs(const NormalizedText& t, std::optional<bool> regex_found) const {
  // A scan's "found" is not proof: a "^" pattern passes a word-start scan anywhere
  // (see MatchAtTokenStarts), so the regex is searched again.
  Spans spans;
  Find(t, regex_found, &spans);
  return !spans.empty();
}

}  // namespace kneebot::intents
