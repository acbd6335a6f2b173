// PhraseSet: short word sequences ("did not", "apart from", "ice pack") found token by
// token, longest first. Used for negation triggers and intent keywords, where a
// phrase must match whole words and regexes would be overkill. Words are compared by
// their WordIndex ids, so a message's words are looked up once for every set.
#ifndef KNEEBOT_INTENTS_PHRASE_SET_H_
#define KNEEBOT_INTENTS_PHRASE_SET_H_

#include <cstddef>
#include <string>
#include <string_view>
#include <vector>

#include <nlohmann/json.hpp>

#include "bot/status.h"
#include "intents/data_loader.h"
#include "intents/word_index.h"

namespace kneebot::intents {

class PhraseSet {
 public:
  // `words` is the phrase split into tokens (already normalised), numbered in `index`;
  // `tag` is returned on a match. Returns false if the very same phrase was added before.
  bool Add(WordIndex* index, const std::vector<std::string>& words, int tag);

  // The longest phrase starting at token i of a message whose word ids are `ids`: its
  // length in tokens (0 for none) and its tag in *tag.
  size_t LongestAt(const std::vector<int>& ids, size_t i, int* tag) const;

  // The tag of an exact phrase, or -1.
  int Find(const WordIndex& index, const std::vector<std::string>& words) const;

  bool empty() const { return groups_.empty(); }

 private:
  struct Phrase {
    std::vector<int> words;
    int tag;
  };
  int FindIds(const std::vector<int>& ids) const;

  std::vector<int> by_first_;                // first word id -> index into groups_, or -1
  std::vector<std::vector<Phrase>> groups_;  // phrases of one first word, longest first
};

// The words of a normalised string (tokens are separated by single spaces).
std::vector<std::string> SplitWords(std::string_view normalized);

// Reads the array of phrases at `pointer` of a data file into `set`, each normalised,
// numbered in `index` and tagged `tag`. The error names a phrase with no words or one
// listed twice.
Status LoadPhrases(const DataError& err, const nlohmann::json& arr, const std::string& pointer,
                   int tag, WordIndex* index, PhraseSet* set);

}  // namespace kneebot::intents

#endif  // KNEEBOT_INTENTS_PHRASE_SET_H_
