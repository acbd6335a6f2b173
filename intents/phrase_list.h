// PhraseList: one list of phrases from lexicon.json (RE2 patterns over normalised text,
// matched on word boundaries, like the slot phrases) found as token spans. Phrases that
// are plain words, or simple patterns standing for a few hundred plain phrases at most
// (phrase_expander.h), are looked up by word id in a PhraseTrie; only the others go
// through RE2, as one alternation.
//
//   "knee": ["knees?", "kneecaps?", "patella"]     -> all plain: no regex at all
//   "corrections": ["actually", "i meant", "^wait"] -> "^wait" alone is a regex
//
// Why: the cue lists (knee words, other body parts, complaint words, severity words)
// used to be RE2 alternations, each scanned and then searched again to learn where it
// matched; a lookup by word id costs a fraction of that.
#ifndef KNEEBOT_INTENTS_PHRASE_LIST_H_
#define KNEEBOT_INTENTS_PHRASE_LIST_H_

#include <re2/re2.h>

#include <cstddef>
#include <memory>
#include <nlohmann/json.hpp>
#include <optional>
#include <string>
#include <utility>
#include <vector>

#include "bot/status.h"
#include "intents/data_loader.h"
#include "intents/normalizer.h"
#include "intents/phrase_trie.h"
#include "intents/word_index.h"

namespace kneebot::intents {

class PhraseList {
 public:
  // Token spans [first, last).
  using Spans = std::vector<std::pair<size_t, size_t>>;

  // Reads the array of patterns at `pointer`: it must not be empty, and an error names
  // the pattern that does not compile. Plain words are numbered in `index`, which must
  // outlive the list.
  static Status Load(const DataError& err, const nlohmann::json& arr, const std::string& pointer,
                     WordIndex* index, PhraseList* out);

  // Where the phrases occur, ordered by their first token. `regex_found` says whether a
  // caller's own scan already found regex() in t (it is then run only if so); without
  // it the regex is run whenever there is one.
  void Find(const NormalizedText& t, std::optional<bool> regex_found, Spans* out) const;
  // Whether any phrase occurs, with `regex_found` as in Find.
  bool Occurs(const NormalizedText& t, std::optional<bool> regex_found) const;

  // The word-bounded alternation of the phrases that are not plain, or null when all
  // of them are: a caller may add it to its own RE2::Set scan.
  const RE2* regex() const { return regex_.get(); }
  bool loaded() const { return index_ != nullptr; }

 private:
  const WordIndex* index_ = nullptr;
  PhraseTrie plain_;  // every phrase has id 0
  std::unique_ptr<RE2> regex_;
};

}  // namespace kneebot::intents

#endif  // KNEEBOT_INTENTS_PHRASE_LIST_H_
