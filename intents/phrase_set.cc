#include "intents/phrase_set.h"

#include <algorithm>

#include "intents/normalizer.h"

namespace kneebot::intents {

bool PhraseSet::Add(WordIndex* index, const std::vector<std::string>& words, int tag) {
  if (words.empty()) return false;
  std::vector<int> ids;
  ids.reserve(words.size());
  for (const std::string& w : words) ids.push_back(index->Add(w));
  if (FindIds(ids) >= 0) return false;
  const auto first = static_cast<size_t>(ids.front());
  if (first >= by_first_.size()) by_first_.resize(first + 1, -1);
  if (by_first_[first] < 0) {
    by_first_[first] = static_cast<int>(groups_.size());
    groups_.emplace_back();
  }
  auto& list = groups_[static_cast<size_t>(by_first_[first])];
  list.push_back({std::move(ids), tag});
  // Longest first, so LongestAt can stop at the first hit.
  std::stable_sort(list.begin(), list.end(), [](const Phrase& a, const Phrase& b) {
    return a.words.size() > b.words.size();
  });
  return true;
}

size_t PhraseSet::LongestAt(const std::vector<int>& ids, size_t i, int* tag) const {
  if (i >= ids.size()) return 0;
  const int first = ids[i];
  if (first < 0 || static_cast<size_t>(first) >= by_first_.size() || by_first_[first] < 0) {
    return 0;
  }
  for (const Phrase& p : groups_[static_cast<size_t>(by_first_[first])]) {
    if (i + p.words.size() > ids.size()) continue;
    if (std::equal(p.words.begin() + 1, p.words.end(), ids.begin() + static_cast<long>(i) + 1)) {
      *tag = p.tag;
      return p.words.size();
    }
  }
  return 0;
}

int PhraseSet::FindIds(const std::vector<int>& ids) const {
  if (ids.empty() || ids.front() < 0) return -1;
  const auto first = static_cast<size_t>(ids.front());
  if (first >= by_first_.size() || by_first_[first] < 0) return -1;
  for (const Phrase& p : groups_[static_cast<size_t>(by_first_[first])]) {
    if (p.words == ids) return p.tag;
  }
  return -1;
}

int PhraseSet::Find(const WordIndex& index, const std::vector<std::string>& words) const {
  std::vector<int> ids;
  ids.reserve(words.size());
  for (const std::string& w : words) {
    ids.push_back(index.Find(w));
    if (ids.back() < 0) return -1;  // a word no phrase has
  }
  return FindIds(ids);
}

Status LoadPhrases(const DataError& err, const nlohmann::json& arr, const std::string& pointer,
                   int tag, WordIndex* index, PhraseSet* set) {
  std::vector<std::string> phrases;
  Status s = ReadStrings(err, arr, pointer, &phrases);
  if (!s.ok()) return s;
  for (size_t i = 0; i < phrases.size(); ++i) {
    std::vector<std::string> words = SplitWords(Normalize(phrases[i]).text);
    if (words.empty()) return err.At(Child(pointer, i), "has no words");
    if (!set->Add(index, words, tag)) {
      return err.At(Child(pointer, i), "'" + phrases[i] + "' is listed twice");
    }
  }
  return Status::OK();
}

std::vector<std::string> SplitWords(std::string_view normalized) {
  std::vector<std::string> out;
  size_t i = 0;
  while (i < normalized.size()) {
    size_t j = normalized.find(' ', i);
    if (j == std::string_view::npos) j = normalized.size();
    if (j > i) out.emplace_back(normalized.substr(i, j - i));
    i = j + 1;
  }
  return out;
}

}  // namespace kneebot::intents
