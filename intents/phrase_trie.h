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
  struct Node {
    std::vector<std::pair<int, int>> next;  // (word id, node), sorted by word id
    std::vector<int> ends;                  // ids of the phrases ending here
  };
  // The node after `node` on word `word`, or -1.
  int Next(int node, int word) const;

  // The root's children by word id (-1 for none): most tokens stop here, in one load.
  std::vector<int> root_;
  std::vector<Node> nodes_ = std::vector<Node>(1);  // nodes_[0] is the root
};

}  // namespace kneebot::intents

#endif  // KNEEBOT_INTENTS_PHRASE_TRIE_H_
