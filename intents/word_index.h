// WordIndex: the words the matchers of one Understander know, each given a small
// number, so that a message's words are looked up once and every table after that
// compares numbers. The negation triggers, short answers, keywords, phrase tables and
// the speller all add their words to the same index at load; a message is tagged once
// (after the speller, again if it changed anything) and they all read its ids.
//
//   WordIndex words;
//   const int knee = words.Add("knee");
//   NormalizedText t = Normalize("my knee");
//   words.Tag(&t);  // t.ids == {WordIndex::kUnknown, knee}
//
// Why: a message used to be hashed word by word once per table (seven tables), which
// was a quarter of the matcher's time.
#ifndef KNEEBOT_INTENTS_WORD_INDEX_H_
#define KNEEBOT_INTENTS_WORD_INDEX_H_

#include <functional>
#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

#include "intents/normalizer.h"

namespace kneebot::intents {

class WordIndex {
 public:
  // The id of a word no table knows.
  static constexpr int kUnknown = -1;

  // The id of `word`, numbering it if it is new. Ids count up from 0.
  int Add(std::string_view word);
  // The id of `word`, or kUnknown.
  int Find(std::string_view word) const;
  size_t size() const { return ids_.size(); }

  // Fills t->ids with the id of each token and marks t as tagged by this index.
  void Tag(NormalizedText* t) const;
  // The ids of t's tokens: t.ids when this index tagged t, otherwise looked up into
  // *scratch (a text normalised on the side, or a unit test's).
  const std::vector<int>& IdsOf(const NormalizedText& t, std::vector<int>* scratch) const;

 private:
  struct Hash {
    using is_transparent = void;
    size_t operator()(std::string_view s) const { return std::hash<std::string_view>()(s); }
  };
  void Lookup(const NormalizedText& t, std::vector<int>* out) const;

  std::unordered_map<std::string, int, Hash, std::equal_to<>> ids_;
};

}  // namespace kneebot::intents

#endif  // KNEEBOT_INTENTS_WORD_INDEX_H_
