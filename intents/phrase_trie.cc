#include "intents/phrase_trie.h"

#include <algorithm>

namespace kneebot::intents {

int PhraseTrie::Next(int node, int word) const {
  if (word < 0) return -1;
  if (node == 0) {
    return static_cast<size_t>(word) < root_.size() ? root_[static_cast<size_t>(word)] : -1;
  }
  const auto& next = nodes_[static_cast<size_t>(node)].next;
  auto it = std::lower_bound(next.begin(), next.end(), std::make_pair(word, -1));
  return it != next.end() && it->first == word ? it->second : -1;
}

void PhraseTrie::Add(WordIndex* index, const std::vector<std::string>& words, int id) {
  int node = 0;
  for (const std::string& w : words) {
    const int word = index->Add(w);
    int child = Next(node, word);
    if (child < 0) {
      child = static_cast<int>(nodes_.size());
      nodes_.emplace_back();
      if (node == 0) {
        if (static_cast<size_t>(word) >= root_.size()) root_.resize(static_cast<size_t>(word) + 1, -1);
        root_[static_cast<size_t>(word)] = child;
      } else {
        auto& next = nodes_[static_cast<size_t>(node)].next;
        next.insert(std::lower_bound(next.begin(), next.end(), std::make_pair(word, -1)),
                    {word, child});
      }
    }
    node = child;
  }
  std::vector<int>& ends = nodes_[static_cast<size_t>(node)].ends;
  if (std::find(ends.begin(), ends.end(), id) == ends.end()) ends.push_back(id);
}

void PhraseTrie::Find(const std::vector<int>& ids, std::vector<Hit>* out) const {
  if (empty()) return;
  const size_t start = out->size();
  for (size_t i = 0; i < ids.size(); ++i) {
    int node = 0;
    for (size_t k = i; k < ids.size(); ++k) {
      node = Next(node, ids[k]);
      if (node < 0) break;
      for (int id : nodes_[static_cast<size_t>(node)].ends) out->push_back({id, i, k + 1});
    }
  }
  if (out->size() == start) return;
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
