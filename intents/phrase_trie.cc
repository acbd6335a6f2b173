#include "intents/phrase_trie.h"

#include <algorithm>

namespace kneebot::intents {

void PhraseTrie::Add(std::vector<std::string> words, int id) {
  int node = 0;
  for (std::string& word : words) {
    auto [it, added] = nodes_[static_cast<size_t>(node)].next.try_emplace(
        std::move(word), static_cast<int>(nodes_.size()));
    node = it->second;
    if (added) nodes_.emplace_back();
  }
  std::vector<int>& ends = nodes_[static_cast<size_t>(node)].ends;
  if (std::find(ends.begin(), ends.end(), id) == ends.end()) ends.push_back(id);
}

void PhraseTrie::Find(const NormalizedText& t, std::vector<Hit>* out) const {
  if (empty()) return;
  const size_t start = out->size();
  for (size_t i = 0; i < t.size(); ++i) {
    const Node* node = &nodes_[0];
    for (size_t k = i; k < t.size(); ++k) {
      auto it = node->next.find(t.word(k));
      if (it == node->next.end()) break;
      node = &nodes_[static_cast<size_t>(it->second)];
      for (int id : node->ends) out->push_back({id, i, k + 1});
    }
  }
  // Per id, leftmost-longest and non-overlapping, like successive regex searches.
  std::sort(out->begin() + static_cast<std::ptrdiff_t>(start), out->end(),
            [](const Hit& a, const Hit& b) {
              if (a.id != b.id) return a.id < b.id;
              if (a.first != b.first) return a.first < b.first;
              return a.last > b.last;
            });
  size_t kept = start;
  for (size_t k = start; k < out->size(); ++k) {
    const Hit& h = (*out)[k];
    if (kept > start) {
      const Hit& prev = (*out)[kept - 1];
      if (prev.id == h.id && h.first < prev.last) continue;
    }
    (*out)[kept++] = h;
  }
  out->resize(kept);
}

}  // namespace kneebot::intents
