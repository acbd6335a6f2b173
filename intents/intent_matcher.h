// IntentMatcher: which intents of intents/data/intents.json a message carries.
//
//   {"schema": 1, "intents": [
//     {"id": "ask_ice", "patterns": ["\\bshould i (use )?ice\\b"], "keywords": ["ice pack"]}]}
//
// Patterns are RE2 regexes over normalised text (see normalizer.h), all compiled into
// one RE2::Set scanned at each word start (MatchAtTokenStarts in lexicon.h); a pattern "\b...\b" that stands for a few
// hundred plain phrases at most ("\b(sore|bad) knees?\b") is looked up token by token
// instead (phrase_expander.h, phrase_trie.h), the longest phrase at each start.
// Keywords are plain phrases matched on whole words (normalised the same way, so
// "runner's knee" matches "runners knee"); typos in them are fixed beforehand by the
// Speller. A keyword may belong to one intent only: Rasa's keyword classifier leaves
// overlaps to chance, we refuse them at load.
//
// Ranking: an intent scores by its longest match (longer is more specific), then by
// how many matches it has. An intent whose every match lies inside a longer match of
// another intent is dropped: "ice" inside "ice or heat", "knee" inside "runners knee".
#ifndef KNEEBOT_INTENTS_INTENT_MATCHER_H_
#define KNEEBOT_INTENTS_INTENT_MATCHER_H_

#include <re2/re2.h>
#include <re2/set.h>

#include <memory>
#include <nlohmann/json.hpp>
#include <string>
#include <vector>

#include "bot/status.h"
#include "intents/negation.h"
#include "intents/normalizer.h"
#include "intents/phrase_set.h"
#include "intents/phrase_trie.h"
#include "intents/word_index.h"

namespace kneebot::intents {

class IntentMatcher {
 public:
  struct Hit {
    int intent;  // index into ids()
    int score;
  };

  IntentMatcher(const IntentMatcher&) = delete;
  IntentMatcher& operator=(const IntentMatcher&) = delete;

  // Validates and compiles the parsed intents.json, numbering the words of its plain
  // phrases in `index` (which must outlive the matcher). Errors name "intents.json" and
  // the JSON pointer: "intents.json:/intents/0/patterns/0: missing ): (unclosed".
  static Status Load(const nlohmann::json& doc, WordIndex* index,
                     std::unique_ptr<IntentMatcher>* out);

  // Matched intents, best first. A match of an intent in `negatable` (indexes) that
  // starts inside a negation ("no chest pain") does not count; `marks` has one Scope
  // per token, or is empty.
  std::vector<Hit> Match(const NormalizedText& t, const std::vector<Scope>& marks = {},
                         const std::vector<int>& negatable = {}) const;
  // The same, given which patterns() matched t (their indexes): for a caller that
  // scans for these patterns together with others in one RE2::Set.
  std::vector<Hit> MatchGiven(const NormalizedText& t, const std::vector<int>& pattern_hits,
                              const std::vector<Scope>& marks,
                              const std::vector<int>& negatable) const;
  // Which patterns() match t, as MatchGiven takes them.
  std::vector<int> PatternHits(const NormalizedText& t) const;
  // The regex sources, in the order pattern indexes count them (patterns that stand
  // for plain phrases are looked up token by token instead, and are not among them).
  const std::vector<std::string>& patterns() const { return sources_; }

  const std::vector<std::string>& ids() const { return ids_; }
  int Index(std::string_view id) const;
  // Every word of every keyword (the Speller's dictionary).
  std::vector<std::string> KeywordWords() const;
  // The plain words written in the patterns: real words the Speller must not "fix".
  const std::vector<std::string>& pattern_words() const { return pattern_words_; }

 private:
  explicit IntentMatcher(WordIndex* index);
  struct Pattern {
    int intent;
    std::unique_ptr<RE2> re;
  };

  const WordIndex* index_;
  std::vector<std::string> ids_;
  std::vector<Pattern> patterns_;
  std::unique_ptr<RE2::Set> set_;
  PhraseSet keywords_;  // tag: intent index
  std::vector<std::vector<std::string>> keyword_words_;
  std::vector<std::string> pattern_words_;
  std::vector<std::string> sources_;
  // Patterns that stand for plain phrases (phrase_expander.h), by id; plain_intent_[id]
  // is the intent.
  PhraseTrie plain_;
  std::vector<int> plain_intent_;
};

// The runs of 3+ letters in a regex source: "swell(s|ed)? up" -> "swell", "up"... A rough
// but safe list of the words a pattern was written to match.
void AddPatternWords(std::string_view pattern, std::vector<std::string>* out);

}  // namespace kneebot::intents

#endif  // KNEEBOT_INTENTS_INTENT_MATCHER_H_
