// PhraseSet: short word sequences ("did not", "apart from", "ice pack") found token by
// token, longest first. Used for negation triggers and intent keywords, where a
// phrase must match whole words and regexes would be overkill.
#ifndef KNEEBOT_INTENTS_PHRASE_SET_H_
#define KNEEBOT_INTENTS_PHRASE_SET_H_

#include <cstddef>
#include <functional>
#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

namespace kneebot::intents {

class PhraseSet {
 public:
  // `words` is the phrase split into tokens (already normalised); `tag` is returned on
  // a match. Returns false if the very same phrase was added before.
  bool Add(std::vector<std::string> words, int tag);

  // The longest phrase starting at words[i]: its length in tokens (0 for none) and its
  // tag in *tag.
  size_t LongestAt(const std::vector<std::string_view>& words, size_t i, int* tag) const;

  // The tag of an exact phrase, or -1.
  int Find(const std::vector<std::string>& words) const;

  bool empty() const { return by_first_.empty(); }

 private:
  struct Hash {
    using is_transparent = void;
    size_t operator()(std::string_view s) const { return std::hash<std::string_view>()(s); }
  };
  struct Phrase {
    std::vector<std::string> words;
    int tag;
  };
  std::unordered_map<std::string, std::vector<Phrase>, Hash, std::equal_to<>> by_first_;
};

// The words of a NormalizedText-like token list, as views (for PhraseSet).
std::vector<std::string> SplitWords(std::string_view normalized);

}  // namespace kneebot::intents

#endif  // KNEEBOT_INTENTS_PHRASE_SET_H_
