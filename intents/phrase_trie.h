// PhraseTrie: many plain phrases (words and single spaces), each standing for an id,
// found token by token in a NormalizedText with a regex's leftmost-longest,
// non-overlapping matches per id, as FindAll would report them for a regex that
// stands for all of that id's phrases (see phrase_expander.h).
//
//   PhraseTrie trie;
//   trie.Add({"pins", "and", "needles"}, 7);
//   trie.Find(Normalize("no pins and needles"), &hits);  // {7, tokens 1..4}
#ifndef KNEEBOT_INTENTS_PHRASE_TRIE_H_
#define KNEEBOT_INTENTS_PHRASE_TRIE_H_

#include <cstddef>
#include <functional>
#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

#include "intents/normalizer.h"

namespace kneebot::intents {

class PhraseTrie {
 public:
  struct Hit {
    int id;
    size_t first, last;  // tokens [first, last)
  };

  void Add(std::vector<std::string> words, int id);
  bool empty() const { return nodes_.size() <= 1; }

  // Appends the matches of every id: at each start the longest phrase, and no match
  // of an id starting inside an earlier match of the same id.
  void Find(const NormalizedText& t, std::vector<Hit>* out) const;

 private:
  struct Hash {
    using is_transparent = void;
    size_t operator()(std::string_view s) const { return std::hash<std::string_view>()(s); }
  };
  struct Node {
    std::unordered_map<std::string, int, Hash, std::equal_to<>> next;
    std::vector<int> ends;  // ids of the phrases ending here
  };
  std::vector<Node> nodes_ = std::vector<Node>(1);  // nodes_[0] is the root
};

}  // namespace kneebot::intents

#endif  // KNEEBOT_INTENTS_PHRASE_TRIE_H_
