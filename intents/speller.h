// Speller: fixes typos in the words the matchers care about, before any matching.
//
//   "my knee is swolen, can i take ibuprofin?" -> "... swollen ... ibuprofen ?"
//
// Only words of the dictionary (every intent keyword word, plus lexicon.json
// "spelling") are targets, and only words that are not themselves known are changed.
// The allowed distance follows the shorter of the word and the target: one edit
// (insert, delete, substitute or swap two neighbours) for 5 to 7 letters, two for 8 or
// more. Four-letter words get only the two typos that cannot make another short word
// by accident: a letter left out inside the word ("fevr" -> "fever") and two inner
// letters swapped ("pian" -> "pain"); any word may also lose a doubled letter ("calff"
// -> "calf", "numbb" -> "numb"). A word that is a known word or a dictionary word plus
// or minus a common ending ("exercise"/"exercises", "sudden"/"suddenly") is left alone.
// Words of three letters or fewer are never touched ("ice"/"ace", "run"/"ran"): too
// many real words lie one edit apart. A fix must keep the first letter, which rules out
// most accidental real-word hits ("talking" never becomes "walking"), and a word with
// two equally close targets is left alone.
//
// Lookups use precomputed deletions (the SymSpell idea), so a message costs a few
// hash lookups per unknown word, not a scan of the dictionary. Known words are found by
// the id the message's WordIndex tagging already gave them: no lookup at all.
#ifndef KNEEBOT_INTENTS_SPELLER_H_
#define KNEEBOT_INTENTS_SPELLER_H_

#include <string>
#include <string_view>
#include <unordered_map>
#include <unordered_set>
#include <vector>

#include "intents/normalizer.h"
#include "intents/word_index.h"

namespace kneebot::intents {

class Speller {
 public:
  // `dictionary`: words to correct towards. `known`: real words never corrected (the
  // dictionary words are known too). Both are numbered in `index`, which must outlive
  // the speller.
  void Build(const std::vector<std::string>& dictionary, const std::vector<std::string>& known,
             WordIndex* index);
  // Fixed respellings of short words the distance rule may not touch ("kne" -> "knee").
  void AddRespelling(std::string from, std::string to);

  // `t` with its typos fixed; returns false (and leaves *out alone) when nothing changed.
  bool Correct(const NormalizedText& t, NormalizedText* out) const;

  // The dictionary word `word` is a typo of, or "" (exposed for tests).
  std::string_view Fix(std::string_view word) const;

  // Optimal string alignment distance, giving up (returning limit + 1) beyond `limit`.
  static int Distance(std::string_view a, std::string_view b, int limit);

 private:
  struct Hash {
    using is_transparent = void;
    size_t operator()(std::string_view s) const { return std::hash<std::string_view>()(s); }
  };
  static int Allowed(size_t length) { return length >= 8 ? 2 : length >= 5 ? 1 : 0; }
  bool Known(std::string_view word) const { return known_.find(word) != known_.end(); }
  bool InflectionOfKnown(std::string_view word) const;
  // The dictionary word `word` is with one doubled letter undone, or "".
  std::string_view Undoubled(std::string_view word) const;
  // The fixes allowed for a four-letter word (see above), or "".
  std::string_view FixFourLetters(std::string_view word) const;
  std::string_view Target(const std::string& candidate) const {
    auto it = targets_.find(candidate);
    return it == targets_.end() ? std::string_view() : std::string_view(*it);
  }

  // Every known word and respelling is numbered here, so a word the index does not
  // know is neither: only a long one can be a typo.
  WordIndex* index_ = nullptr;
  // By word id: a known word that is not respelt, which Correct can pass over.
  std::vector<bool> settled_;
  std::unordered_set<std::string, Hash, std::equal_to<>> known_;
  std::vector<std::string> words_;
  std::unordered_set<std::string, Hash, std::equal_to<>> targets_;  // dictionary, 4+ letters
  std::unordered_map<std::string, std::vector<int>, Hash, std::equal_to<>> deletes_;
  std::unordered_map<std::string, std::string, Hash, std::equal_to<>> respell_;
};

}  // namespace kneebot::intents

#endif  // KNEEBOT_INTENTS_SPELLER_H_
