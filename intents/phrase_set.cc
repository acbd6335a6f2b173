#include "intents/phrase_set.h"

#include <algorithm>

namespace kneebot::intents {

bool PhraseSet::Add(std::vector<std::string> words, int tag) {
  if (words.empty()) return false;
  if (Find(words) >= 0) return false;
  auto& list = by_first_[words.front()];
  list.push_back({std::move(words), tag});
  // Longest first, so LongestAt can stop at the first hit.
  std::stable_sort(list.begin(), list.end(), [](const Phrase& a, const Phrase& b) {
    return a.words.size() > b.words.size();
  });
  return true;
}

size_t PhraseSet::LongestAt(const std::vector<std::string_view>& words, size_t i, int* tag) const {
  if (i >= words.size()) return 0;
  auto it = by_first_.find(words[i]);
  if (it == by_first_.end()) return 0;
  for (const Phrase& p : it->second) {
    if (i + p.words.size() > words.size()) continue;
    bool match = true;
    for (size_t k = 1; k < p.words.size() && match; ++k) match = words[i + k] == p.words[k];
    if (match) {
      *tag = p.tag;
      return p.words.size();
    }
  }
  return 0;
}

int PhraseSet::Find(const std::vector<std::string>& words) const {
  if (words.empty()) return -1;
  auto it = by_first_.find(std::string_view(words.front()));
  if (it == by_first_.end()) return -1;
  for (const Phrase& p : it->second) {
    if (p.words == words) return p.tag;
  }
  return -1;
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
