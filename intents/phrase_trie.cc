#include "intents/phrase_trie.h"

#include <algorithm>

namespace kneebot::intents {

int PhraseTrie::Next(int node, int word) const {
  if (word < 0) return -1;
  if (node == 0) {
    return static_cast<size_t>(word) < root_.size() ? root_[static_cast<size_t>(word)] : -1;
  }
  if (edges_.empty()) return -1;
  const uint64_t key = Key(node, word);
  const size_t mask = edges_.size() - 1;
  for (size_t i = Slot(key);; i = (i + 1) & mask) {
    const Edge& e = edges_[i];
    if (e.key == key) return e.child;
    if (e.key == 0) return -1;
  }
}

void PhraseTrie::AddEdge(int node, int word, int child) {
  if (node == 0) {
    if (static_cast<size_t>(word) >= root_.size()) root_.resize(static_cast<size_t>(word) + 1, -1);
    root_[static_cast<size_t>(word)] = child;
    return;
  }
  if (2 * (edge_count_ + 1) > edges_.size()) {
    // Double the table (from 64 slots) and put every edge back.
    std::vector<Edge> old = std::move(edges_);
    edges_.assign(old.empty() ? 64 : 2 * old.size(), Edge{});
    shift_ = 64;
    for (size_t n = edges_.size(); n > 1; n >>= 1) --shift_;
    edge_count_ = 0;
    for (const Edge& e : old) {
      if (e.key != 0) AddEdge(static_cast<int>(e.key >> 32), static_cast<int>(e.key & 0xffffffffu),
                              e.child);
    }
  }
  const uint64_t key = Key(node, word);
  const size_t mask = edges_.size() - 1;
  size_t i = Slot(key);
  while (edges_[i].key != 0) i = (i + 1) & mask;
  edges_[i] = {key, child};
  ++edge_count_;
}

void PhraseTrie::AddEnd(int node, int id) {
  Node& n = nodes_[static_cast<size_t>(node)];
  if (n.end == id) return;
  if (n.end < 0) {
    n.end = id;
    return;
  }
  if (n.more_ends < 0) {
    n.more_ends = static_cast<int>(more_ends_.size());
    more_ends_.emplace_back();
  }
  std::vector<int>& more = more_ends_[static_cast<size_t>(n.more_ends)];
  if (std::find(more.begin(), more.end(), id) == more.end()) more.push_back(id);
}

void PhraseTrie::Add(WordIndex* index, const std::vector<std::string>& words, int id) {
  int node = 0;
  for (const std::string& w : words) {
    const int word = index->Add(w);
    int child = Next(node, word);
    if (child < 0) {
      child = static_cast<int>(nodes_.size());
      nodes_.emplace_back();
      AddEdge(node, word, child);
    }
    node = child;
  }
  AddEnd(node, id);
}

void PhraseTrie::Find(const std::vector<int>& ids, std::vector<Hit>* out) const {
  if (empty()) return;
  const size_t start = out->size();
  for (size_t i = 0; i < ids.size(); ++i) {
    int node = 0;
    for (size_t k = i; k < ids.size(); ++k) {
      node = Next(node, ids[k]);
      if (node < 0) break;
      const Node& n = nodes_[static_cast<size_t>(node)];
      if (n.end >= 0) out->push_back({n.end, i, k + 1});
      if (n.more_ends >= 0) {
        for (int id : more_ends_[static_cast<size_t>(n.more_ends)]) out->push_back({id, i, k + 1});
      }
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
