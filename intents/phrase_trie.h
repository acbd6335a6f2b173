// PhraseTrie: many plain phrases (words and single spaces), each standing for an id,
// found token by token in a message with a regex's leftmost-longest, non-overlapping
// matches per id, as FindAll would report them for a regex that stands for all of that
// id's phrases (see phrase_expander.h). Words are compared by their WordIndex ids.
//
//   WordIndex words;
//   PhraseTrie trie;
//   trie.Add(&words, {"pins", "and", "needles"}, 7);
//   NormalizedText t = Normalize("no pins and needles");
//   words.Tag(&t);
//   trie.Find(t.ids, &hits);  // {7, tokens 1..4}
#ifndef KNEEBOT_INTENTS_PHRASE_TRIE_H_
#define KNEEBOT_INTENTS_PHRASE_TRIE_H_

#include <cstddef>
#include <cstdint>
#include <string>
#include <utility>
#include <vector>

#include "intents/word_index.h"

namespace kneebot::intents {

class PhraseTrie {
 public:
  struct Hit {
    int id;
    size_t first, last;  // tokens [first, last)
  };

  // Adds a phrase, numbering its words in `index`.
  void Add(WordIndex* index, const std::vector<std::string>& words, int id);
  bool empty() const { return nodes_.size() <= 1; }

  // Appends the matches of every id in a message whose word ids are `ids`: at each
  // start the longest phrase, and no match of an id starting inside an earlier match of
  // the same id.
  void Find(const std::vector<int>& ids, std::vector<Hit>* out) const;

 private:
  // Edges below the root live in one open-addressing table keyed by (node, word): a
  // step is one probe, where sorted child lists cost a binary search over hundreds of
  // children for words like "my" or "the".
  struct Edge {
    uint64_t key = 0;  // Key(node, word); 0 is an empty slot (the root has no edges here)
    int child = -1;
  };
  struct Node {
    int end = -1;        // the id of a phrase ending here, or -1
    int more_ends = -1;  // index into more_ends_ when several phrases end here
  };
  static uint64_t Key(int node, int word) {
    return (static_cast<uint64_t>(static_cast<uint32_t>(node)) << 32) |
           static_cast<uint32_t>(word);
  }
  size_t Slot(uint64_t key) const {
    return static_cast<size_t>((key * 0x9E3779B97F4A7C15ull) >> shift_);
  }
  // The node after `node` on word `word`, or -1.
  int Next(int node, int word) const;
  void AddEdge(int node, int word, int child);
  void AddEnd(int node, int id);

  // The root's children by word id (-1 for none): most tokens stop here, in one load.
  std::vector<int> root_;
  std::vector<Edge> edges_;  // a power of two long, at most half full
  size_t edge_count_ = 0;
  int shift_ = 64;
  std::vector<Node> nodes_ = std::vector<Node>(1);  // nodes_[0] is the root
  std::vector<std::vector<int>> more_ends_;
};

}  // namespace kneebot::intents

#endif  // KNEEBOT_INTENTS_PHRASE_TRIE_H_
